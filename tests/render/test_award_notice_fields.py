"""The award notice's fields per winner and lot (BT-165, BT-720, BT-145, BT-773, BT-759/BT-760) come from
vertrouwelijk/beoordeling.yaml: `bestek gunning` copies them into gunning.json (the statistics computed from the
bidders' size and country), and what is still missing is an error at its place in beoordeling.yaml."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from generator.core.errors import ContentErrors
from generator.pipeline import export, gunning
from tests.conftest import REPO
from tests.render.standards import xsd_errors


def _copy(target):
    target.mkdir()
    for name in ("config.yaml", "content", "releases", "vertrouwelijk"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, target / name)
    return target


def test_default_project_gunning_then_export_makes_a_valid_award_notice(tmp_path):
    project = _copy(tmp_path / "project")
    written = gunning(project).folder / "gunning.json"
    data = json.loads(written.read_text(encoding="utf-8"))
    lots = {lot["lot"]: lot for lot in data["lots"]}
    assert {k: lots["perceel-2"][k] for k in ("tenders", "sme", "large", "other_eea", "non_eea")} == {
        "tenders": 2, "sme": 2, "large": 0, "other_eea": 0, "non_eea": 0}
    brug = lots["perceel-2"]["winners"][1]
    assert (brug["size"], brug["value"], brug["concluded"]) == ("small", 1325000, "2024-07-08")
    text = json.dumps(data, ensure_ascii=False).lower()
    assert "thuishulp" not in text and "score" not in text and "motiv" not in text
    result = export(project, tmp_path / "out", written)
    xml = (result.folder / "eforms-33.xml").read_bytes()
    assert xsd_errors(xml, "UBL-ContractAwardNotice-2.3.xsd") == []
    notice = xml.decode()
    assert '<cbc:TotalAmount currencyID="EUR">3650000.00</cbc:TotalAmount>' in notice
    assert "<cbc:IssueDate>2024-07-08+01:00</cbc:IssueDate>" in notice
    assert '<efbc:CompanySizeCode listName="economic-operator-size">small</efbc:CompanySizeCode>' in notice
    assert re.search(r"<efbc:StatisticsCode listName=\"received-submission-type\">t-sme</efbc:StatisticsCode>\s*"
                     r"<efbc:StatisticsNumeric>2</efbc:StatisticsNumeric>", notice)


def test_statistics_count_size_and_country(tmp_path):
    project = _copy(tmp_path / "project")
    path = project / "vertrouwelijk" / "beoordeling.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    size: micro\n", "    size: large\n    country: BE\n")
    path.write_text(text, encoding="utf-8")
    data = json.loads((gunning(project).folder / "gunning.json").read_text(encoding="utf-8"))
    five = next(lot for lot in data["lots"] if lot["lot"] == "perceel-5")
    assert (five["sme"], five["large"], five["other_eea"], five["non_eea"]) == (1, 1, 1, 0)


def test_missing_fields_point_at_the_evaluation(tmp_path):
    project = _copy(tmp_path / "project")
    path = project / "vertrouwelijk" / "beoordeling.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, skip = [], False
    for line in lines:
        if line.startswith("    contract:"):
            skip = True
            continue
        if skip and line.startswith("      "):
            continue
        skip = False
        if not line.startswith("    size:"):
            kept.append(line)
    path.write_text("".join(kept), encoding="utf-8")
    result = gunning(project)
    with pytest.raises(ContentErrors) as raised:
        export(project, tmp_path / "out", result.folder / "gunning.json")
    messages = raised.value.messages()
    assert all(m.startswith("vertrouwelijk/beoordeling.yaml:") for m in messages), messages
    bidders = {line.strip(): n for n, line in enumerate(kept, 1) if line.startswith("  - id: ")}
    evaluation = next(n for n, line in enumerate(kept, 1) if line == "  - lot: perceel-2\n")
    assert (f"vertrouwelijk/beoordeling.yaml:{bidders['- id: de-brug']}:5: BT-165 ontbreekt: omvang van Zorgcoöperatie "
            "De Brug U.A.; vul in vertrouwelijk/beoordeling.yaml bij deze inschrijver 'size' in (zoals size: medium; "
            "micro, small, medium of large) en maak gunning.json opnieuw met bestek gunning") in messages
    assert (f"vertrouwelijk/beoordeling.yaml:{evaluation}:5: BT-720 ontbreekt: waarde van de opdracht aan Zorgcoöperatie "
            "De Brug U.A. (de inschrijving); vul in vertrouwelijk/beoordeling.yaml bij deze beoordeling 'contract: "
            "values: de-brug' in (zoals contract: {values: {de-brug: 1200000}}, in euro zonder btw) en maak "
            "gunning.json opnieuw met bestek gunning") in messages
    assert {m.split(": ", 1)[1].split(" ", 1)[0] for m in messages} == {"BT-759/BT-760", "BT-720", "BT-165", "BT-145"}


def test_contract_of_an_unknown_bidder_is_an_error(tmp_path):
    project = _copy(tmp_path / "project")
    path = project / "vertrouwelijk" / "beoordeling.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("values: {de-brug: 875000}", "values: {de-bruq: 875000}"),
                    encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        gunning(project)
    assert any("onbekende inschrijver 'de-bruq'" in m for m in raised.value.messages())
