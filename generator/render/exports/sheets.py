"""The spreadsheets for the people who use them: eisen.xlsx (the requirements checklist per lot, with columns
for the bidder's answer and evidence), beoordeling.xlsx (a scoring sheet per criterion and evaluator, with the
published scale as a dropdown) and planning.csv. Written with openpyxl and made reproducible byte for byte:
the document properties carry the build date, and the zip is rewritten with fixed entry dates in a fixed order."""
from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.model.types import Lot, Project

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
#: the evaluators a scoring sheet has columns for when the criterion names no number
EVALUATORS = 3


def _title(text: str) -> str:
    """A worksheet title: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "-", text)[:31]


def _table(sheet: Worksheet, header: list[str], rows: list[list], widths: list[int]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDEFGHIJKLMNOP", widths, strict=False):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    sheet.freeze_panes = "A2"


def reproducible(workbook: Workbook, when: datetime.date) -> bytes:
    """The workbook's bytes with its dates fixed: created and modified on `when`, every zip entry dated `when`."""
    moment = datetime.datetime(when.year, when.month, when.day)
    workbook.properties.created = moment
    workbook.properties.creator = "Bestek"
    workbook.properties.lastModifiedBy = "Bestek"
    raw = io.BytesIO()
    workbook.save(raw)
    source = zipfile.ZipFile(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            data = source.read(name)
            if name == "docProps/core.xml":  # openpyxl stamps the clock's time as modified on saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + f"{when}T00:00:00Z".encode(), data)
            target.writestr(info, data, compresslevel=9)
    return out.getvalue()


def _lots(project: Project) -> tuple[Lot | None, ...]:
    return project.tender.tendered_lots or (None,)


def requirements_sheet(project: Project, when: datetime.date) -> bytes:
    """eisen.xlsx: per lot a sheet with the requirements that apply to its segments."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for lot in _lots(project):
        sheet = workbook.create_sheet(_title(f"Perceel {lot.number}" if lot else "Eisen"))
        segments = {s.id for s in lot.segments} if lot else None
        rows = [[r.number, r.kind_name, r.title, r.text, r.evidence or "", r.moment or "", "", ""]
                for r in project.requirements
                if segments is None or not r.segments or segments & {s.id for s in r.segments}]
        _table(sheet, ["Nr.", "Soort", "Eis", "Tekst", "Bewijsmiddel", "Moment", "Voldoet (ja/nee)",
                       "Toelichting en bewijs van de inschrijver"], rows, [22, 20, 30, 70, 40, 14, 16, 50])
        answer = DataValidation(type="list", formula1='"ja,nee"', allow_blank=True)
        sheet.add_data_validation(answer)
        if rows:
            answer.add(f"G2:G{len(rows) + 1}")
    return reproducible(workbook, when)


def _scale(scoring: str | None) -> list[str]:
    """The scores of a published scale '0 - 2 - 4 - 6 - 8 - 10'."""
    return re.findall(r"\d+(?:[.,]\d+)?", scoring or "")


def scoring_sheet(project: Project, when: datetime.date) -> bytes:
    """beoordeling.xlsx: per criterion a sheet with a row per lot it is weighed for and a score column per
    evaluator and for the consensus, each a dropdown of the published scale."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for criterion in project.criteria:
        sheet = workbook.create_sheet(_title(f"{criterion.id} {criterion.title}"))
        lots = [lot for lot in _lots(project) if criterion.weight_for(lot.id if lot else None) is not None]
        header = ["Perceel", "Weging (%)", "Inschrijver"] + [f"Beoordelaar {n}" for n in range(1, EVALUATORS + 1)] + \
            ["Consensus", "Motivering consensus"]
        rows = [[lot.name if lot else project.tender.title, criterion.weight_for(lot.id if lot else None), ""]
                for lot in lots]
        _table(sheet, header, rows, [34, 12, 30] + [14] * EVALUATORS + [12, 60])
        sheet.insert_rows(1, 3)
        sheet["A1"] = f"{criterion.id}: {criterion.title}"
        sheet["A1"].font = BOLD
        sheet["A2"] = f"Schaal: {criterion.scoring or 'niet gepubliceerd'}" + \
            (f"; minimumscore {criterion.min_score:g}" if criterion.min_score is not None else "")
        sheet["A3"] = f"Beoordelaars: {criterion.evaluators or ''}".strip()
        sheet.freeze_panes = "A5"
        scale = _scale(criterion.scoring)
        if scale and rows:
            dropdown = DataValidation(type="list", formula1='"' + ",".join(scale) + '"', allow_blank=True,
                                      showErrorMessage=True, errorTitle="Score",
                                      error=f"Kies een score van de schaal: {criterion.scoring}")
            sheet.add_data_validation(dropdown)
            last = 4 + len(rows)
            first_column, last_column = "D", chr(ord("D") + EVALUATORS)
            dropdown.add(f"{first_column}5:{last_column}{last}")
    return reproducible(workbook, when)


def planning_csv(project: Project) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["id", "mijlpaal", "datum", "tijd", "einde", "fase", "soort", "opmerking"])
    for m in project.tender.planning:
        writer.writerow([m.id, m.title, m.date.isoformat(), m.time or "", m.end.isoformat() if m.end else "",
                         m.phase or "", m.kind, m.note or ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the mark makes Excel read UTF-8
