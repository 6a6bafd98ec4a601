"""The .xlsx writer of the exports (issue 19): its parts are what openpyxl writes for the same sheets, byte for
byte (so Excel, LibreOffice and openpyxl read them as they read openpyxl's), openpyxl reads back every value,
style, width, frozen row and dropdown, text is never a formula, and the file is the same for the same input."""
from __future__ import annotations

import datetime
import io
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from generator.render.exports.xlsx import BOLD, PLAIN, WRAP, Sheet, Validation, workbook

WHEN = datetime.date(2024, 4, 5)
#: what escaping and encoding must get right: markup characters, quotes, a tab and a newline, spaces at the
#: ends (xml:space), letters outside ASCII and outside the basic plane
TEXTS = ["Nr.", "a & b < c > d", 'zegt "ja" \'s avonds', "een\ttab en\neen regel", " spatie vooraf",
         "achteraf ", "één, ĳs, ß, €", "\U0001f600 en 中文", "", "x"]
WIDTHS = (22, 20.5, 30, 70, 40, 14, 16, 50, 8, 12)
NAME = 'Perceel 1 & "alles" <één>'
SCALE = "0 - 2 - 4 - 6 - 8 - 10 & meer"


def ours() -> bytes:
    rows = [(BOLD, TEXTS), (PLAIN, ["titel"]),
            (WRAP, [1, 2.5, 1e17, 1 / 3, -7, "", None, None, "tekst", 0]), (WRAP, list(reversed(TEXTS)))]
    return workbook([Sheet(NAME, WIDTHS, 2, rows, [Validation("G3:H4", ["0", "2", "4"], "Score", SCALE)]),
                     Sheet("Tweede", (10,), 1, [(BOLD, ["kop"]), (WRAP, ["regel"])],
                           [Validation("A2:A2", ["ja", "nee"])]),
                     Sheet("Derde", (), 0, [(PLAIN, ["los"])])], WHEN)


def openpyxl_reference() -> dict[str, bytes]:
    """The same sheets made with openpyxl, as the exports were made before issue 19."""
    book = Workbook()
    book.remove(book.active)
    first = book.create_sheet(NAME)
    first.append(TEXTS)
    first.append(["titel"])
    first.append([1, 2.5, 1e17, 1 / 3, -7, "", None, None, "tekst", 0])
    first.append(list(reversed(TEXTS)))
    for cell in first[1]:
        cell.font = Font(bold=True)
    for row in first.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEFGHIJ", WIDTHS, strict=True):
        first.column_dimensions[column].width = width
    first.freeze_panes = "A3"
    scores = DataValidation(type="list", formula1='"0,2,4"', allow_blank=True, showErrorMessage=True,
                            errorTitle="Score", error=SCALE)
    first.add_data_validation(scores)
    scores.add("G3:H4")
    second = book.create_sheet("Tweede")
    second.append(["kop"])
    second.append(["regel"])
    second["A1"].font = Font(bold=True)
    second["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    second.column_dimensions["A"].width = 10
    second.freeze_panes = "A2"
    answer = DataValidation(type="list", formula1='"ja,nee"', allow_blank=True)
    second.add_data_validation(answer)
    answer.add("A2:A2")
    book.create_sheet("Derde").append(["los"])  # nothing frozen, no widths
    book.properties.created = datetime.datetime(2024, 4, 5)
    book.properties.creator = book.properties.lastModifiedBy = "Bestek"
    raw = io.BytesIO()
    book.save(raw)
    archive = zipfile.ZipFile(raw)
    return {name: archive.read(name) for name in archive.namelist()}


def test_the_parts_are_the_ones_openpyxl_writes():
    archive = zipfile.ZipFile(io.BytesIO(ours()))
    parts = {name: archive.read(name) for name in archive.namelist()}
    reference = openpyxl_reference()
    assert sorted(parts) == sorted(reference)
    assert archive.namelist()[0] == "[Content_Types].xml"  # first, as the format asks
    # openpyxl names itself as the application and stamps the clock's time as modified; the rest is the same
    assert parts.pop("docProps/app.xml") == (b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
                                             b'2006/extended-properties"><Application>Bestek</Application>'
                                             b'</Properties>')
    assert b"<dcterms:modified" in parts["docProps/core.xml"]
    reference["docProps/core.xml"] = parts["docProps/core.xml"]
    for name, data in parts.items():
        assert data == reference[name], name
    assert b"&amp;" in parts["xl/worksheets/sheet1.xml"] and b"&#233;" in parts["xl/worksheets/sheet1.xml"]


def test_openpyxl_reads_back_values_styles_widths_panes_and_dropdowns():
    book = load_workbook(io.BytesIO(ours()))
    assert book.sheetnames == [NAME, "Tweede", "Derde"]
    sheet = book[NAME]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(text or None for text in TEXTS)
    assert rows[2] == (1, 2.5, 1e17, 1 / 3, -7, None, None, None, "tekst", 0)
    assert rows[1][0] == "titel" and rows[3][0] == "x"
    assert [cell.font.b for cell in sheet[1]] == [True] * 10
    assert sheet["A2"].font.b is False and sheet["A2"].alignment.wrap_text is None
    assert all(cell.alignment.wrap_text and cell.alignment.vertical == "top" for cell in sheet[3])
    assert [sheet.column_dimensions[c].width for c in "ABCDEFGHIJ"] == list(WIDTHS)
    assert sheet.freeze_panes == "A3" and book["Tweede"].freeze_panes == "A2" and book["Derde"].freeze_panes is None
    (scores,) = sheet.data_validations.dataValidation
    assert (scores.type, scores.formula1, str(scores.sqref)) == ("list", '"0,2,4"', "G3:H4")
    assert (scores.showErrorMessage, scores.errorTitle, scores.error, scores.allow_blank) == (True, "Score", SCALE, True)
    (answer,) = book["Tweede"].data_validations.dataValidation
    assert (answer.formula1, str(answer.sqref), answer.showErrorMessage) == ('"ja,nee"', "A2", False)
    assert book.properties.creator == "Bestek" and book.properties.created == datetime.datetime(2024, 4, 5)


def test_text_that_looks_like_a_formula_stays_text():
    data = workbook([Sheet("Eisen", (10,), 1, [(BOLD, ["kop"]), (WRAP, ['=HYPERLINK("https://x.example")', "=1+1"])])],
                    WHEN)
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    cells = load_workbook(io.BytesIO(data))["Eisen"][2]
    assert [(cell.value, cell.data_type) for cell in cells] == [('=HYPERLINK("https://x.example")', "s"),
                                                                 ("=1+1", "s")]


def test_the_same_sheets_give_the_same_bytes():
    first, second = ours(), ours()
    assert first == second
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in archive.infolist()} == {(2024, 4, 5, 0, 0, 0)}
    assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}


def test_a_sheet_without_dropdowns_has_no_empty_list_of_them():
    data = workbook([Sheet("Eisen", (10,), 1, [(BOLD, ["kop"])])], WHEN)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"dataValidations" not in xml and b'<dimension ref="A1:A1"/>' in xml
    assert load_workbook(io.BytesIO(data))["Eisen"]["A1"].value == "kop"
