"""The EU contract notice (eForms, UBL 2.3, SDK 1.15) from the model: buyers, procedure, lots, CPV codes, duration,
value, award criteria, deadlines, documents URL, review body. Validation refused a project that lacks a field the
subtype requires (validate/notice.py): nothing here is a placeholder. docs/exports.md lists every BT's source."""
from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from generator.core.eforms import NOTICE_KINDS, NoticeKind
from generator.model.notice import Party
from generator.model.releases import SectionChange
from generator.model.types import Criterion, Lot, Milestone, Project
from generator.render.exports.ubl import LANGUAGE, Builder, identifier, no_auction_framework_or_dps

SDK = "eforms-sdk-1.15"
TIMEZONE = "+01:00"  # Dutch winter time, as TED writes dates; the dates of the planning are calendar days
REVIEW_DEADLINE = ("Een inschrijver die het niet eens is met de gunningsbeslissing, kan binnen de opschortende "
                   "termijn van {days} kalenderdagen na de verzending ervan een kort geding aanhangig maken bij de "
                   "voorzieningenrechter (Aanbestedingswet 2012, art. 2.127).")
CRITERION_TYPES = {"kwaliteit": "quality", "prijs": "price"}

def date(day: datetime.date) -> str:
    return day.isoformat() + TIMEZONE


def time(milestone: Milestone | None) -> str:
    return f"{milestone.time if milestone and milestone.time else '12:00'}:00{TIMEZONE}"


def milestone(project: Project, kind: str) -> Milestone | None:
    found = [m for m in project.tender.planning if m.kind == kind]
    return found[-1] if found else None


def notice_kind(project: Project) -> NoticeKind:
    assert project.tender.procedure is not None
    return NOTICE_KINDS[project.tender.procedure]


def organisations(b: Builder, parties: tuple[Party, ...], joint: bool, buyers: int) -> None:
    """The buyers (`buyers` of them, first), the review body and any winners (those with a size: BT-165)."""
    with b.open("efac:Organizations"):
        for n, party in enumerate(parties):
            with b.open("efac:Organization"):
                if joint and n < buyers:
                    b.add("efbc:GroupLeadIndicator", "true" if n == 0 else "false")
                with b.open("efac:Company"):
                    if party.url:
                        b.add("cbc:WebsiteURI", party.url)
                    if party.size:
                        b.add("efbc:CompanySizeCode", party.size, listName="economic-operator-size")
                    with b.open("cac:PartyIdentification"):
                        b.add("cbc:ID", party.key, schemeName="organization")
                    with b.open("cac:PartyName"):
                        b.add("cbc:Name", party.name, languageID=LANGUAGE)
                    with b.open("cac:PostalAddress"):
                        if party.street:
                            b.add("cbc:StreetName", party.street)
                        b.add("cbc:CityName", party.city)
                        b.add("cbc:PostalZone", party.postcode)
                        b.add("cbc:CountrySubentityCode", party.nuts, listName="nuts")
                        with b.open("cac:Country"):
                            b.add("cbc:IdentificationCode", "NLD", listName="country")
                    with b.open("cac:PartyLegalEntity"):
                        b.add("cbc:CompanyID", party.identifier)
                    if party.phone or party.email:
                        with b.open("cac:Contact"):
                            if party.phone:
                                b.add("cbc:Telephone", party.phone)
                            if party.email:
                                b.add("cbc:ElectronicMail", party.email)


def header(b: Builder, project: Project, subtype: str, notice_type: str, form: str, ident: str, issued: datetime.date,
           issued_time: str, winners: tuple[Party, ...] = (),
           before: Callable[[Builder], None] | None = None) -> None:
    """The notice's extension (`before`: what precedes the subtype, such as the changes or the results; then the
    subtype and the organisations) and its identification, up to the notice language."""
    tender, facts = project.tender, project.notice
    parties = facts.buyers + ((facts.review_body,) if facts.review_body else ()) + winners
    with b.extension():
        if before is not None:
            before(b)
        with b.open("efac:NoticeSubType"):
            b.add("cbc:SubTypeCode", subtype, listName="notice-subtype")
        organisations(b, parties, facts.joint, len(facts.buyers))
    b.add("cbc:UBLVersionID", "2.3")
    b.add("cbc:CustomizationID", SDK)
    b.add("cbc:ID", ident, schemeName="notice-id")
    b.add("cbc:ContractFolderID", identifier(tender.reference))
    b.add("cbc:IssueDate", date(issued))
    b.add("cbc:IssueTime", issued_time)
    b.add("cbc:VersionID", "01")
    b.add("cbc:RegulatoryDomain", "32014L0024")
    b.add("cbc:NoticeTypeCode", notice_type, listName=form)
    b.add("cbc:NoticeLanguageCode", LANGUAGE)


