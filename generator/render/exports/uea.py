"""uea.json: the exclusion grounds and selection criteria of the requirements mapped to the ESPD criteria
(Criterion.gc codes, core/codelists.py), so that the UEA the bidders fill in matches the leidraad. Which
criteria the UEA asks follows from the `espd:` codes of requirements.yaml; docs/exports.md describes the
format and how to enter it in the UEA service (TenderNed)."""
from __future__ import annotations

import json

from generator.core.codelists import codelist
from generator.model.types import Project

FORMAT = "bestek-uea/1"
SECTIONS = {"uitsluitingsgrond": "uitsluitingsgronden", "geschiktheidseis": "selectiecriteria"}


def uea(project: Project) -> bytes:
    codes = codelist("espd")
    result: dict = {"format": FORMAT, "reference": project.tender.reference, "title": project.tender.title,
                    "version": project.tender.version, "codelist": "ESPD-EDM 4.1.0 Criterion.gc (20240612-0)",
                    "uitsluitingsgronden": [], "selectiecriteria": [], "zonder_code": []}
    for requirement in project.requirements:
        if requirement.kind not in SECTIONS:
            continue
        espd = project.notice.espd.get(requirement.id, ())
        entry = {"eis": requirement.id, "nummer": requirement.number, "titel": requirement.title,
                 "tekst": requirement.text, "bewijs": requirement.evidence, "moment": requirement.moment,
                 "segmenten": [s.id for s in requirement.segments],
                 "criteria": [{"code": code, "naam": codes[code].name, "name": codes[code].english} for code in espd]}
        result[SECTIONS[requirement.kind] if espd else "zonder_code"].append(entry)
    return (json.dumps(result, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
