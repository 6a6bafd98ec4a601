"""Mechanisms for council letters and policy documents: unnumbered letters (numbering: geen) with numbered
appendices, the closing line and signatures without a name, the scope as lists per domain, the municipalities
as an enumeration, and a tender whose procedure is not chosen yet."""
from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from generator.core.errors import ContentErrors
from generator.pipeline import build

from .sitecheck import parse_page

LETTER = """\
    ---
    title: Voortgang inkoop
    kind: raadsinformatiebrief
    version: "1.0"
    status: definitief
    date: 2025-03-16
    numbering: geen
    letter:
      onderwerp: Voortgang inkoop Jeugd en Wmo
      datum_college: 2025-03-11
    closing: |
      Het college van burgemeester en wethouders,
    signatures:
      - {role: de secretaris}
      - {name: J. Jansen, role: de burgemeester}
    ---

    # Algemeen

    ## Planning

    De [[gemeenten]] kopen samen in; zie [[paragraaf:B1.1]] in [[bijlage:1]].

    # Vragen uit de raad {bijlage}

    ## Over de planning

    Vraag en antwoord.
    """
SCOPE_TENDER = """\
    reference: TL-2026
    title: Inkoop
    domains: [jeugd, wmo]
    scope:
      - {domain: wmo, service: Begeleiding, in_scope: true}
      - {domain: wmo, service: Beschermd wonen, in_scope: false, note: Apart traject van de centrumgemeente.}
      - {domain: jeugd, service: Pleegzorg, in_scope: true}
    """
POLICY = """\
    ---
    title: Beleidsuitgangspunten
    kind: beleidsuitgangspunten
    version: "1.0"
    status: definitief
    date: 2025-01-15
    ---

    # Reikwijdte

    ## Wmo

    {{ reikwijdte domein="wmo" weergave="lijsten" }}

    # Alles

    {{ reikwijdte weergave="lijsten" }}

    {{ reikwijdte domein="jeugd" }}
    """


def page_text(path) -> str:
    """The visible text of a site page, without the '#' self-links next to headings."""
    text = re.sub(r"\s+", " ", " ".join(parse_page(path).text)).strip()
    return re.sub(r" # Link naar kop ‘[^’]*’", "", text)


def errors_of(project) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        build(project, project / "build")
    return caught.value.messages()


@pytest.fixture
def letter_project(make_project):
    return make_project({"content/documents/brief.md": LETTER, "content/documents/notitie.md": None})


def test_letter_without_numbers_keeps_numbered_appendices(letter_project, tmp_path):
    result = build(letter_project, tmp_path / "out")
    assert result.warnings == ()
    html = (tmp_path / "out" / "site" / "documenten" / "brief.html").read_text()
    assert '<h2 id="algemeen">Algemeen</h2>' in html and '<h3 id="planning">Planning</h3>' in html
    assert '<span class="heading-number">Bijlage 1</span> Vragen uit de raad' in html
    assert '<span class="heading-number">B1.1</span> Over de planning' in html
    text = page_text(tmp_path / "out" / "site" / "documenten" / "brief.html")
    assert "De Oostdorp en Westdorp kopen samen in; zie paragraaf B1.1 in bijlage 1" in text
    assert '<a class="xref" href="#vragen-uit-de-raad">bijlage 1</a>' in html
    # without 'bijlagen' the header lists the letter's own appendices
    assert "Datum collegebesluit 11 maart 2025 Bijlagen Bijlage 1: Vragen uit de raad Algemeen" in text
    assert "Het college van burgemeester en wethouders, de secretaris de burgemeester J. Jansen" in text
    assert "Met vriendelijke groet" not in text


def test_a_letter_without_numbers_has_no_numbered_sections(letter_project):
    path = letter_project / "content" / "documents" / "brief.md"
    path.write_text(path.read_text().replace("[[paragraaf:B1.1]]", "[[paragraaf:1.1]]"))
    assert errors_of(letter_project) == [
        "content/documents/brief.md:22:38: paragraaf 1.1 bestaat niet (genummerd: B1, B1.1)"]


def test_an_appendix_reference_names_an_existing_appendix(letter_project):
    path = letter_project / "content" / "documents" / "brief.md"
    path.write_text(path.read_text().replace("[[bijlage:1]]", "[[bijlage:2]]"))
    assert errors_of(letter_project) == [
        "content/documents/brief.md:22:60: bijlage 2 bestaat niet (bijlagen: 1 (Vragen uit de raad))"]


def test_closing_without_signatures(letter_project):
    path = letter_project / "content" / "documents" / "brief.md"
    text = path.read_text()
    path.write_text(text[:text.index("signatures:")] + text[text.index("---\n\n# Algemeen"):])
    assert errors_of(letter_project) == [
        "content/documents/brief.md:11:1: 'closing' is de regel boven de ondertekening; voeg ook 'signatures' toe "
        "(wie ondertekent)"]


