"""ocds.json: the tender as an OCDS 1.1.5 release package with the lots extension (docs/exports.md): a tender
release, an amendment release when the documents changed since the latest release of `bestek release`, and an
award release after `bestek gunning` with only what an award notice publishes (the winners, the values, the dates
and the numbers of tenders; never scores, motivations, ranks or losing bidders). Documents carry their SHA-256
in Bestek's own extension field `sha256` (OCDS has no checksum)."""
from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from generator.core.kinds import ROLES
from generator.model.award_result import Award
from generator.model.types import Contract, Project
from generator.render.exports.ubl import identifier

LOTS_EXTENSION = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json"
#: milestone kind -> OCDS milestone type (milestoneType.csv)
MILESTONE_TYPES = {"start-contract": "delivery", "definitieve-gunning": "approval"}
METHODS = {"openbaar": "open", "niet-openbaar": "selective", "dialoog": "selective", "sas": "open",
           "open-house": "open", "subsidie": "direct"}


def _document_type(role: str | None) -> str:
    """The OCDS documentType (codelist documentType.csv) of a document's role (core/kinds.py)."""
    return (ROLES[role].ocds if role in ROLES else None) or "biddingDocuments"


def _party(party, roles: list[str]) -> dict:
    return {"id": party.key, "name": party.name, "roles": roles,
            **({"identifier": {"scheme": "NL-KVK", "id": party.identifier}} if party.identifier else {}),
            "address": {k: v for k, v in (("streetAddress", party.street), ("locality", party.city),
                                          ("postalCode", party.postcode), ("region", party.nuts),
                                          ("countryName", "Nederland")) if v},
            **({"contactPoint": {k: v for k, v in (("email", party.email), ("telephone", party.phone),
                                                   ("url", party.url)) if v}} if party.email or party.phone else {})}


def _documents(project: Project, checksums: Mapping[str, str], base: str | None) -> list[dict]:
    documents = []
    for document in project.documents:
        if document.tenderned is None or document.is_concept:
            continue
        entry = {"id": document.id, "documentType": _document_type(document.role),
                 "title": f"{document.title} (versie {document.version})", "format": "application/pdf",
                 "language": "nl", "datePublished": f"{document.date.isoformat()}T00:00:00+01:00"}
        if base:
            entry["url"] = base
        if document.id in checksums:
            entry["sha256"] = checksums[document.id]
        documents.append(entry)
    return documents


def checksums(project: Project, pdfs: Mapping[str, bytes] | None) -> dict[str, str]:
    """Document id -> the SHA-256 of its PDF: of the PDFs just rendered (`bestek package`: the manifest's), else of
    the PDFs the latest release published of the same version."""
    if pdfs is not None:
        return {ident: hashlib.sha256(pdf).hexdigest() for ident, pdf in pdfs.items()}
    found: dict[str, str] = {}
    for release in project.versions.releases:
        for document in release.documents:
            if any(d.id == document.id and d.version == document.version for d in project.documents):
                found[document.id] = document.sha256
    return found


def _contract_period(contract: Contract) -> dict[str, str]:
    """From the start to the end of the last extension (the day before the start's anniversary)."""
    years = contract.initial_years + sum(contract.extensions)
    start = contract.start
    end = datetime.date(start.year + years, start.month, min(start.day, 28)) - datetime.timedelta(days=1)
    first = datetime.date(start.year + contract.initial_years, start.month, min(start.day, 28)) - datetime.timedelta(1)
    return {"startDate": f"{start}T00:00:00+01:00", "endDate": f"{first}T23:59:59+01:00",
            "maxExtentDate": f"{end}T23:59:59+01:00"}


def _award_release(project: Project, award: Award, release: dict[str, Any]) -> dict[str, Any]:
    """The award release: per lot of gunning.json an award with its winners as suppliers (parties with the role
    "supplier"), its value when every winner's is known, and the number of tenders received in its description
    (OCDS has no per-lot count without the bids extension); `tender.numberOfTenderers` only without lots."""
    tender, date = project.tender, f"{award.date.isoformat()}T00:00:00+01:00"
    awards = []
    for lot in award.lots:
        values = [winner.value for winner in lot.winners]
        awards.append({
            "id": f"gunning-{lot.lot or 'opdracht'}", "title": next(
                (f"Gunning {x.name}" for x in tender.lots if x.id == lot.lot), f"Gunning {tender.title}"),
            "description": f"{lot.tenders} inschrijving{'en' if lot.tenders != 1 else ''} ontvangen",
            "status": "active" if lot.winners else "unsuccessful", "date": date,
            **({"suppliers": [{"id": w.party.key, "name": w.party.name} for w in lot.winners]} if lot.winners else {}),
            **({"relatedLots": [lot.lot]} if lot.lot else {}),
            **({"value": {"amount": sum(v or 0 for v in values), "currency": "EUR"}}
               if values and all(v is not None for v in values) else {})})
    status = {lot.lot: "complete" if lot.winners else "unsuccessful" for lot in award.lots}
    body: dict[str, Any] = {**release["tender"],
                            "lots": [{**lot, "status": status.get(lot["id"], lot["status"])}
                                     for lot in release["tender"]["lots"]]}
    body.pop("amendments", None)
    if not tender.lots and len(award.lots) == 1:
        body["numberOfTenderers"] = award.lots[0].tenders
    parties = release["parties"] + [_party(p, ["supplier"]) for p in award.parties]
    return {**release, "id": identifier(tender.reference, "ocds-award", tender.version or ""), "date": date,
            "tag": ["award"], "parties": parties, "tender": body, "awards": awards}


