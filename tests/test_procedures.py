"""The procedures and the tender's shape (issue 13): admission without ranking and the procedure's own name,
open-house entry moments, segments that are not tendered, the standstill exceptions and thresholds as data,
subregions. Exact messages with their positions; real site pages, the calendar and the exports."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from generator.core.errors import ContentErrors
from generator.core.procedures import PROCEDURES
from generator.pipeline import build, check
from generator.render.calendar import planning_ics
from generator.validate.rules import RULES

from .procedure_projects import ADMISSION
from .test_rules import LEIDRAAD, SAS_PLANNING, messages, tender

WITHOUT_STANDSTILL = [m for m in SAS_PLANNING if m[0] != "einde-standstill"]
LEIDRAAD_WITH_LOTS = LEIDRAAD + "\n    {{ percelen }}\n"
UNTENDERED_SEGMENTS = ADMISSION["content/segments.yaml"]


def errors_of(make_project, files: dict[str, str | None]) -> list[str]:
    """The errors of the small project with the given files (no leidraad added)."""
    try:
        check(make_project(files))
    except ContentErrors as exc:
        return exc.messages()
    return []


def main_text(site: Path, page: str) -> str:
    html = (site / page).read_text(encoding="utf-8")
    main = html[html.index("<main"):html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


@pytest.fixture(scope="module")
def admission(tmp_path_factory) -> Path:
    from .conftest import write_project
    root = write_project(tmp_path_factory.mktemp("admission"), ADMISSION)
    build(root, root / "out")
    return root


# --- admission without ranking, and the procedure's own name ---

def test_sas_without_award_criteria_explains_the_choice(make_project):
    errors, _ = messages(make_project, {"content/tender.yaml": tender(), "content/criteria.yaml": None,
                                        "content/documents/notitie.md": None,
                                        "content/documents/leidraad.md": LEIDRAAD.replace("{{ gunningscriteria }}", "")})
    assert errors == [
        "content/documents/leidraad.md:1:1: de aanbestedingsleidraad mist het onderdeel {{ gunningscriteria }}, "
        "verplicht bij procedure 'sas', en content/criteria.yaml ontbreekt; kies: gunt u op de beste "
        "prijs-kwaliteitverhouding, schrijf dan de gunningscriteria in content/criteria.yaml en zet "
        "{{ gunningscriteria }} in de leidraad; laat u elke aanbieder toe die aan de eisen voldoet, zonder "
        "rangschikking (toelating), schrijf dan in content/tender.yaml procedure: open-house, met procedure_label "
        "voor de naam die uw documenten gebruiken (bijvoorbeeld procedure_label: toelatingsprocedure) (Aw 2012 art. "
        "2.99 en 2.115)"]


def test_procedure_label_needs_a_procedure(make_project):
    project = make_project({"content/tender.yaml": tender().replace("procedure: sas\n", "procedure_label: toelating\n")})
    with pytest.raises(ContentErrors) as raised:
        check(project)
    assert raised.value.messages() == ["content/tender.yaml:4:18: procedure_label geeft de procedure een eigen naam, maar tender.yaml "
                      "noemt geen procedure; schrijf ook procedure: (open-house, sas, openbaar, niet-openbaar, "
                      "dialoog, subsidie)"]


def test_the_procedures_own_name_is_printed_everywhere(admission):
    site = admission / "out" / "site"
    assert "Procedure toelatingsprocedure" in main_text(site, "documenten/toelating.html")  # {{ contract }}
    assert "Procedure Toelatingsprocedure Overeenkomst" in main_text(site, "index.html")
    html = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "open house" not in html.lower()


# --- open house: entry moments, and no article of the Aanbestedingswet ---

def test_entry_moments_in_the_planning_and_the_calendar(admission):
    site = admission / "out" / "site"
    text = main_text(site, "documenten/toelating.html")
    assert ("Eerste moment van toetreden (toetredingsmoment) 1 april 2025 Tweede moment van toetreden "
            "(toetredingsmoment) 1 oktober 2025 Start van de overeenkomst 1 januari 2026 Derde moment van toetreden "
            "(toetredingsmoment) 1 april 2026") in text
    assert "Derde moment van toetreden (toetredingsmoment) woensdag 1 april 2026" in main_text(site, "planning.html")
    project, _ = check(admission)
    ics = planning_ics(project, project.documents[0].date).decode()
    events = ics.split("BEGIN:VEVENT")[1:]
    assert [("CATEGORIES:Toetredingsmoment" in e, re.search(r"SUMMARY:(.*)\r", e).group(1)) for e in events] == [
        (False, "Publicatie op TenderNed"), (True, "Eerste moment van toetreden"),
        (True, "Tweede moment van toetreden"), (False, "Start van de overeenkomst"),
        (True, "Derde moment van toetreden")]


def test_entry_moments_belong_to_open_house(make_project):
    planning = SAS_PLANNING[:1] + [("toetreding", "2025-03-10", "")] + SAS_PLANNING[1:]
    assert messages(make_project, {"content/documents/leidraad.md": LEIDRAAD,
                                   "content/tender.yaml": tender(milestones=planning)})[0] == [
        "content/tender.yaml:16:11: een mijlpaal met kind 'toetreding' hoort bij procedure open-house (aanbieders "
        "treden toe zonder rangschikking); bij procedure 'sas' schrijft u kind: overig, of kies procedure: open-house "
        "(HvJ EU 2 juni 2016, C-410/14 (Falk Pharma))"]


def test_an_entry_moment_before_the_publication(make_project):
    early = ADMISSION["content/tender.yaml"].replace("""\
          - id: publicatie
            title: Publicatie op TenderNed
            date: 2025-03-03
            kind: publicatie
