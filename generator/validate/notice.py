"""What the EU notice needs and the project lacks, for `bestek export` and `bestek package`: each missing field
an error naming its business term (BT number and name) and where to write it, never a placeholder. The fields
follow the notice subtype of the procedure (core/eforms.py); docs/exports.md has the table BT -> field."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.core.eforms import NO_NOTICE, NOTICE_KINDS
from generator.core.errors import ErrorList
from generator.load.yamlsource import YamlDocument
from generator.validate.tendered import untendered_lots

#: '2800 BB Gouda' at the end of an address: the postcode (BT-512) and the city (BT-513)
POSTAL = re.compile(r"(?:^|,\s*)([1-9][0-9]{3}\s?[A-Z]{2})\s+([^,]+?)\s*$")


def postal(address: str | None) -> tuple[str, str] | None:
    """(postcode, city) of a Dutch address ('Postbus 1086, 2800 BB Gouda'), or None."""
    found = POSTAL.search(address or "")
    return (found.group(1).replace(" ", ""), found.group(2)) if found else None


def _missing(errors: ErrorList, document: YamlDocument, path: tuple[Any, ...], bt: str, what: str, where: str) -> None:
    """'BT-262 ontbreekt: ...; vul in tender.yaml 'cpv' in (zoals ...)': `where` may end in ', zoals ...'."""
    pos = document.position(path)
    place, _, example = where.partition(", zoals ")
    errors.add(document.path, pos.line, pos.col,
               f"{bt} ontbreekt: {what}; vul in {place} in" + (f" (zoals {example})" if example else ""))


def _check_party(errors: ErrorList, document: YamlDocument, path: tuple[Any, ...], data: Mapping[str, Any],
                 name: str, where: str, address: tuple[str, str | None] | None = None) -> None:
    """Identifier (BT-501) and postcode and city (BT-512, BT-513) of one organisation of the notice; `address`:
    (where it is written, the address) when it is not the organisation's own 'address'."""
    if not data.get("identifier"):
        _missing(errors, document, path, "BT-501", f"identificatienummer van {name} (KvK-nummer of OIN)",
                 f"{where} 'identifier'")
    field, text = address or (f"{where} 'address'", data.get("address"))
    if postal(text) is None:
        _missing(errors, document, path, "BT-512/BT-513", f"postcode en plaats van {name}",
                 f"{field} met postcode en plaats, zoals 'Postbus 1086, 2800 BB Gouda'")


def check_notice(valid: Mapping[str, YamlDocument], errors: ErrorList) -> None:
    """Every field the contract notice of the project's procedure requires that the project does not give."""
    tender, organisation = valid.get("tender"), valid.get("organisation")
    if tender is None or organisation is None:
        return  # the file's own errors were reported
    data = tender.data
    procedure = data.get("procedure")
    if procedure is None:
        _missing(errors, tender, (), "BT-105", "soort procedure", "tender.yaml 'procedure'")
        return
    if procedure in NO_NOTICE:
        return
    kind = NOTICE_KINDS[procedure]
    org = organisation.data
    notice = org.get("notice") or {}
    if notice.get("joint"):
        for n, municipality in enumerate(org["municipalities"]):
            _check_party(errors, organisation, ("municipalities", n), municipality, f"gemeente {municipality['name']}",
                         f"organisation.yaml bij gemeente '{municipality['id']}'")
        if not any(m.get("central") for m in org["municipalities"]):
            _missing(errors, organisation, ("municipalities",), "OPP-050", "de leider van de groep kopers",
                     "organisation.yaml 'central: true' bij de gemeente die de aanbesteding leidt")
    else:
        _check_party(errors, organisation, ("notice",), notice, "de aanbestedende dienst",
                     "organisation.yaml 'notice:'", ("organisation.yaml 'contact:' 'address'",
                                                     org["contact"].get("address")))
    if "nuts" not in notice:
        _missing(errors, organisation, (), "BT-507", "NUTS-regio van de aanbestedende dienst (en de plaats van "
                 "uitvoering)", "organisation.yaml 'notice:' 'nuts', zoals nuts: NL365")
    if "phone" not in notice:
        _missing(errors, organisation, (), "BT-503", "telefoonnummer van de aanbestedende dienst",
                 "organisation.yaml 'notice:' 'phone'")
    if "summary" not in data:
        _missing(errors, tender, (), "BT-24", "beschrijving van de opdracht", "tender.yaml 'summary'")
    if "cpv" not in data:
        _missing(errors, tender, (), "BT-262", "hoofdclassificatie (CPV-code) van de opdracht",
                 "tender.yaml 'cpv', zoals cpv: [\"85312000\"]")
    if "documents_url" not in data:
        _missing(errors, tender, (), "BT-15", "internetadres van de aanbestedingsstukken",
                 "tender.yaml 'documents_url', zoals het adres van de aanbesteding op TenderNed")
    review = data.get("review_body")
    if review is None:
        _missing(errors, tender, (), "OPT-301", "de beroepsinstantie (de rechtbank)",
                 "tender.yaml 'review_body' met name, identifier, address en nuts")
    else:
        _check_party(errors, tender, ("review_body",), review, "de beroepsinstantie", "tender.yaml 'review_body:'")
        if "nuts" not in review:
            _missing(errors, tender, ("review_body",), "BT-507", "NUTS-regio van de beroepsinstantie",
                     "tender.yaml 'review_body:' 'nuts'")
    kinds = {m.get("kind") for m in data.get("planning", [])}
    if "publicatie" not in kinds:
        _missing(errors, tender, ("planning",), "BT-05", "verzenddatum van de aankondiging",
                 "tender.yaml 'planning' een mijlpaal met kind: publicatie")
    if "inschrijving" not in kinds:
        _missing(errors, tender, ("planning",), "BT-131", "uiterste datum van inschrijving",
                 "tender.yaml 'planning' een mijlpaal met kind: inschrijving")
    if kind.requests and "aanmelding" not in kinds:
        _missing(errors, tender, ("planning",), "BT-1311", "uiterste datum voor verzoeken tot deelneming",
                 "tender.yaml 'planning' een mijlpaal met kind: aanmelding")
    if kind.requests and kind.subtype == "16" and "min_candidates" not in data:
        _missing(errors, tender, (), "BT-50", "minimumaantal gegadigden dat wordt uitgenodigd",
                 "tender.yaml 'min_candidates'")
    if kind.procedure_code == "open" and "validity_days" not in data:
        _missing(errors, tender, (), "BT-98", "termijn van gestanddoening van de inschrijving",
                 "tender.yaml 'validity_days', zoals validity_days: 90 (dagen)")
    untendered = untendered_lots(valid)  # described, but no lot of the notice
    for n, lot in enumerate(data.get("lots", [])):
        if lot["id"] in untendered:
            continue
        if "description" not in lot:
            _missing(errors, tender, ("lots", n), "BT-24", f"beschrijving van perceel '{lot['id']}'",
                     f"tender.yaml bij perceel '{lot['id']}' 'description'")
