"""Budget tables: values per row, computed columns and totals, checked against stated totals.

Pure functions on plain data, shared by validation (a stated total that differs is an error with
both numbers) and the model (the rendered table shows the computed values).

A column is either given (every row states its value) or computed from columns to its left by one
declarative kind; configuration never holds formulas:

* ``ratio: [a, b]``: a divided by b; the total is total(a) / total(b);
* ``product: [a, b]``: a times b; the total is the sum of the rows;
* ``share: a``: a as a share of the total of a; the total is 100%;
* ``scale: {column: a, factor: 1.02}``: a times a fixed factor; the total is the sum of the rows.

Computed values are rounded to the precision they are shown with (whole euros, two decimals for
numbers, a tenth of a percent), before later columns and totals use them, so every printed number
can be recomputed from the printed numbers. Within computations a percentage is a fraction: a given
percentage 12.5 counts as 0.125; a computed percentage column holds fractions.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

TOLERANCE = 0.005  # half a cent: stated totals are compared after rounding to cents
KINDS = ("ratio", "product", "share", "scale")
#: decimals a computed value is rounded to, per unit (procent: of the fraction, so 0.1 percentage point)
DECIMALS = {"euro": 0, "aantal": 2, "procent": 3}


def kind_of(column: dict[str, Any]) -> str | None:
    """The computation kind of a column, or None for a given column (validation allows one kind)."""
    return next((kind for kind in KINDS if kind in column), None)


def operands(column: dict[str, Any]) -> list[str]:
    """The ids of the columns a computed column uses, in the order written."""
    kind = kind_of(column)
    if kind in ("ratio", "product"):
        return list(column[kind])
    if kind == "share":
        return [column["share"]]
    if kind == "scale":
        return [column["scale"]["column"]]
    return []


def _rounded(value: float | None, unit: str) -> float | None:
    if value is None:
        return None
    exponent = Decimal(1).scaleb(-DECIMALS[unit])
    return float(Decimal(repr(value)).quantize(exponent, rounding=ROUND_HALF_UP))


def _divide(numerator: float | None, denominator: float | None) -> float | None:
    return numerator / denominator if numerator is not None and denominator else None


def _times(a: float | None, b: float | None) -> float | None:
    return a * b if a is not None and b is not None else None


def _sum(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def compute(columns: list[dict[str, Any]], rows: list[dict[str, Any]]
            ) -> tuple[list[dict[str, float | None]], dict[str, float | None]]:
    """Every row's values (computed columns filled in) and the column totals.

    Expects a validated table: operands name columns to the left, rows give every given column."""
    by_id = {c["id"]: c for c in columns}
    table: list[dict[str, float | None]] = [{} for _ in rows]
    totals: dict[str, float | None] = {}

    def operand(values: dict[str, float | None], ident: str) -> float | None:
        """A value as computations see it: a given percentage becomes a fraction."""
        value = values.get(ident)
        given_percentage = by_id[ident]["unit"] == "procent" and kind_of(by_id[ident]) is None
        return value / 100 if given_percentage and value is not None else value

    for column in columns:
        ident, kind, unit = column["id"], kind_of(column), column["unit"]
        if kind is None:
            for values, row in zip(table, rows, strict=True):
                values[ident] = row["values"].get(ident)
            totals[ident] = _sum([values[ident] for values in table])
            continue
        parts = operands(column)
        for values in table:
            if kind == "ratio":
                value = _divide(operand(values, parts[0]), operand(values, parts[1]))
            elif kind == "product":
                value = _times(operand(values, parts[0]), operand(values, parts[1]))
            elif kind == "share":
                value = _divide(operand(values, parts[0]), operand(totals, parts[0]))
            else:  # scale
                value = _times(operand(values, parts[0]), column["scale"]["factor"])
            values[ident] = _rounded(value, unit)
        if kind == "ratio":
            total = _divide(operand(totals, parts[0]), operand(totals, parts[1]))
        elif kind == "share":
            total = 1.0 if operand(totals, parts[0]) else None
        else:
            total = _sum([values[ident] for values in table])
        totals[ident] = _rounded(total, unit)
    return table, totals


def differs(stated: float, computed: float | None) -> bool:
    return computed is None or abs(round(stated, 2) - round(computed, 2)) > TOLERANCE
