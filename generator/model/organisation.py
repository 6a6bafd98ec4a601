"""Who buys: the organisation, its municipalities and the subregions they may belong to (organisation.yaml)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Municipality:
    id: str
    name: str
    central: bool
    subregion: Subregion | None = None


@dataclass(frozen=True)
class Subregion:
    """A named part of the region (organisation.yaml subregions): two youth regions buying together."""
    id: str
    name: str


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str | None
    address: str | None


@dataclass(frozen=True)
class Organisation:
    name: str
    short_name: str
    municipalities: tuple[Municipality, ...]
    contact: Contact
    website: str | None
    subregions: tuple[Subregion, ...] = ()

    def municipalities_in(self, subregion: str | None = None) -> tuple[Municipality, ...]:
        """The municipalities of one subregion (by id), or all."""
        return tuple(m for m in self.municipalities
                     if subregion is None or (m.subregion is not None and m.subregion.id == subregion))

    def subregion(self, ident: str) -> Subregion:
        return next(s for s in self.subregions if s.id == ident)
