"""Generic mechanisms the Leidse regio and Achterhoek seeds needed: budget columns computed by declarative kinds
(product, share, scale) with rounding as printed; planning tables per phase with remarks; segment tables per
domain with the funding of subsegments; numbered third-level headings; the municipality that sends a letter;
rounds of questions in the planning rules. Each with the Dutch messages for its mistakes."""
from __future__ import annotations

import re

import pytest

from generator.core.errors import ContentErrors
from generator.pipeline import build, check


def errors_of(project) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        check(project)
    return caught.value.messages()


def page_text(project, document: str = "notitie") -> str:
    """The text of a built document page (site), tags removed, whitespace normalised."""
    build(project, project / "build", pdf=False)
    html = (project / "build" / "site" / "documenten" / f"{document}.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return re.sub(r" # Link naar kop ‘[^’]*’", "", text)  # the site's self-links next to headings


def notitie(body: str, front: str = "") -> str:
    return ("---\ntitle: Notitie\nkind: notitie\nversion: \"1.0\"\nstatus: definitief\ndate: 2025-01-15\n" + front
            + "---\n\n" + body)


# ------------------------------------------------------------------ budgets

BUDGETS = """\
budgets:
  - id: start
    title: Startbudget
    row_title: Gemeente
    columns:
      - {id: uitgaven, title: Uitgaven, unit: euro}
      - {id: clienten, title: Cliënten, unit: aantal}
      - {id: gemiddeld, title: Per cliënt, unit: euro, ratio: [uitgaven, clienten]}
      - {id: verwacht, title: Verwacht, unit: aantal}
      - {id: raming, title: Raming, unit: euro, product: [gemiddeld, verwacht]}
      - {id: start, title: Start, unit: euro, scale: {column: raming, factor: 1.5}}
      - {id: deel, title: Deel regio, unit: procent, total: false}
      - {id: regio, title: Regionaal, unit: euro, product: [start, deel]}
      - {id: aandeel, title: Aandeel, unit: procent, share: start}
    rows:
      - {label: Oostdorp, values: {uitgaven: 1000, clienten: 3, verwacht: 2, deel: 50}}
      - {label: Westdorp, values: {uitgaven: 500, clienten: 1, verwacht: 1, deel: 10}}
    stated_totals: {raming: 1166, start: 1749, regio: 575}
"""


def test_budget_columns_computed_rounded_as_printed(make_project):
    project = make_project({"content/budgets.yaml": BUDGETS,
                            "content/documents/notitie.md": notitie('# Budget\n\n{{ begroting id="start" }}\n')})
    text = page_text(project)
    # 1000/3 = 333,33 is printed and computed on as € 333: raming 333 x 2 = 666, start 666 x 1,5 = 999;
    # a given percentage counts as a fraction (50% of 999 = 499,5 -> 500); shares of the start total 1749
    assert ("Gemeente Uitgaven Cliënten Per cliënt Verwacht Raming Start Deel regio Regionaal Aandeel "
            "Oostdorp € 1.000 3 € 333 2 € 666 € 999 50,0% € 500 57,1% "
            "Westdorp € 500 1 € 500 1 € 500 € 750 10,0% € 75 42,9% "
            "Totaal € 1.500 4 € 375 3 € 1.166 € 1.749 € 575 100,0%") in text


def test_budget_stated_total_of_a_computed_column(make_project):
    project = make_project({"content/budgets.yaml": BUDGETS.replace("start: 1749", "start: 1750")})
    assert errors_of(project) == [
        "content/budgets.yaml:18:35: het opgegeven totaal van 'Start' (1.750) wijkt af van het berekende totaal "
        "(1.749)"]


def test_budget_column_mistakes(make_project):
    broken = (BUDGETS
              .replace("product: [gemiddeld, verwacht]}", "product: [gemiddeld, start]}")
              .replace("ratio: [uitgaven, clienten]}", "ratio: [uitgaven, clienten], share: uitgaven}")
              .replace("share: start}", "share: begroot}")
              .replace("verwacht: 1, deel: 10}", "verwacht: 1, deel: 10, raming: 400}"))
    assert errors_of(make_project({"content/budgets.yaml": broken})) == [
        "content/budgets.yaml:8:85: de kolom 'gemiddeld' heeft meer dan één berekening (ratio, share); kies er één",
        "content/budgets.yaml:10:70: de kolom 'raming' rekent met 'start', die er niet links van staat; zet 'start' "
        "eerder in de tabel",
        "content/budgets.yaml:14:61: onbekende kolom 'begroot' (bekend: uitgaven, clienten, gemiddeld, verwacht, "
        "raming, start, deel, regio)",
        "content/budgets.yaml:17:87: de kolom 'raming' wordt berekend; geef er geen waarde voor",
    ]


# ------------------------------------------------------------------ planning

PHASED_TENDER = """\
reference: TL-2026
title: Inkoop
domains: [jeugd, wmo]
procedure: sas
planning:
  - {id: strategie, title: Inkoopstrategie, date: 2025-01-06, end: 2025-02-28, phase: Voorbereiding}
  - {id: publicatie, title: Publicatie, date: 2025-03-03, kind: publicatie, phase: Aanbesteding}
  - {id: nvi, title: Nota van inlichtingen, date: 2025-03-20, kind: nvi, note: indien nodig, phase: Aanbesteding}
  - {id: start, title: Start, date: 2026-01-01, kind: start-contract, phase: Uitvoering}
"""


def test_planning_of_chosen_phases_grouped_with_remarks(make_project):
    body = '# Planning\n\n{{ planning fase="Voorbereiding, Aanbesteding" }}\n\n# Alles\n\n{{ planning }}\n'
    project = make_project({"content/tender.yaml": PHASED_TENDER, "content/documents/notitie.md": notitie(body)})
    text = page_text(project)
    chosen = text[text.rindex("1 Planning"):text.rindex("2 Alles")]
    assert ("Mijlpaal Start Einde Toelichting Voorbereiding Inkoopstrategie 6 januari 2025 28 februari 2025 "
            "Aanbesteding Publicatie 3 maart 2025 Nota van inlichtingen 20 maart 2025 indien nodig") in chosen
    assert "Uitvoering" not in chosen
    assert "Aanbesteding Publicatie 3 maart 2025 Nota van inlichtingen 20 maart 2025 indien nodig Uitvoering " \
           "Start 1 januari 2026" in text[text.rindex("2 Alles"):]


def test_planning_unknown_phase_and_period_ending_before_it_starts(make_project):
    tender = PHASED_TENDER.replace("date: 2025-01-06, end: 2025-02-28", "date: 2025-01-06, end: 2024-12-20")
    body = '# Planning\n\n{{ planning fase="Voorbereiding,Aanbestedingsfase" }}\n'
    project = make_project({"content/tender.yaml": tender, "content/documents/notitie.md": notitie(body)})
    assert errors_of(project) == [
        "content/documents/notitie.md:11:1: onbekende fase 'Aanbestedingsfase'; bedoelt u 'Aanbesteding'? (fasen in "
        "de planning: Voorbereiding, Aanbesteding, Uitvoering)",
        "content/tender.yaml:6:68: mijlpaal 'strategie' eindigt (20 december 2024) vóór hij begint (6 januari 2025); zet de einddatum (end) na de datum (date)",
    ]


# ------------------------------------------------------------------ segment tables

SEGMENTS = """\
segments:
  - id: ambulant
    name: Ambulant
    domains: [jeugd]
    target_group: Jeugdigen.
    ambition: Thuis.
    description: Ambulante hulp.
    budget: 1000000
    clients: 100
    funding_model: lumpsum
    funding_note: per aanbieder
    subsegments:
      - {id: behandeling, name: Behandeling}
      - {id: verzorging, name: Verzorging, funding_model: pxq}
  - id: verblijf
    name: Verblijf
    domains: [jeugd, wmo]
    target_group: Jeugdigen en volwassenen.
    ambition: Kort.
    description: Verblijf.
    budget: 500000
    clients: 10
    funding_model: pxq
  - id: logeren
    name: Logeren
    domains: [wmo]
    target_group: Mantelzorgers.
    ambition: Ontlasten.
    description: Respijtzorg.
    budget: 250000
    clients: 40
"""
INSTRUMENTS = """\
funding_models:
  - {id: lumpsum, name: Lumpsum, description: Een budget per aanbieder.}
  - {id: pxq, name: P x Q, description: Prijs maal hoeveelheid.}
"""


def test_segment_tables_per_domain_with_totals_and_funding(make_project):
    body = ('# Jeugd\n\n{{ segmenttabel kolommen="naam,subsegmenten,budget,clienten,bekostiging" domein="jeugd" }}\n\n'
            '# Wmo\n\n{{ segmentmatrix rijen="bekostiging,budget" domein="wmo" }}\n\n'
            '# Gekozen\n\n{{ segmenttabel kolommen="naam,clienten" segmenten="logeren,ambulant" }}\n')
    project = make_project({"content/segments.yaml": SEGMENTS, "content/instruments.yaml": INSTRUMENTS,
                            "content/documents/notitie.md": notitie(body), "content/requirements.yaml": None,
                            "content/criteria.yaml": None})
    text = page_text(project)
    assert ("Segment Subsegmenten Budget Cliënten Bekostiging "
            "Ambulant Behandeling, Verzorging € 1.000.000 100 Lumpsum (per aanbieder); Verzorging: P x Q "
            "Verblijf – € 500.000 10 P x Q Totaal € 1.500.000 110") in text
    assert "Kenmerk Verblijf Logeren Bekostiging P x Q – Budget € 500.000 € 250.000" in text
    assert "Segment Cliënten Logeren 40 Ambulant 100 Totaal 140" in text


def test_segment_table_mistakes(make_project):
    body = ('# Tabellen\n\n{{ segmenttabel kolommen="naam" domein="wmoo" }}\n\n'
            '{{ segmentmatrix kolommen="naam" segmenten="ambulant,opvang" }}\n')
    segments = SEGMENTS.replace("funding_model: pxq}", "funding_model: p-x-q}")
    project = make_project({"content/segments.yaml": segments, "content/instruments.yaml": INSTRUMENTS,
                            "content/documents/notitie.md": notitie(body), "content/requirements.yaml": None,
                            "content/criteria.yaml": None})
    assert errors_of(project) == [
        "content/documents/notitie.md:11:1: onbekende waarde 'wmoo' voor domein; bedoelt u 'wmo'? (toegestaan: jeugd, wmo)",
        "content/documents/notitie.md:13:1: het blok 'segmentmatrix' heeft het argument rijen=\"...\" nodig",
        "content/documents/notitie.md:13:1: het blok 'segmentmatrix' kent het argument 'kolommen' niet (toegestaan: "
        "rijen, segmenten, domein)",
        "content/documents/notitie.md:13:1: onbekend segment 'opvang' (bekend: ambulant, verblijf, logeren)",
        "content/segments.yaml:14:59: onbekend bekostigingsvorm 'p-x-q'; bedoelt u 'pxq'? (bekend: lumpsum, pxq)",
    ]


# ------------------------------------------------------------------ headings, letters

DEEP = """\
# Strategie

## Veranderopgaven

### Voorveld

Zie [[paragraaf:1.1.2]].

### Toegang

# Ervaringen {bijlage}

## Contract

### Looptijd

## Dialoog

### Overlegtafels
"""


def test_three_numbered_heading_levels(make_project):
    project = make_project({"content/documents/notitie.md": notitie(DEEP, "numbering_depth: 3\n")})
    text = page_text(project)
    assert "1.1.1 Voorveld Zie paragraaf 1.1.2 . 1.1.2 Toegang" in text
    # appendix sections restart their subsections: B1.2.1, not B1.2.2
    assert "Bijlage 1 Ervaringen B1.1 Contract B1.1.1 Looptijd B1.2 Dialoog B1.2.1 Overlegtafels" in text


def test_third_level_references_need_numbering_depth(make_project):
    project = make_project({"content/documents/notitie.md": notitie(DEEP)})
    assert errors_of(project) == [
        "content/documents/notitie.md:15:5: paragraaf 1.1.2 bestaat niet; bedoelt u 1.1 (Veranderopgaven)? "
        "(genummerd: 1, 1.1, B1, B1.1, B1.2)"]
    project = make_project({"content/documents/notitie.md": notitie(DEEP, "numbering_depth: 7\n")})
    assert errors_of(project) == ["content/documents/notitie.md:7:18: 'numbering_depth' mag hoogstens 4 zijn, "
                                  "maar is 7; schrijf 4 of minder"]


LETTER = """\
letter:
  gemeente: {gemeente}
  onderwerp: Voortgang
  datum: 2025-03-16
"""


def test_letter_from_one_municipality_of_the_region(make_project, tmp_path):
    front = LETTER.format(gemeente="west")
    project = make_project({"content/documents/notitie.md": notitie("Geachte raad,\n", front).replace(
        "kind: notitie", "kind: informatiebrief")})
    result = build(project, tmp_path / "out", pdf=True)
    assert result.warnings == ()
    from pypdf import PdfReader
    text = re.sub(r"\s+", " ", PdfReader(tmp_path / "out" / "pdf" / "notitie.pdf").pages[0].extract_text())
    assert text.startswith("Gemeente Westdorp INFORMATIEBRIEF Notitie Onderwerp Voortgang Datum 16 maart 2025")


def test_letter_from_an_unknown_municipality(make_project):
    front = LETTER.format(gemeente="noord")
    project = make_project({"content/documents/notitie.md": notitie("Geachte raad,\n", front).replace(
        "kind: notitie", "kind: informatiebrief")})
    assert errors_of(project) == ["content/documents/notitie.md:8:13: onbekende gemeente 'noord' (bekend: oost, west)"]


# ------------------------------------------------------------------ planning rules

def rounds_tender(*milestones: tuple[str, str, str, str]) -> str:
    lines = ["reference: TL-2026", "title: Inkoop", "domains: [jeugd]", "procedure: sas", "planning:"]
    for ident, kind, date, time in milestones:
        lines.append(f"  - {{id: {ident}, title: {ident}, date: {date}, kind: {kind}"
                     + (f", time: \"{time}\"" if time else "") + "}")
    return "\n".join(lines) + "\n"


ROUNDS = [("publicatie", "publicatie", "2025-03-03", ""), ("vragen-1", "vragen", "2025-03-10", "12:00"),
          ("nvi-1", "nvi", "2025-03-17", ""), ("vragen-2", "vragen", "2025-03-24", "10:00"),
          ("nvi-2", "nvi", "2025-03-31", ""), ("inschrijving", "inschrijving", "2025-04-22", "10:00"),
          ("gunningsbeslissing", "gunningsbeslissing", "2025-05-01", ""),
          ("einde-standstill", "einde-standstill", "2025-05-22", "10:00"),
          ("definitieve-gunning", "definitieve-gunning", "2025-05-22", ""),
          ("start", "start-contract", "2026-01-01", "")]


def test_two_rounds_of_questions_and_a_final_award_after_the_standstill_ends(make_project):
    project = make_project({"content/tender.yaml": rounds_tender(*ROUNDS)})
    assert check(project)[1] == []


def test_the_last_round_of_questions_is_checked(make_project):
    late = [m if m[0] != "nvi-2" else ("nvi-2", "nvi", "2025-04-18", "") for m in ROUNDS]
    project = make_project({"content/tender.yaml": rounds_tender(*late)})
    assert [str(w) for w in check(project)[1]] == [
        "content/tender.yaml:10:37: waarschuwing: de nota van inlichtingen (18 april 2025) komt 4 dagen vóór "
        "de sluiting van de inschrijving (22 april 2025); minimaal 6 dagen: publiceer haar uiterlijk 16 april "
        "2025 (Gids Proportionaliteit, praktijk)"]


def test_a_round_of_questions_without_its_nota_and_an_award_before_the_standstill_ends(make_project):
    unanswered = [m for m in ROUNDS if m[0] != "nvi-2"]
    unanswered = [m if m[0] != "definitieve-gunning" else ("definitieve-gunning", "definitieve-gunning", "2025-05-22",
                                                           "09:00") for m in unanswered]
    assert errors_of(make_project({"content/tender.yaml": rounds_tender(*unanswered)})) == [
        "content/tender.yaml:8:37: mijlpaal 'nvi-1' (nvi, 17 maart 2025) moet na 'vragen-2' (vragen, 24 maart "
        "2025, 10.00 uur) liggen; zet 'nvi-1' later of 'vragen-2' eerder (Aw 2012 art. 2.54, 2.127 en 2.130)",
        "content/tender.yaml:13:65: mijlpaal 'definitieve-gunning' (definitieve-gunning, 22 mei 2025, 09.00 "
        "uur) moet na 'einde-standstill' (einde-standstill, 22 mei 2025, 10.00 uur) liggen; zet "
        "'definitieve-gunning' later of 'einde-standstill' eerder (Aw 2012 art. 2.54, 2.127 en 2.130)",
    ]
