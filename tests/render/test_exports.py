"""bestek export (issue 17): the exports of the default project are valid against the official schemas
(tests/standards/), reproducible byte for byte, and carry the right rows; a project without a field the notice
needs gets its BT-numbered error; an open house gets no notice and says why."""
from __future__ import annotations

import io
import json
import re
import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from generator.cli import main
from generator.core.errors import ContentErrors
from generator.pipeline import export
from tests.conftest import REPO
from tests.render.standards import ocds_errors, xsd_errors

NOTICE = """\
notice:
  identifier: "KvK 12345678"
  nuts: NL365
  phone: "0182 123 456"
"""
TENDER_FIELDS = """\
summary: De regio koopt jeugdhulp en Wmo-ondersteuning in.
cpv: ["85312000"]
documents_url: https://www.tenderned.nl/aankondigingen/overzicht/1
review_body:
  name: Rechtbank Den Haag
  identifier: "OIN 1"
  address: Postbus 20302, 2500 EH Den Haag
  nuts: NL361
"""


@pytest.fixture(scope="module")
def default_export(tmp_path_factory):
    """The default project exported twice into two folders."""
    work = tmp_path_factory.mktemp("default")
    project = work / "project"
    project.mkdir()
    for name in ("config.yaml", "content", "releases"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, project / name)
    return project, export(project, work / "one"), export(project, work / "two")


def small(make_project, tender_extra: str = TENDER_FIELDS, organisation_extra: str = NOTICE, procedure: str = "sas"):
    """The fixture project (tests/conftest.py) with the notice's fields."""
    project = make_project()
    (project / "content" / "organisation.yaml").write_text(
        (project / "content" / "organisation.yaml").read_text(encoding="utf-8").replace(
            "  email: inkoop@example.nl\n", "  email: inkoop@example.nl\n  address: Postbus 1, 2800 AA Gouda\n")
        + organisation_extra, encoding="utf-8")
    tender = (project / "content" / "tender.yaml").read_text(encoding="utf-8").replace("procedure: sas",
                                                                                       f"procedure: {procedure}")
    (project / "content" / "tender.yaml").write_text(tender + tender_extra, encoding="utf-8")
    return project


def test_default_notice_is_valid_against_the_xsd(default_export):
    _, one, _ = default_export
    xml = (one.folder / "eforms-20.xml").read_bytes()  # the light regime: SAS
    assert xsd_errors(xml, "UBL-ContractNotice-2.3.xsd") == []
    text = xml.decode()
    assert '<cbc:SubTypeCode listName="notice-subtype">20</cbc:SubTypeCode>' in text
    assert text.count("<cac:ProcurementProjectLot>") == 5  # one per perceel
    assert text.count("<cac:ContractingParty>") == 5  # the five municipalities buy jointly
    assert "<efbc:GroupLeadIndicator>true</efbc:GroupLeadIndicator>" in text  # Gouda leads
    assert '<cbc:ItemClassificationCode listName="cpv">85311300</cbc:ItemClassificationCode>' in text
    assert '<efbc:ParameterNumeric>35</efbc:ParameterNumeric>' in text  # g1's weight in perceel 1
    assert "<cbc:EndDate>2024-04-22+01:00</cbc:EndDate>" in text and "<cbc:EndTime>12:00:00+01:00</cbc:EndTime>" in text
    assert '<cbc:DurationMeasure unitCode="YEAR">3</cbc:DurationMeasure>' in text
    assert "<cbc:MaximumNumberNumeric>2</cbc:MaximumNumberNumeric>" in text  # two extension options
    assert '<cbc:EstimatedOverallContractAmount currencyID="EUR">410000000.00' in text
    assert "Rechtbank Den Haag" in text


def test_default_notice_passes_the_schematrons(default_export):
    pytest.importorskip("saxonche")
    from tests.render.schematron import validate

    _, one, _ = default_export
    assert validate((one.folder / "eforms-20.xml").read_bytes(), "20") == []