def contracting_parties(b: Builder, project: Project) -> None:
    for buyer in project.notice.buyers:
        with b.open("cac:ContractingParty"):
            with b.open("cac:ContractingPartyType"):
                b.add("cbc:PartyTypeCode", "la", listName="buyer-legal-type")  # local authority
            with b.open("cac:ContractingActivity"):
                b.add("cbc:ActivityTypeCode", "soc-pro", listName="authority-activity")  # social protection
            with b.open("cac:Party"), b.open("cac:PartyIdentification"):
                b.add("cbc:ID", buyer.key, schemeName="organization")


def classifications(b: Builder, codes: tuple[str, ...]) -> None:
    with b.open("cac:MainCommodityClassification"):
        b.add("cbc:ItemClassificationCode", codes[0].split("-")[0], listName="cpv")
    for code in codes[1:]:
        with b.open("cac:AdditionalCommodityClassification"):
            b.add("cbc:ItemClassificationCode", code.split("-")[0], listName="cpv")


def place(b: Builder, nuts: str | None) -> None:
    with b.open("cac:RealizedLocation"), b.open("cac:Address"):
        b.add("cbc:CountrySubentityCode", nuts, listName="nuts")
        with b.open("cac:Country"):
            b.add("cbc:IdentificationCode", "NLD", listName="country")


def procurement_project(b: Builder, project: Project, lot: Lot | None, in_lot: bool) -> None:
    """The procedure's or a lot's object; `in_lot` with `lot` None: the one lot of a tender without lots."""
    tender = project.tender
    with b.open("cac:ProcurementProject"):
        b.add("cbc:ID", lot.id if lot else tender.reference, schemeName="InternalID")
        b.text("cbc:Name", lot.name if lot else tender.title)
        b.text("cbc:Description", (lot.description if lot else None) or tender.summary or tender.title)
        b.add("cbc:ProcurementTypeCode", "services", listName="contract-nature")
        if not in_lot and tender.estimated_value is not None:
            with b.open("cac:RequestedTenderTotal"):
                b.add("cbc:EstimatedOverallContractAmount", f"{tender.estimated_value:.2f}", currencyID="EUR")
        classifications(b, project.notice.cpv_for(lot.id if lot else None))
        place(b, project.notice.buyers[0].nuts)
        if in_lot:
            contract = tender.contract
            if contract is not None:
                with b.open("cac:PlannedPeriod"):
                    b.add("cbc:DurationMeasure", str(contract.initial_years), unitCode="YEAR")
                if contract.extensions:
                    with b.open("cac:ContractExtension"):
                        b.add("cbc:MaximumNumberNumeric", str(len(contract.extensions)))
                        with b.open("cac:Renewal"), b.open("cac:Period"):
                            b.text("cbc:Description", "Verlenging " + ", ".join(
                                f"met {years} jaar" for years in contract.extensions) + " (telkens een optie van de "
                                "aanbestedende dienst).")


def award_criteria(b: Builder, criteria: tuple[Criterion, ...], lot: str | None) -> None:
    weighed = [(c, c.weight_for(lot)) for c in criteria if c.weight_for(lot) is not None]
    if not weighed:
        return
    with b.open("cac:AwardingTerms"), b.open("cac:AwardingCriterion"):
        for criterion, weight in weighed:
            with b.open("cac:SubordinateAwardingCriterion"):
                with b.extension(), b.open("efac:AwardCriterionParameter"):
                    b.add("efbc:ParameterCode", "per-exa", listName="number-weight")
                    b.add("efbc:ParameterNumeric", f"{weight:g}")
                b.add("cbc:AwardingCriterionTypeCode", CRITERION_TYPES[criterion.kind], listName="award-criterion-type")
                b.text("cbc:Name", criterion.title)
                b.text("cbc:Description", criterion.description)


