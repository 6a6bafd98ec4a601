"""`bestek check` says "In orde" only when `bestek build` would succeed: check runs everything the build
runs short of rendering PDFs and writing files, so both give the same exit code and the same messages."""
from __future__ import annotations

import pytest

from generator.cli import main

from ..conftest import write_project
from ..test_hostile import CASES, load_case, make_case

SANDBOX = "templates/documents/notitie.html"
#: cases whose mistakes only the PDF renderer can find (a resource it refuses to fetch): check cannot see
#: them without rendering the PDF; the build's messages must then all be of that kind
PDF_RENDERER_ONLY = {"pdf-blocked-resource"}
PDF_REFUSAL = "de PDF vraagt om "


@pytest.fixture(autouse=True)
def user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "gebruikerscache"))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_sandbox_violation_in_a_project_template_fails_check_as_it_fails_build(tmp_path, capsys):
    project = write_project(tmp_path / "project", {SANDBOX: '{% extends "documents/base.html" %}\n'
                                                            '{% set label = "Notitie" %}\n'
                                                            "{% block back %}{{ ''.__class__.__mro__ }}"
                                                            "{% endblock %}\n"})
    expected = (f"{SANDBOX}:3:1: het sjabloon vraagt de interne eigenschap '__class__' op; dat is niet toegestaan"
                "\n1 fout gevonden.\n")
    assert run(capsys, "check", "--project", str(project)) == (1, "", expected)
    assert run(capsys, "build", "--project", str(project), "--out", str(tmp_path / "uit")) == (1, "", expected)
    assert not (tmp_path / "uit").exists()


def test_an_unknown_name_in_a_site_page_template_fails_check(tmp_path, capsys):
    """A site page (not a document) of the project's own: only rendering the site finds its mistake."""
    project = write_project(tmp_path / "project", {"templates/site/colofon.html": '{% extends "site/base.html" %}\n'
                                                                                 "{% block main %}{{ bestaat_niet }}"
                                                                                 "{% endblock %}\n"})
    code, out, err = run(capsys, "check", "--project", str(project))
    assert (code, out) == (1, "")
    assert err == ("templates/site/colofon.html:2:1: het sjabloon gebruikt een onbekende naam (de naam 'bestaat_niet' "
                   "bestaat niet in dit sjabloon); zie docs/content-model.md\n1 fout gevonden.\n")
    assert run(capsys, "build", "--project", str(project), "--out", str(tmp_path / "uit"))[:3] == (1, "", err)


@pytest.mark.parametrize("name", CASES)
def test_check_and_build_agree_on_every_hostile_case(name, tmp_path, capsys, monkeypatch):
    case = load_case(name)
    project = make_case(name, tmp_path)
    monkeypatch.chdir(project)
    checked = run(capsys, "check", "--project", str(project))
    built = run(capsys, "build", "--project", str(project), "--out", str(tmp_path / "uit"))
    assert built[0] == 1, built  # every case is a content error of the build
    if name in PDF_RENDERER_ONLY and checked[0] == 0:
        assert all(PDF_REFUSAL in message for message in case["messages"]), "only the PDF renderer's refusals"
        return
    assert checked[0] == built[0] and checked[2] == built[2]
    assert checked[1] == built[1] == ""