def test_municipalities_reference_takes_no_id(letter_project):
    path = letter_project / "content" / "documents" / "brief.md"
    path.write_text(path.read_text().replace("[[gemeenten]]", "[[gemeenten:oost]]"))
    assert errors_of(letter_project) == ["content/documents/brief.md:22:4: [[gemeenten]] neemt geen id: schrijf alleen [[gemeenten]]"]


@pytest.fixture
def policy_project(make_project):
    return make_project({"content/documents/beleid.md": POLICY, "content/tender.yaml": SCOPE_TENDER,
                         "content/documents/notitie.md": None})


def test_scope_as_lists_in_and_out_per_domain(policy_project, tmp_path):
    build(policy_project, tmp_path / "out")
    text = page_text(tmp_path / "out" / "site" / "documenten" / "beleid.html")
    wmo = "Binnen de reikwijdte Begeleiding Buiten de reikwijdte Beschermd wonen: Apart traject van de centrumgemeente."
    assert f"1.1 Wmo {wmo} 2 Alles" in text  # one domain: no domain heading of its own
    assert f"2 Alles Wmo {wmo} Jeugd Binnen de reikwijdte Pleegzorg Reikwijdte" in text  # no out-list without lines
    assert "Reikwijdte van de inkoop: Jeugd Domein Dienst Binnen de inkoop Toelichting Jeugd Pleegzorg ja" in text


def test_procedure_may_wait_for_a_policy_document(policy_project, tmp_path):
    build(policy_project, tmp_path / "out")
    assert "Procedure Nog niet gekozen" in page_text(tmp_path / "out" / "site" / "index.html")


def test_a_tender_document_needs_the_procedure(make_project):
    project = make_project({"content/tender.yaml": SCOPE_TENDER, "content/documents/leidraad.md": """\
        ---
        title: Aanbestedingsleidraad
        kind: aanbestedingsleidraad
        version: "1.0"
        status: concept
        date: 2025-01-15
        ---

        # Inleiding
        """, "content/documents/notitie.md": None})
    assert errors_of(project) == [
        "content/documents/leidraad.md:3:1: een aanbestedingsleidraad hoort bij een procedure: kies 'procedure' in "
        "content/tender.yaml (open-house, sas, openbaar, niet-openbaar, dialoog, subsidie)"]


def test_scope_block_arguments_are_checked(policy_project):
    path = policy_project / "content" / "documents" / "beleid.md"
    path.write_text(path.read_text().replace('weergave="lijsten" }}', 'weergave="lijst" }}', 1)
                    .replace('domein="jeugd"', 'domein="jeugdzorg"'))
    tender = policy_project / "content" / "tender.yaml"
    assert errors_of(policy_project) == [
        "content/documents/beleid.md:13:1: onbekende waarde 'lijst' voor weergave; bedoelt u 'lijsten'? "
        "(toegestaan: tabel, lijsten)",
        "content/documents/beleid.md:19:1: onbekende waarde 'jeugdzorg' voor domein; bedoelt u 'jeugd'? "
        "(toegestaan: jeugd, wmo)",
    ]
    path.write_text(POLICY.replace("    ", "", 1).replace("\n    ", "\n"))
    tender.write_text(tender.read_text().replace("  - {domain: jeugd, service: Pleegzorg, in_scope: true}\n", ""))
    assert errors_of(policy_project) == [
        "content/documents/beleid.md:19:1: de 'scope' in content/tender.yaml noemt geen diensten voor domein "
        "'jeugd' (wel voor: wmo)"]
    tender.write_text("reference: TL-2026\ntitle: Inkoop\ndomains: [jeugd, wmo]\n")
    assert errors_of(policy_project) == [
        f"content/documents/beleid.md:{line}:1: het blok 'reikwijdte' toont de reikwijdte, maar content/tender.yaml "
        "heeft geen 'scope'" for line in (13, 17, 19)]


def test_a_list_that_continues_its_numbering_in_print(make_project, tmp_path):
    """`7. ...` starts an ordered list at 7 (principles numbered through a document); WeasyPrint honours the
    start attribute only with presentational hints."""
    project = make_project({"config.yaml": "pdf:\n  enabled: true\n", "content/documents/notitie.md": """\
        ---
        title: Notitie
        kind: notitie
        version: "1.0"
        status: definitief
        date: 2025-01-15
        ---

        # Uitgangspunten

        ::: uitgangspunten
        7. Zevende uitgangspunt.
        8. Achtste uitgangspunt.
        :::
        """})
    build(project, tmp_path / "out")
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "out" / "pdf" / "notitie.pdf").pages)
    markers = re.findall(r"(?m)^\s*(\d+)\.\s*$", text)  # list markers are extracted on lines of their own
    assert markers == ["7", "8"]
