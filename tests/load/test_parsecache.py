"""load/parsecache.py: a text parsed by an earlier command comes from the user's cache folder exactly as parsing it
gives it; a text with a mistake, an entry someone changed or moved, and a cache folder that cannot be used all mean
the text is parsed again, with the same result."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import generator.load.parsecache as parsecache
from generator.load.project import load
from tests.conftest import REPO


def _entries(cache: Path) -> list[Path]:
    folder = cache / "bestek" / parsecache.FOLDER
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _parsed(project) -> tuple:
    """Everything the load stage parsed: data, positions, keys and texts of every YAML text, every outline."""
    yaml = [(name, d.data, d.positions, d.keys, d.texts) for name, d in sorted(project.data.items()) if d is not None]
    documents = [(d.path, d.front.data, d.front.positions, d.front.keys, d.outline) for d in project.documents]
    releases = [(r.path, r.data.data, r.data.positions, r.data.keys, r.data.texts, r.pdfs)
                for r in project.releases]
    return (project.config.data, project.config.positions, yaml, documents, releases)


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def fresh(monkeypatch):
    """What the load stage gives with every text parsed (no cache at all)."""
    import generator.load.project as project_module
    import generator.load.releases as releases_module
    import generator.load.yamlcache as yamlcache_module

    def parse_everything():
        with monkeypatch.context() as patch:
            for module in (project_module, releases_module, yamlcache_module):
                patch.setattr(module, "remembered", lambda kind, text, where, make, keep: make())
            return load(REPO)
    return parse_everything


def test_a_second_load_is_served_from_the_cache_with_what_parsing_gives(cache, fresh, monkeypatch):
    first = load(REPO)  # parses, and keeps every text without a mistake
    entries = _entries(cache)
    assert len(entries) >= 20  # config, data files, front matter, outlines, release.json
    monkeypatch.setattr("generator.load.yamlcache.parse", _refuse)  # a second load parses nothing
    monkeypatch.setattr("generator.load.project.outline", _refuse)
    monkeypatch.setattr("generator.load.releases.read_json", _refuse)
    second = load(REPO)
    monkeypatch.undo()
    assert _entries(cache) == entries
    assert _parsed(second) == _parsed(first) == _parsed(fresh())
    second.data["tender"].refused.add(("x",))  # validation adds to it: every load gets sets of its own
    assert ("x",) not in load(REPO).data["tender"].refused


def _refuse(*args, **kwargs):
    raise AssertionError("parsed, not taken from the cache")


def test_a_text_with_a_mistake_is_never_kept_and_says_the_same_every_time(cache, make_project):
    root = make_project({"content/segments.yaml": "segments:\n  - id: a\n    id: b\n"})
    first = [str(e) for e in load(root).errors]
    kept = _entries(cache)
    second = [str(e) for e in load(root).errors]
    assert first == second and any(m.startswith("content/segments.yaml:3:5: ") for m in first)
    assert _entries(cache) == kept  # nothing kept for the broken text, nor for its second parse


def test_a_changed_or_moved_entry_is_not_believed(cache, fresh):
    load(REPO)
    entries = _entries(cache)
    changed = entries[0]
    data = bytearray(changed.read_bytes())
    data[len(data) // 2] ^= 1  # one bit of the pickled result
    changed.write_bytes(bytes(data))
    moved = entries[1]
    shutil.copyfile(entries[2], moved)  # a sound entry under another text's name
    assert _parsed(load(REPO)) == _parsed(fresh())
    assert changed.read_bytes() != bytes(data) and moved.read_bytes() != entries[2].read_bytes()  # parsed again


def test_other_code_never_takes_these_entries(cache, monkeypatch):
    load(REPO)
    kept = set(_entries(cache))
    monkeypatch.setattr(parsecache, "_code", "0" * 64)  # another Bestek: load/ or core/ changed
    load(REPO)
    assert kept < set(_entries(cache))


def test_a_cache_folder_that_cannot_be_used_parses_everything(tmp_path, monkeypatch, fresh):
    blocked = tmp_path / "file"
    blocked.write_text("geen map", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _parsed(load(REPO)) == _parsed(fresh())
    assert blocked.read_text(encoding="utf-8") == "geen map"


def test_each_subfolder_keeps_its_newest_entries(cache, monkeypatch):
    monkeypatch.setattr(parsecache, "KEEP", 2)
    texts = [f"tekst {i}" for i in range(400)]  # enough to put three in some subfolder
    for text in texts:
        parsecache.remembered("test", text, (), lambda t=text: t, lambda _: True)
    folders = list((cache / "bestek" / parsecache.FOLDER).iterdir())
    assert folders and all(len(list(f.iterdir())) <= 2 for f in folders)
    assert len(_entries(cache)) < len(texts)


def test_the_code_lists_come_from_the_cache_as_parsing_gives_them(cache, monkeypatch):
    import generator.validate.codes as codes
    from generator.core.codelists import FILES, codelist

    for name in FILES:
        codes.codelist.cache_clear()
        assert codes.codelist(name) == codelist(name)  # parsed, and kept
    monkeypatch.setattr(codes, "parse_codelist", _refuse)  # the next command parses none of them
    for name in FILES:
        codes.codelist.cache_clear()
        assert codes.codelist(name) == codelist(name) and len(codelist(name)) > 10
    codes.codelist.cache_clear()


def test_a_check_whose_texts_are_all_kept_does_not_load_the_markdown_parser(cache, tmp_path):
    """Parsing is what needs markdown-it (core/mdrules.py): a check that takes every outline from the cache
    never imports it, and once a text changes it does."""
    import os
    import subprocess
    import sys

    project = tmp_path / "project"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "config.yaml", project / "config.yaml")
    script = ("import sys\nfrom pathlib import Path\nfrom generator import pipeline\n"
              f"pipeline.check(Path({str(project)!r}))\nprint('markdown_it' in sys.modules)")

    def loaded_markdown_it() -> str:
        return subprocess.run([sys.executable, "-c", script], cwd=REPO, env={**os.environ, "XDG_CACHE_HOME": str(cache)},
                              capture_output=True, text=True, check=True).stdout.strip()

    assert loaded_markdown_it() == "True"  # the first check parses everything
    assert loaded_markdown_it() == "False"
    document = sorted((project / "content" / "documents").glob("*.md"))[0]
    document.write_text(document.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    assert loaded_markdown_it() == "True"
