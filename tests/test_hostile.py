"""The corpus of hostile and broken input in tests/hostile/: every case must give exactly its messages.

Each case is a folder with `case.yaml` and, optionally, `project/`: files laid over the small project of
conftest.py. `case.yaml` holds

    about: what the case tries (one line)
    setup: [names]          # optional: generators below, for what cannot be committed (megabytes,
                            # invalid UTF-8, symlinks out of the project)
    remove: [paths]         # optional: files of the small project to leave out
    pdf: true               # optional: build the PDFs too (default: site only)
    messages: [...]         # exactly what `bestek build` prints on stderr, before the count line

The build runs through the real command line (`main`), so a traceback or an exit code other than 1 fails
the case, and the output folder may not come into existence.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.load.project import MAX_FILE_BYTES

from .conftest import PNG_4X3, write_project

CORPUS = Path(__file__).resolve().parent / "hostile"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yaml").is_file())



# --- setups: what a case needs that cannot be a small committed text file ---

def huge_segments_file(project: Path, outside: Path) -> None:
    line = "# " + "x" * 98 + "\n"
    text = "segments: []\n" + line * (MAX_FILE_BYTES // len(line))
    text += "#" * (MAX_FILE_BYTES + 1 - len(text.encode()) - 1) + "\n"
    assert len(text.encode()) == MAX_FILE_BYTES + 1
    (project / "content" / "segments.yaml").write_text(text, encoding="utf-8")


def windows_1252_file(project: Path, outside: Path) -> None:
    (project / "content" / "organisation.yaml").write_bytes(
        "name: Regio Testland\ncontact:\n  name: Caf\u00e9 Inkoop\n".encode("cp1252"))


def utf16_file(project: Path, outside: Path) -> None:
    (project / "content" / "criteria.yaml").write_bytes("criteria: []\n".encode("utf-16"))


def very_deep_nesting(project: Path, outside: Path) -> None:
    """Ten thousand levels: more than Python's stack would survive if the parser recursed into them."""
    (project / "content" / "instruments.yaml").write_text(
        "funding_models: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")


def symlinked_data_file(project: Path, outside: Path) -> None:
    secret = outside / "geheim.yaml"
    secret.write_text("criteria:\n  - id: geheim\n    title: Wachtwoord hunter2\n    weight: 100\n"
                      "    description: Staat buiten het project.\n", encoding="utf-8")
    (project / "content" / "criteria.yaml").unlink()
    (project / "content" / "criteria.yaml").symlink_to(secret)


def symlinked_image_and_attachment(project: Path, outside: Path) -> None:
    (outside / "foto.png").write_bytes(PNG_4X3)
    (outside / "geheim.pdf").write_bytes(b"%PDF-1.4 geheim")
    folder = project / "content" / "documents" / "bijlagen"
    folder.mkdir()
    (folder / "foto.png").symlink_to(outside / "foto.png")
    (folder / "geheim.pdf").symlink_to(outside / "geheim.pdf")
    (project / "content" / "documents" / "elders").symlink_to(outside)


def symlinked_template(project: Path, outside: Path) -> None:
    (outside / "notitie.html").write_text('{% extends "documents/base.html" %}', encoding="utf-8")
    folder = project / "templates" / "documents"
    folder.mkdir(parents=True)
    (folder / "notitie.html").symlink_to(outside / "notitie.html")


def symlinked_template_folder(project: Path, outside: Path) -> None:
    (outside / "blokken").mkdir()
    (outside / "blokken" / "segmenten.html").write_text("geheim", encoding="utf-8")
    (project / "templates").mkdir()
    (project / "templates" / "blocks").symlink_to(outside / "blokken")


def fake_png(project: Path, outside: Path) -> None:
    (project / "content" / "documents" / "kaart.png").write_bytes(b"GIF89a, geen PNG")


