"""Each legal rule fires on a crafted project, with its article in the message; `bestek rules` lists them."""
from __future__ import annotations

from generator.cli import main
from generator.core.errors import ContentErrors
from generator.core.procedures import PROCEDURES
from generator.pipeline import check
from generator.validate.rules import CHECKS, RULES

LEIDRAAD = """\
    ---
    title: Aanbestedingsleidraad
    kind: aanbestedingsleidraad
    version: "1.0"
    status: concept
    date: 2025-02-15
    ---

    # Procedure

    {{ contract }}

    # Planning

    {{ planning }}

    # Eisen

    {{ eisen }}

    # Gunning

    {{ gunningscriteria }}
    """

def planning(*milestones: tuple[str, str, str]) -> str:
    """tender.yaml with the given (id/kind, date) milestones and procedure."""
    lines = ["planning:"]
    for kind, date, _ in milestones:
        lines += [f"  - id: {kind}", f"    title: {kind.capitalize()}", f"    date: {date}", f"    kind: {kind}"]
    return "\n".join(lines) + "\n"

SAS_PLANNING = [("publicatie", "2025-03-03", ""), ("vragen", "2025-03-20", ""), ("nvi", "2025-04-01", ""),
                ("inschrijving", "2025-04-22", ""), ("gunningsbeslissing", "2025-06-02", ""),
                ("einde-standstill", "2025-06-23", ""), ("start-contract", "2026-01-01", "")]

def tender(procedure: str = "sas", milestones=SAS_PLANNING, extra: str = "") -> str:
    return (f"reference: TL-2026\ntitle: Inkoop\ndomains: [jeugd, wmo]\nprocedure: {procedure}\n"
            f"contract:\n  start: 2026-01-01\n  initial_years: 3\n{extra}" + planning(*milestones))

def messages(make_project, files: dict[str, str | None]) -> tuple[list[str], list[str]]:
    """(errors, warnings) of a tender project: the small project plus a leidraad and the given files."""
    project = make_project({"content/documents/leidraad.md": LEIDRAAD, **files})
    try:
        _, warnings = check(project)
    except ContentErrors as exc:
        return exc.messages(), []
    return [], [str(w) for w in warnings]

def test_a_complete_sas_tender_is_valid(make_project):
    assert messages(make_project, {"content/tender.yaml": tender()}) == ([], [])

def test_every_rule_has_a_check_and_every_check_a_rule():
    assert {rule.id for rule in RULES} == set(CHECKS)
    assert set(PROCEDURES) == {"open-house", "sas", "openbaar", "niet-openbaar", "dialoog", "subsidie"}

def test_standstill(make_project):
    short = [m if m[0] != "einde-standstill" else ("einde-standstill", "2025-06-16", "") for m in SAS_PLANNING]
    assert messages(make_project, {"content/tender.yaml": tender(milestones=short)})[0] == [
        "content/tender.yaml:31:11: de opschortende termijn is te kort: van gunningsbeslissing (2 juni 2025) "
        "tot einde-standstill (16 juni 2025) is 14 dagen; minimaal 20 kalenderdagen: zet einde-standstill op "
        "22 juni 2025 of later (Aw 2012 art. 2.127)"]

def test_nvi_european_procedure(make_project):
    late = [m if m[0] != "nvi" else ("nvi", "2025-04-17", "") for m in SAS_PLANNING]
    late.insert(-1, ("definitieve-gunning", "2025-06-25", ""))
    assert messages(make_project, {"content/tender.yaml": tender("openbaar", late)})[0] == [
        "content/tender.yaml:19:11: de nota van inlichtingen (17 april 2025) komt 5 dagen vóór de sluiting van "
        "de inschrijving (22 april 2025); minimaal 10 dagen: publiceer haar uiterlijk 12 april 2025 (Aw 2012 "
        "art. 2.54)",
    ]

def test_open_procedure_period_with_and_without_electronic_submission(make_project):
    milestones = [("publicatie", "2025-03-10", ""), ("vragen", "2025-03-20", ""), ("nvi", "2025-04-01", ""),
                  ("inschrijving", "2025-04-22", ""), ("gunningsbeslissing", "2025-06-02", ""),
                  ("einde-standstill", "2025-06-23", ""), ("definitieve-gunning", "2025-06-25", ""),
                  ("start-contract", "2026-01-01", "")]
    electronic = messages(make_project, {"content/tender.yaml": tender("openbaar", milestones)})
    assert electronic == ([], [])  # 43 days: enough with electronic submission (45 - 5)
    paper = messages(make_project, {"content/tender.yaml": tender("openbaar", milestones,
                                                                  "electronic_submission: false\n")})
    assert paper[0] == [
        "content/tender.yaml:24:11: de inschrijftermijn is te kort: van publicatie (10 maart 2025) tot "
        "inschrijving (22 april 2025) is 43 dagen; minimaal 45 dagen: zet inschrijving op 24 april 2025 of "
        "later (Aw 2012 art. 2.71 en 2.74a)"]

