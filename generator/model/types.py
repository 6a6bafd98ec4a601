"""Stage 3, model: typed, immutable objects built from validated content.

Everything after this stage works with these objects only; no dicts from YAML travel further.
"""
from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.core import config as config_module
from generator.core.headings import Section
from generator.core.procedures import MILESTONE_KINDS, PROCEDURES
from generator.core.safety import LinkedFile
from generator.core.scoring import PriceFormula, tie_break_text
from generator.model.notice import NoticeFacts
from generator.model.organisation import Organisation
from generator.model.parts import BudgetTable, Form, Instrument, Letter, Phase, Risk, Signature, Term
from generator.model.releases import Versions

DOMAIN_NAMES = {"jeugd": "Jeugd", "wmo": "Wmo"}
REQUIREMENT_KIND_NAMES = {
    "uitsluitingsgrond": "Uitsluitingsgronden",
    "geschiktheidseis": "Geschiktheidseisen",
    "minimumeis": "Minimumeisen",
    "contractvoorwaarde": "Contractvoorwaarden",
}


@dataclass(frozen=True)
class Contract:
    start: datetime.date
    initial_years: int
    extensions: tuple[int, ...]


@dataclass(frozen=True)
class ScopeItem:
    domain: str
    service: str
    in_scope: bool
    note: str | None

    @property
    def domain_name(self) -> str:
        return DOMAIN_NAMES[self.domain]


@dataclass(frozen=True)
class Milestone:
    id: str
    title: str
    date: datetime.date
    kind: str
    end: datetime.date | None = None  # for a period (a phase from date to end)
    time: str | None = None  # "10:00"
    phase: str | None = None  # groups milestones in the planning table
    note: str | None = None  # a remark shown in the planning table ("indien nodig")

    @property
    def kind_label(self) -> str | None:
        """The kind's name when the planning and the calendar show it ('Toetredingsmoment'), else None."""
        spec = MILESTONE_KINDS[self.kind]
        return spec.description if spec.shown else None


@dataclass(frozen=True)
class Lot:
    id: str
    number: int
    name: str
    segments: tuple[Segment, ...]
    description: str | None
    max_providers: int | None = None  # how many bidders are awarded at most (criteria.yaml); None: all that qualify

    @property
    def tendered(self) -> bool:
        """A lot is bought when one of its segments is (a lot of untendered segments is described only)."""
        return any(s.tendered for s in self.segments)


@dataclass(frozen=True)
class Tender:
    reference: str
    title: str
    summary: str | None
    version: str | None
    domains: tuple[str, ...]
    procedure: str | None  # None: not chosen yet (a policy document precedes the choice)
    estimated_value: float | None
    electronic_submission: bool
    contract: Contract | None
    scope: tuple[ScopeItem, ...]
    planning: tuple[Milestone, ...]
    lots: tuple[Lot, ...]
    max_providers: int | None = None  # without lots: how many bidders are awarded at most (criteria.yaml)
    procedure_label: str | None = None  # the project's own name for the procedure ("toelatingsprocedure")
    standstill_exception: str | None = None  # core/procedures.py STANDSTILL_EXCEPTIONS: no standstill needed

    @property
    def tendered_lots(self) -> tuple[Lot, ...]:
        """The lots that are bought: what the exports and the award weigh (a lot of segments with
        tendered: false is described in the documents, marked as not tendered)."""
        return tuple(lot for lot in self.lots if lot.tendered)

    def milestones_in(self, phases: list[str] | None = None) -> tuple[Milestone, ...]:
        """The milestones of the named phases (all milestones when phases is None), in planning order."""
        return tuple(m for m in self.planning if phases is None or m.phase in phases)

    @property
    def procedure_name(self) -> str:
        """The procedure as every output prints it: the project's own label, else the procedure's name."""
        if self.procedure_label:
            return self.procedure_label
        return PROCEDURES[self.procedure].name if self.procedure else "nog niet gekozen"

    @property
    def domain_names(self) -> str:
        return " en ".join(DOMAIN_NAMES[d] for d in self.domains)


