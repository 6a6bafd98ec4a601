"""The numbers readers see for requirements, derived in one place for validation and the model.

A requirement shows one number wherever it appears (every table, [[eis:id]], the site's requirement page,
the exports' labels): its own `number` from requirements.yaml ("6.1.1"), or else one derived from its kind
and its place among the requirements of that kind without a number of their own, in the order of the file:
U1, U2 for exclusion grounds, G1 for suitability requirements, E1 for minimum requirements, C1 for contract
terms. The id stays for references and is never printed.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: kind -> the letter in front of its derived numbers
REQUIREMENT_PREFIXES = {"uitsluitingsgrond": "U", "geschiktheidseis": "G", "minimumeis": "E",
                        "contractvoorwaarde": "C"}


def requirement_numbers(items: Iterable[Mapping[str, Any]]) -> list[str]:
    """The number of each requirement (dicts with `kind` and perhaps `number`), in the order given."""
    counters: dict[str, int] = {}
    numbers = []
    for item in items:
        if item.get("number"):
            numbers.append(str(item["number"]))
            continue
        kind = str(item.get("kind", ""))
        counters[kind] = counters.get(kind, 0) + 1
        numbers.append(f"{REQUIREMENT_PREFIXES.get(kind, 'E')}{counters[kind]}")
    return numbers
