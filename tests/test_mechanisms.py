"""The generic document mechanisms of council documents: letter header and signatures, appendices,
footnotes, principles, segment tables and matrices, planning periods, risks and budget tables."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from generator.core.errors import ContentErrors
from generator.pipeline import build

LETTER = """\
    ---
    title: Voortgang inkoop
    kind: raadsinformatiebrief
    version: "1.0"
    status: definitief
    date: 2025-03-16
    letter:
      onderwerp: Voortgang inkoop Jeugd en Wmo
      nummer: 2025/0042
      datum: 2025-03-16
      portefeuillehouder: wethouder Jansen
      bijlagen: [Vragen uit de raad]
    signatures:
      - {name: J. Jansen, role: de burgemeester}
      - {name: P. de Vries, role: de secretaris}
    ---

    # Aanleiding

    De raad vroeg om een stand van zaken.[^1] Zie ook [[paragraaf:B1.1]].

    [^1]: Motie 12 van 4 februari 2025.

    ::: uitgangspunten
    1. We kopen regionaal in.
    2. Elke gemeente betaalt voor haar eigen inwoners.
    :::

    # Segmenten

    {{ segmenttabel kolommen="naam,budget,clienten,aanbiedersveld" }}

    {{ segmentmatrix rijen="hoofdvorm,toegang,looptijd" }}

    {{ risicos }}

    {{ begroting id="start" }}

    {{ planning }}

    # Vragen uit de raad {bijlage}

    ## Over de planning

    Vraag en antwoord.
    """
SEGMENTS = """\
    segments:
      - id: crisis
        name: Crisis
        domains: [jeugd]
        target_group: Inwoners in acute nood.
        ambition: Snel hulp.
        description: Acute hulp.
        main_form: Taakgericht
        access: Direct
        contract_duration: 3 jaar plus 2x2 jaar
        budget: 1250000
        clients: 120
        provider_field: Eén regionale aanbieder
      - id: wonen
        name: Wonen
        domains: [wmo]
        target_group: Inwoners die beschermd wonen.
        ambition: Thuis wonen.
        description: Beschermd wonen.
        budget: 750000.75
        clients: 30
    """
RISKS = """\
    risks:
      - id: inschrijving
        risk: Te weinig inschrijvingen.
        measure: Marktconsultatie vooraf.
        likelihood: middel
        impact: groot
    """
BUDGETS = """\
    budgets:
      - id: start
        title: Startbudget per gemeente
        row_title: Gemeente
        columns:
          - {id: uitgaven, title: Uitgaven, unit: euro}
          - {id: clienten, title: Cliënten, unit: aantal}
          - {id: gemiddeld, title: Per cliënt, unit: euro, ratio: [uitgaven, clienten]}
        rows:
          - label: Oostdorp
            values: {uitgaven: 1000000, clienten: 200}
          - label: Westdorp
            values: {uitgaven: 500000, clienten: 50}
        stated_totals: {uitgaven: 1500000, clienten: 250}
    """
PLANNING_TENDER = """\
    reference: TL-2026
    title: Inkoop
    domains: [jeugd, wmo]
    procedure: sas
    planning:
      - id: voorbereiding
        title: Voorbereiding
        date: 2025-01-06
        end: 2025-03-28
        phase: Voorbereidingsfase
      - id: informatie
        title: Informatiebijeenkomst
        date: 2025-04-10
        time: "14:00"
        phase: Aanbestedingsfase
    """


@pytest.fixture
def council_project(make_project):
    return make_project({"content/documents/brief.md": LETTER, "content/segments.yaml": SEGMENTS,
                         "content/risks.yaml": RISKS, "content/budgets.yaml": BUDGETS,
                         "content/tender.yaml": PLANNING_TENDER, "config.yaml": "pdf:\n  enabled: true\n",
                         "content/documents/notitie.md": None})


def pdf_text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


def test_letter_document_in_pdf(council_project, tmp_path):
    result = build(council_project, tmp_path / "out")
    assert result.warnings == ()
    text = pdf_text(tmp_path / "out" / "pdf" / "brief.pdf")
    assert text.startswith("Regio Testland RAADSINFORMATIEBRIEF Voortgang inkoop Onderwerp Voortgang inkoop Jeugd en "
                           "Wmo Nummer 2025/0042 Datum 16 maart 2025 Portefeuillehouder wethouder Jansen Bijlagen Bijlage 1: "
                           "Vragen uit de raad")  # a letter: no cover page, no contents, the header table first
    assert "Met vriendelijke groet, de burgemeester J. Jansen de secretaris P. de Vries" in text
    assert "Bijlage 1 Vragen uit de raad" in text and "B1.1 Over de planning" in text
    assert "paragraaf B1.1" in text
    assert "Motie 12 van 4 februari 2025." in text  # the footnote is printed (at the foot of the page)
    assert "Uitgangspunten We kopen regionaal in. Elke gemeente betaalt voor haar eigen inwoners." in text
    # signatures close the letter; the appendix follows them
    assert text.index("de secretaris P. de Vries") < text.index("Bijlage 1 Vragen uit de raad B1.1 Over de planning")


def test_tables_from_data(council_project, tmp_path):
    build(council_project, tmp_path / "out")
    text = pdf_text(tmp_path / "out" / "pdf" / "brief.pdf")
    assert "Segment Budget Cliënten Aanbiedersveld Crisis € 1.250.000 120 Eén regionale aanbieder " \
           "Wonen € 750.001 30 – Totaal € 2.000.001 150" in text
    assert "Kenmerk Crisis Wonen Hoofdvorm Taakgericht – Toegang Direct – Contractduur 3 jaar plus 2x2 jaar –" in text
    assert "1 Te weinig inschrijvingen. middel groot Marktconsultatie vooraf." in text
    assert "Gemeente Uitgaven Cliënten Per cliënt Oostdorp € 1.000.000 200 € 5.000 Westdorp € 500.000 50 € 10.000 " \
           "Totaal € 1.500.000 250 € 6.000" in text
    assert "Voorbereidingsfase Voorbereiding 6 januari 2025 28 maart 2025 Aanbestedingsfase Informatiebijeenkomst " \
           "10 april 2025 14.00 uur" in text


def test_footnotes_on_the_site_are_listed_at_the_end(council_project, tmp_path):
    build(council_project, tmp_path / "out")
    html = (tmp_path / "out" / "site" / "documenten" / "brief.html").read_text()
    assert '<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>' in html
    assert '<section class="footnotes" aria-label="Voetnoten">' in html
    assert '<h2 id="vragen-uit-de-raad" class="appendix"><span class="heading-number">Bijlage 1</span>' in html


def errors_of(project) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        build(project, project / "build")
    return caught.value.messages()


def test_letter_without_a_date(council_project):
    path = council_project / "content" / "documents" / "brief.md"
    path.write_text(path.read_text().replace("  datum: 2025-03-16\n", ""))
    assert errors_of(council_project) == [
        "content/documents/brief.md:7:1: de brief heeft een datum nodig: vul onder 'letter' het veld 'datum' of "
        "'datum_college' in"]


def test_letter_kind_needs_a_letter_header(make_project):
    text = LETTER.split("    letter:")[0] + "    ---\n\n    # Aanleiding\n"
    assert errors_of(make_project({"content/documents/brief.md": text})) == [
        "content/documents/brief.md:3:1: een raadsinformatiebrief heeft in het voorwerk 'letter' nodig (met ten "
        "minste onderwerp en datum)"]


def test_risk_without_a_measure(council_project):
    (council_project / "content" / "risks.yaml").write_text(
        "risks:\n  - id: inschrijving\n    risk: Te weinig inschrijvingen.\n")
    assert errors_of(council_project) == ["content/risks.yaml:2:5: verplicht veld 'measure' ontbreekt; voeg een regel 'measure: ...' toe"]


def test_budget_total_that_does_not_add_up(council_project):
    path = council_project / "content" / "budgets.yaml"
    path.write_text(path.read_text().replace("uitgaven: 1500000", "uitgaven: 1400000"))
    assert errors_of(council_project) == [
        "content/budgets.yaml:14:21: het opgegeven totaal van 'Uitgaven' (1.400.000) wijkt af van het berekende "
        "totaal (1.500.000)"]


def test_budget_rows_and_ratios_name_existing_columns(council_project):
    path = council_project / "content" / "budgets.yaml"
    path.write_text(path.read_text().replace("ratio: [uitgaven, clienten]", "ratio: [uitgaven, klanten]")
                    .replace("{uitgaven: 500000, clienten: 50}", "{uitgaven: 500000}"))
    assert errors_of(council_project) == [
        "content/budgets.yaml:8:74: onbekende kolom 'klanten'; bedoelt u 'clienten'? (bekend: uitgaven, clienten)",
        "content/budgets.yaml:13:17: de rij 'Westdorp' mist een waarde voor clienten",
    ]


def test_undefined_footnote_and_unknown_attribute(council_project):
    path = council_project / "content" / "documents" / "brief.md"
    path.write_text(path.read_text().replace("stand van zaken.[^1]", "stand van zaken.[^2]")
                    .replace("kolommen=\"naam,budget", "kolommen=\"naam,begroting"))
    assert errors_of(council_project) == [
        "content/documents/brief.md:20:38: voetnoot [^2] heeft geen tekst; voeg een regel '[^2]: ...' toe aan het "
        "document",
        "content/documents/brief.md:31:1: onbekende kolom 'begroting'; bedoelt u 'bekostiging'? (toegestaan: naam, "
        "domein, doelgroep, ambitie, omschrijving, subsegmenten, hoofdvorm, toegang, leveranciersmanagement, "
        "bekostiging, contractvorm, looptijd, aantal-aanbieders, budget, clienten, aanbiedersveld)",
    ]
