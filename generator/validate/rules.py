"""Legal and practice rules of Dutch procurement, applied as part of the validate stage.

The rules themselves (values, articles, sources, the date from which each applies) are data in
rules.yaml (read by validate/rulebook.py); this module and validate/rules_procedure.py hold one check
per rule id. Every message quotes the rule's article (for a procedure outside the Aanbestedingswet the
article of its own basis, or the rule does not apply).
"""
from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from generator.core.errors import ErrorList
from generator.core.kinds import noun_of
from generator.core.procedures import MILESTONE_KINDS, PROCEDURES
from generator.core.text import count, date_and_time, dutch_date, number
from generator.load.project import LoadedDocument, LoadedProject
from generator.load.yamlsource import YamlDocument
from generator.validate.rulebook import CHECKS, RULES, Context, Rule, check
from generator.validate.rules_procedure import ADMISSION_CHOICE, check_procedure_fields

__all__ = ["CHECKS", "RULES", "Rule", "apply_rules", "lot_weights"]

ORDER_CHAINS = (
    ("publicatie", "vragen", "nvi", "inschrijving", "gunningsbeslissing", "einde-standstill",
     "definitieve-gunning", "start-contract"),
    ("publicatie", "aanmelding", "preselectie", "dialoog", "uitnodiging", "inschrijving"),
)
ELECTRONIC_REDUCTION = 5  # days, Aw 2012 art. 2.74a
#: kinds that may occur more than once (core/procedures.py): rounds of questions, notas, entry moments
REPEATABLE_KINDS = tuple(kind for kind, spec in MILESTONE_KINDS.items() if spec.repeatable)


def _days(ctx: Context, rule: Rule, before: str, after: str, minimum: int, report, what: str) -> None:
    first, second = ctx.milestone(before), ctx.milestone(after)
    if not first or not second:
        return
    days = (second[1]["date"] - first[1]["date"]).days
    if days < minimum:
        report("tender", ("planning", second[0], "date"),
               f"{what}: van {before} ({dutch_date(first[1]['date'])}) tot {after} ({dutch_date(second[1]['date'])}) "
               f"is {count(days, 'dag', 'dagen')}; minimaal {minimum} {rule.unit}: zet {after} op "
               f"{dutch_date(first[1]['date'] + datetime.timedelta(days=minimum))} of later")


def _electronic(ctx: Context) -> bool:
    return bool(ctx.tender.data.get("electronic_submission", True)) if ctx.tender else True


@check("standstill")
def _standstill(rule: Rule, ctx: Context, report) -> None:
    if ctx.standstill_exception:
        return  # no standstill period (rule standstill-uitzondering checks that the exception holds)
    _days(ctx, rule, "gunningsbeslissing", "einde-standstill", int(rule.value), report,
          "de opschortende termijn is te kort")


@check("nvi-europees")
def _nvi_eu(rule: Rule, ctx: Context, report) -> None:
    _nvi(rule, ctx, report)


@check("nvi-nationaal")
def _nvi_national(rule: Rule, ctx: Context, report) -> None:
    _nvi(rule, ctx, report)


def _nvi(rule: Rule, ctx: Context, report) -> None:
    deadline = ctx.milestone("inschrijving")
    if not deadline:
        return
    nvi = ctx.milestone("nvi", last=True)  # the last round is the one closest to the deadline
    if nvi and (deadline[1]["date"] - nvi[1]["date"]).days < rule.value:
        days = (deadline[1]["date"] - nvi[1]["date"]).days
        report("tender", ("planning", nvi[0], "date"),
               f"de nota van inlichtingen ({dutch_date(nvi[1]['date'])}) komt {count(days, 'dag', 'dagen')} vóór de "
               "sluiting van de "
               f"inschrijving ({dutch_date(deadline[1]['date'])}); minimaal {number(rule.value)} dagen: publiceer haar "
               f"uiterlijk {dutch_date(deadline[1]['date'] - datetime.timedelta(days=int(rule.value)))}")
    if "questions" in ctx.valid:
        questions = ctx.valid["questions"]
        for i, round_ in enumerate(questions.data["rounds"]):
            days = (deadline[1]["date"] - round_["date"]).days
            if days < rule.value:
                report("questions", ("rounds", i, "date"),
                       f"nota van inlichtingen '{round_['id']}' ({dutch_date(round_['date'])}) komt "
                       f"{count(days, 'dag', 'dagen')} vóór "
                       f"de sluiting van de inschrijving; minimaal {number(rule.value)} dagen")


