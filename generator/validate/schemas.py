"""The shape of every content file (cerberus schemas) and of the Markdown references (blocks: core/blocks.py).

Data only: the validate stage applies these; docs/content-model.md documents them.
"""
from __future__ import annotations

from typing import Any

from generator.core.blocks import DOMAINS, REQUIREMENT_KINDS
from generator.core.forms import FIELD_KINDS, MAX_LINES
from generator.core.kinds import ROLES
from generator.core.procedures import MILESTONE_KINDS, PROCEDURES, STANDSTILL_EXCEPTIONS
from generator.validate.messages import REQUIREMENT_NUMBER, SECTION_PATTERN

ID = {"type": "string", "regex": r"^[a-z0-9][a-z0-9-]*$"}
TEXT = {"type": "string", "empty": False}
STATUSES = ("concept", "definitief")
CRITERION_KINDS = ("kwaliteit", "prijs")
EVIDENCE_MOMENTS = ("inschrijving", "verificatie")
NUMBERING = ("hoofdstukken", "artikelen", "geen")
#: TenderNed folders a document can be published in; "nee" keeps it out of the package.
TENDERNED_FOLDERS = {
    "marktconsultatie": "Marktconsultatiedocumenten",
    "aanbestedingsdocumenten": "Aanbestedingsdocumenten",
    "nota-van-inlichtingen": "Nota van Inlichtingen",
    "aankondigingen": "Aankondigingen",
}
# The default TenderNed folder of a document follows from its role (core/kinds.py ROLES).


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


#: codes of the exports (render/exports/), checked against the official lists (validate/codes.py)
CPV = {"type": "list", "minlength": 1, "schema": {"type": "string", "regex": r"^[0-9]{8}(-[0-9])?$"}}
NUTS = {"type": "string", "regex": r"^[A-Z]{2}[0-9A-Z]{1,3}$"}
HTTPS = {"type": "string", "regex": r"^https://\S+$"}
#: the fields only the exports use: no document shows them, so a release does not record them and a change
#: needs no accounting (validate/snapshot.py); data kind of the snapshot -> fields
EXPORT_ONLY = {"aanbesteding": ("cpv", "documents_url", "review_body", "min_candidates",
                                "validity_days"), "perceel": ("cpv",),
               "eis": ("espd",)}

ORGANISATION = _required({
    "name": TEXT,
    "short_name": TEXT,
    "municipalities": _list_of(_required({"id": ID, "name": TEXT, "central": {"type": "boolean"},
                                          "identifier": TEXT, "address": TEXT, "subregion": ID},
                                         "central", "identifier", "address", "subregion"), minlength=1),
    # named parts of the region (two youth regions buying together): a municipality names its subregion
    "subregions": _list_of(_required({"id": ID, "name": TEXT}), minlength=1),
    "contact": {"type": "dict", "schema": _required(
        {"name": TEXT, "email": {"type": "string", "regex": r"^[^@\s\"'<>(),;:\\]+@[^@\s\"'<>(),;:\\]+\.[a-z]{2,}$"},
         "phone": TEXT, "address": TEXT}, "phone", "address")},
    "website": {"type": "string", "regex": r"^https://\S+$"},
    # what the EU notice needs of the buyer and no document shows (docs/exports.md)
    "notice": {"type": "dict", "schema": _required({"identifier": TEXT, "nuts": NUTS, "phone": TEXT,
                                                    "joint": {"type": "boolean"}},
                                                   "identifier", "nuts", "phone", "joint")},
}, "short_name", "website", "notice", "subregions")

