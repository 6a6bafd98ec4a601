"""The spreadsheets for the people who use them: eisen.xlsx (the requirements checklist per lot, with columns
for the bidder's answer and evidence), beoordeling.xlsx (a scoring sheet per criterion and evaluator, with the
published scale as a dropdown) and planning.csv. The workbooks are written by xlsx.py, reproducible byte for byte:
the document properties and the zip entries carry the build date."""
from __future__ import annotations

import csv
import datetime
import io
import re

from generator.core.text import spreadsheet_text
from generator.model.types import Lot, Project
from generator.render.exports.xlsx import BOLD, PLAIN, WRAP, Row, Sheet, Validation, Value, workbook

#: the evaluators a scoring sheet has columns for when the criterion names no number
EVALUATORS = 3


def _title(text: str) -> str:
    """A worksheet title: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "-", text)[:31]


def _lots(project: Project) -> tuple[Lot | None, ...]:
    return project.tender.tendered_lots or (None,)


def requirements_sheet(project: Project, when: datetime.date) -> bytes:
    """eisen.xlsx: per lot a sheet with the requirements that apply to its segments."""
    header = ["Nr.", "Soort", "Eis", "Tekst", "Bewijsmiddel", "Moment", "Voldoet (ja/nee)",
              "Toelichting en bewijs van de inschrijver"]
    sheets = []
    cells = [[r.number, r.kind_name, r.title, r.text, r.evidence or "", r.moment or "", "", ""]
             for r in project.requirements]
    applies = [frozenset(s.id for s in r.segments) for r in project.requirements]  # empty: to every lot
    for lot in _lots(project):
        segments = {s.id for s in lot.segments} if lot else None
        rows: list[Row] = [(BOLD, header)]
        rows.extend((WRAP, row) for row, ids in zip(cells, applies, strict=True)
                    if segments is None or not ids or not segments.isdisjoint(ids))
        answers = [Validation(f"G2:G{len(rows)}", ("ja", "nee"))] if len(rows) > 1 else []
        sheets.append(Sheet(_title(f"Perceel {lot.number}" if lot else "Eisen"), (22, 20, 30, 70, 40, 14, 16, 50),
                            1, rows, answers))
    return workbook(sheets, when)


def _scale(scoring: str | None) -> list[str]:
    """The scores of a published scale '0 - 2 - 4 - 6 - 8 - 10'."""
    return re.findall(r"\d+(?:[.,]\d+)?", scoring or "")


def scoring_sheet(project: Project, when: datetime.date) -> bytes:
    """beoordeling.xlsx: per criterion a sheet with a row per lot it is weighed for and a score column per
    evaluator and for the consensus, each a dropdown of the published scale."""
    header = ["Perceel", "Weging (%)", "Inschrijver"] + [f"Beoordelaar {n}" for n in range(1, EVALUATORS + 1)] + \
        ["Consensus", "Motivering consensus"]
    blank: list[Value] = [None] * (len(header) - 3)  # the scores and the motivation, for the evaluators
    sheets = []
    for criterion in project.criteria:
        lots = [lot for lot in _lots(project) if criterion.weight_for(lot.id if lot else None) is not None]
        scale = (f"Schaal: {criterion.scoring or 'niet gepubliceerd'}"
                 + (f"; minimumscore {criterion.min_score:g}" if criterion.min_score is not None else ""))
        rows: list[Row] = [(BOLD, [f"{criterion.id}: {criterion.title}"]), (PLAIN, [scale]),
                           (PLAIN, [f"Beoordelaars: {criterion.evaluators or ''}".strip()]), (BOLD, header)]
        rows.extend((WRAP, [lot.name if lot else project.tender.title, criterion.weight_for(lot.id if lot else None),
                            "", *blank]) for lot in lots)
        dropdowns = []
        if (scores := _scale(criterion.scoring)) and lots:
            last_column = chr(ord("D") + EVALUATORS)
            dropdowns.append(Validation(f"D5:{last_column}{len(rows)}", scores, "Score",
                                        f"Kies een score van de schaal: {criterion.scoring}"))
        sheets.append(Sheet(_title(f"{criterion.id} {criterion.title}"), [34, 12, 30] + [14] * EVALUATORS + [12, 60],
                            4, rows, dropdowns))
    return workbook(sheets, when)


def planning_csv(project: Project) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["id", "mijlpaal", "datum", "tijd", "einde", "fase", "soort", "opmerking"])
    for m in project.tender.planning:
        writer.writerow([m.id, spreadsheet_text(m.title), m.date.isoformat(), m.time or "",  # texts stay texts
                         m.end.isoformat() if m.end else "", spreadsheet_text(m.phase or ""), m.kind,
                         spreadsheet_text(m.note or "")])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the mark makes Excel read UTF-8
