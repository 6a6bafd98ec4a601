"""The exports of `bestek export` (and `bestek package`): the EU notice (eForms), open data (OCDS), the UEA criteria
and the spreadsheets, all from the model and byte for byte the same for the same input. Nothing is written here;
the write stage writes `Exports.files` into export/ of the output folder (write/exports.py)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.core.eforms import NO_NOTICE
from generator.model.award_result import Award
from generator.model.types import Project
from generator.render.exports.award_notice import award_notice
from generator.render.exports.eforms import contract_notice
from generator.render.exports.ocds import checksums, ocds_package
from generator.render.exports.sheets import planning_csv, requirements_sheet, scoring_sheet
from generator.render.exports.uea import uea
from generator.render.site import BuildDate
from generator.validate.rules import RULES


@dataclass(frozen=True)
class Exports:
    files: Mapping[str, bytes]  # file name in export/ -> bytes
    notes: tuple[str, ...]  # for the officer: what was not exported and why


def render_exports(project: Project, award: Award | None, when: BuildDate,
                   pdfs: Mapping[str, bytes] | None = None) -> Exports:
    """Every export of the project; `pdfs` (document id -> PDF) when the build rendered them, for the checksums."""
    files: dict[str, bytes] = {}
    notes: list[str] = []
    standstill = int(next(rule.value for rule in RULES if rule.id == "standstill"))
    procedure = project.tender.procedure
    if procedure in NO_NOTICE or procedure is None:
        notes.append(f"Geen EU-aankondiging: {NO_NOTICE.get(procedure or '', 'de procedure is nog niet gekozen')}.")
    else:
        name, xml = contract_notice(project, standstill, when.date)
        files[name] = xml
        if award is not None:  # the award notice, from gunning.json
            name, xml = award_notice(project, award, standstill)
            files[name] = xml
    files["ocds.json"] = ocds_package(project, checksums(project, pdfs), when.date.isoformat(), award)
    files["uea.json"] = uea(project)
    files["eisen.xlsx"] = requirements_sheet(project, when.date)
    if project.criteria:
        files["beoordeling.xlsx"] = scoring_sheet(project, when.date)
    files["planning.csv"] = planning_csv(project)
    return Exports(files, tuple(notes))