@check("termijn-openbaar")
def _open_period(rule: Rule, ctx: Context, report) -> None:
    minimum = int(rule.value) - (ELECTRONIC_REDUCTION if _electronic(ctx) else 0)
    _days(ctx, rule, "publicatie", "inschrijving", minimum, report, "de inschrijftermijn is te kort")


@check("termijn-aanmelding")
def _request_period(rule: Rule, ctx: Context, report) -> None:
    _days(ctx, rule, "publicatie", "aanmelding", int(rule.value), report, "de aanmeldtermijn is te kort")


@check("termijn-niet-openbaar")
def _restricted_period(rule: Rule, ctx: Context, report) -> None:
    minimum = int(rule.value) - (ELECTRONIC_REDUCTION if _electronic(ctx) else 0)
    _days(ctx, rule, "uitnodiging", "inschrijving", minimum, report, "de inschrijftermijn na de uitnodiging is te kort")


@check("drempel-sociale-diensten")
def _threshold(rule: Rule, ctx: Context, report) -> None:
    value = ctx.tender.data.get("estimated_value") if ctx.tender else None
    if value is None:
        return
    period = rule.period(ctx.reference_date())
    if period is None:
        when = ctx.reference_date()
        assert when is not None  # without a date the last period counts
        first, last = rule.periods[0].start, rule.periods[-1].end
        report("tender", ("estimated_value",),
               f"Bestek kent de EU-drempel voor sociale en andere specifieke diensten op {dutch_date(when)} niet "
               f"(bekend van {dutch_date(first)} tot en met {dutch_date(last)}); controleer de drempel bij PIANOo "
               "en werk Bestek bij: zonder drempel is niet na te gaan of een aankondiging verplicht is",
               warning=True)
        return
    if value >= period.value and not ctx.milestone("publicatie"):
        report("tender", ("estimated_value",),
               f"de geraamde waarde (€ {number(value)}) ligt boven de drempel van € {number(period.value)}: "
               "een aankondiging is verplicht; voeg een mijlpaal met kind 'publicatie' toe")


@check("mijlpalen-procedure")
def _required_milestones(rule: Rule, ctx: Context, report) -> None:
    if ctx.leidraad is None or ctx.procedure is None:
        return
    present = {m.get("kind") for m in ctx.planning}
    for kind in PROCEDURES[ctx.procedure].milestones:
        if kind == "einde-standstill" and ctx.standstill_exception:
            continue  # no standstill period: Aw 2012 art. 2.127 lid 4
        if kind not in present:
            report("tender", ("planning",) if ctx.planning else (),
                   f"de planning mist een mijlpaal met kind '{kind}', verplicht bij procedure '{ctx.procedure}'; voeg "
                   f"er een toe met kind: {kind}")


