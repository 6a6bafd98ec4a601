"""A form ({{ formulier }}) in a real PDF: a table with room to write, whose answers are fillable form fields that
carry their labels (/TU), each widget in a Form structure element, with appearances and without
/NeedAppearances, so that the file stays PDF/A-2a and PDF/UA-1 (render/pdfforms.py)."""
from __future__ import annotations

import page
import pikepdf
import pytest

from generator.pipeline import build

from .pdftext import pdf_text
from .test_forms import FORMS, NOTE

MM = 72 / 25.4


@pytest.fixture(scope="module")
def form_pdf(tmp_path_factory):
    from .conftest import write_project

    project = write_project(tmp_path_factory.mktemp("forms") / "project",
                            {"content/formulieren.yaml": FORMS, "content/documents/notitie.md": NOTE})
    result = build(project, project / "build", pdf=True)
    assert result.warnings == ()
    return project, project / "build" / "pdf" / "notitie.pdf"


def _fields(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Dictionary]:
    return {str(field.T): field for field in pdf.Root.AcroForm.Fields}


def test_every_answer_is_a_form_field_named_after_its_label(form_pdf):
    _, path = form_pdf
    with pikepdf.open(path) as pdf:
        fields = _fields(pdf)
        assert {name: (str(f.TU), str(f.FT)) for name, f in fields.items()} == {
            "inschrijving-naam": ("Statutaire naam", "/Tx"),
            "inschrijving-toelichting": ("Toelichting", "/Tx"),
            "inschrijving-akkoord-1": ("Akkoord met de voorwaarden: Ja", "/Btn"),
            "inschrijving-akkoord-2": ("Akkoord met de voorwaarden: Nee", "/Btn"),
            "inschrijving-datum": ("Datum van ondertekening", "/Tx"),
            "inschrijving-tarief": ("Uurtarief", "/Tx"),
            "inschrijving-domein-1": ("Domein: Jeugd", "/Btn"),
            "inschrijving-domein-2": ("Domein: Wmo", "/Btn"),
            "inschrijving-domein-3": ("Domein: Beide", "/Btn"),
        }
        assert int(fields["inschrijving-toelichting"].Ff) & (1 << 12)  # multiline
        assert "/NeedAppearances" not in pdf.Root.AcroForm
        assert all("/N" in field.AP for field in fields.values())


def test_a_text_field_has_the_writing_space_of_its_lines(form_pdf):
    _, path = form_pdf
    with pikepdf.open(path) as pdf:
        fields = _fields(pdf)

        def height(name: str) -> float:
            rect = [float(v) for v in fields[name].Rect]
            return abs(rect[3] - rect[1]) / MM

        # 6 mm a line: lines: 4 against a tekst field's default of 2; a date is one line
        assert height("inschrijving-toelichting") - height("inschrijving-naam") == pytest.approx(12, abs=0.1)
        assert height("inschrijving-naam") - height("inschrijving-datum") == pytest.approx(5, abs=0.1)


def test_each_widget_sits_in_a_form_element(form_pdf):
    _, path = form_pdf
    with pikepdf.open(path) as pdf:
        nums: dict[int, pikepdf.Object] = {}
        tree = pdf.Root.StructTreeRoot.ParentTree
        for i in range(0, len(tree.Nums), 2):
            nums[int(tree.Nums[i])] = tree.Nums[i + 1]
        widgets = [a for p in pdf.pages for a in p.get("/Annots", []) if a.get("/Subtype") == "/Widget"]
        assert len(widgets) == 9
        for widget in widgets:
            owner = nums[int(widget.StructParent)]
            assert owner.S == "/Form"
            assert [kid.Obj.objgen for kid in owner.K] == [widget.objgen]
            parent = owner.P
            while parent.S == "/Span":  # a check box's option
                parent = parent.P
            assert parent.S == "/TD"


def test_the_printed_form_shows_its_questions(form_pdf):
    project, path = form_pdf
    text = pdf_text(path, project)
    assert "Inschrijfformulier Vraag Antwoord Statutaire naam (verplicht) Zoals in het Handelsregister." in text
    assert "Akkoord met de voorwaarden (verplicht) Ja Nee" in text
    assert "Domein Jeugd Wmo Beide" in text


@pytest.mark.parametrize("profile", ["ua1", "2a"])
def test_the_pdf_with_a_form_passes_page_validation(form_pdf, profile):
    _, path = form_pdf
    report = page.validate_pdf_bytes(path.read_bytes(), profile=profile)
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []
