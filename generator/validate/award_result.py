"""The award result (gunning.json of `bestek gunning`) against the published tender: its lots exist, every lot
with a winner names it with what the award notice needs (docs/exports.md)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cerberus import Validator

from generator.core.errors import ErrorList
from generator.load.yamlsource import YamlDocument
from generator.validate.codes import nuts_problem
from generator.validate.messages import unknown
from generator.validate.notice import postal

TEXT = {"type": "string", "empty": False}
AWARD = {
    "format": {"type": "integer", "allowed": [1], "required": True},
    "date": {"type": "string", "regex": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "required": True},
    "lots": {"type": "list", "required": True, "minlength": 1, "schema": {"type": "dict", "schema": {
        "lot": {"type": "string"},
        "tenders": {"type": "integer", "min": 0, "required": True},
        "winners": {"type": "list", "required": True, "schema": {"type": "dict", "schema": {
            "name": dict(TEXT, required=True), "identifier": dict(TEXT, required=True),
            "address": dict(TEXT, required=True), "nuts": dict(TEXT, required=True),
            "value": {"type": "number", "min": 0}}}},
    }}},
}


def check_award(award: YamlDocument, valid: Mapping[str, YamlDocument], errors: ErrorList) -> None:
    data: Any = award.data
    validator = Validator(AWARD)
    if not isinstance(data, dict) or not validator.validate(data):
        problems = validator.errors if isinstance(data, dict) else "geen object"
        errors.add(award.path, 1, 1, f"de gunningsuitslag heeft niet de vorm van 'bestek gunning' (gunning.json, "
                                     f"docs/exports.md): {problems}")
        return
    lots = [lot["id"] for lot in valid["tender"].data.get("lots", [])] if "tender" in valid else []
    for n, lot in enumerate(data["lots"]):
        if lots and lot.get("lot") not in lots:
            pos = award.position(("lots", n))
            errors.add(award.path, pos.line, pos.col, unknown("perceel", str(lot.get("lot")), lots))
        for m, winner in enumerate(lot["winners"]):
            pos = award.position(("lots", n, "winners", m))
            if postal(winner["address"]) is None:
                errors.add(award.path, pos.line, pos.col, f"BT-512/BT-513 ontbreekt: postcode en plaats van "
                                                          f"{winner['name']}; vul in 'address' met postcode en plaats")
            if (problem := nuts_problem(winner["nuts"])) is not None:
                errors.add(award.path, pos.line, pos.col, problem)