""", """\
          - id: vooraf
            title: Vooraf toetreden
            date: 2025-03-01
            kind: toetreding
          - id: publicatie
            title: Publicatie op TenderNed
            date: 2025-03-03
            kind: publicatie
""")
    errors = errors_of(make_project, {**ADMISSION, "content/tender.yaml": early})
    assert errors == ["content/tender.yaml:13:11: toetredingsmoment 'vooraf' (1 maart 2025) ligt vóór de publicatie "
                      "('publicatie', 3 maart 2025); aanbieders kunnen pas toetreden als de voorwaarden bekend zijn: "
                      "zet het op of na de publicatie (HvJ EU 2 juni 2016, C-410/14 (Falk Pharma))"]


def test_open_house_messages_cite_no_article_of_the_aanbestedingswet(make_project):
    without_start = ADMISSION["content/tender.yaml"].replace("""\
          - id: start-contract
            title: Start van de overeenkomst
            date: 2026-01-01
            kind: start-contract
""", "")
    requirements = ("requirements:\n  - id: uea\n    kind: uitsluitingsgrond\n    title: UEA\n"
                    "    text: Geen veroordelingen.\n")
    errors = errors_of(make_project, {**ADMISSION, "content/tender.yaml": without_start,
                                        "content/requirements.yaml": requirements})
    assert errors == [
        "content/requirements.yaml:2:5: uitsluitingsgrond 'uea' noemt niet het bewijsmiddel ('evidence') (VWEU art. "
        "49 en 56 (transparantie); HvJ EU 2 juni 2016, C-410/14 (Falk Pharma))",
        "content/requirements.yaml:2:5: uitsluitingsgrond 'uea' noemt niet wanneer het bewijs gevraagd wordt "
        "('moment') (VWEU art. 49 en 56 (transparantie); HvJ EU 2 juni 2016, C-410/14 (Falk Pharma))",
        "content/tender.yaml:11:3: de planning mist een mijlpaal met kind 'start-contract', verplicht bij procedure "
        "'open-house'; voeg er een toe met kind: start-contract (VWEU art. 49 en 56 (transparantie); HvJ EU 2 juni "
        "2016, C-410/14 (Falk Pharma))"]


@pytest.mark.parametrize("procedure", [p for p, spec in PROCEDURES.items() if not spec.under_aw])
def test_no_rule_cites_the_aanbestedingswet_outside_it(procedure):
    cited = {rule.id: rule.article_for(procedure) for rule in RULES
             if not rule.procedures or procedure in rule.procedures}
    assert {rule: article for rule, article in cited.items() if article and "Aw 2012" in article} == {}
    assert cited["mijlpalen-procedure"] == "VWEU art. 49 en 56 (transparantie); HvJ EU 2 juni 2016, C-410/14 " \
                                           "(Falk Pharma)"
    assert cited["weging-100"] is None  # no basis outside the Aw: the rule does not apply


def test_the_site_of_an_open_house_cites_no_article_of_the_aanbestedingswet(admission):
    for page in sorted((admission / "out" / "site").rglob("*.html")):
        text = main_text(page.parent, page.name) if "<main" in page.read_text(encoding="utf-8") else ""
        assert not re.search(r"Aw 2012|Aanbestedingswet|art(ikel|\.) 2\.\d", text), page.name


# --- segments that are not tendered ---

def test_untendered_segments_are_described_but_not_counted(admission):
    site = admission / "out" / "site"
    document = main_text(site, "documenten/toelating.html")
    assert "en koopt 1 segment in." in document  # [[aantal:segmenten]]
    assert "1 Crisis Jeugd, Wmo Binnen 24 uur passende hulp. 2 Wonen (niet aanbesteed) Wmo" in document
    assert "Iedere medewerker heeft een VOG. – alle aanbestede segmenten" in document
    assert "in 1 segment (1 ander segment beschreven, niet aanbesteed)" in main_text(site, "index.html")
    assert "in 2 segmenten in; 1 segment wordt aanbesteed." in main_text(site, "segmenten.html")
    assert "Wonen (niet aanbesteed) Wmo" in main_text(site, "segmenten.html")
    wonen = main_text(site, "segmenten/wonen.html")
    assert "Dit segment wordt beschreven, maar niet aanbesteed" in wonen
    assert "Eisen die voor dit segment gelden" not in wonen
    assert "Daarnaast geldt 1 eis voor alle aanbestede segmenten" in \
        main_text(site, "segmenten/crisis.html")
    filter_options = re.findall(r'<option value="([a-z-]+)">', (site / "eisen.html").read_text(encoding="utf-8"))
    assert "wonen" not in filter_options and "crisis" in filter_options


def test_every_segment_untendered_is_an_error(make_project):
    segments = UNTENDERED_SEGMENTS.replace("description: Hulp bij **acute** nood.",
                                           "description: Hulp bij **acute** nood.\n            tendered: false")
    errors = errors_of(make_project, {"content/segments.yaml": segments})
    assert errors == ["content/segments.yaml:8:15: geen enkel segment wordt aanbesteed: elk segment heeft tendered: "
                      "false; laat tendered weg bij de segmenten die deze aanbesteding inkoopt"]


def test_a_requirement_only_for_an_untendered_segment(make_project):
    requirements = """\
        requirements:
          - id: eis-wonen
            kind: minimumeis
            title: Wonen
            text: Een woonvoorziening.
            segments: [wonen]
        """
    errors = errors_of(make_project, {"content/segments.yaml": UNTENDERED_SEGMENTS,
                                        "content/requirements.yaml": requirements})
    assert errors == ["content/requirements.yaml:6:15: eis 'eis-wonen' geldt alleen voor 'wonen', dat niet "
                      "aanbesteed wordt (tendered: false in segments.yaml); noem een aanbesteed segment of verwijder "
                      "de eis"]


LOTS = "lots:\n  - id: p1\n    name: Jeugd\n    segments: [crisis]\n  - id: p2\n    name: Wonen\n    segments: [wonen]\n"


def test_a_lot_of_untendered_segments_is_not_weighed(make_project):
    criteria = """\
        criteria:
          - id: g1
            title: Visie
            kind: kwaliteit
            weights: {p1: 100, p2: 100}
            description: Visie.
        """
    files = {"content/tender.yaml": tender(extra=LOTS), "content/segments.yaml": UNTENDERED_SEGMENTS,
             "content/criteria.yaml": criteria, "content/documents/leidraad.md": LEIDRAAD_WITH_LOTS}
    assert messages(make_project, files)[0] == [
        "content/criteria.yaml:5:28: perceel 'p2' wordt niet aanbesteed (zijn segmenten hebben tendered: false); "
        "verwijder de weging voor 'p2'"]
    files["content/criteria.yaml"] = criteria.replace("weights: {p1: 100, p2: 100}", "weights: {p1: 100}")
    assert messages(make_project, files) == ([], [])


def test_no_lot_tendered_is_an_error(make_project):
    errors, _ = messages(make_project, {
        "content/tender.yaml": tender(extra="lots:\n  - id: p2\n    name: Wonen\n    segments: [wonen]\n"),
        "content/segments.yaml": UNTENDERED_SEGMENTS, "content/documents/leidraad.md": LEIDRAAD_WITH_LOTS})
    assert errors == ["content/tender.yaml:9:3: geen enkel perceel wordt aanbesteed: de segmenten van elk perceel "
                      "hebben tendered: false; noem in een perceel een segment dat wel aanbesteed wordt"]


# --- the standstill period's exceptions and the threshold's periods ---

def test_a_standstill_exception_drops_the_standstill_milestone(make_project):
    files = {"content/documents/leidraad.md": LEIDRAAD}
    exception = "standstill_exception: raamovereenkomst\n"
    assert messages(make_project, {**files, "content/tender.yaml": tender(milestones=WITHOUT_STANDSTILL,
                                                                          extra=exception)}) == ([], [])
    assert messages(make_project, {**files, "content/tender.yaml": tender(extra=exception)})[0] == [
        "content/tender.yaml:33:11: de planning heeft een mijlpaal met kind 'einde-standstill' ('einde-standstill'), "
        "maar standstill_exception: raamovereenkomst zegt dat er geen opschortende termijn is: verwijder de mijlpaal "
        "of standstill_exception (Aw 2012 art. 2.127 lid 4)"]
    # without the exception the standstill milestone is required
    assert messages(make_project, {**files, "content/tender.yaml": tender(milestones=WITHOUT_STANDSTILL)})[0] == [
        "content/tender.yaml:9:3: de planning mist een mijlpaal met kind 'einde-standstill', verplicht bij procedure "
        "'sas'; voeg er een toe met kind: einde-standstill (Aw 2012 art. 2.26-2.39)"]


@pytest.mark.parametrize("extra, expected", [
    ("standstill_exception: geen-aankondiging\nestimated_value: 2500000\n",
     "content/tender.yaml:8:23: 'geen-aankondiging' geldt alleen als geen aankondiging verplicht is, maar de "
     "geraamde waarde (€ 2.500.000) ligt boven de drempel van € 750.000: verwijder standstill_exception (Aw 2012 "
     "art. 2.127 lid 4)"),
    ("standstill_exception: geen-aankondiging\n",
     "content/tender.yaml:8:23: 'geen-aankondiging' geldt alleen als de opdracht onder de drempel blijft en geen "
     "aankondiging verplicht is; noem de geraamde waarde in estimated_value (Aw 2012 art. 2.127 lid 4)"),
    ("standstill_exception: enige-inschrijver\n",
     "content/tender.yaml:8:23: 'enige-inschrijver' (de betrokken inschrijver de enige inschrijver is en er geen "
     "betrokken gegadigden zijn) blijkt pas na de inschrijving; de planning kan daar niet op rekenen: verwijder "
     "standstill_exception en plan de opschortende termijn (Aw 2012 art. 2.127 lid 4)"),
])
def test_a_standstill_exception_claimed_wrongly(make_project, extra, expected):
    assert messages(make_project, {"content/documents/leidraad.md": LEIDRAAD, "content/tender.yaml": tender(
        milestones=WITHOUT_STANDSTILL, extra=extra)})[0] == [expected]


def test_no_standstill_exception_outside_the_aanbestedingswet(make_project):
    tender_yaml = ADMISSION["content/tender.yaml"].replace(
        "procedure_label: toelatingsprocedure\n", "procedure_label: toelatingsprocedure\n        "
                                                  "standstill_exception: raamovereenkomst\n")
    assert errors_of(make_project, {**ADMISSION, "content/tender.yaml": tender_yaml}) == [
        "content/tender.yaml:7:23: bij procedure 'open-house' is er geen gunningsbeslissing en geen opschortende "
        "termijn: verwijder standstill_exception"]


def test_the_threshold_is_taken_from_the_period_of_the_tender():
    rule = next(r for r in RULES if r.id == "drempel-sociale-diensten")
    import datetime
    assert [(p.start.isoformat(), p.end.isoformat(), p.value) for p in rule.periods[-2:]] == [
        ("2024-01-01", "2025-12-31", 750000), ("2026-01-01", "2027-12-31", 750000)]
    assert rule.period(datetime.date(2026, 3, 1)).source.endswith("Gedelegeerde Verordening (EU) 2025/2152)")
    assert rule.period(datetime.date(2028, 1, 1)) is None


def test_a_date_no_threshold_period_covers(make_project):
    late = [(k, d.replace("2025", "2028").replace("2026", "2029"), x) for k, d, x in SAS_PLANNING]
    assert messages(make_project, {"content/documents/leidraad.md": LEIDRAAD, "content/tender.yaml": tender(
        milestones=late, extra="estimated_value: 2500000\n")}) == ([], [
            "content/tender.yaml:8:18: waarschuwing: Bestek kent de EU-drempel voor sociale en andere specifieke "
            "diensten op 3 maart 2028 niet (bekend van 1 juli 2016 tot en met 31 december 2027); controleer de "
            "drempel bij PIANOo en werk Bestek bij: zonder drempel is niet na te gaan of een aankondiging verplicht "
            "is (Aw 2012 art. 2.38 en 2.39; Richtlijn 2014/24/EU art. 4 sub d)"])


def test_best_price_quality_cites_the_verordening_and_the_reasonable_price():
    rule = next(r for r in RULES if r.id == "beste-prijs-kwaliteit")
    assert rule.article == "Jeugdwet art. 2.11; Wmo 2015 art. 2.6.6; Uitvoeringsbesluit Wmo 2015 art. 5.4; " \
                           "ECLI:NL:RBNNE:2021:3943"
    assert "Stb. 2024, 69" in rule.source and "Jeugdwet art. 2.11 lid 3, Wmo 2015 art. 2.6.6 lid 2" in rule.source


# --- subregions ---

def test_subregions_in_the_municipality_list_and_references(admission):
    text = main_text(admission / "out" / "site", "documenten/toelating.html")
    assert ("De Regio Testland bestaat uit Jeugdregio Oost (Oostdorp en Noorddorp) en Jeugdregio West (Westdorp) en "
            "koopt 1 segment in. Jeugdregio Oost Oostdorp (centrumgemeente) Noorddorp Jeugdregio West Westdorp "
            "1.1 Oost # Link naar kop ‘1.1 Oost’ Oostdorp (centrumgemeente) Noorddorp 2 Procedure") in text


def test_unknown_subregions(make_project):
    organisation = ADMISSION["content/organisation.yaml"].replace("subregion: jeugd-west", "subregion: jeugd-zuid")
    document = ADMISSION["content/documents/toelating.md"].replace("[[subregio:jeugd-west]]", "[[subregio:jeugd-wes]]")
    document = document.replace('subregio="jeugd-oost"', 'subregio="oost"')
    errors = errors_of(make_project, {**ADMISSION, "content/organisation.yaml": organisation,
                                        "content/documents/toelating.md": document})
    assert errors == [
        "content/documents/toelating.md:11:53: onbekende subregio 'jeugd-wes'; bedoelt u 'jeugd-west'? (bekend: "
        "jeugd-oost, jeugd-west)",
        "content/documents/toelating.md:17:1: onbekende subregio 'oost' (bekend: jeugd-oost, jeugd-west)",
        "content/organisation.yaml:14:16: onbekende subregio 'jeugd-zuid'; bedoelt u 'jeugd-west'? (bekend: "
        "jeugd-oost, jeugd-west)"]


def test_subregions_must_be_declared(make_project):
    organisation = textwrap.dedent(ADMISSION["content/organisation.yaml"])
    organisation = re.sub(r"subregions:\n(  .*\n)+", "", organisation)
    errors = errors_of(make_project, {"content/organisation.yaml": organisation})
    assert errors == ["content/organisation.yaml:6:16: de gemeenten noemen een subregio, maar organisation.yaml "
                      "heeft geen subregions; voeg ze toe (subregions: - id, name)"]


# --- the exports: the procedure's own name, and no lot of untendered segments ---

def test_exports_name_the_procedure_and_leave_out_untendered_lots(make_project, tmp_path):
    import json

    from openpyxl import load_workbook

    from generator.pipeline import export

    from .render.standards import xsd_errors
    from .render.test_exports import TENDER_FIELDS, small
    lots = LOTS.replace("segments: [crisis]\n", "segments: [crisis]\n    description: Crisishulp.\n")
    project = small(make_project, TENDER_FIELDS + "procedure_label: SAS-procedure voor jeugdhulp en Wmo\n" + lots)
    (project / "content" / "segments.yaml").write_text(textwrap.dedent(UNTENDERED_SEGMENTS), encoding="utf-8")
    result = export(project, tmp_path / "out")
    xml = (result.folder / "eforms-20.xml").read_text(encoding="utf-8")
    assert xsd_errors(xml.encode(), "UBL-ContractNotice-2.3.xsd") == []
    assert '<cbc:Description languageID="NLD">SAS-procedure voor jeugdhulp en Wmo.</cbc:Description>' in xml
    assert xml.count("<cac:ProcurementProjectLot>") == 1 and "Wonen" not in xml
    ocds = json.loads((result.folder / "ocds.json").read_text(encoding="utf-8"))["releases"][0]["tender"]
    assert ocds["procurementMethodDetails"] == "SAS-procedure voor jeugdhulp en Wmo"
    assert [lot["id"] for lot in ocds["lots"]] == ["p1"]
    workbook = load_workbook(result.folder / "eisen.xlsx")
    assert workbook.sheetnames == ["Perceel 1"]  # p1 only: the lot of Wonen is not bought


# --- the award honours the exception to the standstill period ---

STANDSTILL_LINE = ("content/tender.yaml", "  - {id: einde-standstill, title: Einde opschortende termijn, "
                   "date: 2025-06-23, kind: einde-standstill}\n", "")


def test_the_award_of_a_call_off_has_no_standstill_period(tmp_path):
    from .award_project import award_project, edit, evaluate
    from .validate.test_evaluation import award_of
    project = award_project(tmp_path / "project")
    edit(project, *STANDSTILL_LINE)
    edit(project, "content/tender.yaml", "procedure: sas\n", "procedure: sas\nstandstill_exception: raamovereenkomst\n")
    edit(project, "vertrouwelijk/beoordeling.yaml", "send_date: 2025-06-03", "send_date: 2025-06-27")
    assert evaluate(project) == []  # 20 days after 27 June would pass the final award of 30 June: no matter here
    award = award_of(project)
    assert award.standstill_end is None
    assert (award.standstill_ground.description, award.standstill_ground.article) == (
        "de opdracht wordt gegund op grond van een raamovereenkomst", "Aw 2012 art. 2.127 lid 4 sub c")


def test_the_sole_bidder_exception_is_checked_against_the_bids(tmp_path):
    from .award_project import award_project, edit, evaluate
    project = award_project(tmp_path / "project")
    edit(project, "vertrouwelijk/beoordeling.yaml", "send_date: 2025-06-03",
         "send_date: 2025-06-03\nstandstill_exception: enige-inschrijver")
    assert evaluate(project) == [
        "vertrouwelijk/beoordeling.yaml:2:23: 'enige-inschrijver' geldt alleen als de betrokken inschrijver de enige "
        "inschrijver is en er geen betrokken gegadigden zijn, maar er zijn 3 inschrijvers (alfa, beta, gamma; Aw 2012 "
        "art. 2.127 lid 4 sub b): verwijder standstill_exception en neem de opschortende termijn in acht"]


def test_no_text_cites_wmo_article_2_6_5_for_price_and_quality():
    """The verordening on price and quality is Wmo 2015 art. 2.6.6 (with Uitvoeringsbesluit Wmo 2015 art. 5.4);
    only the accounting of the correction (content/wijzigingen.yaml) names the old article."""
    from .conftest import REPO
    files = [p for folder in ("generator", "templates", "content", "examples", "docs")
             for p in (REPO / folder).rglob("*") if p.suffix in (".py", ".yaml", ".md", ".html")]
    citing = [str(p.relative_to(REPO)) for p in files + [REPO / "README.md"]
              if "2.6.5" in p.read_text(encoding="utf-8")]
    assert citing == ["content/wijzigingen.yaml"]
