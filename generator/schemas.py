"""The shape of every content file (cerberus schemas) and of the Markdown blocks and references.

Data only: the validate stage applies these; docs/content-model.md documents them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ID = {"type": "string", "regex": r"^[a-z0-9][a-z0-9-]*$"}
TEXT = {"type": "string", "empty": False}
DOMAINS = ("jeugd", "wmo")
PROCEDURES = ("open-house", "sas", "openbaar", "niet-openbaar", "dialoog", "subsidie")
REQUIREMENT_KINDS = ("uitsluitingsgrond", "geschiktheidseis", "minimumeis", "contractvoorwaarde")
MILESTONE_KINDS = ("publicatie", "aanmelding", "preselectie", "dialoog", "uitnodiging", "vragen", "nvi",
                   "inschrijving", "gunningsbeslissing", "einde-standstill", "definitieve-gunning",
                   "start-contract", "overig")
STATUSES = ("concept", "definitief")
CRITERION_KINDS = ("kwaliteit", "prijs")
EVIDENCE_MOMENTS = ("inschrijving", "verificatie")
NUMBERING = ("hoofdstukken", "artikelen")
#: TenderNed folders a document can be published in; "nee" keeps it out of the package.
TENDERNED_FOLDERS = {
    "marktconsultatie": "Marktconsultatiedocumenten",
    "aanbestedingsdocumenten": "Aanbestedingsdocumenten",
    "nota-van-inlichtingen": "Nota van Inlichtingen",
    "aankondigingen": "Aankondigingen",
}
#: Default TenderNed folder per document kind; kinds not listed are council documents, not published.
TENDERNED_BY_KIND = {
    "aanbestedingsleidraad": "aanbestedingsdocumenten",
    "programma-van-eisen": "aanbestedingsdocumenten",
    "overeenkomst": "aanbestedingsdocumenten",
    "beoordelingsformulier": "aanbestedingsdocumenten",
    "nota-van-inlichtingen": "nota-van-inlichtingen",
}


def _required(schema: dict[str, Any], *optional: str) -> dict[str, Any]:
    """Mark every field required except the named optional ones."""
    return {key: dict(rules, required=key not in optional) for key, rules in schema.items()}


def _list_of(item_schema: dict[str, Any], minlength: int = 0) -> dict[str, Any]:
    rules: dict[str, Any] = {"type": "list", "schema": {"type": "dict", "schema": item_schema}}
    if minlength:
        rules["minlength"] = minlength
    return rules


def _texts() -> dict[str, Any]:
    return {"type": "list", "schema": TEXT}


def _choices(values: tuple[str, ...]) -> dict[str, Any]:
    return {"type": "string", "allowed": list(values)}


ORGANISATION = _required({
    "name": TEXT,
    "short_name": TEXT,
    "municipalities": _list_of(_required({"id": ID, "name": TEXT, "central": {"type": "boolean"}}, "central"),
                               minlength=1),
    "contact": {"type": "dict", "schema": _required(
        {"name": TEXT, "email": {"type": "string", "regex": r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"},
         "phone": TEXT, "address": TEXT}, "phone", "address")},
    "website": {"type": "string", "regex": r"^https://\S+$"},
}, "short_name", "website")

TENDER = _required({
    "reference": {"type": "string", "regex": r"^[A-Za-z0-9][A-Za-z0-9._-]*$"},
    "title": TEXT,
    "summary": TEXT,
    "domains": {"type": "list", "minlength": 1, "schema": _choices(DOMAINS)},
    "procedure": _choices(PROCEDURES),
    "version": {"type": "string", "regex": r"^[0-9]+(\.[0-9]+)*$"},
    "estimated_value": {"type": "number", "min": 0},
    "electronic_submission": {"type": "boolean"},
    "lots": _list_of(_required({"id": ID, "name": TEXT, "segments": {"type": "list", "minlength": 1, "schema": ID},
                                "description": TEXT}, "description")),
    "contract": {"type": "dict", "schema": _required({
        "start": {"type": "date"},
        "initial_years": {"type": "integer", "min": 1, "max": 20},
        "extensions": {"type": "list", "schema": {"type": "integer", "min": 1, "max": 10}},
    }, "extensions")},
    "scope": _list_of(_required({"domain": _choices(DOMAINS), "service": TEXT, "in_scope": {"type": "boolean"},
                                 "note": TEXT}, "note")),
    "planning": _list_of(_required({"id": ID, "title": TEXT, "date": {"type": "date"},
                                    "kind": _choices(MILESTONE_KINDS)}, "kind")),
}, "summary", "version", "estimated_value", "electronic_submission", "lots", "contract", "scope", "planning")

_INSTRUMENT = _required({"id": ID, "name": TEXT, "description": TEXT})
INSTRUMENTS = _required({"funding_models": _list_of(_INSTRUMENT), "contract_forms": _list_of(_INSTRUMENT)},
                        "funding_models", "contract_forms")

SEGMENTS = _required({"segments": _list_of(_required({
    "id": ID,
    "name": TEXT,
    "domains": {"type": "list", "minlength": 1, "schema": _choices(DOMAINS)},
    "target_group": TEXT,
    "ambition": TEXT,
    "description": TEXT,
    "principles": _texts(),
    "subsegments": _list_of(_required({"id": ID, "name": TEXT, "description": TEXT}, "description")),
    "funding_model": ID,
    "contract_form": ID,
}, "principles", "subsegments", "funding_model", "contract_form"), minlength=1)})

REQUIREMENTS = _required({"requirements": _list_of(_required({
    "id": ID,
    "kind": _choices(REQUIREMENT_KINDS),
    "title": TEXT,
    "text": TEXT,
    "evidence": TEXT,
    "moment": _choices(EVIDENCE_MOMENTS),
    "segments": {"type": "list", "schema": ID},
}, "evidence", "moment", "segments"), minlength=1)})

CRITERIA = _required({"criteria": _list_of(_required({
    "id": ID,
    "title": TEXT,
    "kind": _choices(CRITERION_KINDS),
    "weight": {"type": "number", "min": 0, "max": 100},
    "weights": {"type": "dict", "minlength": 1, "keysrules": ID,
                "valuesrules": {"type": "number", "min": 0, "max": 100}},
    "description": TEXT,
    "submission": TEXT,
    "max_pages": {"type": "integer", "min": 1},
    "scoring": TEXT,
    "min_score": {"type": "number", "min": 0},
    "evaluators": TEXT,
}, "weight", "weights", "submission", "max_pages", "scoring", "min_score", "evaluators"), minlength=1)})

QUESTIONS = _required({"rounds": _list_of(_required({
    "id": ID,
    "date": {"type": "date"},
    "questions": _list_of(_required({
        "id": ID,
        "document": ID,
        "section": {"type": "string", "regex": r"^[0-9]+(\.[0-9]+)*$"},
        "question": TEXT,
        "answer": TEXT,
        "amendment": TEXT,
    }, "section", "amendment"), minlength=1),
}), minlength=1)})

PARTICIPATION = _required({"phases": _list_of(_required({
    "id": ID,
    "title": TEXT,
    "period": TEXT,
    "description": TEXT,
    "stakeholders": _list_of(_required({"name": TEXT, "description": TEXT})),
}, "stakeholders"), minlength=1)})

DATA_SCHEMAS: dict[str, dict[str, Any]] = {
    "organisation": ORGANISATION,
    "tender": TENDER,
    "instruments": INSTRUMENTS,
    "segments": SEGMENTS,
    "requirements": REQUIREMENTS,
    "criteria": CRITERIA,
    "participation": PARTICIPATION,
    "questions": QUESTIONS,
}


def front_matter_schema(kinds: list[str]) -> dict[str, Any]:
    """The schema of a document's front matter; `kinds` are the document templates available."""
    return _required({
        "title": TEXT,
        "subtitle": TEXT,
        "kind": {"type": "string", "allowed": kinds},
        "version": {"type": "string", "regex": r"^[0-9]+(\.[0-9]+)*$"},
        "status": _choices(STATUSES),
        "date": {"type": "date"},
        "order": {"type": "integer"},
        "numbering": _choices(NUMBERING),
        "tenderned": _choices(tuple(TENDERNED_FOLDERS) + ("nee",)),
    }, "subtitle", "order", "numbering", "tenderned")