def lot_terms(b: Builder, project: Project, lot: Lot | None, kind: NoticeKind, standstill: int) -> None:
    tender, facts = project.tender, project.notice
    url = facts.documents_url
    assert url is not None and facts.review_body is not None  # validate/notice.py
    with b.open("cac:TenderingTerms"):
        b.add("cbc:VariantConstraintCode", "not-allowed", listName="permission")
        b.add("cbc:FundingProgramCode", "no-eu-funds", listName="eu-funded")
        with b.open("cac:CallForTendersDocumentReference"):
            b.add("cbc:ID", tender.reference)
            b.add("cbc:DocumentType", "non-restricted-document")
            with b.open("cac:Attachment"), b.open("cac:ExternalReference"):
                b.add("cbc:URI", url)
        with b.open("cac:TendererQualificationRequest"), b.open("cac:SpecificTendererRequirement"):
            b.add("cbc:TendererRequirementTypeCode", "none", listName="reserved-procurement")
        with b.open("cac:TendererQualificationRequest"), b.open("cac:SpecificTendererRequirement"):
            b.add("cbc:TendererRequirementTypeCode", "epo-procurement-document", listName="selection-criteria-source")
        for code, list_name in (("no", "reserved-execution"), ("required", "einvoicing"),
                                ("not-allowed", "ecatalog-submission")):
            with b.open("cac:ContractExecutionRequirement"):
                b.add("cbc:ExecutionRequirementCode", code, listName=list_name)
        award_criteria(b, project.criteria, lot.id if lot else None)
        with b.open("cac:TenderRecipientParty"):
            b.add("cbc:EndpointID", url)
        if kind.procedure_code == "open":
            with b.open("cac:TenderValidityPeriod"):
                b.add("cbc:DurationMeasure", str(project.notice.validity_days), unitCode="DAY")
        with b.open("cac:AppealTerms"):
            with b.open("cac:PresentationPeriod"):
                b.text("cbc:Description", REVIEW_DEADLINE.format(days=standstill))
            b.ref("cac:AppealReceiverParty", facts.review_body.key)
        with b.open("cac:Language"):
            b.add("cbc:ID", LANGUAGE)
        with b.open("cac:PostAwardProcess"):
            b.add("cbc:ElectronicOrderUsageIndicator", "false")
            b.add("cbc:ElectronicPaymentUsageIndicator", "true")


def lot_process(b: Builder, project: Project, kind: NoticeKind) -> None:
    deadline, questions = milestone(project, "inschrijving"), milestone(project, "vragen")
    requests = milestone(project, "aanmelding")
    assert deadline is not None
    with b.open("cac:TenderingProcess"):
        b.add("cbc:SubmissionMethodCode", "required" if project.tender.electronic_submission else "not-allowed",
              listName="esubmission")
        if kind.subtype == "16":  # GPA coverage (BT-115): not in the light regime
            b.add("cbc:GovernmentAgreementConstraintIndicator", "false")
        with b.open("cac:TenderSubmissionDeadlinePeriod"):
            b.add("cbc:EndDate", date(deadline.date))
            b.add("cbc:EndTime", time(deadline))
        if kind.requests and requests is not None:
            with b.open("cac:ParticipationRequestReceptionPeriod"):
                b.add("cbc:EndDate", date(requests.date))
                b.add("cbc:EndTime", time(requests))
        if questions is not None:
            with b.open("cac:AdditionalInformationRequestPeriod"):
                b.add("cbc:EndDate", date(questions.date))
                b.add("cbc:EndTime", time(questions))
        if kind.requests and kind.subtype == "16" and project.notice.min_candidates:
            with b.open("cac:EconomicOperatorShortList"):
                b.add("cbc:MinimumQuantity", str(project.notice.min_candidates))
        no_auction_framework_or_dps(b)


def lot_id(number: int) -> str:
    return f"LOT-{number:04d}"


@dataclass(frozen=True)
class NoticeVersion:  # which version of the tender the contract notice is and, for a change notice, what changed
    version: str  # of the tender (BT-701 is derived from it)
    previous: str | None = None  # the version of the notice it changes (BT-758); None: the first notice
    sections: tuple[SectionChange, ...] = ()  # the sections of the documents that changed since `previous`
    date: datetime.date | None = None  # of the change (the release, else the build date)


