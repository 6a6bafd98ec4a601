"""Stage 3, model: what the exports need besides the documents' data (render/exports/): the organisations of the
EU notice (the buyers and the review body) and the codes of the tender. Built from validated content; where
`bestek export` checked the fields (validate/notice.py) they are all there, elsewhere they may be missing."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.validate.notice import postal


@dataclass(frozen=True)
class Party:
    """An organisation of the notice (efac:Organization): a buyer or the review body."""

    key: str  # the notice's technical identifier, ORG-0001
    name: str
    identifier: str | None  # BT-501: KvK number or OIN
    postcode: str | None
    city: str | None
    street: str | None  # the address before the postcode ('Postbus 1086')
    nuts: str | None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    size: str | None = None  # BT-165 of a winner: micro | small | medium | large (gunning.json)


@dataclass(frozen=True)
class NoticeFacts:
    buyers: tuple[Party, ...] = ()  # the lead buyer first (joint buyers: the central municipality)
    joint: bool = False  # the municipalities buy jointly, each a buyer of the notice
    review_body: Party | None = None
    cpv: tuple[str, ...] = ()  # the first is the main classification
    lot_cpv: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # lot id -> its own codes
    documents_url: str | None = None
    min_candidates: int | None = None
    validity_days: int | None = None  # how long a tender stays valid (gestanddoeningstermijn)
    espd: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # requirement id -> ESPD criterion codes

    def cpv_for(self, lot: str | None) -> tuple[str, ...]:
        return self.lot_cpv.get(lot or "", ()) or self.cpv


def _party(key: str, name: str, data: Mapping[str, Any], address: str | None, nuts: str | None,
           **contact: str | None) -> Party:
    """An organisation of the notice; `contact`: its e-mail, phone, url (and a winner's size)."""
    found = postal(address)
    street = address.rsplit(",", 1)[0].strip() if address and found and "," in address else None
    return Party(key, name, data.get("identifier"), found[0] if found else None, found[1] if found else None,
                 street, data.get("nuts", nuts), **contact)


def build_notice(organisation: Mapping[str, Any], tender: Mapping[str, Any],
                 requirements: list[Mapping[str, Any]]) -> NoticeFacts:
    notice = organisation.get("notice") or {}
    contact = organisation["contact"]
    reach = {"email": contact["email"], "phone": notice.get("phone"), "url": organisation.get("website")}
    if notice.get("joint"):
        ordered = sorted(organisation["municipalities"], key=lambda m: not m.get("central", False))
        buyers = tuple(_party(f"ORG-{n:04d}", f"Gemeente {m['name']}", m, m.get("address"), notice.get("nuts"), **reach)
                       for n, m in enumerate(ordered, start=1))
    else:
        buyers = (_party("ORG-0001", organisation["name"], notice, contact.get("address"), notice.get("nuts"),
                         **reach),)
    review = tender.get("review_body")
    return NoticeFacts(
        buyers=buyers, joint=bool(notice.get("joint")),
        review_body=_party(f"ORG-{len(buyers) + 1:04d}", review["name"], review, review.get("address"), None,
                           email=review.get("email"), url=review.get("url")) if review else None,
        cpv=tuple(tender.get("cpv", ())), lot_cpv={lot["id"]: tuple(lot["cpv"]) for lot in tender.get("lots", [])
                                                   if "cpv" in lot},
        documents_url=tender.get("documents_url"), min_candidates=tender.get("min_candidates"),
        validity_days=tender.get("validity_days"),
        espd={r["id"]: tuple(r["espd"]) for r in requirements if "espd" in r},
    )
