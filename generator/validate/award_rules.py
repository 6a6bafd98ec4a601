"""The published rules of the award in content/criteria.yaml (validate stage): the formula of a price criterion,
the tie-break rule and the maximum number of awarded bidders. `bestek gunning` applies exactly these
(core/scoring.py), and {{ gunningscriteria }} shows them, so they are checked whenever the project is.
"""
from __future__ import annotations

from collections.abc import Mapping

from generator.core.errors import ErrorList
from generator.core.scoring import AWARD_RULES_ID, LOTTERY, RELATIVE
from generator.core.text import number
from generator.load.yamlsource import YamlDocument
from generator.validate.messages import nearest_first, suggestion


def check_award_rules(valid: Mapping[str, YamlDocument], errors: ErrorList) -> None:
    _check_max_providers(valid, errors)
    file = valid.get("criteria")
    if file is None:
        return
    criteria = file.data["criteria"]
    ids = [c["id"] for c in criteria]

    def add(path: tuple, message: str, key: bool = False) -> None:
        pos = file.key_position(path) if key else file.position(path)
        errors.add(file.path, pos.line, pos.col, message)

    for i, criterion in enumerate(criteria):
        if criterion["id"] == AWARD_RULES_ID:
            add(("criteria", i, "id"), f"het id '{AWARD_RULES_ID}' is gereserveerd voor de regels van de gunning "
                                       "(tie_break, max_providers); geef dit criterium een ander id")
        formula = criterion.get("formula")
        if formula is None:
            continue
        if criterion["kind"] != "prijs":
            add(("criteria", i, "formula"), "een prijsformule hoort alleen bij een prijscriterium (kind: prijs); haal "
                                            "formula weg of maak het criterium een prijscriterium", key=True)
            continue
        bands = formula.get("bands", [])
        top = formula.get("max_score", 10)
        if formula["method"] == RELATIVE and bands:
            add(("criteria", i, "formula", "bands"), "prijsklassen (bands) horen bij method: klassen; bij method: "
                                                     "relatief volgt de score uit de laagste prijs: haal bands weg",
                key=True)
        elif formula["method"] != RELATIVE and not bands:
            add(("criteria", i, "formula"), "method: klassen heeft prijsklassen nodig (bands: - {max_price: 900000, "
                                            "score: 10} ... - {score: 0}); of kies method: relatief", key=True)
        previous = None
        for k, band in enumerate(bands):
            where: tuple = ("criteria", i, "formula", "bands", k)
            last = k == len(bands) - 1
            if "max_price" not in band and not last:
                add(where, "alleen de laatste prijsklasse is zonder max_price (zij geldt voor elke hogere prijs); geef "
                           "deze klasse een max_price")
            elif "max_price" in band and last:
                add((*where, "max_price"), "de laatste prijsklasse geldt voor elke hogere prijs en heeft dus geen "
                                           "max_price: haal max_price weg, of voeg een klasse toe (- score: 0)")
            if "max_price" in band:
                if previous is not None and band["max_price"] <= previous:
                    add((*where, "max_price"), "de prijsklassen lopen van laag naar hoog: "
                                               f"€ {number(band['max_price'])} moet hoger zijn dan de klasse ervoor "
                                               f"(€ {number(previous)})")
                previous = band["max_price"]
            if band["score"] > top:
                add((*where, "score"), f"score {number(band['score'])} is hoger dan de hoogste score van de formule "
                                       f"({number(top)}); schrijf een score van 0 tot en met {number(top)}")
    rule = file.data.get("tie_break") or []
    seen: set[str] = set()
    for k, step in enumerate(rule):
        where = ("tie_break", k)
        if step != LOTTERY and step not in ids:
            add(where, f"onbekend gunningscriterium '{step}'{suggestion(step, ids + [LOTTERY])} in de beslisregel "
                       f"(bekend: {nearest_first(step, ids)}, en als laatste stap {LOTTERY})")
        elif step in seen:
            add(where, f"'{step}' staat al eerder in de beslisregel; noem elke stap één keer")
        elif step == LOTTERY and k != len(rule) - 1:
            add(where, f"{LOTTERY} beslist als laatste stap: na de loting is er geen gelijke stand meer; zet {LOTTERY} "
                       "achteraan")
        seen.add(step)


def _check_max_providers(valid: Mapping[str, YamlDocument], errors: ErrorList) -> None:
    """max_providers: per lot id a whole number from 1 (a lot not named has no maximum), or one such number for a
    tender without lots."""
    file = valid.get("criteria")
    if file is None or "max_providers" not in file.data or "tender" not in valid:
        return  # without a sound tender.yaml its lots are unknown: that file's own error is reported
    most = file.data["max_providers"]
    lots = [lot["id"] for lot in valid["tender"].data.get("lots") or []] if "tender" in valid else []
    pos = file.position(("max_providers",))
    example = f"{{{lots[0]}: 2}}" if lots else "1"
    if lots and not isinstance(most, dict):
        errors.add(file.path, pos.line, pos.col, "de opdracht heeft percelen: noem het maximumaantal aanbieders per "
                                                 f"perceel, zoals max_providers: {example} (percelen: "
                                                 f"{', '.join(lots)})")
        return
    if not lots and (not isinstance(most, int) or isinstance(most, bool)):
        errors.add(file.path, pos.line, pos.col, "de opdracht heeft geen percelen: schrijf het maximumaantal "
                                                 "aanbieders als één geheel getal, zoals max_providers: 1")
        return
    values = most.items() if isinstance(most, dict) else [(None, most)]
    for lot, value in values:
        at = file.position(("max_providers", lot) if lot is not None else ("max_providers",))
        if lot is not None and lot not in lots:
            known = nearest_first(str(lot), lots)
            errors.add(file.path, at.line, at.col,
                       f"onbekend perceel '{lot}'{suggestion(str(lot), lots)} (bekend: {known})")
        elif not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.add(file.path, at.line, at.col, f"het maximumaantal aanbieders is een geheel getal vanaf 1, zoals "
                                                   f"max_providers: {example}; laat een perceel zonder maximum weg")