def ocds_package(project: Project, sums: Mapping[str, str], published: str, award: Award | None = None) -> bytes:
    """`sums`: document id -> the SHA-256 of the PDF published (checksums()); `published`: the date, ISO;
    `award`: the result of `bestek gunning`, for the award release."""
    tender, facts = project.tender, project.notice
    ocid = f"ocds-bestek-{tender.reference}"
    parties = [_party(b, ["buyer", "procuringEntity"] if n == 0 else ["buyer"]) for n, b in enumerate(facts.buyers)]
    if facts.review_body:
        parties.append(_party(facts.review_body, ["reviewBody"]))
    lots = [{"id": lot.id, "title": lot.name, **({"description": lot.description} if lot.description else {}),
             "status": "active"} for lot in tender.tendered_lots]
    items = [{"id": f"{lot.id if lot else 'opdracht'}-{n}", "description": lot.name if lot else tender.title,
              "classification": {"scheme": "CPV", "id": code.split("-")[0]},
              **({"relatedLot": lot.id} if lot else {})}
             for lot in (tender.tendered_lots or (None,))
             for n, code in enumerate(facts.cpv_for(lot.id if lot else None)[:1])]
    weights = "; ".join(f"{c.title} ({c.kind}): " + ", ".join(
        f"{lot.name if lot else 'weging'} {weight:g}%" for lot in project.criteria_lots
        if (weight := c.weight_for(lot.id if lot else None)) is not None) for c in project.criteria)
    published_milestone = next((m for m in tender.planning if m.kind == "publicatie"), None)
    deadline = next((m for m in tender.planning if m.kind == "inschrijving"), None)
    body: dict[str, Any] = {
        "id": tender.reference, "title": tender.title, "status": "active",
        **({"description": tender.summary} if tender.summary else {}),
        "procurementMethod": METHODS.get(tender.procedure or "", "open"),
        "procurementMethodDetails": tender.procedure_name, "mainProcurementCategory": "services",
        **({"value": {"amount": tender.estimated_value, "currency": "EUR"}} if tender.estimated_value else {}),
        "items": items, "lots": lots,
        **({"awardCriteria": "ratedCriteria", "awardCriteriaDetails": weights} if project.criteria else {}),
        "submissionMethod": ["electronicSubmission" if tender.electronic_submission else "written"],
        **({"tenderPeriod": {"startDate": f"{published_milestone.date}T00:00:00+01:00",
                             "endDate": f"{deadline.date}T{deadline.time or '12:00'}:00+01:00"}}
           if published_milestone and deadline else {}),
        **({"contractPeriod": _contract_period(tender.contract)} if tender.contract else {}),
        "milestones": [{"id": m.id, "title": m.title, "type": MILESTONE_TYPES.get(m.kind, "timing"),
                        "code": m.kind, "dueDate": f"{m.date}T{m.time or '00:00'}:00+01:00", "status": "scheduled"}
                       for m in tender.planning],
        "documents": _documents(project, sums, facts.documents_url),
        "procuringEntity": {"id": facts.buyers[0].key, "name": facts.buyers[0].name} if facts.buyers else None,
    }
    if body["procuringEntity"] is None:
        del body["procuringEntity"]
    release: dict[str, Any] = {"ocid": ocid, "id": identifier(tender.reference, "ocds", tender.version or ""),
               "date": f"{published}T00:00:00+01:00", "tag": ["tender"], "initiationType": "tender",
               "language": "nl", "parties": parties, "tender": body}
    if facts.buyers:
        release["buyer"] = {"id": facts.buyers[0].key, "name": facts.buyers[0].name}
    releases = [release]
    latest = project.versions.latest
    if latest is not None and project.versions.sections:
        changed = sorted({f"{s.document} {s.number} {s.title}".strip() for s in project.versions.sections})
        amendment: dict[str, Any] = {**release, "tag": ["tenderAmendment"],
                                     "id": identifier(tender.reference, "ocds-amendment", tender.version or ""),
                     "tender": {**body, "amendments": [{"id": f"wijziging-{tender.version}",
                                                        "date": f"{published}T00:00:00+01:00",
                                                        "rationale": f"Wijzigingen sinds versie {latest.version}",
                                                        "description": "; ".join(changed)}]}}
        releases = [{**release, "date": f"{latest.date.isoformat()}T00:00:00+01:00",
                     "id": identifier(tender.reference, "ocds", latest.version)}, amendment]
    if award is not None:
        releases.append(_award_release(project, award, releases[-1]))
    package = {"uri": f"{facts.documents_url or 'https://www.tenderned.nl'}#ocds", "version": "1.1",
               "extensions": [LOTS_EXTENSION], "publishedDate": f"{published}T00:00:00+01:00",
               "publisher": {"name": project.organisation.name}, "releases": releases}
    return (json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
