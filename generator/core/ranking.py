"""From consensus scores and prices to points, totals and a ranking per lot, with the published tie-break rule.

Pure computation on plain values, shared by validation (a tie the rule cannot break is an error, at its place in
vertrouwelijk/beoordeling.yaml) and by the model of the award (model/award.py), so both see the same result.
The formulas themselves are core/scoring.py.

* Points per criterion: score ÷ the highest score of its scale × its weight in the lot; a price criterion's score
  comes from its published formula, with the lowest price among the tenders that are ranked on quality.
* A total is the sum of the points, fixed at two decimals; equal fixed totals are a tie.
* A score below a criterion's `min_score` knocks the tender out for the lot: it is not ranked.
* A tie is broken by the steps of the rule in order: the higher score on a criterion, then (`loting`) the order
  drawn by lot, which the evaluation records. Without a step left, the tie stays unresolved.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from generator.core.scoring import LOTTERY, PriceFormula, fixed, fraction, points


@dataclass(frozen=True)
class Spec:
    """One award criterion as it counts in one lot."""

    id: str
    kind: str  # kwaliteit | prijs
    weight: float
    max_score: Fraction  # the highest score of its scale (of the formula, for a price criterion)
    min_score: float | None
    formula: PriceFormula | None = None


@dataclass(frozen=True)
class Entry:
    """One tender in one lot: its score, points per criterion and its total."""

    bidder: str
    scores: Mapping[str, Fraction]  # criterion id -> consensus score, or the score of the price
    points: Mapping[str, Fraction]
    total: Decimal
    knocked_out: tuple[str, ...]  # the criteria whose minimum score it did not reach
    lowest: Mapping[str, Fraction]  # price criterion id -> the lowest price the formula compared with


@dataclass(frozen=True)
class Tie:
    """Tenders with the same total, and how the rule ordered them."""

    total: Decimal
    bidders: tuple[str, ...]  # as they stood before the rule was applied (by id)
    order: tuple[str, ...]  # after it
    steps: tuple[str, ...]  # the steps of the rule that were needed: criterion ids and/or 'loting'
    unresolved: tuple[tuple[str, ...], ...]  # groups the rule could not order
    drawn: tuple[str, ...] = ()  # the bidders whose order the lottery decided (the rule reached 'loting')


@dataclass(frozen=True)
class Ranking:
    order: tuple[str, ...]  # bidder ids, best first (only those not knocked out)
    ties: tuple[Tie, ...]


def entries(specs: tuple[Spec, ...], scores: Mapping[str, Mapping[str, Fraction]],
            prices: Mapping[str, Mapping[str, Fraction]]) -> list[Entry]:
    """The entries of the bidders in `scores` (bidder -> criterion -> consensus score) and `prices` (bidder ->
    price criterion -> price), in the order of `scores` then `prices`."""
    bidders = list(dict.fromkeys([*scores, *prices]))
    quality = [s for s in specs if s.kind != "prijs"]

    def below(bidder: str, spec: Spec, score: Fraction) -> bool:
        return spec.min_score is not None and score < fraction(spec.min_score)

    passed_quality = [b for b in bidders
                      if not any(below(b, s, scores.get(b, {}).get(s.id, Fraction(0))) for s in quality)]
    lowest = {}
    for spec in specs:
        if spec.kind == "prijs":
            offered = [prices[b][spec.id] for b in (passed_quality or bidders) if spec.id in prices.get(b, {})]
            if offered:
                lowest[spec.id] = min(offered)
    result = []
    for bidder in bidders:
        given: dict[str, Fraction] = {}
        for spec in specs:
            if spec.kind == "prijs":
                price = prices.get(bidder, {}).get(spec.id)
                if price is not None and spec.formula is not None and spec.id in lowest:
                    given[spec.id] = spec.formula.score(price, lowest[spec.id])
            elif spec.id in scores.get(bidder, {}):
                given[spec.id] = scores[bidder][spec.id]
        earned = {spec.id: points(given[spec.id], spec.max_score, spec.weight) for spec in specs if spec.id in given}
        knocked = tuple(spec.id for spec in specs if spec.id in given and below(bidder, spec, given[spec.id]))
        result.append(Entry(bidder, given, earned, fixed(sum(earned.values(), Fraction(0))), knocked, lowest))
    return result


def rank(items: list[Entry], rule: tuple[str, ...], lottery: tuple[str, ...] = ()) -> Ranking:
    """The entries not knocked out, best total first, ties ordered by `rule` (`lottery`: the order drawn by lot)."""
    ranked = sorted((e for e in items if not e.knocked_out), key=lambda e: (-e.total, e.bidder))
    order: list[str] = []
    ties: list[Tie] = []
    i = 0
    while i < len(ranked):
        group = [e for e in ranked[i:] if e.total == ranked[i].total]
        if len(group) == 1:
            order.append(group[0].bidder)
        else:
            steps: list[str] = []
            unresolved: list[tuple[str, ...]] = []
            drawn: list[str] = []
            broken = _break(group, rule, lottery, steps, unresolved, drawn)
            order += broken
            ties.append(Tie(group[0].total, tuple(e.bidder for e in group), tuple(broken),
                            tuple(dict.fromkeys(steps)), tuple(unresolved), tuple(drawn)))
        i += len(group)
    return Ranking(tuple(order), tuple(ties))


def _break(group: list[Entry], rule: tuple[str, ...], lottery: tuple[str, ...], steps: list[str],
           unresolved: list[tuple[str, ...]], drawn: list[str]) -> list[str]:
    """The bidders of a tied group in the order the rule gives them; what it cannot order is recorded."""
    if len(group) == 1:
        return [group[0].bidder]
    if not rule:
        unresolved.append(tuple(e.bidder for e in group))
        return [e.bidder for e in group]
    step, rest = rule[0], rule[1:]
    steps.append(step)
    if step == LOTTERY:
        drawn += [e.bidder for e in group]
        order = [b for b in lottery if b in {e.bidder for e in group}]
        if len(order) != len(group):
            unresolved.append(tuple(e.bidder for e in group))
            return [e.bidder for e in group]
        return order
    ordered = sorted(group, key=lambda e: (-e.scores.get(step, Fraction(0)), e.bidder))
    result: list[str] = []
    j = 0
    while j < len(ordered):
        value = ordered[j].scores.get(step, Fraction(0))
        same = [e for e in ordered[j:] if e.scores.get(step, Fraction(0)) == value]
        result += _break(same, rest, lottery, steps, unresolved, drawn) if len(same) > 1 else [same[0].bidder]
        j += len(same)
    return result