@dataclass(frozen=True)
class Subsegment:
    id: str
    name: str
    description: str | None
    funding_model: Instrument | None = None  # when it differs from the segment's


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
    main_form: str | None = None
    access: str | None = None
    supplier_management: str | None = None
    contract_duration: str | None = None
    expected_providers: str | None = None
    budget: float | None = None
    clients: int | None = None
    provider_field: str | None = None
    funding_note: str | None = None  # a remark on the funding model ("in het pilotgebied samen met de Zvw")
    tendered: bool = True  # False: described, but not bought in this tender (segments.yaml tendered: false)

    @property
    def domain_names(self) -> str:
        return ", ".join(DOMAIN_NAMES[d] for d in self.domains)

    @property
    def funding_text(self) -> str | None:
        """The funding in one line: the model, its note, and subsegments funded otherwise.
        'Lumpsum (per aanbieder); Persoonlijke verzorging: P x Q per indicatie'."""
        parts = []
        if self.funding_model:
            parts.append(self.funding_model.name + (f" ({self.funding_note})" if self.funding_note else ""))
        elif self.funding_note:
            parts.append(self.funding_note)
        parts += [f"{sub.name}: {sub.funding_model.name}" for sub in self.subsegments
                  if sub.funding_model and sub.funding_model != self.funding_model]
        return "; ".join(parts) or None

    @property
    def subsegment_names(self) -> str | None:
        return ", ".join(s.name for s in self.subsegments) or None

    @property
    def contract_form_name(self) -> str | None:
        return self.contract_form.name if self.contract_form else None


@dataclass(frozen=True)
class Requirement:
    id: str
    kind: str
    title: str
    text: str
    evidence: str | None
    moment: str | None  # inschrijving | verificatie: when the evidence is asked
    segments: tuple[Segment, ...]  # empty: applies to all tendered segments
    number: str = ""  # the number readers see: its own, or derived (core/requirements.py)
    group: str | None = None  # a theme such as "Beroepsbevoegdheid"

    @property
    def kind_name(self) -> str:
        return REQUIREMENT_KIND_NAMES[self.kind]


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    kind: str  # kwaliteit | prijs
    weights: tuple[tuple[str | None, float], ...]  # (lot id, weight); lot None without lots
    description: str
    submission: str | None
    max_pages: int | None
    scoring: str | None
    min_score: float | None
    evaluators: str | None
    formula: PriceFormula | None = None  # a price criterion's formula (core/scoring.py)

    @property
    def weight(self) -> float | None:
        """The weight when it is the same for every lot, else None (see weight_for)."""
        values = {w for _, w in self.weights}
        return values.pop() if len(values) == 1 else None

    def weight_for(self, lot: str | None) -> float | None:
        return next((w for lot_id, w in self.weights if lot_id == lot), None)


@dataclass(frozen=True)
class Question:
    id: str
    number: str  # "round.sequence", e.g. "2.3"
    document: Document
    section: str | None  # the number of the section in that document, derived (it may be named by id)
    section_label: str | None  # 'paragraaf 3.2' or, in an agreement, 'artikel 3.2'; an unnumbered one's title
    section_title: str | None
    section_anchor: str | None  # the section's id: its anchor in the document
    question: str
    answer: str
    amendment: str | None


