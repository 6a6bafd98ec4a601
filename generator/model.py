"""Stage 3, model: typed, immutable objects built from validated content.

Everything after this stage works with these objects only; no dicts from YAML travel further.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from . import config as config_module
from .load import LoadedDocument, LoadedProject

DOMAIN_NAMES = {"jeugd": "Jeugd", "wmo": "Wmo"}
PROCEDURE_NAMES = {
    "open-house": "open house",
    "sas": "SAS-procedure (sociale en andere specifieke diensten)",
    "openbaar": "openbare procedure",
    "niet-openbaar": "niet-openbare procedure",
    "dialoog": "dialooggerichte procedure (preselectie, dialoog, inschrijving)",
    "subsidie": "subsidie",
}
REQUIREMENT_KIND_NAMES = {
    "uitsluitingsgrond": "Uitsluitingsgronden",
    "geschiktheidseis": "Geschiktheidseisen",
    "minimumeis": "Minimumeisen",
    "contractvoorwaarde": "Contractvoorwaarden",
}


@dataclass(frozen=True)
class Municipality:
    id: str
    name: str
    central: bool


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


@dataclass(frozen=True)
class Contract:
    start: datetime.date
    initial_years: int
    extensions: tuple[int, ...]

    @property
    def max_years(self) -> int:
        return self.initial_years + sum(self.extensions)


@dataclass(frozen=True)
class ScopeItem:
    domain: str
    service: str
    in_scope: bool
    note: str | None


@dataclass(frozen=True)
class Milestone:
    id: str
    title: str
    date: datetime.date
    kind: str


@dataclass(frozen=True)
class Tender:
    reference: str
    title: str
    summary: str | None
    domains: tuple[str, ...]
    procedure: str
    contract: Contract | None
    scope: tuple[ScopeItem, ...]
    planning: tuple[Milestone, ...]

    @property
    def procedure_name(self) -> str:
        return PROCEDURE_NAMES[self.procedure]

    @property
    def domain_names(self) -> str:
        return " en ".join(DOMAIN_NAMES[d] for d in self.domains)


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Subsegment:
    id: str
    name: str
    description: str | None


@dataclass(frozen=True)
class Segment:
    id: str
    name: str
    domains: tuple[str, ...]
    target_group: str
    ambition: str
    description: str
    principles: tuple[str, ...]
    subsegments: tuple[Subsegment, ...]
    funding_model: Instrument | None
    contract_form: Instrument | None

    @property
    def domain_names(self) -> str:
        return ", ".join(DOMAIN_NAMES[d] for d in self.domains)


@dataclass(frozen=True)
class Requirement:
    id: str
    kind: str
    title: str
    text: str
    evidence: str | None
    segments: tuple[Segment, ...]  # empty: applies to all segments

    @property
    def kind_name(self) -> str:
        return REQUIREMENT_KIND_NAMES[self.kind]


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    weight: float
    description: str
    max_pages: int | None
    scoring: str | None


@dataclass(frozen=True)
class Stakeholder:
    name: str
    description: str


@dataclass(frozen=True)
class Phase:
    id: str
    title: str
    period: str
    description: str
    stakeholders: tuple[Stakeholder, ...]


@dataclass(frozen=True)
class Document:
    id: str
    source: str  # path of the Markdown file, for messages
    title: str
    subtitle: str | None
    kind: str
    version: str
    status: str
    date: datetime.date
    order: int
    body: str
    body_line: int

    @property
    def is_concept(self) -> bool:
        return self.status == "concept"


@dataclass(frozen=True)
class Project:
    config: config_module.Config
    organisation: Organisation
    tender: Tender
    funding_models: tuple[Instrument, ...]
    contract_forms: tuple[Instrument, ...]
    segments: tuple[Segment, ...]
    requirements: tuple[Requirement, ...]
    criteria: tuple[Criterion, ...]
    phases: tuple[Phase, ...]
    documents: tuple[Document, ...]
    #: which data files the project has (a block needing an absent file was refused by validation)
    present: frozenset[str]

    def segment(self, ident: str) -> Segment:
        return next(s for s in self.segments if s.id == ident)

    def requirements_for(self, kind: str | None = None, segment: str | None = None) -> tuple[Requirement, ...]:
        """Requirements of one kind (or all) that apply to one segment (or to any)."""
        return tuple(r for r in self.requirements
                     if (kind is None or r.kind == kind)
                     and (segment is None or not r.segments or any(s.id == segment for s in r.segments)))

    def milestone(self, ident: str) -> Milestone:
        return next(m for m in self.tender.planning if m.id == ident)


def _instruments(items: list[dict[str, Any]]) -> tuple[Instrument, ...]:
    return tuple(Instrument(i["id"], i["name"], i["description"]) for i in items)


def _data(project: LoadedProject, name: str) -> dict[str, Any]:
    document = project.data.get(name)
    return document.data if document is not None else {}


def build_model(project: LoadedProject) -> Project:
    """Turn a validated LoadedProject into typed objects."""
    org = _data(project, "organisation")
    contact = org["contact"]
    organisation = Organisation(
        name=org["name"], short_name=org.get("short_name", org["name"]),
        municipalities=tuple(Municipality(m["id"], m["name"], m.get("central", False))
                             for m in org["municipalities"]),
        contact=Contact(contact["name"], contact["email"], contact.get("phone"), contact.get("address")),
        website=org.get("website"),
    )
    ten = _data(project, "tender")
    contract = ten.get("contract")
    tender = Tender(
        reference=ten["reference"], title=ten["title"], summary=ten.get("summary"),
        domains=tuple(ten["domains"]), procedure=ten["procedure"],
        contract=Contract(contract["start"], contract["initial_years"], tuple(contract.get("extensions", ())))
        if contract else None,
        scope=tuple(ScopeItem(s["domain"], s["service"], s["in_scope"], s.get("note")) for s in ten.get("scope", [])),
        planning=tuple(Milestone(m["id"], m["title"], m["date"], m.get("kind", "overig"))
                       for m in ten.get("planning", [])),
    )
    instruments = _data(project, "instruments")
    funding = _instruments(instruments.get("funding_models", []))
    forms = _instruments(instruments.get("contract_forms", []))
    by_id = {i.id: i for i in funding + forms}
    segments = tuple(
        Segment(
            id=s["id"], name=s["name"], domains=tuple(s["domains"]), target_group=s["target_group"],
            ambition=s["ambition"], description=s["description"], principles=tuple(s.get("principles", [])),
            subsegments=tuple(Subsegment(x["id"], x["name"], x.get("description")) for x in s.get("subsegments", [])),
            funding_model=by_id.get(s.get("funding_model", "")), contract_form=by_id.get(s.get("contract_form", "")),
        )
        for s in _data(project, "segments").get("segments", [])
    )
    segment_by_id = {s.id: s for s in segments}
    requirements = tuple(
        Requirement(r["id"], r["kind"], r["title"], r["text"], r.get("evidence"),
                    tuple(segment_by_id[x] for x in r.get("segments", [])))
        for r in _data(project, "requirements").get("requirements", [])
    )
    criteria = tuple(
        Criterion(c["id"], c["title"], c["weight"], c["description"], c.get("max_pages"), c.get("scoring"))
        for c in _data(project, "criteria").get("criteria", [])
    )
    phases = tuple(
        Phase(p["id"], p["title"], p["period"], p["description"],
              tuple(Stakeholder(x["name"], x["description"]) for x in p.get("stakeholders", [])))
        for p in _data(project, "participation").get("phases", [])
    )
    documents = tuple(sorted((_document(d) for d in project.documents), key=lambda d: (d.order, d.date, d.id)))
    return Project(
        config=config_module.from_data(project.config.data if project.config else None),
        organisation=organisation, tender=tender, funding_models=funding, contract_forms=forms,
        segments=segments, requirements=requirements, criteria=criteria, phases=phases, documents=documents,
        present=frozenset(project.data),
    )


def _document(loaded: LoadedDocument) -> Document:
    front = loaded.front.data
    return Document(
        id=loaded.id, source=loaded.path, title=front["title"], subtitle=front.get("subtitle"), kind=front["kind"],
        version=front["version"], status=front["status"], date=front["date"], order=front.get("order", 0),
        body=loaded.body, body_line=loaded.body_line,
    )