def test_default_ocds_is_valid_with_the_lots_extension(default_export):
    _, one, _ = default_export
    package = json.loads((one.folder / "ocds.json").read_text(encoding="utf-8"))
    assert ocds_errors(package) == []
    assert ocds_errors({**package, "releases": [{"tag": ["bogus"]}]})  # the schema does bite
    tender_release, amendment = package["releases"]  # release 1.0, and 1.1 after the Nota van Inlichtingen
    assert amendment["tag"] == ["tenderAmendment"] and amendment["tender"]["amendments"]
    tender = tender_release["tender"]
    assert [lot["id"] for lot in tender["lots"]] == [f"perceel-{n}" for n in range(1, 6)]
    assert {item["relatedLot"] for item in tender["items"]} == {f"perceel-{n}" for n in range(1, 6)}
    assert tender["awardCriteria"] == "ratedCriteria" and "perceel" not in tender["awardCriteriaDetails"]
    assert [m["code"] for m in tender["milestones"]][-1] == "start-contract"
    documents = {d["id"]: d for d in tender["documents"]}
    released = json.loads((default_export[0] / "releases" / "1.0" / "release.json").read_text(encoding="utf-8"))
    leidraad = next(d for d in released["documents"] if d["id"] == "programma-van-eisen")
    assert documents["programma-van-eisen"]["sha256"] == leidraad["sha256"]  # unchanged since 1.0: its checksum
    assert documents["programma-van-eisen"]["documentType"] == "technicalSpecifications"
    assert {p["roles"][0] for p in tender_release["parties"]} == {"buyer", "reviewBody"}


def test_two_exports_are_byte_identical(default_export):
    _, one, two = default_export
    assert one.files == two.files == ("beoordeling.xlsx", "eforms-20.xml", "eisen.xlsx", "ocds.json",
                                      "planning.csv", "uea.json")
    for name in one.files:
        assert (one.folder / name).read_bytes() == (two.folder / name).read_bytes(), name


def test_xlsx_dates_are_fixed(default_export):
    _, one, _ = default_export
    archive = zipfile.ZipFile(one.folder / "eisen.xlsx")
    assert {info.date_time for info in archive.infolist()} == {(2024, 4, 5, 0, 0, 0)}  # the newest document's date
    core = archive.read("docProps/core.xml")  # openpyxl would write the clock's time as modified
    assert re.search(rb"<dcterms:modified[^>]*>2024-04-05T00:00:00Z<", core), core


def test_requirements_sheet_per_lot(default_export):
    _, one, _ = default_export
    book = load_workbook(io.BytesIO((one.folder / "eisen.xlsx").read_bytes()))
    assert book.sheetnames == [f"Perceel {n}" for n in range(1, 6)]
    rows = list(book["Perceel 2"].iter_rows(values_only=True))
    assert rows[0] == ("Nr.", "Soort", "Eis", "Tekst", "Bewijsmiddel", "Moment", "Voldoet (ja/nee)",
                       "Toelichting en bewijs van de inschrijver")
    numbers = {row[2]: row[0] for row in rows[1:]}  # title -> the number readers see, never the YAML id
    assert "Certificaat als gecertificeerde instelling" in numbers  # jeugdbescherming only
    assert "Veilig en passend vervoer" not in numbers
    assert "Bereikbaarheid en reactietijd bij crisis" not in numbers
    assert numbers["Verklaring Omtrent het Gedrag"] == "E2"  # applies to every segment: the second minimumeis
    assert not any(str(n).startswith(("eis-", "geschikt-", "uitsl-")) for n in numbers.values())
    assert all(row[6] is None and row[7] is None for row in rows[1:])  # for the bidder
    assert book["Perceel 2"].data_validations.dataValidation[0].formula1 == '"ja,nee"'


