"""Model objects of council documents: risks, budget tables, letter headers and signatures (stage 3).
Re-exported by model.py; kept apart to keep each module small."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Risk:
    id: str
    risk: str
    measure: str
    likelihood: str | None
    impact: str | None


@dataclass(frozen=True)
class BudgetColumn:
    id: str
    title: str
    unit: str  # euro | aantal | procent
    computed: bool  # computed from other columns (ratio, product, share, scale); a percentage is then a fraction
    total: bool  # show the column total


@dataclass(frozen=True)
class BudgetRow:
    label: str
    values: tuple[float | None, ...]  # in column order, ratios computed


@dataclass(frozen=True)
class BudgetTable:
    id: str
    title: str
    note: str | None
    row_title: str
    columns: tuple[BudgetColumn, ...]
    rows: tuple[BudgetRow, ...]
    totals: tuple[float | None, ...]  # computed; validation checked them against stated totals


@dataclass(frozen=True)
class Letter:
    """The header of a letter to the council (raadsinformatiebrief): label -> value rows."""

    rows: tuple[tuple[str, str], ...]
    attachments: tuple[str, ...]
    sender: str | None = None  # "Gemeente Voorschoten" when one municipality of the region writes


@dataclass(frozen=True)
class Signature:
    name: str | None  # None: the role signs ("de secretaris")
    role: str