TENDER = _required({
    "reference": {"type": "string", "regex": r"^[A-Za-z0-9][A-Za-z0-9._-]*$"},
    "title": TEXT,
    "summary": TEXT,
    "domains": {"type": "list", "minlength": 1, "schema": _choices(DOMAINS)},
    "procedure": _choices(tuple(PROCEDURES)),  # optional: a policy document precedes the choice
    "procedure_label": TEXT,  # the procedure's name as this project's documents write it
    # no standstill period needed (Aw 2012 art. 2.127 lid 4): checked by the rule standstill-uitzondering
    "standstill_exception": _choices(tuple(STANDSTILL_EXCEPTIONS)),
    "version": {"type": "string", "regex": r"^[0-9]+(\.[0-9]+)*$"},
    "estimated_value": {"type": "number", "min": 0},
    "electronic_submission": {"type": "boolean"},
    "lots": _list_of(_required({"id": ID, "name": TEXT, "segments": {"type": "list", "minlength": 1, "schema": ID},
                                "description": TEXT, "cpv": CPV}, "description", "cpv")),
    "cpv": CPV,  # the first is the main classification (BT-262), the others additional ones (BT-263)
    "documents_url": HTTPS,
    "review_body": {"type": "dict", "schema": _required({"name": TEXT, "identifier": TEXT, "address": TEXT,
                                                         "nuts": NUTS, "email": TEXT, "url": HTTPS},
                                                        "identifier", "address", "nuts", "email", "url")},
    "min_candidates": {"type": "integer", "min": 1},
    "validity_days": {"type": "integer", "min": 1},
    "contract": {"type": "dict", "schema": _required({
        "start": {"type": "date"},
        "initial_years": {"type": "integer", "min": 1, "max": 20},
        "extensions": {"type": "list", "schema": {"type": "integer", "min": 1, "max": 10}},
    }, "extensions")},
    "scope": _list_of(_required({"domain": _choices(DOMAINS), "service": TEXT, "in_scope": {"type": "boolean"},
                                 "note": TEXT}, "note")),
    "planning": _list_of(_required({"id": ID, "title": TEXT, "date": {"type": "date"},
                                    "end": {"type": "date"},
                                    "time": {"type": "string", "regex": r"^([01][0-9]|2[0-3]):[0-5][0-9]$"},
                                    "phase": TEXT, "note": TEXT, "kind": _choices(tuple(MILESTONE_KINDS))},
                                   "kind", "end", "time", "phase", "note")),
}, "procedure", "procedure_label", "standstill_exception", "summary", "version", "estimated_value",
   "electronic_submission", "lots", "contract", "scope",
   "planning", "cpv", "documents_url", "review_body", "min_candidates", "validity_days")

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
    "subsegments": _list_of(_required({"id": ID, "name": TEXT, "description": TEXT, "funding_model": ID},
                                      "description", "funding_model")),
    "funding_model": ID,
    "funding_note": TEXT,
    "contract_form": ID,
    "main_form": TEXT,
    "access": TEXT,
    "supplier_management": TEXT,
    "contract_duration": TEXT,
    "expected_providers": TEXT,
    "budget": {"type": "number", "min": 0},
    "clients": {"type": "integer", "min": 0},
    "provider_field": TEXT,
    "tendered": {"type": "boolean"},  # false: described, but not bought in this tender
}, "tendered", "principles", "subsegments", "funding_model", "funding_note", "contract_form", "main_form", "access",
   "supplier_management", "contract_duration", "expected_providers", "budget", "clients", "provider_field"),
    minlength=1)})

RISKS = _required({"risks": _list_of(_required({
    "id": ID,
    "risk": TEXT,
    "measure": TEXT,
    "likelihood": _choices(("klein", "middel", "groot")),
    "impact": _choices(("klein", "middel", "groot")),
}, "likelihood", "impact"), minlength=1)})

FORMS = _required({"forms": _list_of(_required({
    "id": ID,
    "title": TEXT,
    "intro": TEXT,
    "fields": _list_of(_required({
        "id": ID,
        "label": TEXT,
        "kind": _choices(tuple(FIELD_KINDS)),
        "required": {"type": "boolean"},
        "help": TEXT,
        "options": {"type": "list", "minlength": 1, "schema": TEXT},
        "lines": {"type": "integer", "min": 1, "max": MAX_LINES},
    }, "required", "help", "options", "lines"), minlength=1),
}, "intro"), minlength=1)})

