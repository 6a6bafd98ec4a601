"""Stage 3 of `bestek gunning`: the award as typed objects, computed from the validated evaluation and the
published model: per lot every bid with its scores, points and total, the knock-outs, the ranking with the ties
and how the published rule broke them, who is awarded, and the standstill period.

The computation is core/ranking.py (the same validation used); the criteria, lots and requirements are the
model's own objects, so the letters name them as the documents do.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from generator.core.kinds import role_of
from generator.core.procedures import STANDSTILL_EXCEPTIONS, StandstillGround
from generator.core.ranking import Entry, Tie, entries, rank
from generator.core.scoring import standstill_end, tie_break_text
from generator.load.project import LoadedProject
from generator.load.yamlsource import YamlDocument
from generator.model.types import Criterion, Document, Lot, Project, Requirement, Segment
from generator.validate.evaluation_published import (
    STANDSTILL,
    Published,
    admitted,
    bidder_lots,
    consensus_scores,
    lot_specs,
    offered_prices,
    protection_section,
    published,
    standstill_ground,
)
from generator.validate.evaluation_schema import HOME, TEST_NAMES, TESTS

#: the outcome of one bid on one lot
AWARDED, NOT_AWARDED, KNOCKED_OUT, EXCLUDED = "gegund", "niet gegund", "afgewezen", "uitgesloten"
ADMITTED, REFUSED = "toegelaten", "niet toegelaten"


@dataclass(frozen=True)
class Person:
    name: str
    role: str


@dataclass(frozen=True)
class TestResult:
    """One test of a bidder: exclusion grounds, suitability or the programma van eisen."""

    test: str  # exclusion | suitability | requirements
    name: str  # 'de uitsluitingsgronden'
    met: bool
    note: str | None
    unmet: tuple[tuple[Requirement, str, tuple[str, ...]], ...]  # (requirement, reason, lot ids: empty = all)


@dataclass(frozen=True)
class Bidder:
    id: str
    name: str
    address: str
    email: str | None
    identifier: str | None
    nuts: str | None
    lots: tuple[Lot | None, ...]
    segments: tuple[Segment, ...]
    members: tuple[str, ...]
    subcontractors: tuple[str, ...]
    tests: tuple[TestResult, ...]
    size: str | None = None  # BT-165: micro | small | medium | large
    country: str = HOME  # ISO 3166-1 alpha-2, for BT-760
    source: tuple[int, int] = (1, 1)  # line and column of the bidder in vertrouwelijk/beoordeling.yaml


@dataclass(frozen=True)
class Score:
    """A bid's score on one criterion of a lot."""

    criterion: Criterion
    weight: float
    max_score: Fraction
    individual: tuple[tuple[Person, Fraction], ...]  # empty for a price criterion
    consensus: Fraction | None  # the score (for a price criterion: the score of its price)
    motivation: str | None
    price: Fraction | None = None
    lowest: Fraction | None = None  # the lowest price the formula compared with
    points: Fraction = Fraction(0)
    below_minimum: bool = False


@dataclass(frozen=True)
class Bid:
    """One bidder on one lot."""

    bidder: Bidder
    outcome: str  # AWARDED | NOT_AWARDED | KNOCKED_OUT | EXCLUDED (or ADMITTED | REFUSED in an open house)
    rank: int | None
    scores: tuple[Score, ...]
    total: Decimal | None
    unmet: tuple[tuple[TestResult, Requirement, str], ...]  # the tests that exclude it from this lot


@dataclass(frozen=True)
class LotResult:
    lot: Lot | None
    name: str  # 'perceel 2 (Jeugdbescherming en jeugdreclassering)' or 'de opdracht'
    heading: str  # 'Perceel 2: Jeugdbescherming en jeugdreclassering' or the tender's title
    criteria: tuple[tuple[Criterion, float, Fraction], ...]  # (criterion, weight, highest score)
    evaluators: tuple[Person, ...]
    individual_date: datetime.date | None
    consensus_date: datetime.date | None
    bids: tuple[Bid, ...]  # ranked ones in their order, then the knocked out, then the excluded
    ties: tuple[Tie, ...]
    max_providers: int | None
    lottery: dict[str, Any] | None
    concluded: datetime.date | None = None  # BT-145: the day the contracts were concluded
    values: dict[str, float] = field(default_factory=dict)  # BT-720: bidder id -> contract value in euro
    subcontracting: dict[str, bool] = field(default_factory=dict)  # BT-773: bidder id -> part subcontracted
    source: tuple[int, int] = (1, 1)  # line and column of the evaluation in vertrouwelijk/beoordeling.yaml

    @property
    def awarded(self) -> tuple[Bid, ...]:
        return tuple(b for b in self.bids if b.outcome in (AWARDED, ADMITTED))

    @property
    def ranked(self) -> tuple[Bid, ...]:
        return tuple(b for b in self.bids if b.rank is not None)

    def bid_of(self, bidder: str) -> Bid | None:
        return next((b for b in self.bids if b.bidder.id == bidder), None)

    def bidder_name(self, ident: str) -> str:
        bid = self.bid_of(ident)
        return bid.bidder.name if bid else ident