@dataclass(frozen=True)
class BlockSpec:
    """A block that a document can insert: the data file it needs and the arguments it takes."""

    needs: str
    description: str
    args: tuple[str, ...] = ()


BLOCKS: dict[str, BlockSpec] = {
    "gemeenten": BlockSpec("organisation", "de deelnemende gemeenten"),
    "reikwijdte": BlockSpec("tender", "de reikwijdte per domein"),
    "contract": BlockSpec("tender", "de looptijd van de overeenkomst"),
    "planning": BlockSpec("tender", "de planning"),
    "segmenten": BlockSpec("segments", "de segmententabel"),
    "segment-details": BlockSpec("segments", "de segmenten met ambitie en uitgangspunten"),
    "bekostiging": BlockSpec("instruments", "de bekostigingsvormen"),
    "contractvormen": BlockSpec("instruments", "de contractvormen"),
    "eisen": BlockSpec("requirements", "de eisen", ("soort", "segment")),
    "gunningscriteria": BlockSpec("criteria", "de gunningscriteria"),
    "participatie": BlockSpec("participation", "de participatiefasen"),
    "percelen": BlockSpec("tender", "de percelen met hun segmenten"),
    "beoordelingsformulier": BlockSpec("criteria", "de beoordelingsformulieren", ("criterium",)),
    "vragen": BlockSpec("questions", "de vragen en antwoorden van de nota van inlichtingen", ("ronde",)),
    "wijzigingen": BlockSpec("questions", "de wijzigingen van de aanbestedingsstukken", ("document",)),
}

#: Inline references: kind -> (data file, what the id names). `aantal` counts a collection.
REFERENCES: dict[str, tuple[str, str]] = {
    "segment": ("segments", "segment"),
    "eis": ("requirements", "eis"),
    "criterium": ("criteria", "gunningscriterium"),
    "datum": ("tender", "mijlpaal"),
    "aantal": ("", "verzameling"),
    "regio": ("organisation", ""),
    "paragraaf": ("", "paragraaf"),
    "artikel": ("", "artikel"),
    "vraag": ("questions", "vraag"),
    "perceel": ("tender", "perceel"),
}
COUNTABLE = {"segmenten": "segments", "gemeenten": "organisation", "eisen": "requirements",
             "gunningscriteria": "criteria"}