_BUDGET_COLUMN = _required({
    "id": ID,
    "title": TEXT,
    "unit": _choices(("euro", "aantal", "procent")),
    "ratio": {"type": "list", "minlength": 2, "maxlength": 2, "schema": ID},
    "product": {"type": "list", "minlength": 2, "maxlength": 2, "schema": ID},
    "share": ID,
    "scale": {"type": "dict", "schema": _required({"column": ID, "factor": {"type": "number"}})},
    "total": {"type": "boolean"},
}, "ratio", "product", "share", "scale", "total")
BUDGETS = _required({"budgets": _list_of(_required({
    "id": ID,
    "title": TEXT,
    "note": TEXT,
    "row_title": TEXT,
    "columns": _list_of(_BUDGET_COLUMN, minlength=1),
    "rows": _list_of(_required({"label": TEXT, "values": {"type": "dict", "keysrules": ID,
                                                         "valuesrules": {"type": "number"}}}), minlength=1),
    "stated_totals": {"type": "dict", "keysrules": ID, "valuesrules": {"type": "number"}},
}, "note", "row_title", "stated_totals"), minlength=1)})

REQUIREMENTS = _required({"requirements": _list_of(_required({
    "id": ID,
    "kind": _choices(REQUIREMENT_KINDS),
    # the number readers see ("6.1.1"); without it the requirement is numbered E1, E2, ... (model/numbers.py)
    "number": {"type": "string", "regex": REQUIREMENT_NUMBER},
    "group": TEXT,  # a theme ("Beroepsbevoegdheid"): {{ eisen groep="..." }} shows one group
    "title": TEXT,
    "text": TEXT,
    "evidence": TEXT,
    "moment": _choices(EVIDENCE_MOMENTS),
    "segments": {"type": "list", "schema": ID},
    "espd": {"type": "list", "minlength": 1, "schema": ID},  # ESPD criterion codes (crime-org, tax-pay ...)
}, "number", "group", "evidence", "moment", "segments", "espd"), minlength=1)})

#: content/begrippen.yaml: the glossary, shown by {{ begrippen }} and referred to with [[begrip:id]]
GLOSSARY = _required({"begrippen": _list_of(_required({
    "id": ID,
    "term": TEXT,
    "definition": TEXT,
}), minlength=1)})

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
    # a price criterion's formula, shown by {{ gunningscriteria }} and applied by `bestek gunning` (core/scoring.py)
    "formula": {"type": "dict", "schema": _required({
        "method": _choices(("relatief", "klassen")),
        "max_score": {"type": "number", "min": 1},
        "bands": _list_of(_required({"max_price": {"type": "number", "min": 0}, "score": {"type": "number", "min": 0}},
                                    "max_price"), minlength=1),
    }, "max_score", "bands")},
}, "weight", "weights", "submission", "max_pages", "scoring", "min_score", "evaluators", "formula"), minlength=1),
    # how a tie in total score is broken, step by step: criterion ids (the higher score goes first), then 'loting'
    "tie_break": {"type": "list", "minlength": 1, "schema": ID},
    # how many bidders are awarded at most: per lot id (a lot not named has no maximum), or one number without
    # lots; its form is checked by validate/award_rules.py
    "max_providers": {},
}, "tie_break", "max_providers")

QUESTIONS = _required({"rounds": _list_of(_required({
    "id": ID,
    "date": {"type": "date"},
    "questions": _list_of(_required({
        "id": ID,
        "document": ID,
        "section": {"type": "string", "regex": SECTION_PATTERN},
        "question": TEXT,
        "answer": TEXT,
        "amendment": TEXT,
        # the sections the amendment changes, so a change since the last release is accounted for
        "changes": _list_of(_required({"document": ID, "section": {"type": "string", "regex": SECTION_PATTERN}}),
                            minlength=1),
    }, "section", "amendment", "changes"), minlength=1),
}), minlength=1)})

#: content/wijzigingen.yaml: changes since the last release that did not come from a question of the Nota van
#: Inlichtingen, and the motivations of changes that may be substantial (validate/changes.py)
CHANGES = _required({
    "changes": _list_of(_required({"document": ID, "section": {"type": "string", "regex": SECTION_PATTERN},
                                   "reason": TEXT})),
    "motivations": _list_of(_required({"about": {"type": "string", "regex": r"^[a-z]+:[a-z0-9][a-z0-9-]*$"},
                                       "motivation": TEXT})),
}, "changes", "motivations")