@dataclass(frozen=True)
class Award:
    project: Project
    ranked: bool  # a tender with award criteria; False: an admission (open house)
    send_date: datetime.date
    standstill_days: int
    standstill_end: datetime.date | None  # None for an admission
    committee: tuple[Person, ...]
    supervisor: Person | None
    signatory: Person
    bidders: tuple[Bidder, ...]
    lots: tuple[LotResult, ...]
    tie_break: str | None  # the published rule in words
    leidraad: Document
    protection: str  # the id of the leidraad's section on legal protection
    standstill_article: str = STANDSTILL.article
    #: why there is no standstill period (Aw 2012 art. 2.127 lid 4: tender.yaml or the evaluation), or None
    standstill_ground: StandstillGround | None = None

    @property
    def standstill_start(self) -> datetime.date:
        return self.send_date + datetime.timedelta(days=1)

    def lots_of(self, bidder: Bidder) -> tuple[tuple[LotResult, Bid], ...]:
        return tuple((lot, bid) for lot in self.lots if (bid := lot.bid_of(bidder.id)) is not None)


def _person(data: dict[str, Any] | None) -> Person | None:
    return Person(data["name"], data["role"]) if data else None


def _bidder(data: dict[str, Any], project: Project, model: Published, source: tuple[int, int]) -> Bidder:
    lots = tuple(project.lot(ident) for ident in data.get("lots", [])) if model.lots else (None,)
    requirements = {r.id: r for r in project.requirements}
    tests = tuple(TestResult(test, TEST_NAMES[test], data[test]["met"], data[test].get("note"),
                             tuple((requirements[item["requirement"]], item["reason"], tuple(item.get("lots", ())))
                                   for item in data[test].get("unmet", [])))
                  for test in TESTS)
    return Bidder(data["id"], data["name"], data["address"], data.get("email"), data.get("identifier"),
                  data.get("nuts"), lots, tuple(project.segment(s) for s in data.get("segments", [])),
                  tuple(data.get("members", ())), tuple(data.get("subcontractors", ())), tests, data.get("size"),
                  data.get("country", HOME), source)


def _scores(entry: Entry | None, evaluation: dict[str, Any], bidder: str, project: Project, model: Published,
            lot: str | None, committee: dict[str, Person]) -> tuple[Score, ...]:
    if entry is None:
        return ()
    criteria = {c.id: c for c in project.criteria}
    given = (evaluation.get("scores") or {}).get(bidder, {})
    prices = (evaluation.get("prices") or {}).get(bidder, {})
    result = []
    for spec in lot_specs(model, lot):
        score = given.get(spec.id, {})
        result.append(Score(
            criteria[spec.id], spec.weight, spec.max_score,
            tuple((committee[e], Fraction(str(v))) for e, v in score.get("individual", {}).items()),
            entry.scores.get(spec.id), score.get("motivation"),
            Fraction(str(prices[spec.id])) if spec.id in prices else None, entry.lowest.get(spec.id),
            entry.points.get(spec.id, Fraction(0)), spec.id in entry.knocked_out))
    return tuple(result)


