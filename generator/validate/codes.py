"""Codes the exports carry, checked against the official code lists (core/codelists.py) in every check: the CPV
codes of the tender and its lots, the NUTS regions of the buyer and the review body, the ESPD criteria of the
exclusion grounds and suitability requirements. One message per code, saying which code was meant."""
from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from generator.core.codelists import CODELISTS_DIR, FILES, Code, cpv_code, parse_codelist
from generator.core.errors import ErrorList
from generator.load.parsecache import remembered
from generator.load.yamlsource import YamlDocument
from generator.validate.messages import nearest_first, suggestion

#: requirement kinds the UEA (ESPD) asks about: the others carry no ESPD code
ESPD_KINDS = ("uitsluitingsgrond", "geschiktheidseis")


def _nearest(code: str, codes: Mapping[str, Code]) -> list[Code]:
    """The codes sharing the longest beginning with `code` (a CPV code narrows from left to right)."""
    for length in range(len(code), 1, -1):
        found = [c for key, c in codes.items() if key.startswith(code[:length])]
        if found:
            return found[:3]
    return []


@functools.cache
def codelist(name: str) -> dict[str, Code]:
    """A code list of core/codelists.py, kept parsed between commands like the project's texts
    (load/parsecache.py): parsing the three lists is about 20 ms of every check."""
    data = (CODELISTS_DIR / FILES[name]).read_bytes()
    return remembered("codelist", data.decode("utf-8", "surrogateescape"), (name,), lambda: parse_codelist(data),
                      lambda _: True)


def cpv_problem(written: str) -> str | None:
    """The message for a CPV code outside the list of social and other specific services, else None."""
    codes = codelist("cpv")
    code = cpv_code(written)
    if code in codes:
        return None
    near = _nearest(code, codes)
    hint = "; bedoelt u " + " of ".join(f"'{c.code}' ({c.name})" for c in near) + "?" if near else ""
    return (f"onbekende CPV-code '{written}'{hint} Bestek kent de CPV-codes van de sociale en andere specifieke "
            "diensten (bijlage XIV van Richtlijn 2014/24/EU), zoals 85311000, 85312000 en 85320000")


def nuts_problem(written: str) -> str | None:
    codes = codelist("nuts")
    if written in codes:
        return None
    return (f"onbekende NUTS-code '{written}'{suggestion(written, list(codes))} (een Nederlandse NUTS-3-regio, "
            f"bekend: {nearest_first(written, [f'{c.code} ({c.name})' for c in codes.values()])})")


def espd_problem(written: str) -> str | None:
    codes = codelist("espd")
    if written in codes:
        return None
    known = nearest_first(written, list(codes))
    return f"onbekende ESPD-code '{written}'{suggestion(written, list(codes))} (bekend: {known})"


def _check(document: YamlDocument, path: tuple[Any, ...], value: Any, problem, errors: ErrorList) -> None:
    if isinstance(value, str) and (message := problem(value)) is not None:
        pos = document.position(path)
        errors.add(document.path, pos.line, pos.col, message)


def check_codes(valid: Mapping[str, YamlDocument], errors: ErrorList) -> None:
    """Every code of the files that passed their schema, against its list."""
    if (tender := valid.get("tender")) is not None:
        for i, code in enumerate(tender.data.get("cpv", [])):
            _check(tender, ("cpv", i), code, cpv_problem, errors)
        for n, lot in enumerate(tender.data.get("lots", [])):
            for i, code in enumerate(lot.get("cpv", [])):
                _check(tender, ("lots", n, "cpv", i), code, cpv_problem, errors)
        if "nuts" in (review := tender.data.get("review_body") or {}):
            _check(tender, ("review_body", "nuts"), review["nuts"], nuts_problem, errors)
    if (organisation := valid.get("organisation")) is not None and "nuts" in (organisation.data.get("notice") or {}):
        _check(organisation, ("notice", "nuts"), organisation.data["notice"]["nuts"], nuts_problem, errors)
    if (requirements := valid.get("requirements")) is not None:
        for n, requirement in enumerate(requirements.data["requirements"]):
            if "espd" in requirement and requirement["kind"] not in ESPD_KINDS:
                pos = requirements.key_position(("requirements", n, "espd"))
                errors.add(requirements.path, pos.line, pos.col,
                           "een ESPD-code ('espd') hoort bij een uitsluitingsgrond of geschiktheidseis (het UEA "
                           f"vraagt daarnaar), niet bij een {requirement['kind']}; haal 'espd' hier weg")
                continue
            for i, code in enumerate(requirement.get("espd", [])):
                _check(requirements, ("requirements", n, "espd", i), code, espd_problem, errors)
