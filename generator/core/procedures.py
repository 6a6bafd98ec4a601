"""The procedures a tender can follow, each declared once: its name in documents and what it requires.

The schema of tender.yaml allows exactly these (validate/schemas.py), the model names them with
`name` (model/types.py), and the legal rules check `milestones` (the milestone kinds the planning
must have: rule mijlpalen-procedure) and `sections` (the blocks the aanbestedingsleidraad must show:
rule onderdelen-leidraad; a project with lots also needs {{ percelen }}). Every `procedures:` list of
validate/rules.yaml names procedures of this table (tests/test_rules.py).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Procedure:
    name: str  # as documents write it
    milestones: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()


_AWARD = ("planning", "contract", "eisen", "gunningscriteria")
_END = ("gunningsbeslissing", "einde-standstill")

PROCEDURES: dict[str, Procedure] = {
    "open-house": Procedure("open house", ("publicatie", "start-contract"), ("planning", "contract", "eisen")),
    "sas": Procedure("SAS-procedure (sociale en andere specifieke diensten)",
                     ("publicatie", "vragen", "nvi", "inschrijving", *_END, "start-contract"), _AWARD),
    "openbaar": Procedure("openbare procedure",
                          ("publicatie", "vragen", "nvi", "inschrijving", *_END, "definitieve-gunning",
                           "start-contract"), _AWARD),
    "niet-openbaar": Procedure("niet-openbare procedure",
                               ("publicatie", "aanmelding", "uitnodiging", "vragen", "nvi", "inschrijving", *_END,
                                "definitieve-gunning", "start-contract"), _AWARD),
    "dialoog": Procedure("dialooggerichte procedure (preselectie, dialoog, inschrijving)",
                         ("publicatie", "aanmelding", "preselectie", "dialoog", "inschrijving", *_END,
                          "definitieve-gunning", "start-contract"), _AWARD),
    "subsidie": Procedure("subsidie"),
}
