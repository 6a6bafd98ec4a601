"""The EU contract award notice (eForms subtype 33 in the light regime, 29 otherwise; UBL ContractAwardNotice 2.3)
after `bestek gunning`: the procedure, buyers, review body and lots of the contract notice (render/exports/
eforms.py) for the lots of gunning.json, and per lot its result: the tenders received (BT-759), the winners as
tenderers and organisations (BT-500, BT-165), the value of each contract (BT-720, BT-161), the award decision
(BT-1451) and the conclusion of each contract (BT-145). Only what an award notice publishes: gunning.json holds
nothing else of the evaluation (no scores, motivations or losing bidders), and validation refuses any other key
and every missing field the notice requires (validate/award_result.py)."""
from __future__ import annotations

import datetime

from generator.model.award_result import Award, LotAward, Winner
from generator.model.types import Project
from generator.render.exports.eforms import (
    REVIEW_DEADLINE,
    award_criteria,
    contracting_parties,
    date,
    header,
    lot_id,
    notice_kind,
    procedure,
    procurement_project,
    time,
)
from generator.render.exports.ubl import Builder, identifier, no_auction_framework_or_dps

NAMESPACE = "urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2"


def _ref(b: Builder, name: str, key: str, scheme: str) -> None:
    with b.open(name):
        if scheme:
            b.add("cbc:ID", key, schemeName=scheme)
        else:
            b.add("cbc:ID", key)


def results(b: Builder, project: Project, award: Award, numbers: dict[str | None, int]) -> None:
    """efac:NoticeResult: per lot its result, then every winning tender, its contract and its tendering party."""
    parties = {p.key: n for n, p in enumerate(award.parties, start=1)}
    tenders: list[tuple[LotAward, Winner, int]] = []
    for lot in award.lots:
        for winner in lot.winners:
            tenders.append((lot, winner, len(tenders) + 1))
    reference = project.tender.reference
    with b.open("efac:NoticeResult"):
        if tenders:
            total = sum(winner.value or 0 for _, winner, _ in tenders)
            b.add("cbc:TotalAmount", f"{total:.2f}", currencyID="EUR")
        for n, lot in enumerate(award.lots, start=1):
            with b.open("efac:LotResult"):
                b.add("cbc:ID", f"RES-{n:04d}", schemeName="result")
                b.add("cbc:TenderResultCode", "selec-w" if lot.winners else "clos-nw",
                      listName="winner-selection-status")
                for other, _, t in tenders:
                    if other is lot:
                        _ref(b, "efac:LotTender", f"TEN-{t:04d}", "tender")
                for code, count in (("tenders", lot.tenders), *lot.statistics):
                    with b.open("efac:ReceivedSubmissionsStatistics"):
                        b.add("efbc:StatisticsCode", code, listName="received-submission-type")
                        b.add("efbc:StatisticsNumeric", str(count))
                for other, _, t in tenders:
                    if other is lot:
                        _ref(b, "efac:SettledContract", f"CON-{t:04d}", "contract")
                _ref(b, "efac:TenderLot", lot_id(numbers[lot.lot]), "Lot")
        for lot, winner, t in tenders:
            with b.open("efac:LotTender"):
                b.add("cbc:ID", f"TEN-{t:04d}", schemeName="tender")
                with b.open("cac:LegalMonetaryTotal"):
                    b.add("cbc:PayableAmount", f"{winner.value or 0:.2f}", currencyID="EUR")
                if winner.subcontracting is not None:
                    with b.open("efac:SubcontractingTerm"):
                        b.add("efbc:TermCode", "yes" if winner.subcontracting else "no", listName="applicability")
                _ref(b, "efac:TenderingParty", f"TPA-{parties[winner.party.key]:04d}", "tendering-party")
                _ref(b, "efac:TenderLot", lot_id(numbers[lot.lot]), "Lot")
                _ref(b, "efac:TenderReference", f"{reference}/{lot_id(numbers[lot.lot])}/{t}", "")
        for lot, winner, t in tenders:
            with b.open("efac:SettledContract"):
                b.add("cbc:ID", f"CON-{t:04d}", schemeName="contract")
                b.add("cbc:AwardDate", date(award.date))
                if winner.concluded is not None:
                    b.add("cbc:IssueDate", date(winner.concluded))
                _ref(b, "efac:ContractReference", f"{reference}/{lot_id(numbers[lot.lot])}/{t}", "")
                _ref(b, "efac:LotTender", f"TEN-{t:04d}", "tender")
        for party, n in parties.items():
            with b.open("efac:TenderingParty"):
                b.add("cbc:ID", f"TPA-{n:04d}", schemeName="tendering-party")
                _ref(b, "efac:Tenderer", party, "organization")


def award_notice(project: Project, award: Award, standstill: int) -> tuple[str, bytes]:
    """(file name, XML) of the award notice: eforms-<award subtype>.xml, for the lots of the award."""
    kind = notice_kind(project)
    tender = project.tender
    numbers: dict[str | None, int] = {lot.id: n for n, lot in enumerate(tender.tendered_lots, start=1)}
    numbers.setdefault(None, 1)
    lots = {lot.id: lot for lot in tender.tendered_lots}
    concluded = [w.concluded for lot in award.lots for w in lot.winners if w.concluded is not None]
    issued: datetime.date = max([award.date, *concluded])
    b = Builder("ContractAwardNotice", NAMESPACE)
    header(b, project, kind.award_subtype, kind.award_type, "result",
           identifier(tender.reference, "can", tender.version or ""), issued, time(None),
           award.parties, before=lambda b: results(b, project, award, numbers))
    contracting_parties(b, project)
    procedure(b, project, kind)
    procurement_project(b, project, None, False)
    review = project.notice.review_body
    assert review is not None  # validate/notice.py
    for result in sorted(award.lots, key=lambda r: numbers[r.lot]):
        lot = lots.get(result.lot or "")
        with b.open("cac:ProcurementProjectLot"):
            b.add("cbc:ID", lot_id(numbers[result.lot]), schemeName="Lot")
            with b.open("cac:TenderingTerms"):
                b.add("cbc:FundingProgramCode", "no-eu-funds", listName="eu-funded")
                award_criteria(b, project.criteria, result.lot)
                with b.open("cac:AppealTerms"):
                    with b.open("cac:PresentationPeriod"):
                        b.text("cbc:Description", REVIEW_DEADLINE.format(days=standstill))
                    b.ref("cac:AppealReceiverParty", review.key)
            with b.open("cac:TenderingProcess"):
                if kind.award_subtype == "29":  # GPA coverage (BT-115): not in the light regime
                    b.add("cbc:GovernmentAgreementConstraintIndicator", "false")
                no_auction_framework_or_dps(b)
            procurement_project(b, project, lot, True)
    with b.open("cac:TenderResult"):
        b.add("cbc:AwardDate", date(award.date))
    return f"eforms-{kind.award_subtype}.xml", b.bytes()
