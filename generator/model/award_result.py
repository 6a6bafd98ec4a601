"""Stage 3, model: the award result of `bestek gunning` (gunning.json, issue 16) as the award notice needs it:
only what an award notice publishes (the winners, the number of tenders, the values and dates), nothing else of
the evaluation (gunning.json carries nothing else, and validation refuses any other key)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from generator.load.yamlsource import YamlDocument
from generator.model.notice import Party, _party
from generator.model.types import Project
from generator.validate.award_result import STATISTICS


@dataclass(frozen=True)
class Winner:
    party: Party  # the winning organisation (one per organisation, whatever the number of lots it won; its size:
    # BT-165)
    value: float | None  # BT-720: the value of its tender (the contract)
    concluded: datetime.date | None  # BT-145: the contract's conclusion date
    subcontracting: bool | None  # BT-773: part of the contract is subcontracted


@dataclass(frozen=True)
class LotAward:
    lot: str | None  # the lot's id; None for a tender without lots
    tenders: int  # tenders received (BT-759)
    statistics: tuple[tuple[str, int], ...]  # BT-760 code (t-sme, t-large, ...) -> tenders of that kind
    winners: tuple[Winner, ...]


@dataclass(frozen=True)
class Award:
    date: datetime.date  # the award decision (BT-1451)
    lots: tuple[LotAward, ...]

    @property
    def parties(self) -> tuple[Party, ...]:
        """Every winning organisation once, in the order of their keys."""
        found: dict[str, Party] = {}
        for lot in self.lots:
            for winner in lot.winners:
                found.setdefault(winner.party.key, winner.party)
        return tuple(sorted(found.values(), key=lambda p: p.key))


def build_award(data: dict[str, Any], first_key: int) -> Award:
    """From validated gunning.json; winners get organisation keys from `first_key` on (after the buyers), one key
    per organisation (its identifier, else its name)."""
    lots, keys = [], {}  # type: ignore[var-annotated]
    for lot in data["lots"]:
        winners = []
        for winner in lot["winners"]:
            who = winner.get("identifier") or winner["name"]
            if who not in keys:
                keys[who] = _party(f"ORG-{first_key + len(keys):04d}", winner["name"], winner, winner.get("address"),
                                   None, size=winner.get("size"))
            concluded = winner.get("concluded")
            winners.append(Winner(keys[who], winner.get("value"),
                                  datetime.date.fromisoformat(concluded) if concluded else None,
                                  winner.get("subcontracting")))
        statistics = tuple((code, lot[key]) for key, (code, _) in STATISTICS.items() if key in lot)
        lots.append(LotAward(lot.get("lot"), lot["tenders"], statistics, tuple(winners)))
    return Award(datetime.date.fromisoformat(data["date"]), tuple(lots))


def award_of(project: Project, document: YamlDocument | None) -> Award | None:
    """The award of a validated gunning.json, its winners numbered after the organisations of the notice."""
    if document is None:
        return None
    facts = project.notice
    return build_award(document.data, len(facts.buyers) + (2 if facts.review_body else 1))