def notice_version(project: Project, today: datetime.date) -> NoticeVersion:
    """The first notice up to the first release; after it, a change notice for each later version whose documents
    changed: relative to the latest release when the version is not released yet, else to the release before."""
    versions, current = project.versions, project.tender.version or ""
    released = [r.version for r in versions.releases]
    if current in released:
        index = released.index(current)
        release = versions.releases[index]
        return NoticeVersion(current, released[index - 1], release.sections, release.date) \
            if index and release.sections else NoticeVersion(current)
    return NoticeVersion(current, released[-1], versions.sections, today) \
        if released and versions.sections else NoticeVersion(current)


def changes(b: Builder, project: Project, notice: NoticeVersion) -> None:
    """efac:Changes: the notice changed (BT-758), why (BT-140: information updated or added), and per changed
    document what changed (BT-141) in the procurement documents (BT-718, BT-719) of the procedure (BT-13716)."""
    assert notice.previous is not None and notice.date is not None
    titles, by_document = {d.id: d.title for d in project.documents}, {}  # type: ignore[var-annotated]
    for section in notice.sections:
        by_document.setdefault(section.document, []).append(section)
    with b.open("efac:Changes"):
        b.add("efbc:ChangedNoticeIdentifier", identifier(project.tender.reference, "cn", notice.previous) + "-01")
        for document, sections in by_document.items():
            listed = "; ".join(f"{(s.number + ' ') if s.number else ''}{s.title}: {', '.join(s.descriptions)}"
                               + (f" ({', '.join(s.sources)})" if s.sources else "") for s in sections)
            with b.open("efac:Change"):
                b.text("efbc:ChangeDescription", f"{titles.get(document, document)}, gewijzigd sinds versie "
                                                 f"{notice.previous}: {listed}.")
                b.add("efbc:ProcurementDocumentsChangeDate", date(notice.date))
                b.add("efbc:ProcurementDocumentsChangeIndicator", "true")
                with b.open("efac:ChangedSection"), b.open("efbc:ChangedSectionIdentifier") as changed:
                    changed.text = "PROCEDURE"
        with b.open("efac:ChangeReason"):
            b.add("cbc:ReasonCode", "update-add", listName="change-corrig-justification")


def contract_notice(project: Project, standstill: int, today: datetime.date) -> tuple[str, bytes]:
    """(file name, XML) of the contract notice: eforms-<subtype>.xml. `standstill`: the days of the rule; `today`:
    the build date, the date of a change notice for a version not yet released."""
    kind = notice_kind(project)
    tender = project.tender
    notice = notice_version(project, today)
    published = milestone(project, "publicatie")
    assert published is not None  # validate/notice.py
    b = Builder("ContractNotice")
    header(b, project, kind.subtype, kind.notice_type, "competition",
           identifier(tender.reference, "cn", notice.version), notice.date or published.date,
           time(None if notice.date else published),
           before=(lambda b: changes(b, project, notice)) if notice.previous else None)
    contracting_parties(b, project)
    with b.open("cac:TenderingTerms"):
        with b.open("cac:TendererQualificationRequest"), b.open("cac:SpecificTendererRequirement"):
            b.add("cbc:TendererRequirementTypeCode", "epo-procurement-document", listName="exclusion-grounds-source")
        if len(tender.tendered_lots) > 1:
            with b.open("cac:LotDistribution"):
                b.add("cbc:MaximumLotsSubmittedNumeric", str(len(tender.tendered_lots)))
    procedure(b, project, kind)
    procurement_project(b, project, None, False)
    for number, lot in enumerate(tender.tendered_lots or (None,), start=1):
        with b.open("cac:ProcurementProjectLot"):
            b.add("cbc:ID", lot_id(number), schemeName="Lot")
            lot_terms(b, project, lot, kind, standstill)
            lot_process(b, project, kind)
            procurement_project(b, project, lot, True)
    return f"eforms-{kind.subtype}.xml", b.bytes()


def procedure(b: Builder, project: Project, kind: NoticeKind) -> None:
    """The procedure (BT-88, BT-105 and, for open and restricted, BT-106)."""
    name = project.tender.procedure_name
    with b.open("cac:TenderingProcess"):
        b.text("cbc:Description", f"{name[0].upper()}{name[1:]}.")
        b.add("cbc:ProcedureCode", kind.procedure_code, listName="procurement-procedure-type")
        if kind.procedure_code in ("open", "restricted"):
            with b.open("cac:ProcessJustification"):
                b.add("cbc:ProcessReasonCode", "false", listName="accelerated-procedure")

