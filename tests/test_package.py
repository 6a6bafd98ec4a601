"""`bestek package`: a complete, reproducible tender package for TenderNed."""
from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile

import pytest
from pypdf import PdfReader

from generator.core.errors import ContentErrors
from generator.pipeline import build

from .conftest import NOTICE_ORGANISATION, NOTICE_TENDER
from .pdftext import pdf_text
from .test_rules import LEIDRAAD, tender

NVI = """\
    ---
    title: Nota van Inlichtingen 1
    kind: nota-van-inlichtingen
    version: "1.0"
    status: definitief
    date: 2025-04-01
    ---

    # Vragen en antwoorden

    {{ vragen }}

    # Wijzigingen in de aanbestedingsstukken

    {{ wijzigingen }}
    """
AGREEMENT = """\
    ---
    title: Conceptovereenkomst
    kind: overeenkomst
    version: "1.0"
    status: concept
    date: 2025-02-15
    numbering: artikelen
    ---

    # Definities

    ## Cliënt

    Een inwoner met een beschikking; zie ook [[artikel:2.1]].

    # Looptijd

    ## Ingangsdatum

    {{ contract }}

    ## Verlenging

    Verlenging gebeurt schriftelijk, met inachtneming van [[artikel:1.1]].
    """
QUESTIONS = """\
    rounds:
      - id: ronde-1
        date: 2025-03-25
        questions:
          - id: v-termijn
            document: leidraad
            section: "2"
            question: Kan de inschrijftermijn worden verlengd?
            answer: Nee.
          - id: v-looptijd
            document: overeenkomst
            section: "2.2"
            question: Hoe vaak kan worden verlengd?
            answer: Twee keer.
            amendment: In artikel 2.2 vervalt de tweede volzin.
    """


@pytest.fixture
def tender_project(make_project):
    return make_project({
        "content/organisation.yaml": NOTICE_ORGANISATION,
        "content/tender.yaml": 'version: "1.0"\n' + NOTICE_TENDER + tender(),
        "content/documents/leidraad.md": LEIDRAAD,
        "content/documents/nvi.md": NVI,
        "content/documents/overeenkomst.md": AGREEMENT,
        "content/questions.yaml": QUESTIONS,
    })


def test_the_package_build_holds_the_exports_and_needs_what_the_eu_notice_needs(tender_project, make_project,
                                                                              tmp_path):
    build(tender_project, tmp_path / "out", package=True)
    assert sorted(p.name for p in (tmp_path / "out" / "export").iterdir()) == [
        "beoordeling.xlsx", "eforms-20.xml", "eisen.xlsx", "ocds.json", "planning.csv", "uea.json"]
    project = make_project({"content/tender.yaml": 'version: "1.0"\n' + tender(),
                            "content/documents/leidraad.md": LEIDRAAD})
    with pytest.raises(ContentErrors) as caught:
        build(project, tmp_path / "out2", package=True)
    assert "content/tender.yaml:1:1: BT-262 ontbreekt: hoofdclassificatie (CPV-code) van de opdracht; vul in " \
        "tender.yaml 'cpv' in (zoals cpv: [\"85312000\"])" in caught.value.messages()


def test_package_contents_and_manifest(tender_project, tmp_path):
    result = build(tender_project, tmp_path / "out", package=True)
    assert result.package == tmp_path / "out" / "package" / "TL-2026-1.0.zip"
    archive = zipfile.ZipFile(result.package)
    assert archive.namelist() == [
        "Aanbestedingsdocumenten/leidraad.pdf", "Aanbestedingsdocumenten/overeenkomst.pdf",
        "Nota van Inlichtingen/nvi.pdf", "documentenlijst.pdf", "manifest.json", "planning.ics"]
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["reference"] == "TL-2026" and manifest["version"] == "1.0"
    assert [f["path"] for f in manifest["files"]] == [n for n in archive.namelist() if n != "manifest.json"]
    for entry in manifest["files"]:
        data = archive.read(entry["path"])
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["size"] == len(data)
    leidraad = next(f for f in manifest["files"] if f["path"].endswith("leidraad.pdf"))
    assert (leidraad["title"], leidraad["version"], leidraad["status"], leidraad["date"]) == (
        "Aanbestedingsleidraad", "1.0", "concept", "2025-02-15")
    # the council document (notitie) is not published on TenderNed
    assert not any("notitie" in name for name in archive.namelist())


