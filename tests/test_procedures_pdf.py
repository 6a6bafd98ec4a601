"""The procedure mechanisms of issue 13 in the PDFs: the procedure's own name (contract block, documentenlijst),
entry moments in the planning, untendered segments marked, municipalities per subregion, and no article of the
Aanbestedingswet anywhere in an open house's documents or package. Slow: renders PDFs (tests/conftest.py)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from generator.pipeline import build

from .conftest import write_project
from .pdftext import pdf_text
from .procedure_projects import ADMISSION


@pytest.fixture(scope="module")
def admission(tmp_path_factory) -> tuple[Path, Path]:
    root = write_project(tmp_path_factory.mktemp("admission"), {**ADMISSION, "config.yaml": "pdf:\n  enabled: true\n"})
    out = root / "out"
    assert build(root, out, pdf=True, package=True).warnings == ()
    return root, out


def test_the_admission_document_in_print(admission):
    root, out = admission
    text = pdf_text(out / "pdf" / "toelating.pdf", root)
    assert "Procedure toelatingsprocedure" in text
    assert "open house" not in text.lower()
    assert re.search(r"Eerste moment van toetreden \(toetredingsmoment\) 1 april 2025 Tweede moment van toetreden "
                     r"\(toetredingsmoment\) 1 oktober 2025", text)
    assert "Derde moment van toetreden (toetredingsmoment) 1 april 2026" in text
    assert "2 Wonen (niet aanbesteed) Wmo" in text
    assert "alle aanbestede segmenten" in text
    assert "Jeugdregio Oost (Oostdorp en Noorddorp) en Jeugdregio West (Westdorp) en koopt 1 segment in." in text
    assert "Jeugdregio Oost Oostdorp (centrumgemeente) Noorddorp Jeugdregio West Westdorp" in text


def test_the_documentenlijst_names_the_procedure_by_its_own_name(admission):
    root, out = admission
    package = next((out / "package").glob("*.zip"))
    listing = out / "documentenlijst.pdf"
    with zipfile.ZipFile(package) as archive:
        listing.write_bytes(archive.read("documentenlijst.pdf"))
        calendar = archive.read("planning.ics").decode()
    assert "Kenmerk TL-2026 (toelatingsprocedure), pakketversie 1.0" in pdf_text(listing, root)
    assert calendar.count("CATEGORIES:Toetredingsmoment") == 3


def test_an_open_house_prints_no_article_of_the_aanbestedingswet(admission):
    root, out = admission
    for pdf in sorted((out / "pdf").glob("*.pdf")):
        text = pdf_text(pdf, root)
        assert not re.search(r"Aw 2012|Aanbestedingswet|art(ikel|\.) 2\.\d", text), pdf.name


def test_the_award_letter_of_a_call_off_says_there_is_no_standstill_period(tmp_path):
    from generator.pipeline import gunning

    from .award_project import award_project, edit
    from .test_procedures import STANDSTILL_LINE
    project = award_project(tmp_path / "project")
    edit(project, *STANDSTILL_LINE)
    edit(project, "content/tender.yaml", "procedure: sas\n", "procedure: sas\nstandstill_exception: raamovereenkomst\n")
    result = gunning(project, tmp_path / "out")
    letters = sorted(p for p in result.folder.rglob("*.pdf") if "proces-verbaal" not in p.name)
    text = pdf_text(letters[0], project)
    assert ("Voor deze opdracht geldt geen opschortende termijn, omdat de opdracht wordt gegund op grond van een "
            "raamovereenkomst (Aw 2012 art. 2.127 lid 4 sub c).") in text
    assert "eindigt op" not in text
    record = pdf_text(next(result.folder.rglob("*proces-verbaal*.pdf")), project)
    assert "Opschortende termijn geen: de opdracht wordt gegund op grond van een raamovereenkomst" in record
