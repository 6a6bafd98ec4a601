"""The published tender as the confidential evaluation is judged by it, and the judgements validation and the
model of the award share (stage 2 of `bestek gunning`): which bidder is admitted to which lot, which criteria
count in a lot with which weight, scale and formula, and the leidraad's section on legal protection."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from generator.core.procedures import PROCEDURES
from generator.core.ranking import Spec
from generator.core.scoring import PRICE_MAX_SCORE, formula_of, fraction, scale_values
from generator.load.project import LoadedDocument, LoadedProject
from generator.load.yamlsource import YamlDocument
from generator.validate.evaluation_schema import TESTS
from generator.validate.messages import nearest_first, suggestion
from generator.validate.rules import RULES, lot_weights
from generator.validate.tendered import untendered_lots

STANDSTILL = next(rule for rule in RULES if rule.id == "standstill")
#: the heading of the leidraad that says how to object (its id or title contains this word)
PROTECTION = "rechtsbescherming"


def unknown(adjective: str, ident: str, known: list[str]) -> str:
    """"onbekende inschrijver 'x'; bedoelt u 'y'? (bekend: ...)"."""
    return f"{adjective} '{ident}'{suggestion(ident, known)} (bekend: {nearest_first(ident, known) or 'geen'})"


@dataclass(frozen=True)
class Published:
    """What the evaluation is judged by: the published tender, as validated data."""

    procedure: str
    lots: dict[str, dict[str, Any]]  # id -> lot (empty without lots)
    criteria: dict[str, dict[str, Any]]  # id -> criterion
    weights: dict[str | None, dict[str, float]]  # lot id (None without lots) -> criterion id -> weight
    requirements: dict[str, dict[str, Any]]
    segments: list[str]
    planning: list[dict[str, Any]]
    tie_break: tuple[str, ...]
    max_providers: Any  # criteria.yaml: per lot id, or one number without lots (validated)
    criteria_file: YamlDocument | None
    tender_file: YamlDocument
    standstill_exception: str | None = None  # tender.yaml: no standstill period (Aw 2012 art. 2.127 lid 4)

    @property
    def ranked(self) -> bool:
        """Bids are scored and ranked (a tender with award criteria), not admitted (open house)."""
        return "gunningscriteria" in PROCEDURES[self.procedure].sections

    def most(self, lot: str | None) -> int | None:
        """How many bidders are awarded at most on `lot` (None: no maximum)."""
        if isinstance(self.max_providers, dict):
            return self.max_providers.get(lot) if lot else None
        return self.max_providers if lot is None else None

    def milestone(self, kind: str) -> dict[str, Any] | None:
        return next((m for m in self.planning if m.get("kind") == kind), None)

    def label(self, criterion: str) -> str:
        return f"{criterion.upper()} ({self.criteria[criterion]['title']})"

    def lot_name(self, lot: str | None) -> str:
        """'perceel 2 (Jeugdbescherming)' as the documents number it, or 'de opdracht' without lots."""
        if not lot or lot not in self.lots:
            return "de opdracht" if not lot else f"perceel '{lot}'"
        return f"perceel {list(self.lots).index(lot) + 1} ({self.lots[lot]['name']})"


def published(project: LoadedProject) -> Published:
    """The published model of a project that passed validation."""
    def data(name: str) -> dict[str, Any]:
        document = project.data.get(name)
        return document.data if document is not None and isinstance(document.data, dict) else {}

    tender, criteria = data("tender"), data("criteria")
    items = criteria.get("criteria", [])
    out = untendered_lots({name: doc for name, doc in project.data.items() if doc is not None})
    lots = [lot for lot in tender.get("lots", []) if lot["id"] not in out]  # a lot not bought is not awarded
    weights = {lot: {items[i]["id"]: weight for i, weight in pairs} for lot, pairs in lot_weights(items, lots).items()}
    return Published(
        procedure=tender.get("procedure") or "", lots={lot["id"]: lot for lot in lots},
        criteria={c["id"]: c for c in items}, weights=weights,
        requirements={r["id"]: r for r in data("requirements").get("requirements", [])},
        segments=[s["id"] for s in data("segments").get("segments", [])], planning=tender.get("planning", []),
        tie_break=tuple(criteria.get("tie_break", ())), max_providers=criteria.get("max_providers"),
        criteria_file=project.data.get("criteria"),
        tender_file=project.data["tender"],  # type: ignore[arg-type]  # required: validation passed
        standstill_exception=tender.get("standstill_exception"))


def standstill_ground(model: Published, evaluation: dict[str, Any]) -> str | None:
    """Why the award has no standstill period: the exception of tender.yaml or of the evaluation, or None."""
    return model.standstill_exception or evaluation.get("standstill_exception")


def applies(item: dict[str, Any], lot: str | None) -> bool:
    """Whether an unmet item of a test concerns `lot` (an item without lots concerns every lot)."""
    return lot is None or "lots" not in item or lot in item["lots"]


def admitted(bidder: dict[str, Any], lot: str | None) -> list[tuple[str, dict[str, Any]]]:
    """The unmet items (test field, item) that exclude `bidder` from `lot`; empty: admitted."""
    return [(test, item) for test in TESTS for item in bidder[test].get("unmet", []) if applies(item, lot)]


def bidder_lots(bidder: dict[str, Any], model: Published) -> list[str | None]:
    return list(bidder.get("lots", [])) if model.lots else [None]


def protection_section(leidraad: LoadedDocument):  # core.headings.Section | None
    """The leidraad's section on legal protection (its id or title names it)."""
    return next((s for s in leidraad.sections() if PROTECTION in s.anchor or PROTECTION in s.text.lower()), None)



def lot_specs(model: Published, lot: str | None) -> tuple[Spec, ...]:
    """The criteria that count in `lot`, with their weight, highest score, minimum score and formula."""
    specs = []
    for ident, weight in model.weights.get(lot, {}).items():
        criterion = model.criteria[ident]
        formula = formula_of(criterion.get("formula"))
        if criterion["kind"] == "prijs":
            top = fraction(formula.max_score if formula else PRICE_MAX_SCORE)
        else:
            top = max(scale_values(criterion.get("scoring")) or (Fraction(PRICE_MAX_SCORE),))
        specs.append(Spec(ident, criterion["kind"], weight, top, criterion.get("min_score"), formula))
    return tuple(specs)


def consensus_scores(evaluation: dict[str, Any]) -> dict[str, dict[str, Fraction]]:
    return {bidder: {c: fraction(s["consensus"]) for c, s in given.items()}
            for bidder, given in (evaluation.get("scores") or {}).items()}


def offered_prices(evaluation: dict[str, Any]) -> dict[str, dict[str, Fraction]]:
    return {bidder: {c: fraction(p) for c, p in given.items()}
            for bidder, given in (evaluation.get("prices") or {}).items()}
