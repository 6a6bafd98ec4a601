"""Incremental and parallel builds: an unchanged project is not built again, an edit renders only the
PDFs it changes, and parallel rendering gives the same bytes as one process."""
from __future__ import annotations

import os

import pytest

from generator.cli import ProgressBar
from generator.core.usercache import project_folder
from generator.pipeline import build
from generator.render import pdfpool

SECOND = """\
    ---
    title: Tweede
    kind: notitie
    version: "1.0"
    status: concept
    date: 2025-02-01
    ---

    # Zonder segmenten

    Deze notitie toont geen segmenten.
    """


@pytest.fixture(autouse=True)
def user_cache(tmp_path, monkeypatch):
    """The user's cache folder of these tests (where the PDF cache and the machine key live)."""
    folder = tmp_path / "gebruikerscache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "bestek"


@pytest.fixture
def project(make_project):
    return make_project({"config.yaml": "pdf:\n  enabled: true\n", "content/documents/tweede.md": SECOND})


@pytest.fixture
def renders(monkeypatch):
    """The HTML pages handed to the PDF renderer, per build."""
    calls: list[list[str]] = []
    real = pdfpool.render_many

    def counting(pages, *args, **kwargs):
        calls.append(sorted(pages))
        return real(pages, *args, **kwargs)
    monkeypatch.setattr("generator.render.pdfs.render_many", counting)
    return calls


def files_with_times(folder):
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_ino, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_unchanged_project_is_not_built_again(project, tmp_path, renders):
    out = tmp_path / "uit"
    first = build(project, out)
    before = files_with_times(out)
    second = build(project, out)
    assert second.unchanged and not first.unchanged
    assert (second.pages, second.pdfs, second.indexed) == (first.pages, first.pdfs, first.indexed)
    assert files_with_times(out) == before  # not a byte, time or inode changed
    assert renders == [["notitie", "tweede"]]


def test_an_edit_renders_only_the_pdfs_it_changes(project, tmp_path, renders):
    out = tmp_path / "uit"
    build(project, out)
    segments = project / "content" / "segments.yaml"
    segments.write_text(segments.read_text().replace("name: Crisis", "name: Acute hulp"))
    result = build(project, out)
    assert not result.unchanged
    assert renders == [["notitie", "tweede"], ["notitie"]]  # tweede shows no segment: from the cache
    assert b"Acute hulp" in (out / "site" / "documenten" / "notitie.html").read_bytes()


def test_a_new_file_or_option_is_a_change(project, tmp_path):
    out = tmp_path / "uit"
    build(project, out)
    assert build(project, out, pdf=False).unchanged is False  # another option
    assert build(project, out, pdf=False).unchanged is True
    (project / "content" / "documents" / "derde.md").write_text(SECOND.replace("Tweede", "Derde"))
    assert build(project, out, pdf=False).unchanged is False  # a new document


def test_parallel_pdfs_are_the_same_bytes(project, tmp_path):
    one = build(project, tmp_path / "een", jobs=1)
    project_folder("pdf", project).rename(tmp_path / "cache-een")  # the second build must really render
    two = build(project, tmp_path / "twee", jobs=2)
    assert one.pdfs == two.pdfs == 2
    for name in ("notitie.pdf", "tweede.pdf"):
        assert (tmp_path / "een" / "pdf" / name).read_bytes() == (tmp_path / "twee" / "pdf" / name).read_bytes()


def test_the_cache_keeps_only_the_last_build(project, tmp_path):
    out = tmp_path / "uit"
    build(project, out)
    cache = project_folder("pdf", project)
    first = {p.name for p in cache.glob("*.pdf")}
    segments = project / "content" / "segments.yaml"
    segments.write_text(segments.read_text().replace("name: Crisis", "name: Acute hulp"))
    build(project, out)
    second = {p.name for p in cache.glob("*.pdf")}
    assert len(first) == len(second) == 2 and len(first & second) == 1


def test_the_cache_lives_in_the_users_cache_folder_not_in_the_project(project, tmp_path, user_cache):
    build(project, tmp_path / "uit")
    folder = project_folder("pdf", project)
    assert folder.parent == user_cache / "pdf" and sorted(os.listdir(folder))[-1] == "project"
    assert len(list(folder.glob("*.pdf"))) == 2 and (folder / "project").read_text() == str(project)
    assert sorted(p.name for p in project.iterdir()) == ["config.yaml", "content"]  # no state in the project
    assert (user_cache / "key").stat().st_mode & 0o777 == 0o600


def test_the_cache_of_a_project_that_is_gone_is_removed(project, make_project, tmp_path, user_cache):
    gone = tmp_path / "weg"
    build(project.rename(gone), tmp_path / "uit-weg")
    stale = project_folder("pdf", gone)
    assert len(list(stale.glob("*.pdf"))) == 2
    gone.rename(project)  # the first project's folder no longer exists under its old name
    build(project, tmp_path / "uit")
    assert not stale.exists() and len(list(project_folder("pdf", project).glob("*.pdf"))) == 2


def test_progress_is_reported_per_pdf(project, tmp_path):
    seen = []
    build(project, tmp_path / "uit", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


def test_progress_bar_draws_one_line(tmp_path):
    with open(tmp_path / "bar.txt", "w+", newline="") as stream:
        bar = ProgressBar(stream)
        bar(1, 4)
        bar(4, 4)
        bar.close()
        stream.seek(0)
        assert stream.read() == (f"\rPDF's  [{'#' * 8}{'-' * 22}]  1/4\rPDF's  [{'#' * 30}]  4/4\n")


def test_the_command_line_answers_an_unchanged_build_without_loading_the_pipeline(project, tmp_path):
    import subprocess
    import sys

    out = tmp_path / "uit"
    build(project, out, pdf=False)
    script = ("import sys\nfrom generator.cli import main\ncode = main(['build', '--no-pdf', '--project', sys.argv[1], "
              "'--out', sys.argv[2]])\nprint(code, 'generator.render.environment' in sys.modules, 'jinja2' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script, str(project), str(out)], capture_output=True, text=True,
                            check=True)
    assert result.stdout == (f"Niets gewijzigd sinds de vorige build; de uitvoer in {out} is al actueel.\n"
                             "0 False False\n")
