"""Hostile content that needs more than the case corpus can say: what a build publishes, how long an
adversarial document takes, and that no message can show a regular expression."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.core import config
from generator.core.markdown import MAX_BRACKETS, MAX_MARKUP, outline
from generator.render.package import entry_name_problems, zip_bytes
from generator.validate.evaluation_schema import EVALUATION
from generator.validate.messages import REGEX_HINTS
from generator.validate.schemas import DATA_SCHEMAS, RELEASE, front_matter_schema

from ..conftest import PNG_4X3, SMALL_PROJECT, write_project

NOTE = SMALL_PROJECT["content/documents/notitie.md"]


def _build(project: Path, out: Path, capsys) -> tuple[int, str]:
    code = main(["build", "--project", str(project), "--out", str(out), "--quiet"])
    return code, capsys.readouterr().err


def test_same_file_as_image_and_link_in_one_document(tmp_path, capsys):
    """Once a crash ("image was not checked"): the file is shown and linked, in either order."""
    body = NOTE + "\n![De kaart](kaart.png) en [de kaart als bijlage](kaart.png), weer ![kaart](kaart.png).\n"
    project = write_project(tmp_path / "project", {"content/documents/notitie.md": body})
    (project / "content" / "documents" / "kaart.png").write_bytes(PNG_4X3)
    code, err = _build(project, tmp_path / "uit", capsys)
    assert (code, err) == (0, "")
    page = (tmp_path / "uit" / "site" / "documenten" / "notitie.html").read_text(encoding="utf-8")
    assert page.count('<img src="../bestanden/content/documents/kaart.png"') == 2
    assert page.count('<a href="../bestanden/content/documents/kaart.png"') == 1
    assert (tmp_path / "uit" / "site" / "bestanden" / "content" / "documents" / "kaart.png").read_bytes() == PNG_4X3


def test_hidden_document_is_not_published(tmp_path, capsys):
    """A document whose name starts with a dot (a colleague's draft, macOS' ._notitie.md) is not a document."""
    project = write_project(tmp_path / "project", {"content/documents/.concept.md": NOTE.replace(
        "title: Notitie inkoop", "title: Geheim concept")})
    code, err = _build(project, tmp_path / "uit", capsys)
    assert (code, err) == (0, "")
    site = tmp_path / "uit" / "site"
    published = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json")]
    assert published and not any("Geheim concept" in p.read_text(encoding="utf-8") for p in published)
    assert not any("concept" in p.name for p in site.rglob("*"))


def _adversarial_document(size: int) -> str:
    """Just under every markup limit, with the two patterns that were quadratic (a heading followed by a
    million spaces, a run of '[^'), padded with spaces and tabs to `size` characters."""
    parts = ["# Kop" + " " * 1_000_000 + "x\n\n", "[^" * (MAX_BRACKETS - 100) + "\n\n",
             "<" * (MAX_MARKUP - MAX_BRACKETS) + "\n\n", "## Kop\t\t\t" + "\t" * 100_000 + "{-}\n\n"]
    text = "".join(parts)
    return text + ("woord \t" * ((size - len(text)) // 7))


def test_adversarial_document_of_two_mib_is_checked_quickly(tmp_path, capsys):
    """Every pass over content is linear: a 2 MiB document built to be slow is checked in well under
    10 s (it took more than 120 s for 600 KB before)."""
    front, body = NOTE.split("# Inleiding", 1)
    text = _adversarial_document(2 * 1024 * 1024 - 2_000)
    project = write_project(tmp_path / "project", {"content/documents/notitie.md": front + text})
    assert 2 * 1024 * 1024 - 4_000 < len((project / "content/documents/notitie.md").read_bytes()) <= 2 * 1024 * 1024
    start = time.monotonic()
    code = main(["check", "--project", str(project)])
    seconds = time.monotonic() - start
    captured = capsys.readouterr()
    assert code in (0, 1) and "interne fout" not in captured.err
    assert seconds < 10, f"check took {seconds:.1f} s"


@pytest.mark.parametrize("text", ["[^" * (MAX_BRACKETS + 1), "x [" * 30_000, "*" * (MAX_MARKUP + 1)])
def test_markup_over_the_limit_is_refused_before_parsing(text):
    from generator.core.markdown import markup_limit

    over = markup_limit(text)
    assert over is not None and "splits de tekst over meer documenten" in over[1]


def test_outline_is_linear_in_the_quadratic_patterns():
    """Twice the input may cost about twice the time, not four times (measured on the patterns that were
    quadratic; the smallest size is large enough that constant costs do not dominate)."""
    def seconds(n: int) -> float:
        text = "# Kop" + " " * n + "x\n\n" + "[^" * (n // 20) + "\n"
        start = time.perf_counter()
        outline(text)
        return time.perf_counter() - start
    small, large = min(seconds(50_000) for _ in range(3)), min(seconds(200_000) for _ in range(3))
    assert large < small * 8, f"{small:.3f} s -> {large:.3f} s for 4x the input"


def _patterns(schema: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        if isinstance(schema.get("regex"), str):
            found.add(schema["regex"])
        for value in schema.values():
            found |= _patterns(value)
    elif isinstance(schema, (list, tuple)):
        for value in schema:
            found |= _patterns(value)
    return found


def test_every_pattern_has_a_dutch_hint():
    """A message never shows a regular expression: every pattern of every schema has its hint."""
    patterns = _patterns(DATA_SCHEMAS) | _patterns(config.cerberus_schema()) | _patterns(front_matter_schema(["x"])) \
        | _patterns(RELEASE) | _patterns(EVALUATION)
    assert patterns and patterns <= set(REGEX_HINTS), sorted(patterns - set(REGEX_HINTS))


def test_package_entry_names_are_checked():
    assert entry_name_problems(["Aanbestedingsdocumenten/pve.pdf", "manifest.json"]) == []
    assert entry_name_problems(["A/con.pdf", "a/x.pdf", "A/X.pdf", "b/y.", "c/d?.pdf"]) == [
        "A/con.pdf: geen geldige bestandsnaam op Windows",
        "A/X.pdf: verschilt alleen in hoofdletters van a/x.pdf",
        "b/y.: geen geldige bestandsnaam op Windows",
        "c/d?.pdf: geen geldige bestandsnaam op Windows"]
    with pytest.raises(RuntimeError, match="verschilt alleen in hoofdletters"):
        zip_bytes({"a/x.pdf": b"1", "A/X.pdf": b"2"}, (2025, 1, 1))


TEMPLATE_MISTAKES = {
    "een waarde die het thema nodig heeft ontbreekt":
        ('{% extends "site/base.html" %}{% block main %}{% include "blocks/eisen.html" %}{% endblock %}',
         "het sjabloon gebruikt een onbekende naam (de naam 'args' bestaat niet in dit sjabloon); zie "
         "docs/content-model.md"),
    "onbekende naam": ('{% extends "site/base.html" %}\n{% block main %}{{ onbekend }}{% endblock %}',
                       "het sjabloon gebruikt een onbekende naam (de naam 'onbekend' bestaat niet in dit sjabloon); "
                       "zie docs/content-model.md"),
    "onbekende opdracht": ('{% extends "site/base.html" %}{% block main %}{% foo %}{% endblock %}',
                           "fout in de opmaak van het sjabloon: onbekende opdracht {% foo %}"),
    "onbekend filter": ('{% extends "site/base.html" %}{% block main %}{{ 1|onbekend }}{% endblock %}',
                        "fout in de opmaak van het sjabloon: het filter 'onbekend' bestaat niet"),
    "onbekende test": ('{% extends "site/base.html" %}{% block main %}{% if 1 is onbekend %}{% endif %}'
                       '{% endblock %}', "fout in het sjabloon: de test 'onbekend' bestaat niet"),
    "deling door nul": ('{% extends "site/base.html" %}{% block main %}{{ 1 / 0 }}{% endblock %}',
                        "het sjabloon veroorzaakt een fout bij het maken van de pagina (een deling door nul); "
                        "controleer de waarden die het gebruikt"),
}


@pytest.mark.parametrize("mistake", sorted(TEMPLATE_MISTAKES))
@pytest.mark.parametrize("command", ["check", "build"])
def test_project_template_mistakes_are_positioned_dutch_errors(mistake, command, tmp_path, capsys):
    """Jinja's English never reaches the officer, and a mistake that surfaces in a theme template the
    project's template uses is reported at the project's template (it was an internal error)."""
    template, message = TEMPLATE_MISTAKES[mistake]
    project = write_project(tmp_path / "project", {"templates/site/segment.html": template})
    args = [command, "--project", str(project)] + (["--out", str(tmp_path / "uit")] if command == "build" else [])
    code = main(args)
    line = 2 if "\n" in template else 1
    assert (code, capsys.readouterr().err) == (1, f"templates/site/segment.html:{line}:1: {message}\n1 fout gevonden.\n")
