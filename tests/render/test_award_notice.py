"""bestek export after the award (issue 17): the award notice (eForms 33 for the light regime) from gunning.json,
valid against UBL-ContractAwardNotice-2.3.xsd, with only what an award notice publishes; what the notice needs and
gunning.json lacks is a BT-numbered error. And the change notice section of the contract notice (efac:Changes)
once the project has a release and changes since it."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from generator.core.errors import ContentErrors
from generator.pipeline import export, gunning
from tests.conftest import REPO
from tests.render.standards import ocds_errors, xsd_errors
from tests.render.test_exports import small

#: what the officer adds to gunning.json for the award notice (docs/exports.md)
COMPLETION = {"value": 1500000, "size": "medium", "concluded": "2024-07-01"}
COUNTS = {"sme": 2, "large": 0, "other_eea": 0, "non_eea": 0}


@pytest.fixture(scope="module")
def awarded(tmp_path_factory):
    """The default project with its fictional evaluation, awarded, and gunning.json as written and completed."""
    work = tmp_path_factory.mktemp("award-notice")
    project = work / "project"
    project.mkdir()
    for name in ("config.yaml", "content", "releases", "vertrouwelijk"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, project / name)
    written = gunning(project).folder / "gunning.json"
    data = json.loads(written.read_text(encoding="utf-8"))
    for lot in data["lots"]:
        lot.update(COUNTS)
        for winner in lot["winners"]:
            winner.update(COMPLETION)
    completed = work / "gunning.json"
    completed.write_text(json.dumps(data), encoding="utf-8")
    return project, written, completed, export(project, work / "out", completed)


def test_award_notice_is_valid_against_the_xsd(awarded):
    _, _, _, result = awarded
    assert "eforms-33.xml" in result.files and "eforms-20.xml" in result.files
    xml = (result.folder / "eforms-33.xml").read_bytes()
    assert xsd_errors(xml, "UBL-ContractAwardNotice-2.3.xsd") == []
    text = xml.decode()
    assert text.count("<efac:LotResult>") == 2  # perceel-2 and perceel-5
    assert text.count("<cac:ProcurementProjectLot>") == 2
    assert '<cbc:ID schemeName="Lot">LOT-0002</cbc:ID>' in text and '<cbc:ID schemeName="Lot">LOT-0005</cbc:ID>' in text
    assert len(set(re.findall(r"TEN-[0-9]{4}", text))) == 3  # three winning tenders
    assert len(set(re.findall(r"TPA-[0-9]{4}", text))) == 2  # De Brug won two lots: one organisation, one party
    assert text.count("Zorgcoöperatie De Brug U.A.") == 1
    assert '<efbc:StatisticsCode listName="received-submission-type">tenders</efbc:StatisticsCode>' in text
    assert "<cbc:AwardDate>2024-06-14+01:00</cbc:AwardDate>" in text  # BT-1451
    assert "<cbc:IssueDate>2024-07-01+01:00</cbc:IssueDate>" in text  # BT-145
    assert '<cbc:TotalAmount currencyID="EUR">4500000.00</cbc:TotalAmount>' in text
    assert '<efbc:CompanySizeCode listName="economic-operator-size">medium</efbc:CompanySizeCode>' in text
    assert '<cbc:SubTypeCode listName="notice-subtype">33</cbc:SubTypeCode>' in text
    assert '<cbc:NoticeTypeCode listName="result">can-social</cbc:NoticeTypeCode>' in text


def test_award_notice_publishes_nothing_else_of_the_evaluation(awarded):
    project, _, _, result = awarded
    text = (result.folder / "eforms-33.xml").read_text(encoding="utf-8")
    evaluation = (project / "vertrouwelijk" / "beoordeling.yaml").read_text(encoding="utf-8")
    assert "Thuishulp Gouwe" in evaluation and "Thuishulp Gouwe" not in text  # a losing bidder
    for evaluator in ("van Leeuwen", "M. de Jong", "Yilmaz", "Bakker", "Hendriks", "Visser"):
        assert evaluator in evaluation and evaluator not in text
    assert "score" not in text.lower() and "motiv" not in text.lower() and "RankCode" not in text


def test_ocds_has_an_award_release(awarded, tmp_path):
    project, _, completed, result = awarded
    again = export(project, tmp_path / "out", completed)
    assert (again.folder / "ocds.json").read_bytes() == (result.folder / "ocds.json").read_bytes()
    text = (result.folder / "ocds.json").read_text(encoding="utf-8")
    package = json.loads(text)
    assert ocds_errors(package) == []
    tags = [release["tag"] for release in package["releases"]]
    assert tags == [["tender"], ["tenderAmendment"], ["award"]]
    release = package["releases"][-1]
    assert release["date"] == "2024-06-14T00:00:00+01:00"  # the award decision
    assert len({r["id"] for r in package["releases"]}) == 3
    awards = {award["relatedLots"][0]: award for award in release["awards"]}
    assert sorted(awards) == ["perceel-2", "perceel-5"]
    assert all(a["status"] == "active" and a["date"] == release["date"] for a in awards.values())
    assert len(awards["perceel-2"]["suppliers"]) == 2 and len(awards["perceel-5"]["suppliers"]) == 1
    assert awards["perceel-2"]["value"] == {"amount": 3000000, "currency": "EUR"}  # two winners of 1.5 million
    suppliers = [p for p in release["parties"] if p["roles"] == ["supplier"]]
    assert len(suppliers) == 2 and sum(p["name"] == "Zorgcoöperatie De Brug U.A." for p in suppliers) == 1
    party_ids = {p["id"] for p in release["parties"]}
    assert {s["id"] for a in awards.values() for s in a["suppliers"]} <= party_ids
    assert len(party_ids) == len(release["parties"])
    lots = {lot["id"]: lot["status"] for lot in release["tender"]["lots"]}
    assert lots["perceel-2"] == lots["perceel-5"] == "complete" and lots["perceel-1"] == "active"
    assert all(r["tag"] == ["award"] or "awards" not in r for r in package["releases"])
    evaluation = (project / "vertrouwelijk" / "beoordeling.yaml").read_text(encoding="utf-8")
    assert "Thuishulp Gouwe" in evaluation and "Thuishulp Gouwe" not in text  # a losing bidder
    for evaluator in ("van Leeuwen", "M. de Jong", "Yilmaz", "Bakker", "Hendriks", "Visser"):
        assert evaluator not in text
    published = json.dumps([release["awards"], suppliers], ensure_ascii=False).lower()  # the tender's texts may
    assert "score" not in published and "motiv" not in published and "rank" not in published  # say 'minimumscores'


def test_award_notice_schematron_findings(awarded):
    pytest.importorskip("saxonche")
    from tests.render.schematron import validate

    _, _, _, result = awarded
    findings = {f.id for f in validate((result.folder / "eforms-33.xml").read_bytes(), "33")}
    # the one known finding: perceel-2 awards two providers, which eForms allows only under a framework agreement
    # or DPS (BT-765), and the contract notice says 'none' (docs/exports.md)
    assert findings == {"BR-OPT-00322-0053"}


def test_gunning_json_as_written_carries_what_the_notice_needs(awarded, tmp_path):
    """The officer writes the notice's fields in vertrouwelijk/beoordeling.yaml; bestek gunning copies them (the
    errors for what is missing there: test_award_notice_fields.py)."""
    project, written, _, _ = awarded
    data = json.loads(written.read_text(encoding="utf-8"))
    winners = [w for lot in data["lots"] for w in lot["winners"]]
    assert winners and all({"size", "value", "concluded"} <= set(w) for w in winners)
    assert all({"sme", "large"} <= set(lot) for lot in data["lots"])
    result = export(project, tmp_path / "out", written)
    assert (result.folder / "eforms-33.xml").exists()


def test_gunning_json_with_evaluation_details_is_refused(awarded, tmp_path):
    project, _, completed, _ = awarded
    data = json.loads(completed.read_text(encoding="utf-8"))
    data["lots"][0]["winners"][0]["score"] = 76
    data["lots"][0]["losers"] = [{"name": "Thuishulp Gouwe B.V."}]
    leaky = tmp_path / "gunning.json"
    leaky.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        export(project, tmp_path / "out", leaky)
    (message,) = raised.value.messages()
    assert "heeft niet de vorm van 'bestek gunning'" in message and "losers" in message and "score" in message


def test_default_contract_notice_is_a_change_notice(awarded):
    """Release 1.0 published the notice; the documents changed since (version 1.1): efac:Changes."""
    _, _, _, result = awarded
    xml = (result.folder / "eforms-20.xml").read_bytes()
    assert xsd_errors(xml, "UBL-ContractNotice-2.3.xsd") == []
    text = xml.decode()
    assert text.count("<efac:Changes>") == 1
    assert "<efbc:ChangedNoticeIdentifier>" in text  # BT-758: the notice of release 1.0
    assert '<cbc:ReasonCode listName="change-corrig-justification">update-add</cbc:ReasonCode>' in text  # BT-140
    assert "<efbc:ChangedSectionIdentifier>PROCEDURE</efbc:ChangedSectionIdentifier>" in text  # BT-13716
    assert ("Aanbestedingsleidraad Inkoop Jeugd en Wmo 2025, gewijzigd sinds versie 1.0: 7 Gunning: tekst "
            "gewijzigd") in text  # BT-141
    assert "<efbc:ProcurementDocumentsChangeIndicator>true</efbc:ProcurementDocumentsChangeIndicator>" in text
    if pytest.importorskip("saxonche"):
        from tests.render.schematron import validate

        assert validate(xml, "20") == []


def test_a_project_without_releases_has_no_change_section(make_project, tmp_path):
    result = export(small(make_project), tmp_path / "out")
    assert b"<efac:Changes>" not in (result.folder / "eforms-20.xml").read_bytes()
