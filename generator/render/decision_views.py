"""What the award letters and the proces-verbaal show, as plain texts and rows (render stage of `bestek gunning`).

Every number is formatted here, once, in the notation of the documents (core/text.py, core/scoring.py), so the
templates in templates/award/ only lay out what is said. A letter shows the bidder its own scores and those of
the awarded bidders, never those of other bidders (their tenders are confidential: Aw 2012 art. 2.57).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from generator.core.ranking import Tie
from generator.core.scoring import LOTTERY, names, score_text, shown
from generator.core.text import count, dutch_date, number
from generator.model.evaluation import (
    ADMITTED,
    AWARDED,
    EXCLUDED,
    KNOCKED_OUT,
    NOT_AWARDED,
    Award,
    Bid,
    Bidder,
    LotResult,
    Score,
)


def label(score: Score) -> str:
    return f"{score.criterion.id.upper()} {score.criterion.title}"


def score_shown(score: Score) -> str:
    if score.consensus is None:
        return "–"
    return score_text(score.consensus) if score.price is None else shown(score.consensus)


def price_shown(value: Fraction | None) -> str:
    return "–" if value is None else f"€ {number(float(value), 2)}"


@dataclass(frozen=True)
class Row:
    """One criterion in a letter's table: the bidder's score with its points, and the awarded bidders' ones."""

    label: str
    weight: str
    own: str  # 'score (points)': '6 (15,00)'
    others: tuple[str, ...]  # the same, per awarded bidder shown


@dataclass(frozen=True)
class Motivation:
    label: str
    score: str
    text: str


@dataclass(frozen=True)
class LotLetter:
    """What a letter says about one lot the bidder tendered for."""

    name: str
    heading: str  # the name with a capital: 'Perceel 2: ...'
    outcome: str
    decision: str  # the decision in one or two sentences
    ranking: str | None  # 'U staat op de 2e plaats van 3 gerangschikte inschrijvingen.'
    awarded: str  # the names of the awarded bidders (and their totals)
    columns: tuple[str, ...]  # the awarded bidders whose scores the table shows
    rows: tuple[Row, ...]
    total: tuple[str, tuple[str, ...]] | None  # (own total, totals of the columns)
    own: tuple[Motivation, ...]
    advantages: tuple[tuple[str, tuple[str, ...], tuple[Motivation, ...]], ...]  # (winner, advantages, motivations)
    reasons: tuple[str, ...]  # why the bid was excluded or knocked out
    ties: tuple[str, ...]
    prices: tuple[str, ...] = ()


def _ordinal(n: int) -> str:
    return f"{n}e"


def tie_text(tie: Tie, lot: LotResult, award: Award) -> str:
    """'A en B hadden dezelfde totaalscore (72,50). Volgens de beslisregel gaf de score op G1 de doorslag: A (8) vóór
    B (6).'"""
    who = names([lot.bidder_name(b) for b in tie.bidders])
    text = f"{who} hadden dezelfde totaalscore ({shown(tie.total)}). "
    steps = [s for s in tie.steps if s != LOTTERY]
    if steps:
        parts = []
        for step in steps:
            criterion = next(c for c in award.project.criteria if c.id == step)
            scores = []
            for ident in tie.order:
                bid = lot.bid_of(ident)
                value = next((s.consensus for s in bid.scores if s.criterion.id == step), None) if bid else None
                scores.append(f"{lot.bidder_name(ident)} ({score_text(value) if value is not None else '–'})")
            parts.append(f"de score op {criterion.id.upper()} ({criterion.title}): " + " vóór ".join(scores))
        text += "Volgens de beslisregel van de aanbestedingsstukken besliste " + "; daarna ".join(parts)
    if LOTTERY in tie.steps and lot.lottery:
        drawn = " vóór ".join(lot.bidder_name(b) for b in lot.lottery["order"] if b in tie.drawn)
        note = f" ({lot.lottery['note']})" if lot.lottery.get("note") else ""
        text += ("; " if steps else "Volgens de beslisregel van de aanbestedingsstukken besliste ") + \
            f"{'daarna ' if steps else ''}loting op {dutch_date(lot.lottery['date'])}{note}: {drawn}"
    return text + "."


def _decision(lot: LotResult, bid: Bid, award: Award) -> str:
    region = award.project.organisation.name
    if bid.outcome == AWARDED:
        return f"{region} is voornemens {lot.name} aan u te gunnen."
    if bid.outcome == NOT_AWARDED:
        return f"{region} is voornemens {lot.name} niet aan u te gunnen."
    if bid.outcome == KNOCKED_OUT:
        return (f"Uw inschrijving haalt niet op elk criterium de minimumscore en komt daarom niet voor gunning van "
                f"{lot.name} in aanmerking.")
    if bid.outcome == EXCLUDED:
        return f"Uw inschrijving voor {lot.name} wordt terzijde gelegd: zij voldoet niet aan alle eisen."
    if bid.outcome == ADMITTED:
        return f"U wordt toegelaten tot {lot.name}."
    return f"U wordt niet toegelaten tot {lot.name}: uw aanmelding voldoet niet aan alle eisen."


