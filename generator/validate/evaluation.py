"""The confidential evaluation (vertrouwelijk/beoordeling.yaml) against the published tender: stage 2 of
`bestek gunning`.

Runs after the project itself passed validation, so the published model is sound. Checks the evaluation's
shape (validate/evaluation_schema.py), its bidders and their tests (exclusion grounds, suitability, the
programma van eisen), the dates (the send date after the submission deadline; the standstill period of
Aw 2012 art. 2.127 ending before the planned final award) and, in validate/evaluation_scores.py, the scores,
prices and ties. Also warns when a bidder's name or a motivation appears in a public document: a likely leak.
What the evaluation is judged by, and the judgements the model of the award shares, are in
validate/evaluation_published.py.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from generator.core.errors import ContentError, ContentErrors, ErrorList
from generator.core.kinds import noun_of, role_of
from generator.core.procedures import STANDSTILL_EXCEPTIONS
from generator.core.scoring import scale_values, standstill_end
from generator.core.text import date_and_time, dutch_date
from generator.load.project import LoadedDocument, LoadedProject
from generator.load.yamlsource import YamlDocument
from generator.validate.evaluation_published import (
    STANDSTILL,
    Published,
    protection_section,
    published,
    standstill_ground,
    unknown,
)
from generator.validate.evaluation_schema import EVALUATION, TEST_NAMES, TESTS
from generator.validate.evaluation_scores import check_scores
from generator.validate.messages import nearest_first
from generator.validate.project import check_schema

WHAT = "de beoordeling (send_date, committee, bidders, evaluations)"


def validate_evaluation(project: LoadedProject, evaluation: YamlDocument | None,
                        load_errors: list[ContentError]) -> list[ContentError]:
    """Check the evaluation; raise ContentErrors with every problem, or return the warnings."""
    errors = ErrorList()
    errors.extend(load_errors)
    model = published(project)
    _check_published(project, model, errors)
    if evaluation is None or not check_schema(evaluation, EVALUATION, errors, WHAT):
        errors.raise_if_any()
        return errors.warnings
    data = evaluation.data
    _check_people(evaluation, errors)
    _check_bidders(evaluation, model, errors)
    _check_dates(evaluation, model, errors)
    if not errors:
        check_scores(evaluation, model, errors)
    _check_leaks(project, data, errors)
    errors.raise_if_any()
    return errors.warnings


def _check_published(project: LoadedProject, model: Published, errors: ErrorList) -> None:
    """What the award needs of the published tender: a procedure that decides by award or admission, a scale
    of numbers for every quality criterion and a formula for every price criterion, and the leidraad's
    section on how to object."""
    tender = model.tender_file
    if not model.procedure or model.procedure == "subsidie":
        what = "geen procedure" if not model.procedure else "de procedure 'subsidie'"
        raise ContentErrors([ContentError(tender.path, tender.position(("procedure",)).line, 1,
                                          f"'bestek gunning' maakt gunningsbeslissingen en toelatingsbesluiten, maar "
                                          f"tender.yaml noemt {what}; kies in tender.yaml de procedure (sas, openbaar, "
                                          "niet-openbaar, dialoog of open-house)")])
    file = model.criteria_file
    for i, criterion in enumerate(model.criteria.values()):
        assert file is not None  # there are criteria
        if criterion["kind"] == "prijs" and "formula" not in criterion:
            pos = file.position(("criteria", i))
            errors.add(file.path, pos.line, pos.col,
                       f"prijscriterium '{criterion['id']}' heeft geen prijsformule; 'bestek gunning' rekent alleen "
                       "met de formule die de leidraad publiceert: voeg formula toe (method: relatief of klassen, zie "
                       "docs/award.md)")
        elif criterion["kind"] != "prijs" and scale_values(criterion.get("scoring")) is None:
            where = ("scoring",) if "scoring" in criterion else ()
            pos = file.position(("criteria", i, *where))
            written = f"de schaal '{criterion['scoring']}'" if "scoring" in criterion else "geen schaal (scoring)"
            errors.add(file.path, pos.line, pos.col,
                       f"criterium '{criterion['id']}' heeft {written}; de commissie scoort op de getallen van de "
                       "gepubliceerde schaal: schrijf ze als scoring: 0 - 2 - 4 - 6 - 8 - 10")
    leidraad = next((d for d in project.documents if role_of(d.front.data) == "leidraad"), None)
    if leidraad is None:
        errors.add("content/documents/", 1, 1, "er is geen aanbestedingsleidraad; de gunningsbeslissing zegt hoe en "
                                               "waar een inschrijver kan opkomen tegen de beslissing, zoals de "
                                               "leidraad dat beschrijft")
    elif protection_section(leidraad) is None:
        noun = noun_of(leidraad.front.data)
        errors.add(leidraad.path, 1, 1, f"{noun} heeft geen paragraaf over de "
                                        "rechtsbescherming; de gunningsbeslissing zegt hoe en waar een inschrijver "
                                        "bezwaar kan maken, zoals de leidraad het beschrijft: voeg een kop "
                                        "'# Rechtsbescherming' toe")


def _check_people(evaluation: YamlDocument, errors: ErrorList) -> None:
    for field in ("committee", "bidders"):
        seen: dict[str, int] = {}
        for i, item in enumerate(evaluation.data.get(field) or []):
            if item["id"] in seen:
                pos = evaluation.position((field, i, "id"))
                errors.add(evaluation.path, pos.line, pos.col, f"het id '{item['id']}' staat er twee keer (eerder op "
                                                               f"regel {seen[item['id']]}); geef elk een eigen id")
            else:
                seen[item["id"]] = evaluation.position((field, i, "id")).line


def _check_bidders(evaluation: YamlDocument, model: Published, errors: ErrorList) -> None:
    lots = list(model.lots)
    for i, bidder in enumerate(evaluation.data["bidders"]):
        place = ("bidders", i)
        if model.lots and "lots" not in bidder:
            pos = evaluation.position(place)
            errors.add(evaluation.path, pos.line, pos.col,
                       f"inschrijver '{bidder['id']}' noemt niet op welke percelen hij inschreef; schrijf lots: "
                       f"[{lots[0]}] (percelen: {', '.join(lots)})")
        elif not model.lots and "lots" in bidder:
            pos = evaluation.key_position((*place, "lots"))
            errors.add(evaluation.path, pos.line, pos.col, "deze aanbesteding heeft geen percelen (tender.yaml); haal "
                                                           "lots weg")
        for k, lot in enumerate(bidder.get("lots", []) if model.lots else []):
            if lot not in model.lots:
                pos = evaluation.position((*place, "lots", k))
                errors.add(evaluation.path, pos.line, pos.col, unknown("onbekend perceel", lot, lots))
        covered = {s for lot in bidder.get("lots", []) for s in model.lots.get(lot, {}).get("segments", [])}
        for k, segment in enumerate(bidder.get("segments", [])):
            pos = evaluation.position((*place, "segments", k))
            if segment not in model.segments:
                errors.add(evaluation.path, pos.line, pos.col, unknown("onbekend segment", segment, model.segments))
            elif model.lots and segment not in covered:
                errors.add(evaluation.path, pos.line, pos.col,
                           f"segment '{segment}' valt niet in de percelen van deze inschrijver "
                           f"({', '.join(bidder.get('lots', []))}); de segmenten daarvan: {', '.join(sorted(covered))}")
        for test, kinds in TESTS.items():
            _check_test(evaluation, model, bidder, (*place, test), kinds, errors)


def _check_test(evaluation: YamlDocument, model: Published, bidder: dict[str, Any], place: tuple[Any, ...],
                kinds: tuple[str, ...], errors: ErrorList) -> None:
    """One test (exclusion, suitability, programma van eisen): met, or not met with each unmet requirement."""
    result = bidder[place[-1]]
    pos = evaluation.position(place)
    if result["met"] and "unmet" in result:
        errors.add(evaluation.path, pos.line, pos.col,
                   f"de toets aan {TEST_NAMES[place[-1]]} staat op voldaan (met: true), maar unmet noemt eisen "
                   "waaraan niet is voldaan; zet met: false, of haal unmet weg")
    if not result["met"] and "unmet" not in result:
        errors.add(evaluation.path, pos.line, pos.col,
                   f"de toets aan {TEST_NAMES[place[-1]]} staat op niet voldaan (met: false); noem onder unmet elke "
                   "eis waaraan niet is voldaan en waarom (requirement: ..., reason: ...): de beslissing moet dat "
                   "motiveren (Aw 2012 art. 2.130)")
    known = [ident for ident, r in model.requirements.items() if r["kind"] in kinds]
    for k, item in enumerate(result.get("unmet", [])):
        where = (*place, "unmet", k)
        requirement = model.requirements.get(item["requirement"])
        if requirement is None or requirement["kind"] not in kinds:
            at = evaluation.position((*where, "requirement"))
            message = unknown("onbekende eis", item["requirement"], known)
            if requirement is not None:
                listed = nearest_first(item["requirement"], known) or "geen"
                message = (f"eis '{item['requirement']}' is een {requirement['kind']}, geen {' of '.join(kinds)}; "
                           f"noem een eis van die soort (bekend: {listed})")
            errors.add(evaluation.path, at.line, at.col, message)
        for m, lot in enumerate(item.get("lots", [])):
            if lot not in bidder.get("lots", []):
                at = evaluation.position((*where, "lots", m))
                errors.add(evaluation.path, at.line, at.col,
                           f"inschrijver '{bidder['id']}' schreef niet in op perceel '{lot}' (wel op: "
                           f"{', '.join(bidder.get('lots', [])) or 'geen'})")


def _check_dates(evaluation: YamlDocument, model: Published, errors: ErrorList) -> None:
    data = evaluation.data
    send: datetime.date = data["send_date"]
    pos = evaluation.position(("send_date",))
    deadline = model.milestone("inschrijving")
    if deadline is not None and send <= deadline["date"]:
        errors.add(evaluation.path, pos.line, pos.col,
                   f"de beslissingen worden verzonden op {dutch_date(send)}, maar de inschrijving sluit pas op "
                   f"{date_and_time(deadline['date'], deadline.get('time'))} (mijlpaal '{deadline['id']}'); kies een "
                   "verzenddatum na de sluiting van de inschrijving")
    for i, item in enumerate(data.get("evaluations") or []):
        dates = [(f, item[f]) for f in ("individual_date", "consensus_date") if f in item]
        for field, value in dates:
            at = evaluation.position(("evaluations", i, field))
            if deadline is not None and value < deadline["date"]:
                errors.add(evaluation.path, at.line, at.col,
                           f"{dutch_date(value)} ligt vóór de sluiting van de inschrijving "
                           f"({dutch_date(deadline['date'])}); de commissie beoordeelt na de sluiting")
            elif value > send:
                errors.add(evaluation.path, at.line, at.col,
                           f"{dutch_date(value)} ligt na de verzending van de beslissingen ({dutch_date(send)}); de "
                           "beoordeling gaat aan de beslissing vooraf")
        if len(dates) == 2 and dates[1][1] < dates[0][1]:
            at = evaluation.position(("evaluations", i, "consensus_date"))
            errors.add(evaluation.path, at.line, at.col,
                       f"het consensusoverleg ({dutch_date(dates[1][1])}) ligt vóór de individuele beoordeling "
                       f"({dutch_date(dates[0][1])}); de commissieleden scoren eerst elk zelfstandig")
    if not model.ranked:
        return
    if "standstill_exception" in data:
        _check_exception(evaluation, model, errors)
    if standstill_ground(model, data):
        return  # no standstill period (Aw 2012 art. 2.127 lid 4)
    days = data.get("standstill_days", int(STANDSTILL.value))
    if days < STANDSTILL.value:
        at = evaluation.position(("standstill_days",))
        errors.add(evaluation.path, at.line, at.col,
                   f"de opschortende termijn is {days} dagen; minimaal {int(STANDSTILL.value)} kalenderdagen "
                   f"({STANDSTILL.article}): schrijf standstill_days: {int(STANDSTILL.value)} of meer, of laat het "
                   "veld weg")
        return
    end = standstill_end(send, days)
    final = model.milestone("definitieve-gunning")
    if final is not None and end >= final["date"]:
        latest = final["date"] - datetime.timedelta(days=days + 1)
        errors.add(evaluation.path, pos.line, pos.col,
                   f"de opschortende termijn van {days} kalenderdagen na verzending op {dutch_date(send)} eindigt op "
                   f"{dutch_date(end)}, niet vóór de geplande definitieve gunning op {dutch_date(final['date'])} "
                   f"(mijlpaal '{final['id']}', {STANDSTILL.article}); verzend de beslissingen uiterlijk op "
                   f"{dutch_date(latest)}, of verschuif de definitieve gunning in tender.yaml")
    elif end.weekday() >= 5:
        errors.warn(evaluation.path, pos.line, pos.col,
                    f"de opschortende termijn eindigt op {dutch_date(end, weekday=True)}; op die dag kan een "
                    "inschrijver geen kort geding aanhangig maken, en of de Algemene termijnenwet de termijn verlengt "
                    "is niet zeker: kies een verzenddatum of een langere termijn (standstill_days) zodat zij op een "
                    "werkdag eindigt")


def _check_exception(evaluation: YamlDocument, model: Published, errors: ErrorList) -> None:
    """`standstill_exception: enige-inschrijver` holds only with one bidder and no candidates (no requests to
    participate), and not next to an exception of tender.yaml."""
    ground = evaluation.data["standstill_exception"]
    spec = STANDSTILL_EXCEPTIONS[ground]
    at = evaluation.position(("standstill_exception",))
    bidders = evaluation.data["bidders"]
    if model.standstill_exception:
        errors.add(evaluation.path, at.line, at.col,
                   f"tender.yaml noemt al standstill_exception: {model.standstill_exception}; verwijder "
                   "standstill_exception hier")
    elif len(bidders) != 1:
        names = ", ".join(b["id"] for b in bidders)
        errors.add(evaluation.path, at.line, at.col,
                   f"'{ground}' geldt alleen als {spec.description}, maar er zijn {len(bidders)} inschrijvers "
                   f"({names}; {spec.article}): verwijder standstill_exception en neem de opschortende termijn in acht")
    elif any(m.get("kind") == "aanmelding" for m in model.planning):
        errors.add(evaluation.path, at.line, at.col,
                   f"'{ground}' geldt alleen als er geen betrokken gegadigden zijn, maar de procedure had een "
                   f"aanmeldingsfase ({spec.article}): verwijder standstill_exception en neem de opschortende "
                   "termijn in acht")


# --- a likely leak: a bidder's name or a motivation in a public document ---

_WORDS = re.compile(r"\S+")


def _sentences(text: str) -> list[str]:
    """The sentences of a motivation long enough to be recognised (eight words or more)."""
    parts = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return [p for p in parts if len(_WORDS.findall(p)) >= 8]


def _public_texts(project: LoadedProject):  # yields (path, text, position of an index in it)
    for document in project.documents:
        def at_body(index: int, document: LoadedDocument = document) -> tuple[int, int]:
            line = document.body.count("\n", 0, index) + 1
            return document.file_line(line), index - (document.body.rfind("\n", 0, index) + 1) + 1
        yield document.path, document.body, at_body
    for data in project.data.values():
        if data is None:
            continue
        for path, text in _strings(data.data):
            def at_text(index: int, file: YamlDocument = data, path: tuple = path, text: str = text) -> tuple[int, int]:
                line = text.count("\n", 0, index) + 1
                pos = file.text_position(path, line, index - (text.rfind("\n", 0, index) + 1) + 1)
                return pos.line, pos.col
            yield data.path, text, at_text


def _strings(value: Any, path: tuple[Any, ...] = ()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


#: the characters other than ASCII letters that re.IGNORECASE matches with an ASCII letter (Kelvin sign, long s,
#: dotted and dotless i)
_ASCII_FOLDS = {0x212A: "k", 0x17F: "s", 0x130: "i", 0x131: "i"}


def _check_leaks(project: LoadedProject, data: Mapping[str, Any], errors: ErrorList) -> None:
    names = [(b["name"], f"de naam van inschrijver '{b['id']}'") for b in data["bidders"]]
    motivations = [(sentence, "een zin uit een motivering van de beoordeling")
                   for evaluation in data.get("evaluations") or []
                   for scores in (evaluation.get("scores") or {}).values() for score in scores.values()
                   for sentence in _sentences(score.get("motivation", ""))]
    needles = names + motivations
    texts = list(_public_texts(project))
    for i, j, found in leaks([text for _, text, _ in texts], [needle for needle, _ in needles]):
        path, _, position = texts[i]
        line, col = position(found.start())
        errors.warn(path, line, col,
                    f"hier staat {needles[j][1]} ('{found.group()[:60]}'); dit bestand wordt "
                    "gepubliceerd en de beoordeling is vertrouwelijk: haal de tekst hier weg als hij uit de "
                    "beoordeling komt")


_RUN = re.compile(r"\w+")


def _folded(text: str) -> str:
    """The text as an ASCII pattern sees it under re.IGNORECASE: _ASCII_FOLDS applied, in lower case."""
    if not text.isascii():
        for char, ascii in _ASCII_FOLDS.items():
            text = text.replace(chr(char), ascii)
    return text.lower()


def leaks(texts: list[str], needles: list[str]) -> list[tuple[int, int, re.Match]]:
    """(text, needle, first match) for every text that holds a needle as written there: its words in order, case
    and the amount of white space aside, not inside a longer word. Sorted by text, then needle.

    A match of an ASCII needle holds each run of word characters of it as a whole run of the text, folded as
    _ASCII_FOLDS says and in lower case. So the runs of every text are indexed first, and a needle is searched for
    only in the texts that have all its runs (thousands of sentences, hundreds of texts); any other needle in
    every text."""
    runs: list[set[str]] = [set(_RUN.findall(_folded(text))) for text in texts]
    having: dict[str, list[int]] = {}
    for i, held in enumerate(runs):
        for run in held:
            having.setdefault(run, []).append(i)
    hits = []
    for j, needle in enumerate(needles):
        candidates: Any = range(len(texts))
        own = set(_RUN.findall(needle.lower())) if needle.isascii() else set()
        if own:
            rarest = min(own, key=lambda run: len(having.get(run, ())))
            candidates = [i for i in having.get(rarest, ()) if own <= runs[i]]
        if not candidates:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, needle.split())) + r"(?!\w)", re.IGNORECASE)
        hits += [(i, j, found) for i in candidates if (found := pattern.search(texts[i])) is not None]
    return sorted(hits, key=lambda hit: (hit[0], hit[1]))