def test_documentenlijst_lists_every_document_with_its_checksum(tender_project, tmp_path):
    result = build(tender_project, tmp_path / "out", package=True)
    archive = zipfile.ZipFile(result.package)
    text = re.sub(r"\s+", " ", " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(archive.read("documentenlijst.pdf"))).pages))
    for name in ("Aanbestedingsdocumenten/leidraad.pdf", "Aanbestedingsdocumenten/overeenkomst.pdf",
                 "Nota van Inlichtingen/nvi.pdf"):
        digest = hashlib.sha256(archive.read(name)).hexdigest()
        assert digest in text.replace(" ", ""), name
    assert "Conceptovereenkomst 1.0 15 februari 2025 concept" in text


def test_two_packages_are_byte_identical(tender_project, tmp_path):
    first = build(tender_project, tmp_path / "a", package=True).package.read_bytes()
    second = build(tender_project, tmp_path / "b", package=True).package.read_bytes()
    assert first == second
    info = zipfile.ZipFile(io.BytesIO(first)).infolist()[0]
    assert info.date_time == (2025, 4, 1, 0, 0, 0)  # the newest document date, not the clock


def test_nvi_lists_questions_and_amendments(tender_project, tmp_path):
    build(tender_project, tmp_path / "out", package=True)
    text = pdf_text(tmp_path / "out" / "pdf" / "nvi.pdf", tender_project)  # hyphenation undone ("para-graaf")
    assert "1.1 Aanbestedingsleidraad, paragraaf 2 (Planning) Kan de inschrijftermijn worden verlengd? Nee." in text
    assert "Wijzigingen in Conceptovereenkomst" in text
    assert "1.2 2.2 In artikel 2.2 vervalt de tweede volzin." in text


def test_agreement_articles_and_checked_cross_references(tender_project, tmp_path):
    build(tender_project, tmp_path / "out", package=True)
    html = (tmp_path / "out" / "site" / "documenten" / "overeenkomst.html").read_text()
    assert '<h2 id="definities"><span class="heading-number">Artikel 1</span> Definities</h2>' in html
    assert '<h3 id="verlenging"><span class="heading-number">2.2</span> Verlenging</h3>' in html
    assert 'zie ook <a class="xref" href="#ingangsdatum">artikel 2.1</a>' in html


def test_unknown_article_is_an_error(make_project):
    project = make_project({"content/documents/overeenkomst.md": AGREEMENT.replace("[[artikel:1.1]]", "[[artikel:3.1]]")})
    with pytest.raises(ContentErrors) as caught:
        build(project, project / "build")
    assert caught.value.messages() == [
        "content/documents/overeenkomst.md:24:55: artikel 3.1 bestaat niet; bedoelt u 2.1 (Ingangsdatum) of 1.1 "
        "(Cliënt)? (genummerd: 1, 1.1, 2, 2.1, 2.2)"]


def test_question_about_an_unknown_section(tender_project):
    (tender_project / "content" / "questions.yaml").write_text(
        (tender_project / "content" / "questions.yaml").read_text().replace('section: "2.2"', 'section: "4.1"'))
    with pytest.raises(ContentErrors) as caught:
        build(tender_project, tender_project / "build", package=True)
    assert caught.value.messages() == [
        "content/questions.yaml:12:18: paragraaf 4.1 bestaat niet in 'overeenkomst'; bedoelt u 2.1 (Ingangsdatum) "
        "of 1.1 (Cliënt)? (genummerd: 1, 1.1, 2, 2.1, 2.2)"]


def test_package_needs_a_version(make_project, tmp_path):
    project = make_project({"content/tender.yaml": NOTICE_TENDER + tender(), "content/documents/leidraad.md": LEIDRAAD,
                            "content/organisation.yaml": NOTICE_ORGANISATION})
    with pytest.raises(ContentErrors) as caught:
        build(project, tmp_path / "out", package=True)
    assert caught.value.messages() == [
        "content/tender.yaml:1:1: voor 'bestek package' is het veld 'version' nodig: de versie van het "
        "aanbestedingspakket, zoals \"1.0\""]


def test_planning_ics(tender_project, tmp_path):
    build(tender_project, tmp_path / "out", package=True)
    ics = (tmp_path / "out" / "package" / "planning.ics").read_bytes()
    assert ics == (tmp_path / "out" / "site" / "planning.ics").read_bytes()
    text = ics.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.count("BEGIN:VEVENT") == 7
    assert ("BEGIN:VEVENT\r\nUID:inschrijving@tl-2026.bestek\r\nDTSTAMP:20250401T000000Z\r\n"
            "DTSTART;VALUE=DATE:20250422\r\nDTEND;VALUE=DATE:20250423\r\nSUMMARY:Inschrijving\r\n") in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
