"""Stage 3, model: the award result of `bestek gunning` (gunning.json, issue 16) as the award notice needs it."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from generator.load.yamlsource import YamlDocument
from generator.model.notice import Party, _party
from generator.model.types import Project


@dataclass(frozen=True)
class LotAward:
    lot: str | None  # the lot's id; None for a tender without lots
    tenders: int  # tenders received (BT-759)
    winners: tuple[tuple[Party, float | None], ...]  # each winner with the value of its contract (BT-720), if known


@dataclass(frozen=True)
class Award:
    date: datetime.date  # the award decision (BT-1451)
    lots: tuple[LotAward, ...]


def build_award(data: dict[str, Any], first_key: int) -> Award:
    """From validated gunning.json; winners get organisation keys from `first_key` on (after the buyers)."""
    lots, key = [], first_key
    for lot in data["lots"]:
        winners = []
        for winner in lot["winners"]:
            winners.append((_party(f"ORG-{key:04d}", winner["name"], winner, winner.get("address"), None),
                            winner.get("value")))
            key += 1
        lots.append(LotAward(lot.get("lot"), lot["tenders"], tuple(winners)))
    return Award(datetime.date.fromisoformat(data["date"]), tuple(lots))


def award_of(project: Project, document: YamlDocument | None) -> Award | None:
    """The award of a validated gunning.json, its winners numbered after the organisations of the notice."""
    if document is None:
        return None
    facts = project.notice
    return build_award(document.data, len(facts.buyers) + (2 if facts.review_body else 1))
