"""The rule book: the legal and practice rules of rules.yaml as objects, what their checks look at (Context)
and the registry of checks (one per rule id: validate/rules.py and validate/rules_procedure.py).
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.core.kinds import role_of
from generator.core.procedures import PROCEDURES
from generator.load.project import LoadedDocument, LoadedProject
from generator.load.yamlsource import YamlDocument
from generator.validate.tendered import untendered_lots

RULES_FILE = Path(__file__).with_name("rules.yaml")

@dataclass(frozen=True)
class Period:
    """A value of a rule that holds from one date to another, both inclusive (rules.yaml periods)."""
    start: datetime.date
    end: datetime.date
    value: float
    source: str


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    value: float
    unit: str
    article: str
    source: str
    applies_from: datetime.date
    severity: str
    procedures: tuple[str, ...]
    outside_aw: str | None = None  # the basis for a procedure outside the Aanbestedingswet
    periods: tuple[Period, ...] = ()

    def article_for(self, procedure: str | None) -> str | None:
        """The article a message of this rule cites for a procedure, or None: the rule does not apply
        (an Aw rule for a procedure outside the Aw without another basis)."""
        if procedure is None or PROCEDURES[procedure].under_aw:
            return self.article
        return self.outside_aw or (None if "Aw 2012" in self.article else self.article)

    def period(self, when: datetime.date | None) -> Period | None:
        """The period covering a date (without a date: the last one), or None."""
        if when is None:
            return self.periods[-1] if self.periods else None
        return next((p for p in self.periods if p.start <= when <= p.end), None)


def load_rules() -> tuple[Rule, ...]:
    data = yaml.load(RULES_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    rules = tuple(Rule(r["id"], r["title"], r.get("value", 0), r["unit"], r["article"], r["source"],
                       r["applies_from"], r["severity"], tuple(r.get("procedures", ())), r.get("outside_aw"),
                       tuple(Period(p["from"], p["to"], p["value"], p["source"]) for p in r.get("periods", ())))
                  for r in data["rules"])
    unknown = {name for rule in rules for name in rule.procedures} - set(PROCEDURES)
    if unknown:  # a defect of rules.yaml: tests/test_rules.py keeps it from reaching a user
        raise ValueError(f"rules.yaml names unknown procedures: {sorted(unknown)}")
    return rules


RULES = load_rules()


class Context:
    """What the checks look at: the schema-valid YAML documents (with positions) and documents."""

    def __init__(self, project: LoadedProject, valid: Mapping[str, YamlDocument], documents: list[LoadedDocument]):
        self.project = project
        self.valid = valid
        self.documents = documents
        self.tender: YamlDocument | None = valid.get("tender")
        data = self.tender.data if self.tender else {}
        self.procedure: str | None = data.get("procedure")
        self.planning: list[dict[str, Any]] = data.get("planning") or []
        #: the lots that are bought; those of untendered segments only are described (validate/tendered.py)
        self.untendered_lots = untendered_lots(valid)
        self.lots: list[dict[str, Any]] = [lot for lot in data.get("lots") or []
                                           if lot["id"] not in self.untendered_lots]
        #: the documents with the role of a leidraad (core/kinds.py): the first is the one dates are judged by
        self.leidraads = [d for d in documents if role_of(d.front.data) == "leidraad"]
        self.leidraad = self.leidraads[0] if self.leidraads else None
        self.standstill_exception: str | None = data.get("standstill_exception")

    def milestone(self, kind: str, last: bool = False) -> tuple[int, dict[str, Any]] | None:
        """The first (or last) milestone of a kind with its index, or None."""
        found = [(i, m) for i, m in enumerate(self.planning) if m.get("kind") == kind]
        return (found[-1] if last else found[0]) if found else None

    def reference_date(self) -> datetime.date | None:
        """The date the rules are judged by: the publication, else the tender document's date."""
        found = self.milestone("publicatie")
        if found:
            return found[1]["date"]
        return self.leidraad.front.data["date"] if self.leidraad else None


Check = Callable[[Rule, Context, Callable[[str, tuple[Any, ...], str], None]], None]
CHECKS: dict[str, Check] = {}


def check(rule_id: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        CHECKS[rule_id] = function
        return function
    return register


def threshold(ctx: Context) -> Period | None:
    """The EU threshold for social and other specific services on the tender's date (rules.yaml periods)."""
    rule = next(r for r in RULES if r.id == "drempel-sociale-diensten")
    return rule.period(ctx.reference_date())
