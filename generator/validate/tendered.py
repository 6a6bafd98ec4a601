"""Segments that are described but not bought (segments.yaml `tendered: false`): what then must hold.

At least one segment is tendered; a requirement that names segments names a tendered one; with lots, at
least one lot has a tendered segment, and award criteria are weighed only for tendered lots (a lot of
untendered segments is described in the documents but not exported or awarded: model/types.py).
"""
from __future__ import annotations

from collections.abc import Mapping

from generator.core.errors import ErrorList
from generator.load.yamlsource import YamlDocument


def untendered(valid: Mapping[str, YamlDocument]) -> set[str]:
    """The ids of the segments with tendered: false."""
    if "segments" not in valid:
        return set()
    return {s["id"] for s in valid["segments"].data["segments"] if s.get("tendered") is False}


def untendered_lots(valid: Mapping[str, YamlDocument]) -> set[str]:
    """The ids of the lots whose segments are all untendered."""
    out = untendered(valid)
    if not out or "tender" not in valid:
        return set()
    return {lot["id"] for lot in valid["tender"].data.get("lots") or [] if set(lot["segments"]) <= out}


def check_tendered(valid: Mapping[str, YamlDocument], errors: ErrorList) -> None:
    out = untendered(valid)
    if not out:
        return
    segments = valid["segments"]
    listed = segments.data["segments"]
    if len(out) == len(listed):
        pos = segments.position(("segments", 0, "tendered"))
        errors.add(segments.path, pos.line, pos.col,
                   "geen enkel segment wordt aanbesteed: elk segment heeft tendered: false; laat tendered weg bij de "
                   "segmenten die deze aanbesteding inkoopt")
        return
    if "requirements" in valid:
        file = valid["requirements"]
        for i, requirement in enumerate(file.data["requirements"]):
            named = requirement.get("segments") or []
            if named and set(named) <= out:
                pos = file.position(("requirements", i, "segments"))
                which = ", ".join(f"'{s}'" for s in named)
                errors.add(file.path, pos.line, pos.col,
                           f"eis '{requirement['id']}' geldt alleen voor {which}, dat niet aanbesteed wordt "
                           "(tendered: false in segments.yaml); noem een aanbesteed segment of verwijder de eis")
    lots = untendered_lots(valid)
    tender = valid.get("tender")
    if lots and tender is not None and len(lots) == len(tender.data.get("lots") or []):
        pos = tender.position(("lots",))
        errors.add(tender.path, pos.line, pos.col,
                   "geen enkel perceel wordt aanbesteed: de segmenten van elk perceel hebben tendered: false; noem "
                   "in een perceel een segment dat wel aanbesteed wordt")
    if lots and "criteria" in valid:
        file = valid["criteria"]
        for i, criterion in enumerate(file.data["criteria"]):
            for lot in criterion.get("weights") or {}:
                if lot in lots:
                    pos = file.position(("criteria", i, "weights", lot))
                    errors.add(file.path, pos.line, pos.col,
                               f"perceel '{lot}' wordt niet aanbesteed (zijn segmenten hebben tendered: false); "
                               f"verwijder de weging voor '{lot}'")
