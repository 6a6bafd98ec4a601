"""The command line: exit codes 0/1/2, Dutch messages on stderr, never a traceback without --debug."""
from __future__ import annotations

import builtins
import subprocess
import sys

import pytest

from generator.cli import main
from tests.hostile.test_cli_dutch import COMMANDS

from .conftest import REPO


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_ok(make_project, capsys):
    code, out, err = run(capsys, "check", "--project", str(make_project()))
    assert (code, err) == (0, "")
    assert out == "In orde: 1 document, 2 segmenten, 2 eisen, 2 gunningscriteria.\n"


def test_content_errors_exit_1_with_positions(make_project, capsys):
    project = make_project({"content/criteria.yaml": "criteria:\n  - id: g1\n    title: X\n    kind: kwaliteit\n    weight: 100\n"})
    code, out, err = run(capsys, "check", "--project", str(project))
    assert code == 1
    assert err == ("content/criteria.yaml:2:5: verplicht veld 'description' ontbreekt; voeg een regel 'description: ...' toe\n"
                   "1 fout gevonden.\n")
    assert "Traceback" not in err


def test_missing_project_exits_2(tmp_path, capsys):
    code, out, err = run(capsys, "build", "--project", str(tmp_path / "nergens"))
    assert code == 2
    assert err == f"projectmap '{tmp_path / 'nergens'}' bestaat niet\n"


def test_folder_that_is_not_a_project_exits_2(tmp_path, capsys):
    code, out, err = run(capsys, "check", "--project", str(tmp_path))
    assert code == 2
    assert "is geen Bestek-project: er ontbreekt config.yaml of de map content/" in err


def test_usage_error_exits_2(capsys):
    code, out, err = run(capsys, "bouw")
    assert code == 2
    assert err == f"ongeldige aanroep: bij opdracht: ongeldige keuze: 'bouw' (kies uit {COMMANDS}) (zie 'bestek --help')\n"
    code, out, err = run(capsys)
    assert (code, err) == (2, "geef een opdracht, zoals 'bestek build' of 'bestek check'; 'bestek --help' toont ze "
                              "alle\n")


def test_missing_system_library_exits_2(make_project, tmp_path, capsys, monkeypatch):
    real_import = builtins.__import__

    def failing_import(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    monkeypatch.delitem(sys.modules, "weasyprint")
    monkeypatch.setattr(builtins, "__import__", failing_import)
    project = make_project({"config.yaml": "pdf:\n  enabled: true\n"})
    code, out, err = run(capsys, "build", "--project", str(project), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err == ("PDF's maken lukt niet: een systeembibliotheek ontbreekt (cannot load library "
                   "'libpango-1.0-0'). Voer 'make build' uit; dat installeert Pango en HarfBuzz.\n")


def test_debug_shows_the_traceback(tmp_path):
    with pytest.raises(Exception, match="bestaat niet"):
        main(["--debug", "check", "--project", str(tmp_path / "nergens")])


def test_build_writes_site_and_pdfs_to_out(make_project, tmp_path, capsys):
    project = make_project({"config.yaml": "pdf:\n  enabled: true\n"})
    code, out, err = run(capsys, "build", "--project", str(project), "--out", str(tmp_path / "uit"))
    assert (code, err) == (0, "")
    assert out == (f"Klaar: 11 webpagina's in {tmp_path / 'uit' / 'site'} (zoekindex: 10 pagina's), "
                   f"1 PDF in {tmp_path / 'uit' / 'pdf'}.\n")
    assert (tmp_path / "uit" / "pdf" / "notitie.pdf").read_bytes().startswith(b"%PDF-")


def test_python_m_generator_and_default_project_folder(tmp_path):
    """`python -m generator` works, and the project defaults to the current folder."""
    result = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=REPO, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "In orde: 6 documenten, 9 segmenten, 20 eisen, 4 gunningscriteria.\n"
