"""The arithmetic of the award, declared once: the scale of a criterion, the price formula of a price criterion,
points, totals, the tie-break rule and the standstill period.

Shared by the documents (the {{ gunningscriteria }} block shows `PriceFormula.describe()` and the tie-break rule
in the words of `tie_break_text`) and by `bestek gunning` (model/award.py applies the same objects), so an award
letter can only apply what the published documents said. Exact arithmetic (fractions); a total is fixed at two
decimals, rounded half up, and ties are judged on that fixed total.
"""
from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

from generator.core.text import enumeration, number

#: the last step of a tie-break rule: drawing lots (the result is recorded in the evaluation)
LOTTERY = "loting"
#: the id under which a release records the award rules (tie_break, max_providers) beside the criteria (no
#: criterion may have it)
AWARD_RULES_ID = "gunningsregels"
#: price formula methods: relative to the lowest price, or absolute price bands
RELATIVE, BANDS = "relatief", "klassen"
#: the default highest score of a price formula
PRICE_MAX_SCORE = 10
_SCALE_SPLIT = re.compile(r"\s*[-–—/;|]\s*|\s*,\s+|\s+")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?")


@functools.lru_cache(maxsize=1024)
def scale_values(text: str | None) -> tuple[Fraction, ...] | None:
    """The scores a scale allows, lowest first: '0 - 2 - 4 - 6 - 8 - 10' -> (0, 2, 4, 6, 8, 10); None when the
    text is not a list of numbers (words such as 'onvoldoende' cannot be computed with). Kept per text: the award
    asks for the scale of a criterion once per score."""
    if not text:
        return None
    parts = [part for part in _SCALE_SPLIT.split(text.strip()) if part]
    if not parts or not all(_NUMBER.fullmatch(part) for part in parts):
        return None
    return tuple(sorted({Fraction(part.replace(",", ".")) for part in parts}))


def fraction(value: float | int | Fraction) -> Fraction:
    """A YAML number as an exact fraction (12.5 is 25/2, not the nearest binary float)."""
    return value if isinstance(value, Fraction) else Fraction(str(value))


def points(score: Fraction, max_score: Fraction, weight: float) -> Fraction:
    """Weighted points: the score as a share of the highest score, times the criterion's weight."""
    return score / max_score * fraction(weight)


def fixed(value: Fraction) -> Decimal:
    """A value at two decimals, rounded half up: how totals are fixed (and compared)."""
    context = Context(prec=60)
    exact = context.divide(Decimal(value.numerator), Decimal(value.denominator))
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def shown(value: Fraction | Decimal) -> str:
    """'72,50': points or a total in Dutch notation, at two decimals."""
    return number(float(fixed(value) if isinstance(value, Fraction) else value), 2)


def score_text(value: Fraction) -> str:
    """A score as the committee gave it: '8', '7,5'."""
    if value.denominator == 1:
        return number(int(value))
    return number(float(value), 2).rstrip("0").rstrip(",")


@dataclass(frozen=True)
class PriceBand:
    """Prices up to and including `max_price` get `score`; the last band (max_price None) takes every higher one."""

    max_price: float | None
    score: float


@dataclass(frozen=True)
class PriceFormula:
    """How a price criterion turns a price into a score (content/criteria.yaml `formula`)."""

    method: str  # relatief | klassen
    max_score: float = PRICE_MAX_SCORE
    bands: tuple[PriceBand, ...] = ()

    def score(self, price: Fraction, lowest: Fraction) -> Fraction:
        """The score of `price`, given the lowest price of the valid tenders of the lot."""
        if self.method == RELATIVE:
            return fraction(self.max_score) * lowest / price
        for band in self.bands:
            if band.max_price is None or price <= fraction(band.max_price):
                return fraction(band.score)
        return Fraction(0)  # validation makes the last band open-ended; defensive only

    def describe(self) -> str:
        """The formula in the words of the leidraad; the letters and the proces-verbaal quote the same text."""
        top = number(self.max_score)
        if self.method == RELATIVE:
            return (f"score = {top} × laagste prijs ÷ prijs van de inschrijving (de laagste prijs krijgt {top}, "
                    f"een twee keer zo hoge prijs {number(self.max_score / 2)}); punten = score ÷ {top} × weging")
        parts = []
        for band in self.bands:
            if band.max_price is None:
                parts.append(f"hoger: score {number(band.score)}")
            else:
                parts.append(f"tot en met € {number(band.max_price)}: score {number(band.score)}")
        return "; ".join(parts) + f"; punten = score ÷ {top} × weging"


def formula_of(data: dict | None) -> PriceFormula | None:
    """The formula of a criterion as content/criteria.yaml writes it (validated), or None."""
    if not data:
        return None
    bands = tuple(PriceBand(band.get("max_price"), band["score"]) for band in data.get("bands", []))
    return PriceFormula(data["method"], data.get("max_score", PRICE_MAX_SCORE), bands)


def tie_break_text(rule: tuple[str, ...], labels: dict[str, str]) -> str:
    """'Bij een gelijke totaalscore gaat de inschrijver met de hoogste score op G1 (Titel) voor; is ook die gelijk,
    dan beslist loting.' `labels`: criterion id -> 'G1 (Titel)'."""
    criteria = [labels.get(step, step) for step in rule if step != LOTTERY]
    text = "Bij een gelijke totaalscore"
    if criteria:
        text += f" gaat de inschrijver met de hoogste score op {criteria[0]} voor"
        for label in criteria[1:]:
            text += f"; is ook die gelijk, dan die met de hoogste score op {label}"
        if LOTTERY in rule:
            text += "; is ook die gelijk, dan beslist loting"
    elif LOTTERY in rule:
        text += " beslist loting"
    return text + "."


def standstill_end(send_date: datetime.date, days: int) -> datetime.date:
    """The last day of the standstill period: it starts on the day after the decisions are sent (Aw 2012 art.
    2.127) and lasts `days` calendar days, so it ends at the end of the `days`th day after sending."""
    return send_date + datetime.timedelta(days=days)


def names(items: list[str]) -> str:
    """'A', 'A en B', 'A, B en C' (or 'geen')."""
    return enumeration(items) if items else "geen"