def _after(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether milestone b comes after milestone a: on a later day, or on the same day after a's time
    (a deadline at 10:00 can be followed the same day by a milestone without a time or a later one)."""
    if b["date"] != a["date"]:
        return b["date"] > a["date"]
    return "time" in a and b.get("time", "24:00") > a["time"]


def _when(milestone: dict[str, Any]) -> str:
    return date_and_time(milestone["date"], milestone.get("time"))


@check("mijlpalen-volgorde")
def _milestone_order(rule: Rule, ctx: Context, report) -> None:
    """Each kind once (rounds of questions and notas may repeat); the kinds in the order of the chains.
    For repeated kinds the first and the last occurrence are each compared with their neighbours."""
    seen: dict[str, list[int]] = {}
    for i, milestone in enumerate(ctx.planning):
        kind = milestone.get("kind", "overig")
        if kind not in ("overig",) + REPEATABLE_KINDS and kind in seen:
            first = ctx.planning[seen[kind][0]]["id"]
            report("tender", ("planning", i, "kind"), f"er is al een mijlpaal met kind '{kind}' ('{first}'); elk "
                                                      "kind komt één keer voor")
            continue
        seen.setdefault(kind, []).append(i)
    for chain in ORDER_CHAINS:
        present = [kind for kind in chain if kind in seen]
        for earlier, later in zip(present, present[1:], strict=False):
            pairs = {(seen[earlier][0], seen[later][0]), (seen[earlier][-1], seen[later][-1])}
            for first, second in sorted(pairs):
                a, b = ctx.planning[first], ctx.planning[second]
                if second > 0 and b["date"] < ctx.planning[second - 1]["date"]:
                    continue  # out of the list's date order: reported as that (crossref.py), one message
                if not _after(a, b):
                    report("tender", ("planning", second, "date"),
                           f"mijlpaal '{b['id']}' ({later}, {_when(b)}) moet na '{a['id']}' ({earlier}, "
                           f"{_when(a)}) liggen; zet '{b['id']}' later of '{a['id']}' eerder")


@check("onderdelen-leidraad")
def _required_sections(rule: Rule, ctx: Context, report) -> None:
    if ctx.procedure is None:
        return
    required = list(PROCEDURES[ctx.procedure].sections) + (["percelen"] if ctx.lots else [])
    for leidraad in ctx.leidraads:
        blocks, noun = {block.name for block in leidraad.outline.blocks}, noun_of(leidraad.front.data)
        for name in required:
            if name not in blocks:
                text = (f"{noun} mist het onderdeel {{{{ {name} }}}}, verplicht bij procedure "
                        f"'{ctx.procedure}'" + (" met percelen" if name == "percelen" else ""))
                if name == "gunningscriteria" and "criteria" not in ctx.project.data:
                    text += ADMISSION_CHOICE
                report(leidraad, (), text)


def _criteria(ctx: Context) -> list[dict[str, Any]]:
    return ctx.valid["criteria"].data["criteria"] if "criteria" in ctx.valid else []


def lot_weights(criteria: list[dict[str, Any]],
                lots: list[dict[str, Any]]) -> dict[str | None, list[tuple[int, float]]]:
    """Per lot id (None without lots): the (criterion index, weight) pairs that count for it."""
    if not lots:
        return {None: [(i, c["weight"]) for i, c in enumerate(criteria) if "weight" in c]}
    result: dict[str | None, list[tuple[int, float]]] = {}
    for lot in lots:
        result[lot["id"]] = [(i, c["weight"] if "weight" in c else c.get("weights", {}).get(lot["id"], 0))
                             for i, c in enumerate(criteria) if "weight" in c or lot["id"] in c.get("weights", {})]
    return result


@check("weging-100")
def _weights(rule: Rule, ctx: Context, report) -> None:
    criteria = _criteria(ctx)
    if not criteria:
        return
    lot_ids = [lot["id"] for lot in ctx.lots]
    shape_ok = True
    for i, criterion in enumerate(criteria):
        if ("weight" in criterion) == ("weights" in criterion):
            shape_ok = False
            report("criteria", ("criteria", i), f"criterium '{criterion['id']}' heeft precies één van 'weight' of "
                                                "'weights' (per perceel) nodig")
        for lot in criterion.get("weights", {}):
            if not lot_ids:
                shape_ok = False
                report("criteria", ("criteria", i, "weights", lot),
                       "er zijn geen percelen in tender.yaml; gebruik 'weight' in plaats van 'weights'")
            elif lot in ctx.untendered_lots:
                shape_ok = False  # reported by validate/tendered.py
            elif lot not in lot_ids:
                shape_ok = False
                report("criteria", ("criteria", i, "weights", lot),
                       f"onbekend perceel '{lot}' (bekend: {', '.join(lot_ids)})")
    if not shape_ok:
        return
    for lot, weights in lot_weights(criteria, ctx.lots).items():
        total = sum(weight for _, weight in weights)
        if abs(total - 100) > 1e-9:
            parts = " + ".join(f"{criteria[i]['id']} {number(w)}" for i, w in weights)
            where = f" voor perceel '{lot}'" if lot else ""
            report("criteria", ("criteria",),
                   f"de wegingen van de gunningscriteria{where} tellen op tot {number(total)}% in plaats van 100% "
                   f"({parts or 'geen criteria'}); pas de wegingen aan tot ze samen 100 zijn")


@check("beste-prijs-kwaliteit")
def _best_price_quality(rule: Rule, ctx: Context, report) -> None:
    criteria = _criteria(ctx)
    if not criteria or (ctx.procedure == "open-house"):
        return
    for lot, weights in lot_weights(criteria, ctx.lots).items():
        quality = sum(w for i, w in weights if criteria[i]["kind"] == "kwaliteit")
        if weights and quality == 0:
            where = f" voor perceel '{lot}'" if lot else ""
            report("criteria", ("criteria",), f"de gunning{where} gebeurt alleen op prijs; jeugdhulp en "
                                              "Wmo-diensten vragen om minstens één kwaliteitscriterium")


@check("open-house-zonder-rangschikking")
def _open_house(rule: Rule, ctx: Context, report) -> None:
    if _criteria(ctx):
        report("criteria", ("criteria",), "bij open house worden aanbieders niet gerangschikt: verwijder de "
                                          "gunningscriteria of kies een andere procedure in tender.yaml")


@check("bewijs-eisen")
def _evidence(rule: Rule, ctx: Context, report) -> None:
    if "requirements" not in ctx.valid:
        return
    for i, requirement in enumerate(ctx.valid["requirements"].data["requirements"]):
        if requirement["kind"] not in ("uitsluitingsgrond", "geschiktheidseis"):
            continue
        for field, what in (("evidence", "het bewijsmiddel"), ("moment", "wanneer het bewijs gevraagd wordt")):
            if field not in requirement:
                report("requirements", ("requirements", i),
                       f"{requirement['kind']} '{requirement['id']}' noemt niet {what} ('{field}')")


def apply_rules(project: LoadedProject, valid: Mapping[str, YamlDocument], documents: list[LoadedDocument],
                errors: ErrorList) -> None:
    """Run every rule that applies to this project's procedure and date; report with the article."""
    ctx = Context(project, valid, documents)
    check_procedure_fields(ctx, errors)
    when = ctx.reference_date()
    for rule in RULES:
        if rule.procedures and ctx.procedure not in rule.procedures:
            continue
        if when is not None and when < rule.applies_from:
            continue
        article = rule.article_for(ctx.procedure)
        if article is None:
            continue  # a rule of the Aanbestedingswet, and this procedure falls outside it

        def report(where: str | LoadedDocument, path: tuple[Any, ...], message: str, rule: Rule = rule,
                   article: str = article, warning: bool = False) -> None:
            if isinstance(where, LoadedDocument):
                file, line, col = where.path, 1, 1
            else:
                document = valid[where]  # rules report only on files that passed their schema
                pos = document.position(path)
                file, line, col = document.path, pos.line, pos.col
            text = f"{message} ({article})"
            (errors.add if rule.severity == "fout" and not warning else errors.warn)(file, line, col, text)

        CHECKS[rule.id](rule, ctx, report)

