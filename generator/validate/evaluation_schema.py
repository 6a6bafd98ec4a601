"""The shape of vertrouwelijk/beoordeling.yaml (cerberus), the confidential evaluation `bestek gunning` reads.

Data only: validate/evaluation.py applies it and checks the content against the published model; docs/award.md
documents every field. Keys are English, values and prose Dutch, as in content/.
"""
from __future__ import annotations

from typing import Any

from generator.core.procedures import STANDSTILL_EXCEPTIONS

ID = {"type": "string", "regex": r"^[a-z0-9][a-z0-9-]*$"}
TEXT = {"type": "string", "empty": False}
EMAIL = {"type": "string", "regex": r"^[^@\s\"'<>(),;:\\]+@[^@\s\"'<>(),;:\\]+\.[a-z]{2,}$"}
SCORE = {"type": "number", "min": 0}
#: the three tests before the award (Aw 2012 art. 2.86-2.87 exclusion grounds, art. 2.90 suitability, the
#: programma van eisen): field -> the requirement kinds (content/requirements.yaml) an unmet item may name
TESTS = {"exclusion": ("uitsluitingsgrond",), "suitability": ("geschiktheidseis",),
         "requirements": ("minimumeis", "contractvoorwaarde")}
#: BT-165, code list economic-operator-size: micro, small and medium count as sme in BT-760
SIZES = ("micro", "small", "medium", "large")
SME = frozenset(SIZES[:3])
#: the member states of the European Economic Area (EU and Iceland, Liechtenstein, Norway), ISO 3166-1 alpha-2:
#: for BT-760 (a tender from another EEA state or from outside the EEA)
EEA = frozenset("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO".split())
#: the buyer's country (the tenders from another EEA state are those from outside it)
HOME = "NL"
TEST_NAMES = {"exclusion": "de uitsluitingsgronden", "suitability": "de geschiktheidseisen",
              "requirements": "het programma van eisen"}


def _req(schema: dict[str, Any], *optional: str) -> dict[str, Any]:
    return {key: dict(rules, required=key not in optional) for key, rules in schema.items()}


def _list(item: dict[str, Any], minlength: int = 0) -> dict[str, Any]:
    rules: dict[str, Any] = {"type": "list", "schema": {"type": "dict", "schema": item}}
    if minlength:
        rules["minlength"] = minlength
    return rules


def _ids() -> dict[str, Any]:
    return {"type": "list", "minlength": 1, "schema": ID}


_PERSON = _req({"id": ID, "name": TEXT, "role": TEXT})
_TEST = {"type": "dict", "schema": _req({
    "met": {"type": "boolean"},
    "note": TEXT,
    "unmet": _list(_req({"requirement": ID, "reason": TEXT, "lots": _ids()}, "lots"), minlength=1),
}, "note", "unmet")}

_BIDDER = _req({
    "id": ID,
    "name": TEXT,
    "address": TEXT,
    "email": EMAIL,
    "identifier": TEXT,  # the KvK number, for the award notice
    "nuts": TEXT,  # the NUTS-3 region of the address, for the award notice
    "size": {"type": "string", "allowed": list(SIZES)},  # BT-165 and the statistics of BT-760
    "country": {"type": "string", "regex": r"^[A-Z]{2}$"},  # ISO 3166-1 alpha-2, default NL (BT-760)
    "lots": _ids(),
    "segments": _ids(),
    "members": {"type": "list", "minlength": 1, "schema": TEXT},  # a combination: its members
    "subcontractors": {"type": "list", "minlength": 1, "schema": TEXT},
    "exclusion": _TEST,
    "suitability": _TEST,
    "requirements": _TEST,
}, "email", "identifier", "nuts", "size", "country", "lots", "segments", "members", "subcontractors")

_SCORE = {"type": "dict", "schema": _req({
    "individual": {"type": "dict", "minlength": 1, "keysrules": ID, "valuesrules": SCORE},
    "consensus": SCORE,
    "motivation": TEXT,
}, "motivation")}

_EVALUATION = _req({
    "lot": ID,
    "evaluators": _ids(),
    "individual_date": {"type": "date"},
    "consensus_date": {"type": "date"},
    # bidder id -> criterion id -> the individual scores, the consensus score and its motivation
    "scores": {"type": "dict", "keysrules": ID, "valuesrules": {"type": "dict", "keysrules": ID,
                                                                "valuesrules": _SCORE}},
    # bidder id -> price criterion id -> the price in euro
    "prices": {"type": "dict", "keysrules": ID, "valuesrules": {"type": "dict", "keysrules": ID,
                                                                "valuesrules": {"type": "number", "min": 0}}},
    # the order drawn by lot when the tie-break rule of the tender ends in 'loting'
    "lottery": {"type": "dict", "schema": _req({"order": {"type": "list", "minlength": 2, "schema": ID},
                                               "date": {"type": "date"}, "note": TEXT}, "note")},
    # the contracts after the standstill period, for the award notice: the conclusion date (BT-145), per
    # awarded bidder the contract value in euro (BT-720) and whether part is subcontracted (BT-773)
    "contract": {"type": "dict", "schema": _req({
        "concluded": {"type": "date"},
        "values": {"type": "dict", "keysrules": ID, "valuesrules": {"type": "number", "min": 0}},
        "subcontracting": {"type": "dict", "keysrules": ID, "valuesrules": {"type": "boolean"}},
    }, "concluded", "values", "subcontracting")},
}, "lot", "individual_date", "consensus_date", "scores", "prices", "lottery", "contract")

EVALUATION = _req({
    "send_date": {"type": "date"},  # the day the decisions are sent: the standstill period starts the day after
    "standstill_days": {"type": "integer", "min": 1},  # optional: longer than the legal minimum
    # no standstill period for a reason known only after the bids (Aw 2012 art. 2.127 lid 4 sub b)
    "standstill_exception": {"type": "string",
                             "allowed": [key for key, ground in STANDSTILL_EXCEPTIONS.items() if ground.after_bids]},
    "signatory": {"type": "dict", "schema": _req({"name": TEXT, "role": TEXT})},
    "committee": _list(_PERSON, minlength=1),
    "supervisor": {"type": "dict", "schema": _req({"name": TEXT, "role": TEXT})},
    "bidders": _list(_BIDDER, minlength=1),
    "evaluations": _list(_EVALUATION),
}, "standstill_days", "standstill_exception", "signatory", "committee", "supervisor", "evaluations")