def _replace(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{relative} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def control_characters(project: Path, outside: Path) -> None:
    """What Word and broken conversions leave: a vertical tab (Shift+Enter), NUL, form feed, a C1 character."""
    _replace(project, "content/segments.yaml", "Beschermd wonen", "Beschermd\x0bwonen")
    _replace(project, "content/requirements.yaml", "een VOG.", "een VOG.\x00")
    _replace(project, "content/criteria.yaml", "De visie", "De\x85visie")
    _replace(project, "content/documents/notitie.md", "# Segmenten", "\x0c# Segmenten")


def invisible_characters(project: Path, outside: Path) -> None:
    """Invisible and direction-changing characters: a zero-width space in a name (twice), a right-to-left
    override in a document, a byte order mark in the middle of a file."""
    _replace(project, "content/segments.yaml", "name: Wonen", "name: Wo\u200bnen\u200b")
    _replace(project, "content/documents/notitie.md", "De [[regio]]", "De \u202e[[regio]]")
    _replace(project, "content/organisation.yaml", "contact:", "\ufeffcontact:")


def escaped_characters(project: Path, outside: Path) -> None:
    """The same characters written as YAML escapes, and a lone surrogate only an escape can make."""
    _replace(project, "content/segments.yaml", "name: Wonen", 'name: "Wo\\u200bnen"')
    _replace(project, "content/segments.yaml", "name: Crisis", 'name: "\\ud800"')
    _replace(project, "content/criteria.yaml", "title: Samenwerking", 'title: "Samen\\x0bwerking"')


def markup_flood(project: Path, outside: Path) -> None:
    """More '[' than any real document holds: checked at once instead of parsed for minutes."""
    path = project / "content" / "documents" / "notitie.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + "[^" * 20_000 + "\n", encoding="utf-8")


def symlinks_to_hidden_files(project: Path, outside: Path) -> None:
    """Symlinks inside the project that lead to its secrets (.git/config, .env) and to its output folder."""
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[remote]\n  token = geheim\n", encoding="utf-8")
    (project / ".env").write_text("WACHTWOORD=hunter2\n", encoding="utf-8")
    (project / "build" / "site").mkdir(parents=True)
    (project / "build" / "site" / "oud.pdf").write_bytes(b"%PDF-1.4 oud")
    documents = project / "content" / "documents"
    (documents / "config.txt").symlink_to(project / ".git" / "config")
    (documents / "omgeving.txt").symlink_to(project / ".env")
    (documents / "vorige.pdf").symlink_to(project / "build" / "site" / "oud.pdf")
    (project / "content" / "risks.yaml").symlink_to(project / ".env")


def awkward_document_names(project: Path, outside: Path) -> None:
    """Names that break a web address (#, a space), a zip on Windows (con, a case-only difference) or a
    file system (too long); a hidden document is simply not a document. Made here, not committed: a
    checkout on a case-insensitive file system could not hold Notitie.md beside notitie.md."""
    text = (project / "content" / "documents" / "notitie.md").read_text(encoding="utf-8")
    for name in ("a#b.md", "mijn notitie.md", "con.md", "Notitie.md", "n" * 81 + ".md", ".verborgen.md"):
        (project / "content" / "documents" / name).write_text(text, encoding="utf-8")


def symlink_loop(project: Path, outside: Path) -> None:
    (project / "content" / "documents" / "lus.pdf").symlink_to("lus.pdf")


def hidden_logo(project: Path, outside: Path) -> None:
    """A logo that lies in .git/ itself (not through a symlink)."""
    (project / ".git").mkdir()
    (project / ".git" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")


SETUPS = {f.__name__: f for f in (huge_segments_file, windows_1252_file, utf16_file, very_deep_nesting,
                                   symlinked_data_file, symlinked_image_and_attachment, symlinked_template,
                                   symlinked_template_folder, fake_png, control_characters, invisible_characters,
                                   escaped_characters, markup_flood, symlinks_to_hidden_files,
                                   awkward_document_names, symlink_loop, hidden_logo)}


def load_case(name: str) -> dict:
    case = yaml.safe_load((CORPUS / name / "case.yaml").read_text(encoding="utf-8"))
    assert set(case) <= {"about", "setup", "remove", "pdf", "messages"}, f"{name}: unknown keys in case.yaml"
    assert case.get("about") and case.get("messages"), f"{name}: case.yaml needs 'about' and 'messages'"
    return case


def make_case(name: str, tmp_path: Path) -> Path:
    case = load_case(name)
    files: dict[str, str | None] = dict.fromkeys(case.get("remove", []))
    overlay = CORPUS / name / "project"
    if overlay.is_dir():
        for path in sorted(overlay.rglob("*")):
            if path.is_file():
                files[path.relative_to(overlay).as_posix()] = path.read_text(encoding="utf-8")
    if case.get("pdf"):
        files.setdefault("config.yaml", "pdf:\n  enabled: true\n")
    project = write_project(tmp_path / "project", files)
    outside = tmp_path / "buiten"
    outside.mkdir()
    for setup in case.get("setup", []):
        SETUPS[setup](project, outside)
    return project


@pytest.mark.parametrize("name", CASES)
def test_hostile_case(name, tmp_path, capsys, monkeypatch):
    case = load_case(name)
    project = make_case(name, tmp_path)
    monkeypatch.chdir(project)  # where a YAML tag that ran os.system would leave its traces
    out = tmp_path / "uit"
    code = main(["build", "--project", str(project), "--out", str(out)])
    captured = capsys.readouterr()
    messages = case["messages"]
    count = len(messages)
    assert captured.err == "".join(f"{m}\n" for m in messages) + f"{count} fout{'en' if count != 1 else ''} gevonden.\n"
    assert (code, captured.out) == (1, "")
    assert not out.exists(), "a failed build must not produce output"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".uit.lock", "buiten", "project"]
    assert not (project / "hacked").exists()


def test_corpus_covers_the_issue():
    """The kinds of input the issue names are all in the corpus (a case may not quietly disappear)."""
    assert {"yaml-alias-bomb", "yaml-python-tag", "yaml-huge-file", "yaml-invalid-utf8", "md-script-tag",
            "md-javascript-link", "md-passwd-image", "md-passwd-attachment", "symlink-out-of-project",
            "md-empty-document", "yaml-empty-file", "yaml-list-not-mapping", "yaml-deep-nesting",
            # issue 11 (round 2)
            "yaml-control-characters", "text-invisible-characters", "yaml-escaped-characters", "md-markup-flood",
            "symlink-to-hidden-files", "document-file-names", "yaml-dates-with-time", "yaml-calendar-ends",
            "yaml-non-finite-numbers", "yaml-impossible-values", "id-trailing-newline", "id-look-alike",
            # found by a review after round 2
            "md-link-with-nul", "symlink-loop", "logo-in-hidden-folder", "yaml-carriage-return",
            "md-footnotes-in-footnotes", "yaml-email-with-quotes"} <= set(CASES)
    used = {setup for name in CASES for setup in load_case(name).get("setup", [])}
    assert used == set(SETUPS), f"unused setups: {set(SETUPS) - used}"


def test_alias_bomb_is_refused_at_its_first_alias():
    """Thirty levels of nine aliases (9**30 strings if expanded): the parser stops at the first alias,
    before expanding anything, so this returns at all."""
    from generator.load.yamlsource import parse_yaml

    levels = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 31)]
    document, errors = parse_yaml("\n".join(levels) + "\n", "bom.yaml")
    assert document is None
    assert [str(e) for e in errors] == [
        "bom.yaml:2:10: YAML-verwijzingen (*naam) worden niet ondersteund; schrijf de waarde voluit"]
