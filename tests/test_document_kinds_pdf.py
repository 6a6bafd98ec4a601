"""Document kinds in real PDFs: the agreement's cover says Overeenkomst or Conceptovereenkomst by its status, its
contract block leaves out a procedure not chosen, and the kinds officers use carry their own label."""
from __future__ import annotations

import pytest

from generator.pipeline import build

from .conftest import write_project
from .pdftext import pdf_text
from .test_document_kinds import AGREEMENT, NO_PROCEDURE, document


@pytest.fixture(scope="module")
def kinds_pdfs(tmp_path_factory):
    project = write_project(tmp_path_factory.mktemp("kinds") / "project", {
        **NO_PROCEDURE, "config.yaml": "pdf:\n  enabled: true\n",
        "content/documents/definitief.md": document("overeenkomst", AGREEMENT, title="Raamovereenkomst"),
        "content/documents/concept.md": document("overeenkomst", AGREEMENT, status="concept",
                                                 title="Raamovereenkomst"),
        "content/documents/notitie.md": document("notitie", '{{ contract zonder="looptijd" }}')})
    result = build(project, project / "build", pdf=True)
    assert result.warnings == ()
    return project, project / "build" / "pdf"


@pytest.mark.parametrize(("name", "label"), [("definitief", "OVEREENKOMST"), ("concept", "CONCEPTOVEREENKOMST")])
def test_the_cover_of_an_agreement_follows_its_status(kinds_pdfs, name, label):
    project, folder = kinds_pdfs
    text = pdf_text(folder / f"{name}.pdf", project)
    # a concept's CONCEPT mark is painted first, behind the text (issue 18), so its text comes first
    assert text.removeprefix("CONCEPT " if name == "concept" else "").startswith(
        f"Regio Testland {label} Raamovereenkomst Versie")


def test_the_contract_block_in_print(kinds_pdfs):
    project, folder = kinds_pdfs
    agreement = pdf_text(folder / "definitief.pdf", project)
    assert "Ingangsdatum 1 januari 2026 Looptijd 3 jaar met 2 opties tot verlenging van 2 jaar (maximaal 7 jaar)" \
        in agreement
    assert "Procedure" not in agreement
    note = pdf_text(folder / "notitie.pdf", project)
    assert "Ingangsdatum 1 januari 2026 Procedure nog niet gekozen" in note
    assert "Looptijd" not in note
