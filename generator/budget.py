"""Budget tables: values per row, computed ratio columns and totals, checked against stated totals.

Pure functions on plain data, shared by validation (a stated total that differs is an error with
both numbers) and the model (the rendered table shows the computed values).
"""
from __future__ import annotations

from typing import Any

TOLERANCE = 0.005  # half a cent: stated totals are compared after rounding to cents


def row_values(columns: list[dict[str, Any]], values: dict[str, float]) -> dict[str, float | None]:
    """A row's values with ratio columns computed (None when the denominator is zero or absent)."""
    result: dict[str, float | None] = {}
    for column in columns:
        if "ratio" in column:
            numerator, denominator = (values.get(c) for c in column["ratio"])
            result[column["id"]] = numerator / denominator if numerator is not None and denominator else None
        else:
            result[column["id"]] = values.get(column["id"])
    return result


def totals(columns: list[dict[str, Any]], rows: list[dict[str, Any]]) -> dict[str, float | None]:
    """Column totals: sums for plain columns, the ratio of the sums for ratio columns."""
    sums = {c["id"]: sum(r["values"].get(c["id"], 0) for r in rows) for c in columns if "ratio" not in c}
    result: dict[str, float | None] = {}
    for column in columns:
        if "ratio" in column:
            numerator, denominator = (sums.get(c) for c in column["ratio"])
            result[column["id"]] = numerator / denominator if numerator is not None and denominator else None
        else:
            result[column["id"]] = sums[column["id"]]
    return result


def differs(stated: float, computed: float | None) -> bool:
    return computed is None or abs(round(stated, 2) - round(computed, 2)) > TOLERANCE
