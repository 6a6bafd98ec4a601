"""End to end: the default project builds into a temp folder; the real PDFs and site are read back."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.core.errors import ContentErrors
from generator.pipeline import build

from .conftest import REPO
from .sitecheck import broken_links, parse_page

SEGMENTS_IN_ORDER = [
    "Hoog specialistisch / weinig voorkomende zorg", "Crisis", "Jeugdbescherming en Jeugdreclassering",
    "Behandeling", "Begeleiding", "Dagbesteding en logeren", "Wonen", "Praktische ondersteuning thuis",
    "Wmo-voorzieningen",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    result = build(REPO, out)
    assert result.warnings == ()  # WeasyPrint warnings are errors
    return out


def pdf_text(path: Path) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", text)


def test_outputs_exist(built):
    assert sorted(p.name for p in (built / "pdf").iterdir()) == [
        "aanbestedingsleidraad.pdf", "beoordelingsformulier.pdf", "consultatiedocument.pdf",
        "nota-van-inlichtingen.pdf", "overeenkomst.pdf", "programma-van-eisen.pdf"]
    assert (built / "site" / "index.html").is_file()
    assert sorted(p.stem for p in (built / "site" / "segmenten").iterdir()) == sorted([
        "hoog-specialistisch", "crisis", "jeugdbescherming-reclassering", "behandeling", "begeleiding",
        "dagbesteding-logeren", "wonen", "praktische-ondersteuning", "wmo-voorzieningen"])


def test_consultation_pdf_shows_the_nine_segments_in_order(built):
    text = pdf_text(built / "pdf" / "consultatiedocument.pdf")
    section = text[text.index("5.1 Ambitie en uitgangspunten per segment", text.index("Inhoudsopgave") + 2000):]
    positions = [section.find(f"{name} Domein") for name in SEGMENTS_IN_ORDER]  # each segment's heading
    assert -1 not in positions, dict(zip(SEGMENTS_IN_ORDER, positions, strict=True))
    assert positions == sorted(positions)


def test_consultation_pdf_has_the_seed_chapters_in_order(built):
    text = pdf_text(built / "pdf" / "consultatiedocument.pdf")
    body = text[text.index("Samenvatting", text.index("Inhoudsopgave") + 100):]
    chapters = ["1 Inleiding", "2 Randvoorwaarden voor de regionale inkoop", "2.1 Regionale samenwerking",
                "2.2 Reikwijdte van de inkoop 2025", "3 Gezamenlijke visie", "4 Inhoudelijke uitgangspunten",
                "5 Segmenten", "5.1 Ambitie en uitgangspunten per segment", "6 Visie op inkoop",
                "7 Participatietraject"]
    positions = [body.find(chapter) for chapter in chapters]
    assert -1 not in positions, dict(zip(chapters, positions, strict=True))
    assert positions == sorted(positions)


def test_pdf_page_furniture(built):
    reader = PdfReader(built / "pdf" / "consultatiedocument.pdf")
    pages = len(reader.pages)
    assert reader.metadata.title == "Strategische kaders inkoop 2025"
    assert reader.metadata.author == "Regio Midden-Holland"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    first = reader.pages[0].extract_text()
    assert "CONSULTATIEDOCUMENT" in first.upper() and "Versie" in first and "0.9" in first
    last = reader.pages[-1].extract_text()
    assert f"pagina {pages} van {pages}" in last
    assert "Versie 0.9" in last  # running footer with the version
    toc = reader.pages[1].extract_text()
    assert "Inhoudsopgave" in toc and "Participatietraject" in toc


def test_facts_are_drawn_from_the_data(built):
    """One fact, one place: the leidraad shows the dates, weights and duration from the YAML files."""
    text = pdf_text(built / "pdf" / "aanbestedingsleidraad.pdf")
    assert "22 april 2024, 12.00 uur" in text  # inschrijving with its time, from tender.yaml
    assert "3 jaar met 2 opties tot verlenging van 1 jaar (maximaal 5 jaar)" in text
    assert re.search(r"Totaal 100%", text)


def test_site_index_links_every_document_and_pdf(built):
    site = built / "site"
    index = parse_page(site / "index.html")
    for document in ("consultatiedocument", "aanbestedingsleidraad", "programma-van-eisen", "beoordelingsformulier",
                     "nota-van-inlichtingen", "overeenkomst"):
        assert f"documenten/{document}.html" in index.links
        assert f"pdf/{document}.pdf" in index.links
        assert (site / "pdf" / f"{document}.pdf").read_bytes() == (built / "pdf" / f"{document}.pdf").read_bytes()


def test_site_has_no_broken_internal_links(built):
    assert broken_links(built / "site") == []


def test_segment_page_lists_requirements_and_documents(built):
    page = parse_page(built / "site" / "segmenten" / "crisis.html")
    text = " ".join(page.text)
    assert "Crisis" in text
    assert "Bereikbaarheid en reactietijd bij crisis" in text  # a requirement that names the segment
    assert "../eisen.html#eis-eis-crisis-bereikbaarheid" in page.links
    assert "../documenten/consultatiedocument.html#segment-crisis" in page.links  # at the segment's section
    # the general requirements are counted and linked, not repeated on every segment page
    assert "../eisen.html?segment=crisis" in page.links
    assert "Verklaring Omtrent het Gedrag" not in text


def test_builds_are_byte_identical(built, tmp_path):
    second = tmp_path / "again"
    build(REPO, second)
    first_files = sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    second_files = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert first_files == second_files
    for relative in first_files:
        assert (built / relative).read_bytes() == (second / relative).read_bytes(), relative


def test_an_edit_shows_everywhere(make_project, tmp_path):
    """Renaming a segment in segments.yaml changes the table, the reference and the segment page."""
    project = make_project({"content/segments.yaml": """\
        segments:
          - id: crisis
            name: Acute hulp
            domains: [jeugd]
            target_group: Inwoners in acute nood.
            ambition: Binnen 24 uur hulp.
            description: Hulp bij acute nood.
        """, "content/requirements.yaml": None, "content/documents/notitie.md": """\
        ---
        title: Notitie
        kind: notitie
        version: "1.0"
        status: concept
        date: 2025-01-15
        ---

        # Segmenten

        Het segment [[segment:crisis]] staat hieronder.

        {{ segmenten }}
        """})
    build(project, tmp_path / "out")
    site = tmp_path / "out" / "site"
    document = (site / "documenten" / "notitie.html").read_text(encoding="utf-8")
    assert document.count("Acute hulp") == 2
    assert "<h1>Acute hulp</h1>" in (site / "segmenten" / "crisis.html").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / "pdf").exists()  # pdf.enabled is false in the small project


def test_content_errors_leave_no_output(make_project, tmp_path):
    project = make_project({"content/criteria.yaml": "criteria: []\n"})
    with pytest.raises(ContentErrors):
        build(project, tmp_path / "out")
    assert not (tmp_path / "out").exists()
