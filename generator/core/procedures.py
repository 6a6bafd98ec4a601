"""The procedures a tender can follow, each declared once: its name in documents and what it requires;
the milestone kinds of a planning; the exceptions to the standstill period.

The schema of tender.yaml allows exactly these (validate/schemas.py), the model names them with
`name` (model/types.py; a project may print its own name, `procedure_label`), and the legal rules check
`milestones` (the milestone kinds the planning must have: rule mijlpalen-procedure) and `sections` (the
blocks the aanbestedingsleidraad must show: rule onderdelen-leidraad; a project with lots also needs
{{ percelen }}). A procedure outside the Aanbestedingswet (`under_aw` False: open house, subsidie) is
judged only by the rules that have a basis outside that law (validate/rules.py). Every `procedures:` list of
validate/rules.yaml names procedures of this table (tests/test_rules.py); docs/procedures.md describes
each (tests/test_docs_procedures.py keeps it in step).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Procedure:
    name: str  # as documents write it
    milestones: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    under_aw: bool = True  # the Aanbestedingswet 2012 applies (its rules are checked and cited)


_AWARD = ("planning", "contract", "eisen", "gunningscriteria")
_END = ("gunningsbeslissing", "einde-standstill")

PROCEDURES: dict[str, Procedure] = {
    "open-house": Procedure("open house", ("publicatie", "start-contract"), ("planning", "contract", "eisen"),
                            under_aw=False),
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
    "subsidie": Procedure("subsidie", under_aw=False),
}


@dataclass(frozen=True)
class MilestoneKind:
    description: str  # what the milestone is, in Dutch (docs/procedures.md)
    repeatable: bool = False  # may occur more than once in a planning
    procedures: tuple[str, ...] = ()  # only with these procedures (empty: any)
    shown: bool = False  # the planning table and the calendar (CATEGORIES) name the kind with the milestone


#: The kinds a milestone of the planning can have (tender.yaml planning.kind), in the legal order.
MILESTONE_KINDS: dict[str, MilestoneKind] = {
    "publicatie": MilestoneKind("Publicatie"),
    "aanmelding": MilestoneKind("Aanmelding"),
    "preselectie": MilestoneKind("Preselectie"),
    "dialoog": MilestoneKind("Dialoog"),
    "uitnodiging": MilestoneKind("Uitnodiging tot inschrijving"),
    "vragen": MilestoneKind("Vragen", repeatable=True),  # rounds of questions
    "nvi": MilestoneKind("Nota van inlichtingen", repeatable=True),  # each round answered
    "inschrijving": MilestoneKind("Inschrijving"),
    "gunningsbeslissing": MilestoneKind("Gunningsbeslissing"),
    "einde-standstill": MilestoneKind("Einde opschortende termijn"),
    "definitieve-gunning": MilestoneKind("Definitieve gunning"),
    "start-contract": MilestoneKind("Start overeenkomst"),
    # an open house stays open: providers join at fixed moments during the whole term
    "toetreding": MilestoneKind("Toetredingsmoment", repeatable=True, procedures=("open-house",), shown=True),
    "overig": MilestoneKind("Overig", repeatable=True),
}


@dataclass(frozen=True)
class StandstillGround:
    description: str  # completes "er geldt geen opschortende termijn omdat ..."
    article: str
    after_bids: bool = False  # known only when the bids are in: not a choice of tender.yaml


#: Aw 2012 art. 2.127 lid 4: when no standstill period is needed (tender.yaml standstill_exception).
STANDSTILL_EXCEPTIONS: dict[str, StandstillGround] = {
    "geen-aankondiging": StandstillGround("voor de opdracht geen aankondiging verplicht is",
                                             "Aw 2012 art. 2.127 lid 4 sub a"),
    "enige-inschrijver": StandstillGround("de betrokken inschrijver de enige inschrijver is en er geen "
                                             "betrokken gegadigden zijn", "Aw 2012 art. 2.127 lid 4 sub b",
                                             after_bids=True),
    "raamovereenkomst": StandstillGround("de opdracht wordt gegund op grond van een raamovereenkomst",
                                            "Aw 2012 art. 2.127 lid 4 sub c"),
    "dynamisch-aankoopsysteem": StandstillGround("de opdracht wordt gegund in het kader van een dynamisch "
                                                    "aankoopsysteem", "Aw 2012 art. 2.127 lid 4 sub c"),
}
