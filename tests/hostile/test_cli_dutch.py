"""Every message the user sees is Dutch: argparse's own (unknown option, missing value, invalid choice,
the help texts) and the reasons of operating-system errors, which Python gives in English."""
from __future__ import annotations

import argparse
import errno
import gettext
import os
import re

import pytest

import generator.pipeline
from generator.cli import main, make_parser
from generator.core.errors import os_reason

ENGLISH = re.compile(r"\b(usage|options|positional arguments|show this help|invalid choice|choose from|expected one "
                     r"argument|unrecognized arguments|required|No such file|Permission denied|Read-only|No space|Not "
                     r"a directory|Is a directory|File exists|program's version)\b")


#: the commands as argparse lists them ('build', 'check', ...), from the parser itself
COMMANDS = ", ".join(f"'{name}'" for name in next(
    action for action in make_parser()._actions if isinstance(action, argparse._SubParsersAction)).choices)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("args, message", [
    (["bouw"], f"ongeldige aanroep: bij opdracht: ongeldige keuze: 'bouw' (kies uit {COMMANDS}) (zie 'bestek --help')"),
    (["build", "--onbekend"], "ongeldige aanroep: onbekende argumenten: --onbekend (zie 'bestek --help')"),
    (["build", "--jobs"], "ongeldige aanroep: bij --jobs: hier hoort een waarde bij (zie 'bestek build --help')"),
    (["build", "--jobs", "twee"], "ongeldige aanroep: bij --jobs: 'twee' is geen aantal processen (een geheel getal "
                                  "vanaf 1) (zie 'bestek build --help')"),
    (["serve", "--port", "99999"], "ongeldige aanroep: bij --port: '99999' is geen poortnummer (0 tot en met 65535) "
                                   "(zie 'bestek serve --help')"),
    (["check", "--jobs", "2"], "ongeldige aanroep: onbekende argumenten: --jobs 2 (zie 'bestek --help')"),
])
def test_argparse_errors_are_dutch_with_exit_code_2(capsys, args, message):
    assert run(capsys, *args) == (2, "", message + "\n")


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["package", "--help"], ["serve", "--help"],
                                  ["check", "--help"], ["rules", "--help"]])
def test_help_is_dutch(capsys, args):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    text = capsys.readouterr().out
    assert exit_.value.code == 0
    assert text.startswith(f"gebruik: bestek{' ' + args[0] if len(args) > 1 else ''} [-h]")
    assert "opties:\n" in text and "toon deze hulptekst en stop" in text
    assert ENGLISH.search(text) is None, ENGLISH.search(text)


def test_argparse_is_left_as_it_was(capsys):
    """The translation is in force only while Bestek parses its own command line."""
    run(capsys, "bouw")
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext


@pytest.mark.parametrize("name, reason", [
    ("ENOENT", "het bestand of de map bestaat niet"),
    ("EACCES", "geen toestemming (u mag hier niet lezen of schrijven)"),
    ("EROFS", "het bestandssysteem is alleen-lezen"),
    ("ENOSPC", "er is geen ruimte meer op de schijf (schijf vol)"),
    ("ENOTDIR", "een deel van het pad is een bestand, geen map"),
    ("EISDIR", "het is een map, geen bestand"),
    ("EEXIST", "het bestaat al"),
])
def test_operating_system_reasons_are_dutch(name, reason):
    code = getattr(errno, name)
    assert os_reason(OSError(code, os.strerror(code), "/ergens")) == reason


def test_an_output_folder_below_a_file_names_the_reason_in_dutch(make_project, tmp_path, capsys):
    (tmp_path / "bestand").write_text("geen map", encoding="utf-8")
    out = tmp_path / "bestand" / "uit"
    code, stdout, err = run(capsys, "build", "--project", str(make_project()), "--out", str(out))
    assert (code, stdout) == (2, "")
    assert err == (f"de uitvoermap '{out}' kan niet worden gemaakt: '{tmp_path / 'bestand'}' is een bestand, geen "
                   "map; kies met --out een andere map\n")
    assert sorted(os.listdir(tmp_path)) == ["bestand", "project"]


def test_an_operating_system_error_is_a_dutch_message_not_an_internal_error(make_project, capsys, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", "/gedeeld/project/content")

    monkeypatch.setattr(generator.pipeline, "build", refused)
    code, stdout, err = run(capsys, "build", "--project", str(make_project()), "--out", "/tmp/niet-gebruikt")
    assert (code, stdout) == (2, "")
    assert err == ("fout van het besturingssysteem bij '/gedeeld/project/content': geen toestemming (u mag hier niet "
                   "lezen of schrijven); controleer de map en de rechten en probeer het opnieuw\n")
    assert ENGLISH.search(err) is None
