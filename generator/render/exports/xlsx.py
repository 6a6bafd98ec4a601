"""A small writer of .xlsx workbooks (SpreadsheetML): sheets of text and number cells in three styles (plain, a
bold header, wrapped and top-aligned), column widths, rows frozen at the top and dropdown lists. What the
spreadsheets of the exports need and no more, written straight as XML: openpyxl built an object per cell and
took ~0.5 s for the large benchmark tender, this takes a few milliseconds (issue 19).

The parts are the ones openpyxl 3.1 wrote, byte for byte (tests/render/test_xlsx.py compares them); the styles
and the theme are its defaults (xlsx_parts/). Strings are always text, never formulas, whatever they start
with. The zip is reproducible: its entries in a fixed order, all dated on the build date."""
from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: the styles of styles.xml (cellXfs): the default font, bold, and wrapped text aligned to the top
PLAIN, BOLD, WRAP = 0, 1, 2

Value = str | int | float | None
#: a row: its style and its cells from column A; "" is an empty text cell, None an empty number cell
Row = tuple[int, Sequence[Value]]

PARTS = Path(__file__).with_name("xlsx_parts")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "application/vnd.openxmlformats-officedocument"


@dataclass(frozen=True)
class Validation:
    """A dropdown list on the cells `cells` ('G2:G16'); with `error`, other input is refused with that message."""
    cells: str
    choices: Sequence[str]
    error_title: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Sheet:
    title: str  # at most 31 characters, none of []:*?/\
    widths: Sequence[float]  # of columns A, B, ...
    frozen: int  # the rows that stay in view at the top (0: none)
    rows: Sequence[Row]
    validations: Sequence[Validation] = ()


