"""`bestek check --format json` (core/message_codes.py): every error example of tests/test_errors.py, run again
through the command line with --format json, gives the same messages as JSON (file, line, column, severity, message)
with the stable code of its kind; the table of codes holds every kind scripts/message_kinds.py finds."""
from __future__ import annotations

import inspect
import json
import re

import pytest

from generator.cli import main
from generator.core.errors import ContentError
from generator.core.message_codes import TABLE, UNKNOWN, as_json, code_for_key, code_of
from scripts.message_codes import rows
from scripts.message_kinds import scan
from tests import test_errors

EXAMPLES = [name for name, function in inspect.getmembers(test_errors, inspect.isfunction)
            if name.startswith("test_") and "errors_of(" in inspect.getsource(function)]
SHAPE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def test_the_table_has_every_kind_the_code_gives():
    table = rows(TABLE.read_text(encoding="utf-8"))
    missing = [f"{kind.path}:{kind.line}: {kind.skeleton}" for kind in scan()
               if table.get(code_for_key(kind.key)) != kind.skeleton]
    assert not missing, "run python scripts/message_codes.py --write; these kinds have no code:\n" + "\n".join(missing)
    assert all(SHAPE.fullmatch(code) for code in table)


def test_a_code_is_the_key_of_docs_meldingen_with_hyphens():
    assert code_for_key("onbekend veld … bedoelt u …") == "onbekend-veld-bedoelt-u"
    assert code_for_key("er is geen document voor tenderned soorten …") == "er-is-geen-document-voor-tenderned-soorten"
    assert code_for_key("één waarde") == "een-waarde"


def json_check(project, capsys) -> list[str]:
    """`bestek check --format json` on the project: its messages written back as 'path:line:col: melding'."""
    code = main(["check", "--project", str(project), "--format", "json"])
    out = capsys.readouterr().out
    entries = json.loads(out)
    assert code == (1 if any(e["severity"] == "error" for e in entries) else 0)
    for entry in entries:
        assert list(entry) == ["file", "line", "column", "severity", "message", "code"]
        assert entry["code"] != UNKNOWN, entry
        assert entry["code"] == code_of(entry["message"])
    return [f"{e['file']}:{e['line']}:{e['column']}: {e['message']}" for e in entries if e["severity"] == "error"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_error_examples_as_json(name, make_project, capsys, monkeypatch):
    """The example's own assertions hold for the messages that came back as JSON."""
    monkeypatch.setattr(test_errors, "errors_of", lambda project: json_check(project, capsys))
    getattr(test_errors, name)(make_project)


def test_codes_of_well_known_messages(make_project, capsys):
    project = make_project({"content/criteria.yaml": """\
        criteria:
          - id: g1
            title: Visie
            kind: kwaliteit
            wieght: 100
            description: De visie.
        """})
    main(["check", "--project", str(project), "--format", "json"])
    assert json.loads(capsys.readouterr().out) == [{
        "file": "content/criteria.yaml", "line": 5, "column": 5, "severity": "error",
        "message": "onbekend veld 'wieght'; bedoelt u 'weight'?", "code": "onbekend-veld"}]


def test_warnings_are_warnings_and_a_valid_project_prints_an_empty_list(make_project, capsys):
    assert main(["check", "--project", str(make_project()), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    warning = ContentError("content/tender.yaml", 3, 1, "waarschuwing: de inschrijftermijn is korter dan ...")
    entries = json.loads(as_json([], [warning]))
    assert entries[0]["severity"] == "warning" and entries[0]["message"] == "de inschrijftermijn is korter dan ..."
