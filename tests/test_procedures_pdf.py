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
