"""Model objects besides the tender's own (stage 3): risks, budget tables, letter headers, signatures, forms,
the funding and contract instruments, the participation phases and the glossary; kept apart to keep types.py small."""
from __future__ import annotations

from dataclasses import dataclass

from generator.core.forms import FIELD_KINDS


@dataclass(frozen=True)
class Risk:
    id: str
    risk: str
    measure: str
    likelihood: str | None
    impact: str | None


@dataclass(frozen=True)
class BudgetColumn:
    id: str
    title: str
    unit: str  # euro | aantal | procent
    computed: bool  # computed from other columns (ratio, product, share, scale); a percentage is then a fraction
    total: bool  # show the column total


@dataclass(frozen=True)
class BudgetRow:
    label: str
    values: tuple[float | None, ...]  # in column order, ratios computed


@dataclass(frozen=True)
class BudgetTable:
    id: str
    title: str
    note: str | None
    row_title: str
    columns: tuple[BudgetColumn, ...]
    rows: tuple[BudgetRow, ...]
    totals: tuple[float | None, ...]  # computed; validation checked them against stated totals


@dataclass(frozen=True)
class Letter:
    """The header of a letter to the council (raadsinformatiebrief): label -> value rows."""

    rows: tuple[tuple[str, str], ...]
    attachments: tuple[str, ...]
    sender: str | None = None  # "Gemeente Voorschoten" when one municipality of the region writes


@dataclass(frozen=True)
class Signature:
    name: str | None  # None: the role signs ("de secretaris")
    role: str


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    kind: str  # core/forms.py FIELD_KINDS
    required: bool
    help: str | None
    options: tuple[str, ...]  # a keuze's options
    lines: int  # writing space in print

    @property
    def choices(self) -> tuple[str, ...]:
        """What a bidder ticks: Ja and Nee, or a keuze's options; () for a field one writes in."""
        return ("Ja", "Nee") if self.kind == "ja-nee" else self.options

    @property
    def hint(self) -> str:
        """What to fill in, as the site's read-only form says it: "kruis één keuze aan: Jeugd, Wmo"."""
        hint = FIELD_KINDS[self.kind].hint
        return f"{hint}: {', '.join(self.choices)}" if self.kind == "keuze" else hint

    def name(self, form: str) -> str:
        """The PDF form field's name (/T): unique within the form, without the dots PDF reads as a hierarchy."""
        return f"{form}-{self.id}"


@dataclass(frozen=True)
class Form:
    """A form bidders fill in (content/formulieren.yaml), shown by {{ formulier id="..." }}."""

    id: str
    title: str
    intro: str | None
    fields: tuple[FormField, ...]


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    description: str


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
class Term:
    """A term of the glossary (content/begrippen.yaml)."""

    id: str
    term: str
    definition: str
