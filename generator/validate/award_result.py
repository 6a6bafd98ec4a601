"""The award result (gunning.json of `bestek gunning`) against the published tender: its lots exist, every lot
with a winner names it with what the award notice needs (docs/exports.md)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.core.eforms import NOTICE_KINDS
from generator.core.errors import ErrorList
from generator.core.paths import EVALUATION_FILE
from generator.load.yamlsource import YamlDocument
from generator.validate.codes import nuts_problem
from generator.validate.messages import unknown
from generator.validate.notice import postal

TEXT = {"type": "string", "empty": False}
POSITION = {"type": "list", "minlength": 2, "maxlength": 2, "schema": {"type": "integer", "min": 1}}
#: BT-760: the tenders received by kind, as the award notice counts them (received-submission-type)
STATISTICS = {"sme": ("t-sme", "inschrijvingen van het mkb"), "large": ("t-large", "inschrijvingen van grote "
              "ondernemingen"), "other_eea": ("t-oth-eea", "inschrijvingen uit een andere EER-lidstaat"),
              "non_eea": ("t-no-eea", "inschrijvingen van buiten de EER")}
SIZES = ("micro", "small", "medium", "large")  # BT-165, code list economic-operator-size
AWARD = {
    "format": {"type": "integer", "allowed": [1], "required": True},
    "date": {"type": "string", "regex": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "required": True},
    "lots": {"type": "list", "required": True, "minlength": 1, "schema": {"type": "dict", "schema": {
        "lot": {"type": "string"},
        "tenders": {"type": "integer", "min": 0, "required": True},
        **{key: {"type": "integer", "min": 0} for key in STATISTICS},
        # where in vertrouwelijk/beoordeling.yaml: the lot's evaluation, and the first bidder without a size
        "source": {"type": "dict", "schema": {"evaluation": POSITION, "unsized": POSITION}},
        "winners": {"type": "list", "required": True, "schema": {"type": "dict", "schema": {
            "id": TEXT, "source": POSITION,  # the bidder's id and position in vertrouwelijk/beoordeling.yaml
            "name": dict(TEXT, required=True), "identifier": dict(TEXT, required=True),
            "address": dict(TEXT, required=True), "nuts": dict(TEXT, required=True),
            "value": {"type": "number", "min": 0}, "size": {"type": "string", "allowed": list(SIZES)},
            "concluded": {"type": "string", "regex": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
            "subcontracting": {"type": "boolean"}}}},
    }}},
}


def _missing(errors: ErrorList, award: YamlDocument, path: tuple[Any, ...], source: Any, bt: str, what: str,
             where: str, example: str) -> None:
    """A field the notice needs: at its place in vertrouwelijk/beoordeling.yaml when gunning.json says where (as
    `bestek gunning` writes it), else at gunning.json's own place."""
    if source:
        file, (line, col) = EVALUATION_FILE, source
    else:
        pos = award.position(path)
        file, line, col = award.path, pos.line, pos.col
    errors.add(file, line, col, f"{bt} ontbreekt: {what}; vul in {EVALUATION_FILE} bij {where} in (zoals "
                                f"{example}) en maak gunning.json opnieuw met bestek gunning")


def check_award(award: YamlDocument, valid: Mapping[str, YamlDocument], errors: ErrorList) -> None:
    data: Any = award.data
    from cerberus import Validator  # only `bestek export` after `bestek gunning` gets here

    validator = Validator(AWARD)
    if not isinstance(data, dict) or not validator.validate(data):
        problems = validator.errors if isinstance(data, dict) else "geen object"
        errors.add(award.path, 1, 1, f"de gunningsuitslag heeft niet de vorm van 'bestek gunning' (gunning.json, "
                                     f"docs/exports.md): {problems}")
        return
    lots = [lot["id"] for lot in valid["tender"].data.get("lots", [])] if "tender" in valid else []
    kind = NOTICE_KINDS.get(valid["tender"].data.get("procedure") or "") if "tender" in valid else None
    for n, lot in enumerate(data["lots"]):
        if lots and lot.get("lot") not in lots:
            pos = award.position(("lots", n))
            errors.add(award.path, pos.line, pos.col, unknown("perceel", str(lot.get("lot")), lots))
        sources = lot.get("source") or {}
        at_lot = sources.get("evaluation")
        for key, (_, what) in STATISTICS.items():
            if key not in lot:
                size = key in ("sme", "large")
                _missing(errors, award, ("lots", n), sources.get("unsized") if size else at_lot, "BT-759/BT-760",
                         f"aantal {what} voor perceel '{lot.get('lot', '')}'",
                         "elke inschrijver op dit perceel 'size'" if size else "elke inschrijver 'country'",
                         "size: medium; micro, small, medium of large" if size else "country: NL, een ISO-landcode")
        for m, winner in enumerate(lot["winners"]):
            pos = award.position(("lots", n, "winners", m))
            if postal(winner["address"]) is None:
                errors.add(award.path, pos.line, pos.col, f"BT-512/BT-513 ontbreekt: postcode en plaats van "
                                                          f"{winner['name']}; vul in 'address' met postcode en plaats")
            if (problem := nuts_problem(winner["nuts"])) is not None:
                errors.add(award.path, pos.line, pos.col, problem)
            path, name, ident = ("lots", n, "winners", m), winner["name"], winner.get("id", "inschrijver")
            if "value" not in winner:
                _missing(errors, award, path, at_lot, "BT-720", f"waarde van de opdracht aan {name} (de inschrijving)",
                         f"deze beoordeling 'contract: values: {ident}'",
                         f"contract: {{values: {{{ident}: 1200000}}}}, in euro zonder btw")
            if "size" not in winner:
                _missing(errors, award, path, winner.get("source"), "BT-165", f"omvang van {name}",
                         "deze inschrijver 'size'", "size: medium; micro, small, medium of large")
            if "concluded" not in winner:
                _missing(errors, award, path, at_lot, "BT-145", f"datum waarop de overeenkomst met {name} is gesloten",
                         "deze beoordeling 'contract: concluded'", "contract: {concluded: 2024-07-01}")
            if kind is not None and kind.award_subtype == "29" and "subcontracting" not in winner:
                _missing(errors, award, path, at_lot, "BT-773", f"of {name} een deel van de opdracht uitbesteedt",
                         f"deze beoordeling 'contract: subcontracting: {ident}'",
                         f"contract: {{subcontracting: {{{ident}: false}}}}")
