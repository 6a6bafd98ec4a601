"""The single facts of content/tender.yaml that a document may state in its prose, declared once.

A fact is a reference without an id, `[[waarde]]`, written where the text needs it: the estimated value,
the contract's duration, the tender's reference number, the date tenders close. Each row of FACTS says what
it shows, the field of tender.yaml it comes from (validation reports a fact whose field is missing at the
reference) and how it is written (the render stage calls `text` with the model's Tender). Nothing else
names a fact: the reference table (core/references.py), the checks and the renderer read this.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.core.text import contract_duration, date_and_time, dutch_date, number


@dataclass(frozen=True)
class Fact:
    """One fact of tender.yaml: `[[name]]` shows `text(tender)`."""

    name: str
    description: str  # what it shows, in Dutch, completing "[[name]] toont ..."
    field: str  # the field of tender.yaml it needs
    example: str  # how to write that field, for the message when it is missing
    text: Callable[[Any], str]  # the model's Tender -> the text in the document
    milestone: str | None = None  # with field 'planning': the kind of milestone it needs


def euro(value: float) -> str:
    """'€ 12.500.000' (cents only when there are any: '€ 1.234,50')."""
    return f"€ {number(value)}"


def _milestone(tender: Any, kind: str) -> Any:
    return next(m for m in tender.planning if m.kind == kind)


FACTS: dict[str, Fact] = {fact.name: fact for fact in (
    Fact("waarde", "de geraamde waarde van de opdracht", "estimated_value", "estimated_value: 12500000",
         lambda tender: euro(tender.estimated_value)),
    Fact("looptijd", "de looptijd van de overeenkomst met de verlengingsopties, zoals het blok contract", "contract",
         "contract: {start: 2026-01-01, initial_years: 3, extensions: [1, 1]}",
         lambda tender: contract_duration(tender.contract.initial_years, tender.contract.extensions)),
    Fact("ingangsdatum", "de ingangsdatum van de overeenkomst", "contract",
         "contract: {start: 2026-01-01, initial_years: 3}", lambda tender: dutch_date(tender.contract.start)),
    Fact("kenmerk", "het kenmerk (referentienummer) van de aanbesteding", "reference", "reference: MH-JW-2025",
         lambda tender: tender.reference),
    Fact("titel", "de titel van de aanbesteding", "title", "title: Inkoop Jeugd en Wmo 2026",
         lambda tender: tender.title),
    Fact("procedure", "de naam van de procedure", "procedure", "procedure: sas",
         lambda tender: tender.procedure_name),
    Fact("publicatiedatum", "de datum van de publicatie (de mijlpaal met kind: publicatie)", "planning",
         "een mijlpaal met kind: publicatie in de planning",
         lambda tender: date_and_time(_milestone(tender, "publicatie").date, _milestone(tender, "publicatie").time),
         milestone="publicatie"),
    Fact("sluitingsdatum", "de uiterste datum en tijd van inschrijving (de mijlpaal met kind: inschrijving)",
         "planning", "een mijlpaal met kind: inschrijving in de planning",
         lambda tender: date_and_time(_milestone(tender, "inschrijving").date,
                                      _milestone(tender, "inschrijving").time),
         milestone="inschrijving"),
)}


def missing(fact: Fact, tender: dict[str, Any]) -> bool:
    """Whether tender.yaml (its data, as loaded) lacks what the fact shows."""
    if fact.milestone is not None:
        return not any(isinstance(m, dict) and m.get("kind") == fact.milestone for m in tender.get("planning") or ())
    return tender.get(fact.field) is None
