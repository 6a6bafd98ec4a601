"""The Word copies of `bestek export --docx` (render/docx.py), read back with python-docx as a reviewer's Word would:
real headings with their numbers, tables with header rows, footnotes as Word footnotes, the cover data, the note
that the copy is not for editing, CONCEPT in the header of a concept, and the same bytes twice."""
from __future__ import annotations

import zipfile

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from generator.pipeline import word_copies

from ..conftest import REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    return word_copies(REPO, tmp_path_factory.mktemp("out") / "build")


def read(result, name: str):
    return docx.Document(str(result.folder / f"{name}.docx"))


def footnotes(document) -> dict[str, str]:
    part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.FOOTNOTES)
    root = etree.fromstring(part.blob)
    return {note.get(f"{W}id"): "".join(t.text for t in note.iter(f"{W}t")).strip()
            for note in root.iter(f"{W}footnote") if note.get(f"{W}type") is None}


def test_every_document_gets_a_copy_in_build_docx(copies):
    assert copies.files == ("aanbestedingsleidraad.docx", "beoordelingsformulier.docx", "consultatiedocument.docx",
                            "nota-van-inlichtingen.docx", "overeenkomst.docx", "programma-van-eisen.docx")
    assert copies.folder.name == "docx" and (copies.folder.parent / ".bestek-build").is_file()


def test_the_leidraad_has_real_numbered_headings(copies):
    leidraad = read(copies, "aanbestedingsleidraad")
    headings = [(p.style.name, p.text) for p in leidraad.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", "Aanbestedingsleidraad Inkoop Jeugd en Wmo 2025")
    assert headings[1:6] == [("Heading 1", "1 Inleiding"), ("Heading 2", "1.1 Aanbestedende dienst"),
                             ("Heading 2", "1.2 De opdracht"), ("Heading 2", "1.3 Percelen"),
                             ("Heading 2", "1.4 Status van dit document")]
    assert ("Heading 2", "9.2 Opschortende termijn") in headings
    assert headings[-1] == ("Heading 1", "Bijlage 1 Wijzigingen ten opzichte van versie 1.0")


def test_the_leidraad_tables_have_header_rows_repeated_on_every_page(copies):
    leidraad = read(copies, "aanbestedingsleidraad")
    planning = next(t for t in leidraad.tables if t.rows[0].cells[0].text == "Mijlpaal")
    assert [c.text for c in planning.rows[0].cells] == ["Mijlpaal", "Datum", "Tijd"]
    assert planning.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert planning.rows[1]._tr.find(f"{W}trPr/{W}tblHeader") is None
    assert [c.text for c in planning.rows[1].cells][1] == "1 maart 2024"
    assert all(r.cells[0].paragraphs[0].runs[0].bold for r in planning.rows[:1])
    captions = [p.text for p in leidraad.paragraphs if p.style.name == "Caption"]
    assert "Planning" in captions and "Segmenten" in captions


def test_the_first_page_has_the_cover_data_and_says_the_copy_is_for_reading(copies):
    leidraad = read(copies, "aanbestedingsleidraad")
    first = leidraad.paragraphs[0].text
    assert first.startswith("Dit Word-bestand is alleen bedoeld om te lezen en van opmerkingen te voorzien.")
    assert "content/documents/aanbestedingsleidraad.md" in first
    cover = {row.cells[0].text: row.cells[1].text for row in leidraad.tables[0].rows}
    assert cover["Status"] == "definitief" and cover["Datum"] == "5 april 2024" and cover["Kenmerk"] == "MH-JW-2025"
    assert cover["Versie"].startswith("1.1")
    assert leidraad.sections[0].header.paragraphs[0].text == "Aanbestedingsleidraad Inkoop Jeugd en Wmo 2025"
    assert leidraad.core_properties.identifier == "bestek:content/documents/aanbestedingsleidraad.md"


def test_a_concept_says_concept_in_its_header(copies):
    consultation = read(copies, "consultatiedocument")
    header = consultation.sections[0].header.paragraphs[0]
    assert header.text.startswith("CONCEPT — ") and header.runs[0].bold


def test_footnotes_are_word_footnotes(tmp_path):
    result = word_copies(REPO / "examples" / "westfriesland", tmp_path)
    document = read(result, "beleidsuitgangspunten")
    notes = footnotes(document)
    assert notes["1"] == "Uit: Propositie 'De winst van het Sociaal Domein' van de VNG."
    assert notes["2"] == "ECLI:NL:CRVB:2021:1381" and len(notes) == 2
    references = [r.get(f"{W}id") for r in document.element.body.iter(f"{W}footnoteReference")]
    assert references == ["1", "2"]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Uit: Propositie" not in body  # the note is at the foot of the page, not in the text


def test_the_same_project_gives_the_same_bytes(copies, tmp_path):
    again = word_copies(REPO, tmp_path)
    for name in copies.files:
        assert (copies.folder / name).read_bytes() == (again.folder / name).read_bytes(), name
    with zipfile.ZipFile(again.folder / "aanbestedingsleidraad.docx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_each_numbered_list_counts_from_1(copies):
    """Word's List Number style alone would count on from the list before: each list has a numbering of its own."""
    consultation = read(copies, "consultatiedocument")
    numbered = [p for p in consultation.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert numbered[0].text.startswith("De lokale toegang blijft") and numbered[4].text.startswith("Welke aandachtspunten")
    assert ids[:4] == [ids[0]] * 4 and ids[4] != ids[0]
    numbering = consultation.part.numbering_part.element
    start = numbering.num_having_numId(ids[4]).find(f"{W}lvlOverride/{W}startOverride")
    assert start is not None and start.get(f"{W}val") == "1"