def _awarded_text(lot: LotResult, award: Award) -> str:
    """The awarded bidders, with their totals; '' when there are none."""
    if not lot.awarded:
        return ""
    if not award.ranked:
        return names([b.bidder.name for b in lot.awarded])
    winners = [f"{b.bidder.name} (totaalscore {shown(b.total) if b.total is not None else '–'})" for b in lot.awarded]
    return names(winners)


def _reasons(bid: Bid) -> tuple[str, ...]:
    reasons = [f"{test.name.capitalize()}: {requirement.title} ({requirement.number}). {reason}"
               for test, requirement, reason in bid.unmet]
    for score in bid.scores:
        if score.below_minimum:
            reasons.append(f"Op {label(score)} kreeg uw inschrijving de score {score_shown(score)}; de minimumscore "
                           f"van dit criterium is {number(score.criterion.min_score or 0)}.")
    return tuple(reasons)


def _with_points(score: Score) -> str:
    return f"{score_shown(score)} ({shown(score.points)})"


def lot_letter(award: Award, lot: LotResult, bid: Bid) -> LotLetter:
    """One lot of a bidder's letter. A bidder that is not awarded the lot is shown the scores of the awarded
    bidders and the characteristics and relative advantages of their tenders (Aw 2012 art. 2.130: the reasons
    for passing it over); an awarded bidder is owed no such reasons, so its letter shows its own scores, its
    rank and the other awarded bidders' totals, and nothing more of their tenders, which are confidential too."""
    shown_bids = [b for b in lot.awarded if b.bidder.id != bid.bidder.id] if bid.scores and \
        bid.outcome != AWARDED else []
    rows = []
    for i, score in enumerate(bid.scores):
        others = tuple(_with_points(o.scores[i]) for o in shown_bids)
        rows.append(Row(label(score), f"{number(score.weight)}%", _with_points(score), others))
    total = (shown(bid.total), tuple(shown(o.total) for o in shown_bids if o.total is not None)) \
        if bid.total is not None else None
    ranking = None
    if bid.rank is not None:
        ranked = len(lot.ranked)
        ranking = (f"Uw inschrijving staat op de {_ordinal(bid.rank)} plaats van "
                   f"{count(ranked, 'gerangschikte inschrijving', 'gerangschikte inschrijvingen')}.")
        ranking += (f" Ten hoogste {count(lot.max_providers, 'aanbieder krijgt', 'aanbieders krijgen')} een "
                    "overeenkomst." if lot.max_providers else
                    " Dit perceel kent geen maximumaantal aanbieders: elke inschrijving die voor gunning in aanmerking "
                    "komt, krijgt een overeenkomst.")
    own = tuple(Motivation(label(s), score_shown(s), s.motivation) for s in bid.scores if s.motivation)
    advantages = []
    for other in shown_bids:
        better = [f"{label(o)}: {score_shown(o)} tegen uw {score_shown(m)} ({shown(o.points)} tegen "
                  f"{shown(m.points)} punten)" for o, m in zip(other.scores, bid.scores, strict=True)
                  if o.points > m.points]
        motivations = tuple(Motivation(label(o), score_shown(o), o.motivation) for o in other.scores if o.motivation)
        advantages.append((other.bidder.name, tuple(better), motivations))
    ties = tuple(tie_text(t, lot, award) for t in lot.ties if bid.bidder.id in t.bidders)
    prices = tuple(f"{label(s)}: uw prijs {price_shown(s.price)}, de laagste prijs {price_shown(s.lowest)}; "
                   f"{s.criterion.formula.describe() if s.criterion.formula else ''}"
                   for s in bid.scores if s.price is not None)
    return LotLetter(lot.name, lot.heading, bid.outcome, _decision(lot, bid, award), ranking,
                     _awarded_text(lot, award),
                     tuple(o.bidder.name for o in shown_bids), tuple(rows), total, own, tuple(advantages),
                     _reasons(bid), ties, prices)


@dataclass(frozen=True)
class Letter:
    bidder: Bidder
    lots: tuple[LotLetter, ...]
    tendered: str  # 'perceel 2 (Jeugdbescherming en jeugdreclassering) en perceel 5 (...)'
    file: str = field(default="")


def letter(award: Award, bidder: Bidder) -> Letter:
    lots = tuple(lot_letter(award, lot, bid) for lot, bid in award.lots_of(bidder))
    return Letter(bidder, lots, names([lot.name for lot, _ in award.lots_of(bidder)]),
                  f"{'gunningsbeslissing' if award.ranked else 'toelatingsbesluit'}-{bidder.id}.pdf")


OUTCOME_NAMES = {AWARDED: "gegund", NOT_AWARDED: "niet gegund", KNOCKED_OUT: "afgewezen (minimumscore)",
                 EXCLUDED: "uitgesloten", ADMITTED: "toegelaten"}