def _text(value: str) -> str:
    """`value` escaped for XML text, as lxml escapes it."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(value: str) -> str:
    """`value` escaped for an XML attribute value in double quotes, as lxml escapes it."""
    return _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _columns(count: int) -> list[str]:
    """The names of the first `count` columns: A, B, ..., Z, AA, ..."""
    names = []
    for number in range(1, count + 1):
        name = ""
        while number:
            number, rest = divmod(number - 1, 26)
            name = chr(ord("A") + rest) + name
        names.append(name)
    return names


def _number(value: float) -> str:
    return f"{value:.16g}"  # as openpyxl writes a number


def _sheet_xml(sheet: Sheet) -> bytes:
    width = max((len(cells) for _, cells in sheet.rows), default=1)
    names = _columns(max(width, len(sheet.widths)))
    view = (f'<pane ySplit="{sheet.frozen}" topLeftCell="A{sheet.frozen + 1}" activePane="bottomLeft" '
            'state="frozen"/><selection pane="bottomLeft" activeCell="A1" sqref="A1"/>' if sheet.frozen else
            '<selection activeCell="A1" sqref="A1"/>')
    out = [f'<worksheet xmlns="{MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/>'
           f'</sheetPr><dimension ref="A1:{names[width - 1]}{max(len(sheet.rows), 1)}"/><sheetViews>'
           f'<sheetView workbookViewId="0">{view}</sheetView></sheetViews>'
           '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>']
    if sheet.widths:
        out.append("<cols>")
        out.extend(f'<col width="{_number(w)}" customWidth="1" min="{n}" max="{n}"/>'
                   for n, w in enumerate(sheet.widths, 1))
        out.append("</cols>")
    out.append("<sheetData>")
    for number, (style, cells) in enumerate(sheet.rows, 1):
        out.append(f'<row r="{number}">')
        styled = f' s="{style}"' if style else ""
        for name, value in zip(names, cells, strict=False):
            where = f'<c r="{name}{number}"{styled}'
            if isinstance(value, str):
                if not value:
                    out.append(f'{where} t="inlineStr"></c>')
                elif value != value.strip():
                    out.append(f'{where} t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>')
                else:
                    out.append(f'{where} t="inlineStr"><is><t>{_text(value)}</t></is></c>')
            elif value is None:
                out.append(f'{where} t="n"></c>')
            else:
                out.append(f'{where} t="n"><v>{_number(value)}</v></c>')
        out.append("</row>")
    out.append("</sheetData>")
    if sheet.validations:
        out.append(f'<dataValidations count="{len(sheet.validations)}">')
        for v in sheet.validations:
            error = (f' errorTitle="{_attribute(v.error_title)}"' if v.error_title is not None else "") + \
                (f' error="{_attribute(v.error)}"' if v.error is not None else "")
            first, _, last = v.cells.partition(":")
            cells = first if last in ("", first) else v.cells  # G2, not G2:G2
            out.append(f'<dataValidation sqref="{_attribute(cells)}" showDropDown="0" showInputMessage="0" '
                       f'showErrorMessage="{int(v.error is not None)}" allowBlank="1"{error} type="list">'
                       f'<formula1>{_text(chr(34) + ",".join(v.choices) + chr(34))}</formula1></dataValidation>')
        out.append("</dataValidations>")
    out.append('<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>')
    return _encoded("".join(out))


def _encoded(xml: str) -> bytes:
    """`xml` in ASCII, every other character as a character reference (as openpyxl writes its worksheets)."""
    return xml.encode("ascii", "xmlcharrefreplace")


def _workbook_xml(sheets: Sequence[Sheet]) -> bytes:
    entries = "".join(f'<sheet xmlns:r="{RELATIONSHIPS}" name="{_attribute(s.title)}" sheetId="{n}" state="visible" '
                      f'r:id="rId{n}"/>' for n, s in enumerate(sheets, 1))
    return (f'<workbook xmlns="{MAIN}"><workbookPr/><workbookProtection/><bookViews><workbookView '
            'visibility="visible" minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" '
            'tabRatio="600" firstSheet="0" activeTab="0" autoFilterDateGrouping="1"/></bookViews>'
            f'<sheets>{entries}</sheets><definedNames/><calcPr calcId="124519" fullCalcOnLoad="1"/>'
            '</workbook>').encode()  # in UTF-8, as openpyxl writes it


def _relationships(targets: Sequence[tuple[str, str]]) -> bytes:
    """A relationships part: (type, target) per relationship, numbered rId1, rId2, ..."""
    entries = "".join(f'<Relationship Type="{kind}" Target="{target}" Id="rId{n}"/>'
                      for n, (kind, target) in enumerate(targets, 1))
    return f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{entries}</Relationships>'.encode()


def _content_types(count: int) -> bytes:
    def override(part: str, kind: str) -> str:
        return f'<Override PartName="{part}" ContentType="{kind}"/>'
    parts = [override("/xl/styles.xml", f"{OFFICE}.spreadsheetml.styles+xml"),
             override("/xl/theme/theme1.xml", f"{OFFICE}.theme+xml"),
             override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
             override("/docProps/app.xml", f"{OFFICE}.extended-properties+xml"),
             *(override(f"/xl/worksheets/sheet{n}.xml", f"{OFFICE}.spreadsheetml.worksheet+xml")
               for n in range(1, count + 1)),
             override("/xl/workbook.xml", f"{OFFICE}.spreadsheetml.sheet.main+xml")]
    return ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + "".join(parts) + "</Types>").encode()


def _core(when: datetime.date) -> bytes:
    """The document properties: made by Bestek, created and last modified on `when`."""
    moment = f"{when.isoformat()}T00:00:00Z"
    terms = ('xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:type="dcterms:W3CDTF"')
    return ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">'
            '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Bestek</dc:creator>'
            f'<dcterms:created {terms}>{moment}</dcterms:created><dcterms:modified {terms}>{moment}'
            '</dcterms:modified><cp:lastModifiedBy>Bestek</cp:lastModifiedBy></cp:coreProperties>').encode()


@cache
def _static(name: str) -> bytes:
    return (PARTS / name).read_bytes()


def workbook(sheets: Sequence[Sheet], when: datetime.date) -> bytes:
    """The .xlsx file of `sheets`, dated `when`: the same bytes for the same sheets and date."""
    count = len(sheets)
    parts = {
        "[Content_Types].xml": _content_types(count),
        "_rels/.rels": _relationships([
            (f"{RELATIONSHIPS}/officeDocument", "xl/workbook.xml"),
            (f"{PACKAGE_RELATIONSHIPS}/metadata/core-properties", "docProps/core.xml"),
            (f"{RELATIONSHIPS}/extended-properties", "docProps/app.xml")]),
        "docProps/app.xml": b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                            b'extended-properties"><Application>Bestek</Application></Properties>',
        "docProps/core.xml": _core(when),
        "xl/_rels/workbook.xml.rels": _relationships([
            *((f"{RELATIONSHIPS}/worksheet", f"/xl/worksheets/sheet{n}.xml") for n in range(1, count + 1)),
            (f"{RELATIONSHIPS}/styles", "styles.xml"), (f"{RELATIONSHIPS}/theme", "theme/theme1.xml")]),
        "xl/styles.xml": _static("styles.xml"),
        "xl/theme/theme1.xml": _static("theme1.xml"),
        "xl/workbook.xml": _workbook_xml(sheets),
        **{f"xl/worksheets/sheet{n}.xml": _sheet_xml(sheet) for n, sheet in enumerate(sheets, 1)},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            # zlib's fastest level: a third of the default level's time (12 ms for the large benchmark tender's
            # eisen.xlsx, a tenth of `bestek export`), the file about a quarter larger (121 KB instead of 95)
            archive.writestr(info, parts[name], compresslevel=1)
    return out.getvalue()
