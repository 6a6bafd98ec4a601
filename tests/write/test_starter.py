"""`bestek new` (write/starter.py): a project of each kind that checks at once, with a comment in every file, the
editor's schemas and nothing written into a folder that is not empty. Building each kind: tests/test_new_project.py."""
from __future__ import annotations

import datetime
import json

import pytest

from generator.core.errors import UsageError
from generator.pipeline import check
from generator.write.starter import KINDS, answers, kinds_listing, starter_files, write_starter

TODAY = datetime.date(2026, 3, 14)  # a Saturday: dates in a weekend move to the Monday after


def given(kind: str = "aanbesteding", **options):
    return answers(kind, options.get("regio", "Regio Midden-Holland"),
                   options.get("gemeenten", "Gouda, Waddinxveen, 's-Hertogenbosch"),
                   options.get("jeugd", False), options.get("wmo", False))


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_checks_at_once_and_every_file_says_what_belongs_there(kind, tmp_path):
    files = starter_files(given(kind), TODAY)
    write_starter(tmp_path / kind, files)
    project, warnings = check(tmp_path / kind)
    assert warnings == []
    assert project.organisation.name == "Regio Midden-Holland"
    assert [m.name for m in project.organisation.municipalities] == ["Gouda", "Waddinxveen", "'s-Hertogenbosch"]
    assert [m.id for m in project.organisation.municipalities] == ["gouda", "waddinxveen", "s-hertogenbosch"]
    for path, data in files.items():
        if path.endswith((".yaml", ".md")):
            text = data.decode("utf-8")
            comment = text.removeprefix("---\n").splitlines()[0]
            assert comment.startswith("# "), path
            assert "docs/" in text.split("\n\n")[0], f"{path}: no link to the docs in its first comment"


def test_the_kinds_and_what_they_give():
    assert list(KINDS) == ["consultatie", "aanbesteding", "open-house", "brief"]
    assert kinds_listing()[2].startswith("open-house    een open house")


def test_the_laws_and_the_dates(tmp_path):
    files = starter_files(given("aanbesteding", wmo=True), TODAY)
    tender = files["content/tender.yaml"].decode()
    assert "domains: [wmo]" in tender and "title: Inkoop Wmo 2027" in tender
    assert "date: 2026-04-13, kind: publicatie" in tender  # 14 March + 28 days is a Saturday: the Monday after
    assert "start: 2027-01-01" in tender
    write_starter(tmp_path / "p", files)
    project, _ = check(tmp_path / "p")
    assert project.tender.domains == ("wmo",) and {s.domains for s in project.segments} == {("wmo",)}


def test_the_editor_support_maps_every_data_file_to_its_schema():
    files = starter_files(given("consultatie"), TODAY)
    settings = json.loads(files[".vscode/settings.json"])
    schemas = settings["yaml.schemas"]
    assert schemas["./.vscode/schemas/tender.schema.json"] == ["content/tender.yaml"]
    assert schemas["./.vscode/schemas/config.schema.json"] == ["config.yaml"]
    for schema in schemas:
        assert schema.removeprefix("./") in files
    assert json.loads(files[".vscode/extensions.json"]) == {"recommendations": ["redhat.vscode-yaml"]}
    assert files[".gitignore"].endswith(b"build/\n")


def test_the_same_answers_give_the_same_bytes():
    assert starter_files(given("brief"), TODAY) == starter_files(given("brief"), TODAY)


def test_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / ".notities").write_text("van mij", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        write_starter(tmp_path / "p", starter_files(given(), TODAY))
    assert str(caught.value).startswith(f"de map '{tmp_path / 'p'}' is niet leeg; bestek new schrijft alleen in een "
                                        "nieuwe of lege map")
    assert [p.name for p in (tmp_path / "p").iterdir()] == [".notities"]
    (tmp_path / "bestand").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="bestaat al en is geen map"):
        write_starter(tmp_path / "bestand", {})
    write_starter(tmp_path / "leeg", starter_files(given(), TODAY))  # new, and an empty folder is fine too
    (tmp_path / "leeg2").mkdir()
    write_starter(tmp_path / "leeg2", starter_files(given(), TODAY))


def test_what_is_missing_is_asked_or_named():
    questions = []

    def ask(question: str) -> str:
        questions.append(question)
        return {0: "open-house", 1: "Regio Zuid", 2: "Eerstdorp,Tweedorp", 3: "wmo"}[len(questions) - 1]

    result = answers(None, None, None, False, False, ask=ask)
    assert (result.kind, result.region, result.municipalities, result.domains) == \
        ("open-house", "Regio Zuid", ("Eerstdorp", "Tweedorp"), ("wmo",))
    assert questions[0].startswith("Welke soort project?\n  consultatie ")
    assert questions[3] == "Welke wetten: jeugd, wmo of beide? [beide]: "
    assert answers("brief", "R", "G", False, False, ask=lambda question: "").domains == ("jeugd", "wmo")
    assert answers("brief", "R", "G", True, False, ask=lambda question: 1 / 0).domains == ("jeugd",)  # not asked
    with pytest.raises(UsageError, match=r"^geef de regio op met --regio \(zie 'bestek new --help'\)$"):
        answers("brief", None, "Gouda", False, False)


@pytest.mark.parametrize("kind, regio, gemeenten, message", [
    ("offerte", "Regio", "Gouda", "onbekende soort 'offerte'; kies uit consultatie, aanbesteding, open-house, brief"),
    ("brief", "Regio: <script>", "Gouda", "de regio 'Regio: <script>' kan Bestek niet gebruiken"),
    ("brief", "Regio", " , ", "geef minstens één gemeente op"),
    ("brief", "Regio", "Gouda, gouda", "een gemeente staat twee keer in --gemeenten"),
    ("brief", "  ", "Gouda", "de regio is leeg; geef een naam op"),
])
def test_wrong_answers_say_what_to_write(kind, regio, gemeenten, message):
    with pytest.raises(UsageError) as caught:
        answers(kind, regio, gemeenten, False, False)
    assert str(caught.value).startswith(message)