def test_nvi_national_practice_is_a_warning(make_project):
    late = [m if m[0] != "nvi" else ("nvi", "2025-04-18", "") for m in SAS_PLANNING]
    assert messages(make_project, {"content/tender.yaml": tender(milestones=late)}) == ([], [
        "content/tender.yaml:19:11: waarschuwing: de nota van inlichtingen (18 april 2025) komt 4 dagen vóór "
        "de sluiting van de inschrijving (22 april 2025); minimaal 6 dagen: publiceer haar uiterlijk 16 april "
        "2025 (Gids Proportionaliteit, praktijk)"])

def test_restricted_procedure_periods(make_project):
    milestones = [("publicatie", "2025-03-03", ""), ("aanmelding", "2025-03-24", ""),
                  ("uitnodiging", "2025-04-07", ""), ("vragen", "2025-04-20", ""), ("nvi", "2025-04-28", ""),
                  ("inschrijving", "2025-05-12", ""), ("gunningsbeslissing", "2025-06-02", ""),
                  ("einde-standstill", "2025-06-23", ""), ("definitieve-gunning", "2025-06-25", ""),
                  ("start-contract", "2026-01-01", "")]
    assert messages(make_project, {"content/tender.yaml": tender("niet-openbaar", milestones)})[0] == [
        "content/tender.yaml:15:11: de aanmeldtermijn is te kort: van publicatie (3 maart 2025) tot aanmelding "
        "(24 maart 2025) is 21 dagen; minimaal 30 dagen: zet aanmelding op 2 april 2025 of later (Aw 2012 art. "
        "2.72)",
    ]
    # 35 days after the invitation is exactly the minimum with electronic submission (40 - 5); one day less fails
    shorter = [m if m[0] != "uitnodiging" else ("uitnodiging", "2025-04-08", "") for m in milestones]
    shorter[1] = ("aanmelding", "2025-04-02", "")
    assert messages(make_project, {"content/tender.yaml": tender("niet-openbaar", shorter)})[0] == [
        "content/tender.yaml:31:11: de inschrijftermijn na de uitnodiging is te kort: van uitnodiging (8 april "
        "2025) tot inschrijving (12 mei 2025) is 34 dagen; minimaal 35 dagen: zet inschrijving op 13 mei 2025 "
        "of later (Aw 2012 art. 2.73 en 2.74a)",
    ]

def test_threshold_requires_a_notice(make_project):
    without_publication = [m for m in SAS_PLANNING if m[0] != "publicatie"]
    errors, _ = messages(make_project, {"content/tender.yaml": tender(
        milestones=without_publication, extra="estimated_value: 2500000\n")})
    assert ("content/tender.yaml:8:18: de geraamde waarde (€ 2.500.000) ligt boven de drempel van € 750.000: een "
            "aankondiging is verplicht; voeg een mijlpaal met kind 'publicatie' toe (Aw 2012 art. 2.38 en 2.39; "
            "Richtlijn 2014/24/EU art. 4 sub d)") in errors

def test_procedure_requires_its_milestones(make_project):
    without = [m for m in SAS_PLANNING if m[0] not in ("nvi", "einde-standstill")]
    assert messages(make_project, {"content/tender.yaml": tender(milestones=without)})[0] == [
        "content/tender.yaml:9:3: de planning mist een mijlpaal met kind 'einde-standstill', verplicht bij "
        "procedure 'sas'; voeg er een toe met kind: einde-standstill (Aw 2012 art. 2.26-2.39)",
        "content/tender.yaml:9:3: de planning mist een mijlpaal met kind 'nvi', verplicht bij procedure 'sas'; voeg er een toe met kind: nvi "
        "(Aw 2012 art. 2.26-2.39)",
    ]

def test_milestones_in_legal_order(make_project):
    swapped = [("publicatie", "2025-03-03", ""), ("nvi", "2025-03-20", ""), ("vragen", "2025-04-01", ""),
               *SAS_PLANNING[3:]]
    assert messages(make_project, {"content/tender.yaml": tender(milestones=swapped)})[0] == [
        "content/tender.yaml:15:11: mijlpaal 'nvi' (nvi, 20 maart 2025) moet na 'vragen' (vragen, 1 april "
        "2025) liggen; zet 'nvi' later of 'vragen' eerder (Aw 2012 art. 2.54, 2.127 en 2.130)"]

def test_leidraad_needs_the_sections_of_its_procedure(make_project):
    errors, _ = messages(make_project, {
        "content/tender.yaml": tender(),
        "content/documents/leidraad.md": LEIDRAAD.replace("{{ gunningscriteria }}", "Zie de bijlage."),
    })
    assert errors == ["content/documents/leidraad.md:1:1: de aanbestedingsleidraad mist het onderdeel "
                      "{{ gunningscriteria }}, verplicht bij procedure 'sas' (Aw 2012 art. 2.99 en 2.115)"]

