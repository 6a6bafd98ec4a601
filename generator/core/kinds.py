"""The roles of documents, and the role of each of the theme's document kinds, declared once.

A kind is a template (templates/documents/<kind>.html: label and layout); what Bestek checks and does for a
document follows from its ROLE, never from the kind's name: a leidraad needs a procedure and the blocks and
milestones of that procedure, an agreement speaks of articles, a letter needs a letter header, and so on.
The theme's kinds have their role here (KINDS); a project's own kind (a template of its own) takes a role
with `role:` in the front matter of its documents (validate/documents.py checks that choice, the model
stores it as Document.role). docs/document-kinds.md lists the roles with what each keeps
(tests/test_docs.py holds that list to ROLES).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Role:
    """What a document of this role gets: its TenderNed folder, its OCDS document type, and (`keeps`, English,
    for docs/document-kinds.md) the checks and behaviour keyed on the role."""

    name: str
    tenderned: str | None  # default folder in the tender package (validate/schemas.py TENDERNED_FOLDERS)
    ocds: str | None  # documentType in ocds.json (render/exports/ocds.py)
    keeps: str


ROLES: dict[str, Role] = {role.name: role for role in (
    Role("leidraad", "aanbestedingsdocumenten", "biddingDocuments",
         "needs `procedure` in tender.yaml; must show the blocks its procedure requires (rule onderdelen-leidraad) "
         "and makes the planning's milestones of the procedure required (rule mijlpalen-procedure); its date is "
         "the date the rules are judged by when there is no publication; `bestek gunning` quotes its section on "
         "legal protection"),
    Role("pve", "aanbestedingsdocumenten", "technicalSpecifications", "goes into the tender package"),
    Role("overeenkomst", "aanbestedingsdocumenten", "contractDraft",
         "goes into the tender package; accounting entries and {{ wijzigingen-versie }} speak of 'artikel'; the "
         "contract block leaves out the procedure line while no procedure is chosen"),
    Role("beoordelingsformulier", "aanbestedingsdocumenten", "evaluationCriteria", "goes into the tender package"),
    Role("nvi", "nota-van-inlichtingen", "clarifications", "goes into the TenderNed folder Nota van Inlichtingen"),
    Role("brief", None, None, "needs `letter` in the front matter (at least a subject and a date)"),
)}


@dataclass(frozen=True)
class Kind:
    """A theme kind with a role; `noun` names a document of the kind in messages ("de offerteaanvraag")."""

    role: str
    noun: str


#: the theme's kinds that have a role (the others, such as notitie, have none)
KINDS: dict[str, Kind] = {
    "aanbestedingsleidraad": Kind("leidraad", "de aanbestedingsleidraad"),
    "offerteaanvraag": Kind("leidraad", "de offerteaanvraag"),
    "inkoopdocument": Kind("leidraad", "het inkoopdocument"),
    "programma-van-eisen": Kind("pve", "het programma van eisen"),
    "overeenkomst": Kind("overeenkomst", "de overeenkomst"),
    "beoordelingsformulier": Kind("beoordelingsformulier", "het beoordelingsformulier"),
    "nota-van-inlichtingen": Kind("nvi", "de nota van inlichtingen"),
    "raadsinformatiebrief": Kind("brief", "de raadsinformatiebrief"),
    "informatiebrief": Kind("brief", "de informatiebrief"),
}


#: how a message names a document of a kind of the project's own
OWN_NOUN = "het document ({})"


def role_of(front: Mapping[str, Any]) -> str | None:
    """The role of a document by its (schema-valid) front matter: its kind's, else the `role` it declares."""
    kind = KINDS.get(front.get("kind") or "")
    return kind.role if kind is not None else front.get("role")


def noun_of(front: Mapping[str, Any]) -> str:
    """How a message names the document: "de offerteaanvraag", or for a kind of the project's own
    "het document (startnotitie)"."""
    kind = KINDS.get(front.get("kind") or "")
    return kind.noun if kind is not None else OWN_NOUN.format(front.get("kind"))


def kinds_with_role(role: str) -> list[str]:
    return [name for name, kind in KINDS.items() if kind.role == role]


def tenderned_of(front: Mapping[str, Any]) -> str | None:
    """The TenderNed folder of a document: `tenderned` in its front matter, else its role's default."""
    if "tenderned" in front:
        return front["tenderned"]
    role = role_of(front)
    return ROLES[role].tenderned if role in ROLES else None