PARTICIPATION = _required({"phases": _list_of(_required({
    "id": ID,
    "title": TEXT,
    "period": TEXT,
    "description": TEXT,
    "stakeholders": _list_of(_required({"name": TEXT, "description": TEXT})),
}, "stakeholders"), minlength=1)})

#: releases/<version>/release.json, written by `bestek release` (validate/changes.py checks its content)
RELEASE = _required({
    "format": {"type": "integer", "allowed": [1]},
    "version": {"type": "string", "regex": r"^[0-9]+(\.[0-9]+)*$"},
    "date": {"type": "string", "regex": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "reference": {"type": "string"},
    "documents": _list_of(_required({
        "id": ID, "title": TEXT, "version": {"type": "string"}, "status": {"type": "string"},
        "kind": {"type": "string"}, "date": {"type": "string"},
        "pdf": {"type": "string", "regex": r"^[a-z0-9][a-z0-9-]*\.pdf$"},
        "sha256": {"type": "string", "regex": r"^[0-9a-f]{64}$"}})),
    "content": {"type": "dict"},
    "changes": _list_of(_required({
        "document": ID, "section": {"type": "string"}, "number": {"type": "string"}, "title": {"type": "string"},
        "descriptions": {"type": "list", "schema": {"type": "string"}},
        "sources": {"type": "list", "schema": {"type": "string"}},
        "rounds": {"type": "list", "schema": {"type": "integer"}},
        "old": {"type": "string"}, "new": {"type": "string"}})),
}, "changes")

DATA_SCHEMAS: dict[str, dict[str, Any]] = {
    "organisation": ORGANISATION,
    "tender": TENDER,
    "instruments": INSTRUMENTS,
    "segments": SEGMENTS,
    "requirements": REQUIREMENTS,
    "criteria": CRITERIA,
    "participation": PARTICIPATION,
    "questions": QUESTIONS,
    "risks": RISKS,
    "budgets": BUDGETS,
    "formulieren": FORMS,
    "wijzigingen": CHANGES,
    "begrippen": GLOSSARY,
}


def front_matter_schema(kinds: list[str]) -> dict[str, Any]:
    """The schema of a document's front matter; `kinds` are the document templates available."""
    return _required({
        "title": TEXT,
        "subtitle": TEXT,
        "short_title": TEXT,
        "chapter_break": {"type": "boolean"},
        "kind": {"type": "string", "allowed": kinds},
        "role": _choices(tuple(ROLES)),  # the role of a project's own kind (core/kinds.py)
        "version": {"type": "string", "regex": r"^[0-9]+(\.[0-9]+)*$"},
        "status": _choices(STATUSES),
        "date": {"type": "date"},
        "order": {"type": "integer"},
        "numbering": _choices(NUMBERING),
        "numbering_depth": {"type": "integer", "min": 1, "max": 4},
        "tenderned": _choices(tuple(TENDERNED_FOLDERS) + ("nee",)),
        "letter": {"type": "dict", "schema": _required({
            "onderwerp": TEXT, "nummer": TEXT, "datum": {"type": "date"}, "datum_college": {"type": "date"},
            "portefeuillehouder": TEXT, "programma": TEXT, "afdeling": TEXT, "auteur": TEXT, "telefoon": TEXT,
            "email": TEXT, "bestemd_voor": TEXT, "aan": TEXT, "bijlagen": {"type": "list", "schema": TEXT},
            "gemeente": ID,
        }, "gemeente", "nummer", "datum", "datum_college", "portefeuillehouder", "programma", "afdeling", "auteur",
           "telefoon", "email", "bestemd_voor", "aan", "bijlagen")},  # datum or datum_college: checked in crossref
        "closing": TEXT,
        "signatures": _list_of(_required({"name": TEXT, "role": TEXT}, "name")),
    }, "subtitle", "short_title", "chapter_break", "role", "order", "numbering", "numbering_depth", "tenderned",
       "letter", "closing", "signatures")


#: [[aantal:...]]: what it counts -> the data file of the collection (core/references.py declares the kinds)
COUNTABLE = {"segmenten": "segments", "gemeenten": "organisation", "eisen": "requirements",
             "gunningscriteria": "criteria", "percelen": "tender"}
