"""The rules about the shape of a procedure: the exceptions to the standstill period (Aw 2012 art. 2.127 lid 4),
milestone kinds of one procedure (toetreding: open house), the fields of tender.yaml that need a chosen
procedure, and the choice an officer makes when a tender has no award criteria (admission or award).
"""
from __future__ import annotations

from generator.core.errors import ErrorList
from generator.core.procedures import MILESTONE_KINDS, PROCEDURES, STANDSTILL_EXCEPTIONS
from generator.core.text import dutch_date, number
from generator.validate.rulebook import Context, Rule, check, threshold

#: what an officer who writes a tender without award criteria chooses between (issue 13)
ADMISSION_CHOICE = (
    ", en content/criteria.yaml ontbreekt; kies: gunt u op de beste prijs-kwaliteitverhouding, schrijf dan de "
    "gunningscriteria in content/criteria.yaml en zet {{ gunningscriteria }} in de leidraad; laat u elke aanbieder "
    "toe die aan de eisen voldoet, zonder rangschikking (toelating), schrijf dan in content/tender.yaml "
    "procedure: open-house, met procedure_label voor de naam die uw documenten gebruiken (bijvoorbeeld "
    "procedure_label: toelatingsprocedure)")


@check("standstill-uitzondering")
def _standstill_exception(rule: Rule, ctx: Context, report) -> None:
    ground = ctx.standstill_exception
    if ground is None:
        return
    spec = STANDSTILL_EXCEPTIONS[ground]
    where = ("standstill_exception",)
    if spec.after_bids:
        report("tender", where, f"'{ground}' ({spec.description}) blijkt pas na de inschrijving; de planning kan "
                                "daar niet op rekenen: verwijder standstill_exception en plan de opschortende termijn")
        return
    value = ctx.tender.data.get("estimated_value") if ctx.tender else None
    limit = threshold(ctx)
    if ground == "geen-aankondiging":
        if value is None:
            report("tender", where, "'geen-aankondiging' geldt alleen als de opdracht onder de drempel blijft en geen "
                                    "aankondiging verplicht is; noem de geraamde waarde in estimated_value")
        elif limit is not None and value >= limit.value:
            report("tender", where, f"'geen-aankondiging' geldt alleen als geen aankondiging verplicht is, maar de "
                                    f"geraamde waarde (€ {number(value)}) ligt boven de drempel van "
                                    f"€ {number(limit.value)}: verwijder standstill_exception")
            return
    found = ctx.milestone("einde-standstill")
    if found:
        report("tender", ("planning", found[0], "kind"),
               f"de planning heeft een mijlpaal met kind 'einde-standstill' ('{found[1]['id']}'), maar "
               f"standstill_exception: {ground} zegt dat er geen opschortende termijn is: "
               "verwijder de mijlpaal of standstill_exception")


@check("toetreding-open-house")
def _entry_moments(rule: Rule, ctx: Context, report) -> None:
    """Milestone kinds declared for some procedures only (core/procedures.py): toetreding for open house."""
    publication = ctx.milestone("publicatie")
    for i, milestone in enumerate(ctx.planning):
        kind = milestone.get("kind", "overig")
        allowed = MILESTONE_KINDS[kind].procedures
        if allowed and ctx.procedure not in allowed:
            chosen = f"procedure '{ctx.procedure}'" if ctx.procedure else "een traject zonder procedure"
            report("tender", ("planning", i, "kind"),
                   f"een mijlpaal met kind '{kind}' hoort bij procedure {' of '.join(allowed)} (aanbieders treden "
                   f"toe zonder rangschikking); bij {chosen} schrijft u kind: overig, of kies procedure: "
                   f"{allowed[0]}")
        elif allowed and publication and milestone["date"] < publication[1]["date"]:
            report("tender", ("planning", i, "date"),
                   f"toetredingsmoment '{milestone['id']}' ({dutch_date(milestone['date'])}) ligt vóór de publicatie "
                   f"('{publication[1]['id']}', {dutch_date(publication[1]['date'])}); aanbieders kunnen pas "
                   "toetreden als de voorwaarden bekend zijn: zet het op of na de publicatie")


def check_procedure_fields(ctx: Context, errors: ErrorList) -> None:
    """The fields of tender.yaml that belong to a chosen procedure: procedure_label names it, and
    standstill_exception exists only where there is a standstill period (a rule of the Aw)."""
    if ctx.tender is None:
        return
    data, tender = ctx.tender.data, ctx.tender

    def add(field: str, message: str) -> None:
        pos = tender.position((field,))
        errors.add(tender.path, pos.line, pos.col, message)

    if "procedure_label" in data and ctx.procedure is None:
        add("procedure_label", "procedure_label geeft de procedure een eigen naam, maar tender.yaml noemt geen "
                               f"procedure; schrijf ook procedure: ({', '.join(PROCEDURES)})")
    if "standstill_exception" in data and ctx.procedure is not None and not PROCEDURES[ctx.procedure].under_aw:
        add("standstill_exception", f"bij procedure '{ctx.procedure}' is er geen gunningsbeslissing en geen "
                                    "opschortende termijn: verwijder standstill_exception")
    elif "standstill_exception" in data and ctx.procedure is None:
        add("standstill_exception", "standstill_exception hoort bij een aanbesteding, maar tender.yaml noemt geen "
                                    "procedure; schrijf procedure: sas (of openbaar, niet-openbaar, dialoog)")
