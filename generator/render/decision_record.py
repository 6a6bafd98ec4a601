"""What the proces-verbaal of the evaluation shows, as plain texts and rows (render stage of `bestek gunning`).

The record of the whole evaluation, for the file of the tender and for a judge: the committee and the dates, every
bidder with the outcome of its tests, per lot every individual and consensus score with its motivation, the
computation of every total, the knock-outs, the ties and how the published rule broke them, the ranking and who is
awarded. It holds everything, so it never leaves build/vertrouwelijk/.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.core.scoring import names, score_text, shown
from generator.core.text import count, dutch_date, number
from generator.model.evaluation import Award, Bidder, LotResult
from generator.render.decision_views import OUTCOME_NAMES, label, price_shown, score_shown, tie_text


@dataclass(frozen=True)
class BidderRow:
    name: str
    lots: str
    parties: str  # combination members and subcontractors
    tests: tuple[str, ...]  # per test: 'voldaan' or 'niet voldaan: ...'


@dataclass(frozen=True)
class ScoreRow:
    bidder: str
    criterion: str
    individual: str  # 'name: score' per evaluator, in the order of the lot's evaluators, joined with '; '
    consensus: str
    motivation: str


@dataclass(frozen=True)
class ComputationRow:
    bidder: str
    cells: tuple[str, ...]  # per criterion: 'score → punten'
    total: str
    outcome: str


@dataclass(frozen=True)
class LotRecord:
    heading: str
    evaluators: str
    dates: str | None
    criteria: tuple[tuple[str, str, str, str], ...]  # (criterion, weight, scale or formula, minimum score)
    scores: tuple[ScoreRow, ...]
    prices: tuple[tuple[str, str, str, str, str], ...]  # (bidder, criterion, price, lowest price, score)
    columns: tuple[str, ...]  # the criteria of the computation
    computation: tuple[ComputationRow, ...]
    knocked_out: tuple[str, ...]
    excluded: tuple[str, ...]
    ties: tuple[str, ...]
    ranking: tuple[tuple[str, str, str, str], ...]  # (rank, bidder, total, outcome)
    maximum: str
    admitted: str  # the names of the awarded (or, in an open house, admitted) bidders


def _tests(bidder: Bidder) -> tuple[str, ...]:
    result = []
    for test in bidder.tests:
        if test.met:
            result.append("voldaan" + (f" ({test.note})" if test.note else ""))
        else:
            unmet = "; ".join(f"{r.title} ({r.number}){' voor ' + ', '.join(lots) if lots else ''}: {reason}"
                              for r, reason, lots in test.unmet)
            result.append(f"niet voldaan: {unmet}")
    return tuple(result)


def bidder_rows(award: Award) -> tuple[BidderRow, ...]:
    rows = []
    for bidder in award.bidders:
        lots = names([f"perceel {lot.number}" for lot in bidder.lots if lot is not None]) \
            if any(bidder.lots) else "de opdracht"
        parties = []
        if bidder.members:
            parties.append("combinatie: " + names(list(bidder.members)))
        if bidder.subcontractors:
            parties.append("onderaannemers: " + names(list(bidder.subcontractors)))
        rows.append(BidderRow(bidder.name, lots, "; ".join(parties) or "–", _tests(bidder)))
    return tuple(rows)


def lot_record(award: Award, lot: LotResult) -> LotRecord:
    evaluator_names = tuple(p.name for p in lot.evaluators)
    criteria = []
    for criterion, weight, top in lot.criteria:
        how = criterion.formula.describe() if criterion.kind == "prijs" and criterion.formula else \
            f"{criterion.scoring} (hoogste score {score_text(top)})"
        minimum = number(criterion.min_score) if criterion.min_score is not None else "–"
        criteria.append((f"{criterion.id.upper()} {criterion.title}", f"{number(weight)}%", how, minimum))
    scores, prices, computation, knocked, excluded, ranking = [], [], [], [], [], []
    for bid in lot.bids:
        for score in bid.scores:
            if score.price is not None:
                prices.append((bid.bidder.name, label(score), price_shown(score.price), price_shown(score.lowest),
                               score_shown(score)))
            elif score.consensus is not None:
                given = {p.name: v for p, v in score.individual}
                individual = "; ".join(f"{n}: {score_text(given[n]) if n in given else '–'}" for n in evaluator_names)
                scores.append(ScoreRow(bid.bidder.name, label(score), individual, score_shown(score),
                                       score.motivation or "–"))
        if bid.scores:
            cells = tuple(f"{score_shown(s)} ÷ {score_text(s.max_score)} × {number(s.weight)} = {shown(s.points)}"
                          for s in bid.scores)
            total = shown(bid.total) if bid.total is not None else "–"
            outcome = OUTCOME_NAMES.get(bid.outcome, bid.outcome)
            computation.append(ComputationRow(bid.bidder.name, cells, total, outcome))
        for score in bid.scores:
            if score.below_minimum:
                knocked.append(f"{bid.bidder.name}: {label(score)} kreeg {score_shown(score)}, onder de minimumscore "
                               f"{number(score.criterion.min_score or 0)}; de inschrijving is niet gerangschikt.")
        if bid.unmet:
            reasons = "; ".join(f"{test.name}: {r.title} ({r.number}), {reason}" for test, r, reason in bid.unmet)
            excluded.append(f"{bid.bidder.name}: {reasons}")
        if bid.rank is not None:
            ranking.append((str(bid.rank), bid.bidder.name, shown(bid.total) if bid.total is not None else "–",
                            OUTCOME_NAMES[bid.outcome]))
    dates = [f"individuele beoordeling op {dutch_date(lot.individual_date)}" if lot.individual_date else "",
             f"consensusoverleg op {dutch_date(lot.consensus_date)}" if lot.consensus_date else ""]
    maximum = (f"Ten hoogste {count(lot.max_providers, 'aanbieder krijgt', 'aanbieders krijgen')} een overeenkomst."
               if lot.max_providers else
               "Geen maximumaantal aanbieders: elke gerangschikte inschrijving krijgt een overeenkomst."
               if award.ranked else "Open house: elke aanbieder die aan de eisen voldoet, wordt toegelaten.")
    return LotRecord(
        lot.heading, names(list(evaluator_names)), "; ".join(d for d in dates if d) or None,
        tuple(criteria), tuple(scores), tuple(prices),
        tuple(f"{c.id.upper()}" for c, _, _ in lot.criteria), tuple(computation), tuple(knocked), tuple(excluded),
        tuple(tie_text(t, lot, award) for t in lot.ties), tuple(ranking), maximum,
        names([b.bidder.name for b in lot.awarded]))