def test_scoring_sheet_has_the_published_scale_as_dropdown(default_export):
    _, one, _ = default_export
    book = load_workbook(io.BytesIO((one.folder / "beoordeling.xlsx").read_bytes()))
    assert len(book.sheetnames) == 4 and book.sheetnames[0].startswith("g1 ")
    sheet = book[book.sheetnames[0]]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Schaal: 0 - 2 - 4 - 6 - 8 - 10; minimumscore 6"
    assert rows[3][:8] == ("Perceel", "Weging (%)", "Inschrijver", "Beoordelaar 1", "Beoordelaar 2", "Beoordelaar 3",
                           "Consensus", "Motivering consensus")
    assert [(row[0], row[1]) for row in rows[4:]] == [
        ("Specialistische jeugdhulp en crisis", 35), ("Jeugdbescherming en jeugdreclassering", 25),
        ("Begeleiding, dagbesteding en logeren", 30), ("Wonen", 30), ("Praktische ondersteuning en vervoer", 25)]
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"0,2,4,6,8,10"' and str(validation.sqref) == "D5:G9"


def test_planning_csv_and_uea(default_export):
    _, one, _ = default_export
    lines = (one.folder / "planning.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "id;mijlpaal;datum;tijd;einde;fase;soort;opmerking"
    assert lines[7] == "inschrijving;Uiterste datum en tijd van inschrijving;2024-04-22;12:00;;;inschrijving;"
    uea = json.loads((one.folder / "uea.json").read_text(encoding="utf-8"))
    grounds = {entry["eis"]: [c["code"] for c in entry["criteria"]] for entry in uea["uitsluitingsgronden"]}
    assert grounds["uitsl-verplicht"][:3] == ["crime-org", "corruption", "fraud"]
    assert [e["eis"] for e in uea["selectiecriteria"]] == ["geschikt-kvk", "geschikt-kwaliteitssysteem",
                                                           "geschikt-referentie"]
    assert [e["nummer"] for e in uea["selectiecriteria"]] == ["G1", "G2", "G3"]  # as the documents number them
    assert uea["selectiecriteria"][0]["criteria"][0]["naam"] == "Inschrijving in een handelsregister"


def test_open_procedure_gets_subtype_16(make_project, tmp_path):
    project = small(make_project, TENDER_FIELDS + "validity_days: 90\n", procedure="openbaar")
    result = export(project, tmp_path / "out")
    xml = (result.folder / "eforms-16.xml").read_bytes()
    assert xsd_errors(xml, "UBL-ContractNotice-2.3.xsd") == []
    assert b'listName="procurement-procedure-type">open<' in xml
    assert b'<cbc:DurationMeasure unitCode="DAY">90</cbc:DurationMeasure>' in xml  # BT-98
    if pytest.importorskip("saxonche"):
        from tests.render.schematron import validate

        assert [f.id for f in validate(xml, "16")] == []


def test_open_procedure_needs_the_tender_validity(make_project, tmp_path):
    project = small(make_project, procedure="openbaar")
    with pytest.raises(ContentErrors) as raised:
        export(project, tmp_path / "out")
    assert raised.value.messages() == [
        "content/tender.yaml:1:1: BT-98 ontbreekt: termijn van gestanddoening van de inschrijving; vul in tender.yaml "
        "'validity_days' in (zoals validity_days: 90 (dagen))"]


def test_small_sas_project_exports_valid_notice(make_project, tmp_path):
    project = small(make_project)
    result = export(project, tmp_path / "out")
    xml = (result.folder / "eforms-20.xml").read_bytes()
    assert xsd_errors(xml, "UBL-ContractNotice-2.3.xsd") == []
    assert xml.count(b"<cac:ProcurementProjectLot>") == 1  # no lots: the tender is one lot
    assert b"<cbc:CompanyID>KvK 12345678</cbc:CompanyID>" in xml and b"<cbc:PostalZone>2800AA</cbc:PostalZone>" in xml


def test_missing_notice_fields_are_errors_with_their_bt(make_project, tmp_path, capsys):
    project = small(make_project, tender_extra="", organisation_extra="")
    code = main(["export", "--project", str(project), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines() == [
        "content/organisation.yaml:1:1: BT-501 ontbreekt: identificatienummer van de aanbestedende dienst (KvK-nummer "
        "of OIN); vul in organisation.yaml 'notice:' 'identifier' in",
        "content/organisation.yaml:1:1: BT-503 ontbreekt: telefoonnummer van de aanbestedende dienst; vul in "
        "organisation.yaml 'notice:' 'phone' in",
        "content/organisation.yaml:1:1: BT-507 ontbreekt: NUTS-regio van de aanbestedende dienst (en de plaats van "
        "uitvoering); vul in organisation.yaml 'notice:' 'nuts' in (zoals nuts: NL365)",
        "content/tender.yaml:1:1: BT-15 ontbreekt: internetadres van de aanbestedingsstukken; vul in tender.yaml "
        "'documents_url' in (zoals het adres van de aanbesteding op TenderNed)",
        "content/tender.yaml:1:1: BT-24 ontbreekt: beschrijving van de opdracht; vul in tender.yaml 'summary' in",
        "content/tender.yaml:1:1: BT-262 ontbreekt: hoofdclassificatie (CPV-code) van de opdracht; vul in tender.yaml "
        "'cpv' in (zoals cpv: [\"85312000\"])",
        "content/tender.yaml:1:1: OPT-301 ontbreekt: de beroepsinstantie (de rechtbank); vul in tender.yaml "
        "'review_body' met name, identifier, address en nuts in",
        "7 fouten gevonden.",
    ]
    assert not (tmp_path / "out" / "export").exists()


def test_open_house_gets_no_notice_and_says_why(make_project, tmp_path, capsys):
    project = small(make_project, procedure="open-house")
    criteria = project / "content" / "criteria.yaml"
    criteria.unlink()  # an open house has no award criteria
    for document in (project / "content" / "documents").glob("*.md"):
        text = document.read_text(encoding="utf-8")
        document.write_text(text.replace("{{ gunningscriteria }}", ""), encoding="utf-8")
    code = main(["export", "--project", str(project), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("Geen EU-aankondiging: een open house is geen overheidsopdracht: de gemeenten kiezen niet "
                          "tussen aanbieders")
    assert not list((tmp_path / "out" / "export").glob("eforms-*.xml"))
    assert (tmp_path / "out" / "export" / "ocds.json").is_file()


def test_unknown_codes_name_the_nearest(make_project):
    from generator.pipeline import check

    project = small(make_project, TENDER_FIELDS.replace('"85312000"', '"85312999"'))
    (project / "content" / "requirements.yaml").write_text(
        (project / "content" / "requirements.yaml").read_text(encoding="utf-8").replace(
            "    kind: minimumeis\n    title: VOG\n", "    kind: minimumeis\n    title: VOG\n    espd: [crime-org]\n"),
        encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        check(project)
    messages = [m.split(": ", 1)[1] for m in raised.value.messages()]
    assert messages[0].startswith("een ESPD-code ('espd') hoort bij een uitsluitingsgrond of geschiktheidseis")
    assert messages[1].startswith("onbekende CPV-code '85312999'; bedoelt u '85312000' (Maatschappelijke "
                                  "dienstverlening waarbij geen onderdak wordt verschaft) of '85312100'")


def test_a_planning_text_a_spreadsheet_would_take_for_a_formula_stays_text():
    import dataclasses

    from generator.load.project import load
    from generator.model.build import build_model
    from generator.render.exports.sheets import planning_csv

    project = build_model(load(REPO))
    first, *rest = project.tender.planning
    hostile = dataclasses.replace(first, title="=HYPERLINK(\"https://example.com\";\"klik\")", note="+31 6 1234",
                                  phase="@fase")
    tender = dataclasses.replace(project.tender, planning=(hostile, *rest))
    lines = planning_csv(dataclasses.replace(project, tender=tender)).decode("utf-8-sig").splitlines()
    assert lines[1] == (f"{first.id};\"'=HYPERLINK(\"\"https://example.com\"\";\"\"klik\"\")\";{first.date.isoformat()};"
                        f"{first.time or ''};;'@fase;{first.kind};'+31 6 1234")
