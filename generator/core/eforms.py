"""Which EU notice (eForms) each procedure gets: the notice subtype of the contract notice and of the award
notice, and the procedure type code (BT-105). One table for the check (validate/notice.py) and the export
(render/exports/eforms.py); docs/exports.md explains the choice."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoticeKind:
    subtype: str  # of the contract notice: 20 light regime (social services), 16 open or restricted
    award_subtype: str  # of the contract award notice: 33 light regime, 29 otherwise
    notice_type: str  # BT-02: cn-social | cn-standard
    award_type: str  # BT-02 of the award notice: can-social | can-standard
    procedure_code: str  # BT-105
    requests: bool  # a first stage of requests to participate: the deadline (BT-1311) is the 'aanmelding' milestone


NOTICE_KINDS: dict[str, NoticeKind] = {
    "sas": NoticeKind("20", "33", "cn-social", "can-social", "oth-single", False),
    "dialoog": NoticeKind("20", "33", "cn-social", "can-social", "comp-dial", True),
    "openbaar": NoticeKind("16", "29", "cn-standard", "can-standard", "open", False),
    "niet-openbaar": NoticeKind("16", "29", "cn-standard", "can-standard", "restricted", True),
}

#: procedures without an EU notice, and why (the export says so and writes none)
NO_NOTICE = {
    "open-house": "een open house is geen overheidsopdracht: de gemeenten kiezen niet tussen aanbieders, maar laten "
                  "elke aanbieder toe die aan de voorwaarden voldoet (ook later). Er geldt geen EU-aankondiging "
                  "(eForms); maak de toetredingsprocedure bekend op de eigen website of op TenderNed",
    "subsidie": "een subsidie is geen overheidsopdracht: er geldt geen EU-aankondiging (eForms); publiceer de "
                "subsidieregeling zoals de Algemene wet bestuursrecht voorschrijft",
}