def _lot(project: Project, model: Published, lot: str | None, bidders: list[tuple[dict[str, Any], Bidder]],
         evaluation: dict[str, Any] | None, committee: dict[str, Person], ranked: bool,
         source: tuple[int, int]) -> LotResult:
    on_lot = [(raw, b) for raw, b in bidders if lot in bidder_lots(raw, model)]
    admitted_ids = [raw["id"] for raw, _ in on_lot if not admitted(raw, lot)]
    evaluation = evaluation or {}
    scores = {b: s for b, s in consensus_scores(evaluation).items() if b in admitted_ids}
    prices = {b: p for b, p in offered_prices(evaluation).items() if b in admitted_ids}
    computed = {e.bidder: e for e in entries(lot_specs(model, lot), scores, prices)} if ranked else {}
    lottery = evaluation.get("lottery")
    contract = evaluation.get("contract") or {}
    ranking = rank(list(computed.values()), model.tie_break, tuple(lottery["order"]) if lottery else ())
    most = model.most(lot)
    awarded = set(ranking.order[:most] if most else ranking.order)
    by_id = {b.id: b for _, b in on_lot}
    tests = {b.id: b.tests for _, b in on_lot}
    bids = []
    for position, ident in enumerate(ranking.order, start=1):
        bids.append(Bid(by_id[ident], AWARDED if ident in awarded else NOT_AWARDED, position,
                        _scores(computed[ident], evaluation, ident, project, model, lot, committee),
                        computed[ident].total, ()))
    for ident, entry in computed.items():
        if entry.knocked_out:
            bids.append(Bid(by_id[ident], KNOCKED_OUT, None, _scores(entry, evaluation, ident, project, model, lot,
                                                                       committee), entry.total, ()))
    for raw, bidder in on_lot:
        if not ranked:
            failed = admitted(raw, lot)
            bids.append(Bid(bidder, REFUSED if failed else ADMITTED, None, (), None, _unmet(tests[bidder.id], failed)))
        elif raw["id"] not in admitted_ids:
            bids.append(Bid(bidder, EXCLUDED, None, (), None, _unmet(tests[bidder.id], admitted(raw, lot))))
    specs = lot_specs(model, lot) if ranked else ()
    criteria = {c.id: c for c in project.criteria}
    name = f"perceel {project.lot(lot).number} ({project.lot(lot).name})" if lot else "de opdracht"
    heading = f"Perceel {project.lot(lot).number}: {project.lot(lot).name}" if lot else project.tender.title
    return LotResult(
        project.lot(lot) if lot else None, name, heading,
        tuple((criteria[s.id], s.weight, s.max_score) for s in specs),
        tuple(committee[e] for e in evaluation.get("evaluators", [])), evaluation.get("individual_date"),
        evaluation.get("consensus_date"), tuple(bids), ranking.ties, most, lottery,
        contract.get("concluded"), dict(contract.get("values") or {}), dict(contract.get("subcontracting") or {}),
        source)


def _unmet(tests: tuple[TestResult, ...],
           failed: list[tuple[str, dict[str, Any]]]) -> tuple[tuple[TestResult, Requirement, str], ...]:
    by_test = {t.test: t for t in tests}
    result: list[tuple[TestResult, Requirement, str]] = []
    for test, item in failed:
        result.extend((by_test[test], r, reason) for r, reason, _ in by_test[test].unmet
                      if r.id == item["requirement"] and reason == item["reason"])
    return tuple(result)


def _at(evaluation: YamlDocument, path: tuple[Any, ...]) -> tuple[int, int]:
    pos = evaluation.position(path)
    return pos.line, pos.col


def build_award(loaded: LoadedProject, project: Project, evaluation: YamlDocument) -> Award:
    """The award of a validated evaluation (validate/evaluation.py passed) of a validated project."""
    model = published(loaded)
    data = evaluation.data
    ranked = model.ranked
    committee = {m["id"]: Person(m["name"], m["role"]) for m in data.get("committee") or []}
    raw_bidders = [(b, _bidder(b, project, model, _at(evaluation, ("bidders", i))))
                   for i, b in enumerate(data["bidders"])]
    by_lot = {e.get("lot"): (i, e) for i, e in enumerate(data.get("evaluations") or [])}
    lot_ids: list[str | None] = list(model.lots) or [None]
    lots = tuple(_lot(project, model, lot, raw_bidders, by_lot[lot][1] if lot in by_lot else None, committee, ranked,
                      _at(evaluation, ("evaluations", by_lot[lot][0]) if lot in by_lot else ("evaluations",)))
                 for lot in lot_ids)
    days = data.get("standstill_days", int(STANDSTILL.value))
    ground = standstill_ground(model, data)
    leidraad_source = next(d for d in loaded.documents if role_of(d.front.data) == "leidraad")
    section = protection_section(leidraad_source)
    assert section is not None  # validation requires it
    labels = {c.id: f"{c.id.upper()} ({c.title})" for c in project.criteria}
    contact = project.organisation.contact
    signatory = _person(data.get("signatory")) or Person(contact.name, project.organisation.name)
    return Award(
        project=project, ranked=ranked, send_date=data["send_date"], standstill_days=days,
        standstill_end=standstill_end(data["send_date"], days) if ranked and not ground else None,
        standstill_ground=STANDSTILL_EXCEPTIONS[ground] if ground else None,
        committee=tuple(committee.values()), supervisor=_person(data.get("supervisor")), signatory=signatory,
        bidders=tuple(b for _, b in raw_bidders), lots=tuple(lot for lot in lots if lot.bids),
        tie_break=tie_break_text(model.tie_break, labels) if model.tie_break else None,
        leidraad=project.document(leidraad_source.id), protection=section.anchor)