def test_weights_per_lot(make_project):
    lots = "lots:\n  - id: p1\n    name: Jeugd\n    segments: [crisis]\n  - id: p2\n    name: Wonen\n    segments: [wonen]\n"
    criteria = """\
        criteria:
          - id: g1
            title: Visie
            kind: kwaliteit
            weight: 60
            description: Visie.
          - id: g2
            title: Samenwerking
            kind: kwaliteit
            weights: {p1: 40, p2: 30}
            description: Samenwerking.
        """
    errors, _ = messages(make_project, {"content/tender.yaml": tender(extra=lots),
                                        "content/criteria.yaml": criteria})
    assert "content/criteria.yaml:2:3: de wegingen van de gunningscriteria voor perceel 'p2' tellen op tot 90% in " \
           "plaats van 100% (g1 60 + g2 30); pas de wegingen aan tot ze samen 100 zijn (Aw 2012 art. 2.115)" in errors
    assert "content/documents/leidraad.md:1:1: de aanbestedingsleidraad mist het onderdeel {{ percelen }}, verplicht " \
           "bij procedure 'sas' met percelen (Aw 2012 art. 2.99 en 2.115)" in errors

def test_best_price_quality(make_project):
    criteria = "criteria:\n  - id: prijs\n    title: Prijs\n    kind: prijs\n    weight: 100\n    description: Laagste prijs.\n"
    assert messages(make_project, {"content/tender.yaml": tender(), "content/criteria.yaml": criteria})[0] == [
        "content/criteria.yaml:2:3: de gunning gebeurt alleen op prijs; jeugdhulp en Wmo-diensten vragen om minstens "
        "één kwaliteitscriterium (Jeugdwet art. 2.11; Wmo 2015 art. 2.6.6; Uitvoeringsbesluit Wmo 2015 art. 5.4; "
        "ECLI:NL:RBNNE:2021:3943)"]

def test_open_house_has_no_ranking(make_project):
    milestones = [("publicatie", "2025-03-03", ""), ("start-contract", "2026-01-01", "")]
    errors, _ = messages(make_project, {"content/tender.yaml": tender("open-house", milestones)})
    assert errors == [
        "content/criteria.yaml:2:3: bij open house worden aanbieders niet gerangschikt: verwijder de gunningscriteria "
        "of kies een andere procedure in tender.yaml (HvJ EU 2 juni 2016, C-410/14 (Falk Pharma); HvJ EU 1 maart "
        "2018, C-9/17 (Tirkkonen))"]

def test_exclusion_grounds_name_evidence_and_moment(make_project):
    requirements = ("requirements:\n  - id: uea\n    kind: uitsluitingsgrond\n    title: UEA\n"
                    "    text: Geen veroordelingen.\n    evidence: UEA deel III.\n")
    assert messages(make_project, {"content/tender.yaml": tender(), "content/requirements.yaml": requirements})[0] == [
        "content/requirements.yaml:2:5: uitsluitingsgrond 'uea' noemt niet wanneer het bewijs gevraagd wordt "
        "('moment') (Aw 2012 art. 2.84 en 2.93)"]

def test_rules_before_their_start_date_do_not_apply(make_project):
    """A tender published before 2016-07-01 is judged without the rules that apply from then."""
    old = [(kind, date.replace("2025", "2015").replace("2026", "2016"), "") for kind, date, _ in SAS_PLANNING]
    late = [m if m[0] != "nvi" else ("nvi", "2015-04-18", "") for m in old]
    assert messages(make_project, {"content/tender.yaml": tender(milestones=late)}) == ([], [])

def test_bestek_rules_lists_every_rule_with_its_article(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rule in RULES:
        assert f"{rule.id}: {rule.title}" in out
        assert f"bron: {rule.article} ({rule.source})" in out
    assert "waarde: 20 kalenderdagen; geldt voor: sas, openbaar, niet-openbaar, dialoog; ernst: fout; vanaf " \
           "1 april 2013" in out


def test_one_day_is_one_dag(make_project):
    """Counts in rule messages take their singular (issue 14)."""
    short = [m if m[0] != "einde-standstill" else ("einde-standstill", "2025-06-03", "") for m in SAS_PLANNING]
    assert messages(make_project, {"content/tender.yaml": tender(milestones=short)})[0] == [
        "content/tender.yaml:31:11: de opschortende termijn is te kort: van gunningsbeslissing (2 juni 2025) "
        "tot einde-standstill (3 juni 2025) is 1 dag; minimaal 20 kalenderdagen: zet einde-standstill op 22 "
        "juni 2025 of later (Aw 2012 art. 2.127)"]