@dataclass(frozen=True)
class Round:
    id: str
    number: int
    date: datetime.date
    questions: tuple[Question, ...]


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
    numbering: str  # hoofdstukken | artikelen | geen (only appendices numbered)
    numbering_depth: int  # how many heading levels are numbered (2: 1 and 1.1)
    tenderned: str | None  # TenderNed folder key, or None: not in the package
    role: str | None = None  # leidraad, pve, overeenkomst, ... (core/kinds.py), or None
    letter: Letter | None = None
    signatures: tuple[Signature, ...] = ()
    closing: str | None = None  # the line(s) above the signatures; None: the theme's greeting
    #: links and images of the body that point into the project (checked and read by the load stage)
    links: tuple[LinkedFile, ...] = ()
    #: every heading with its derived number and its id (core/headings.py)
    sections: tuple[Section, ...] = ()
    short_title: str | None = None  # the running header's title (front matter); None: the title
    chapter_break: bool = True  # chapters start on a new page (when the previous page is well filled)

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
    rounds: tuple[Round, ...]
    risks: tuple[Risk, ...]
    budgets: tuple[BudgetTable, ...]
    #: which data files the project has (a block needing an absent file was refused by validation)
    present: frozenset[str]
    #: the images and attachments the documents point at, as the load stage checked them: path from the
    #: project's top -> bytes (the site copies them, the PDF renderer may read them)
    files: Mapping[str, bytes] = field(default_factory=dict, compare=False, hash=False)
    #: the logo of config.yaml (theme.logo): its path in the project and its bytes
    logo: tuple[str, bytes] | None = field(default=None, compare=False, hash=False)
    #: the published releases and what changed since the latest (model/releases.py)
    versions: Versions = field(default_factory=Versions, compare=False, hash=False)
    #: how a tie in total score is broken: criterion ids, then possibly 'loting' (criteria.yaml tie_break)
    tie_break: tuple[str, ...] = ()
    #: the forms bidders fill in (content/formulieren.yaml)
    forms: tuple[Form, ...] = ()
    #: the organisations and codes of the exports (model/notice.py)
    notice: NoticeFacts = field(default_factory=NoticeFacts, compare=False, hash=False)
    #: the glossary, sorted by term (Dutch: case and accents aside)
    glossary: tuple[Term, ...] = ()

    def segment(self, ident: str) -> Segment:
        return next(s for s in self.segments if s.id == ident)

    @property
    def tendered_segments(self) -> tuple[Segment, ...]:
        """The segments bought in this tender (all but those with tendered: false)."""
        return tuple(s for s in self.segments if s.tendered)

    @property
    def untendered_segments(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if not s.tendered)

    @property
    def tie_break_text(self) -> str | None:
        """The tie-break rule in words, as {{ gunningscriteria }} shows it and `bestek gunning` applies it."""
        labels = {c.id: f"{c.id.upper()} ({c.title})" for c in self.criteria}
        return tie_break_text(self.tie_break, labels) if self.tie_break else None

    def select_segments(self, ids: str | None = None, domain: str | None = None) -> tuple[Segment, ...]:
        """Segments for a table: those named in `ids` ("a, b", in that order) or all, of one domain or any."""
        chosen = [self.segment(i.strip()) for i in ids.split(",")] if ids else list(self.segments)
        return tuple(s for s in chosen if domain is None or domain in s.domains)

    def requirements_for(self, kind: str | None = None, segment: str | None = None, group: str | None = None,
                         ids: str | None = None) -> tuple[Requirement, ...]:
        """Requirements of one kind (or all) that apply to one segment (or to any), of one group (or any):
        those named in `ids` ("a, b", in that order) or all, in the order of requirements.yaml. A requirement
        without segments applies to every tendered segment (validation refuses one that names only untendered
        ones)."""
        if segment is not None and not self.segment(segment).tendered:
            return ()  # not bought: no requirement applies to it
        by_id = {r.id: r for r in self.requirements}
        chosen = [by_id[i.strip()] for i in ids.split(",")] if ids else list(self.requirements)
        return tuple(r for r in chosen
                     if (kind is None or r.kind == kind) and (group is None or r.group == group)
                     and (segment is None or not r.segments or any(s.id == segment for s in r.segments)))

    def requirement(self, ident: str) -> Requirement:
        return next(r for r in self.requirements if r.id == ident)

    def term(self, ident: str) -> Term:
        return next(t for t in self.glossary if t.id == ident)

    def document(self, ident: str) -> Document:
        return next(d for d in self.documents if d.id == ident)

    def budget(self, ident: str) -> BudgetTable:
        return next(b for b in self.budgets if b.id == ident)

    def form(self, ident: str) -> Form:
        return next(f for f in self.forms if f.id == ident)

    def lot(self, ident: str) -> Lot:
        return next(lot for lot in self.tender.lots if lot.id == ident)

    def question(self, ident: str) -> Question:
        return next(q for r in self.rounds for q in r.questions if q.id == ident)

    @property
    def criteria_lots(self) -> tuple[Lot | None, ...]:
        """The lots award criteria are weighed for: every tendered lot, or (None,) without lots."""
        return self.tender.tendered_lots or (None,)

    def amendments_for(self, document_id: str) -> tuple[Question, ...]:
        """The answers that change a document, in question order."""
        return tuple(q for r in self.rounds for q in r.questions if q.amendment and q.document.id == document_id)

    def total_weight(self, lot: Lot | None) -> float:
        """The sum of the criteria weights for a lot (None without lots)."""
        return sum(c.weight_for(lot.id if lot else None) or 0 for c in self.criteria)

    def milestone(self, ident: str) -> Milestone:
        return next(m for m in self.tender.planning if m.id == ident)
