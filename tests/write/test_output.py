"""The output folder changes only as a whole: a failed, crashed or killed build leaves the previous
output byte for byte; two builds at once do not mix; leftovers of a killed build disappear."""
from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import generator.write.writer as write_stage
from generator.cli import main
from generator.core import testhook
from generator.core.errors import ContentErrors
from generator.pipeline import build
from generator.write import output

from ..conftest import REPO

SECOND_DOCUMENT = ('---\ntitle: Tweede notitie\nkind: notitie\nversion: "1"\nstatus: concept\n'
                   'date: 2025-02-01\n---\n\n# Kop\n\nTekst.\n')


@pytest.fixture(autouse=True)
def user_cache(tmp_path, monkeypatch):
    """The user's cache folder of these tests (PDF cache and machine key), outside the project."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "gebruikerscache"))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p.is_dir())


def rename_segment(project: Path, name: str) -> None:
    path = project / "content" / "segments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Crisis", f"name: {name}"), encoding="utf-8")


@pytest.fixture
def built(make_project, tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """A project built once into tmp/uit: (project, out, the files of that first build)."""
    project = make_project({"content/documents/tweede.md": SECOND_DOCUMENT})
    out = tmp_path / "uit"
    build(project, out)
    before = snapshot(out)
    assert "site/segmenten/crisis.html" in before and ".bestek-build" in before
    return project, out, before


def test_content_errors_leave_the_previous_output(built):
    project, out, before = built
    (project / "content" / "criteria.yaml").write_text("criteria: []\n", encoding="utf-8")
    with pytest.raises(ContentErrors):
        build(project, out)
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_crash_while_writing_leaves_the_previous_output(built, monkeypatch):
    project, out, before = built
    rename_segment(project, "Acute hulp")
    real_write = write_stage.Writer.write
    written: list[str] = []

    def crash_half_way(writer, relative, content):
        if len(written) == 5:
            raise MemoryError("half way")
        written.append(relative)
        return real_write(writer, relative, content)

    monkeypatch.setattr(write_stage.Writer, "write", crash_half_way)
    with pytest.raises(MemoryError):
        build(project, out)
    assert len(written) == 5
    assert snapshot(out) == before
    assert leftovers(out) == []
    monkeypatch.setattr(write_stage.Writer, "write", real_write)
    build(project, out)
    assert "Acute hulp" in (out / "site" / "segmenten" / "crisis.html").read_text(encoding="utf-8")


def test_a_successful_build_replaces_everything(built, tmp_path):
    project, out, before = built
    (project / "content" / "documents" / "tweede.md").unlink()
    rename_segment(project, "Acute hulp")
    build(project, out)
    build(project, tmp_path / "vers")
    assert "site/documenten/tweede.html" in before
    assert snapshot(out) == snapshot(tmp_path / "vers")  # exactly a fresh build: nothing of the old lingers
    assert leftovers(out) == []


def test_leftovers_of_killed_builds_are_removed(built):
    project, out, before = built
    for name in (f".{out.name}.tmp-99999-dead", f".{out.name}.tmp-99998-beef/site"):
        (out.parent / name).mkdir(parents=True)
        (out.parent / name / "half.html").write_text("half", encoding="utf-8")
    build(project, out)
    assert leftovers(out) == []
    assert snapshot(out) == before


def test_a_swap_interrupted_between_its_renames_is_undone(built):
    """Where the file system cannot exchange folders, the old output is moved aside first; if the build
    died right then, the next build (even a failing one) puts it back."""
    project, out, before = built
    out.rename(out.parent / f".{out.name}.old-99999-dead")
    (project / "content" / "criteria.yaml").write_text("criteria: []\n", encoding="utf-8")
    with pytest.raises(ContentErrors):
        build(project, out)
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_the_fallback_swap_without_renameat2(built, monkeypatch):
    project, out, before = built

    def no_exchange(first, second):
        raise OSError(38, "Function not implemented")  # ENOSYS, as on a kernel or file system without it

    monkeypatch.setattr(output, "_exchange", no_exchange)
    rename_segment(project, "Acute hulp")
    build(project, out)
    assert "Acute hulp" in (out / "site" / "segmenten" / "crisis.html").read_text(encoding="utf-8")
    assert leftovers(out) == []


def test_a_folder_with_other_files_is_not_replaced(make_project, tmp_path, capsys):
    out = tmp_path / "documenten"
    out.mkdir()
    (out / "scriptie.docx").write_bytes(b"eigen werk")
    code = main(["build", "--project", str(make_project()), "--out", str(out)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"de uitvoermap '{out}' is niet leeg en niet door Bestek gemaakt (er staat geen .bestek-build in, wel "
        "scriptie.docx); Bestek vervangt de uitvoermap bij elke build in haar geheel en laat deze map daarom "
        "ongemoeid: kies met --out een nieuwe of lege map (is het een build van een oudere Bestek, verwijder de "
        "map dan zelf)\n")
    assert snapshot(out) == {"scriptie.docx": b"eigen werk"}


def test_a_folder_that_looks_like_an_older_build_is_not_replaced(make_project, tmp_path, capsys):
    """Only site/, pdf/ and package/, as an output folder of a Bestek before the marker held, but they are
    the user's: the folder is refused (an older build of one's own is removed by hand, once)."""
    out = tmp_path / "uit"
    for name in ("site/foto's.jpg", "pdf/belastingaangifte.pdf", "package/archief.zip"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(b"eigen werk")
    code = main(["build", "--project", str(make_project()), "--out", str(out)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"de uitvoermap '{out}' is niet leeg en niet door Bestek gemaakt (er staat geen .bestek-build in, wel "
        "package, pdf, site); Bestek vervangt de uitvoermap bij elke build in haar geheel en laat deze map daarom "
        "ongemoeid: kies met --out een nieuwe of lege map (is het een build van een oudere Bestek, verwijder de "
        "map dan zelf)\n")
    assert snapshot(out) == {"package/archief.zip": b"eigen werk", "pdf/belastingaangifte.pdf": b"eigen werk",
                             "site/foto's.jpg": b"eigen werk"}


def test_a_marker_must_be_bestek_s_own(make_project, tmp_path, capsys):
    """A file named like the marker but with other content (or a symlink to the real one) is no marker."""
    out = tmp_path / "uit"
    out.mkdir()
    (out / "eigen.txt").write_text("eigen werk", encoding="utf-8")
    (out / ".bestek-build").write_text("zomaar een bestand\n", encoding="utf-8")
    assert main(["build", "--project", str(make_project()), "--out", str(out)]) == 2
    assert "is niet leeg en niet door Bestek gemaakt" in capsys.readouterr().err
    (tmp_path / "echt").write_text(output.MARKER_TEXT, encoding="utf-8")
    (out / ".bestek-build").unlink()
    (out / ".bestek-build").symlink_to(tmp_path / "echt")
    assert main(["build", "--project", str(make_project()), "--out", str(out)]) == 2
    assert (out / "eigen.txt").read_text(encoding="utf-8") == "eigen werk"


def test_an_empty_folder_is_used(make_project, tmp_path):
    out = tmp_path / "leeg"
    out.mkdir()
    build(make_project(), out)
    assert (out / "site" / "index.html").is_file() and output.is_marker(out / ".bestek-build")


def test_a_second_build_at_the_same_time_is_refused(make_project, tmp_path, capsys):
    project = make_project()
    out = tmp_path / "uit"
    with open(tmp_path / ".uit.lock", "w") as lock:  # what a running build holds
        fcntl.flock(lock, fcntl.LOCK_EX)
        code = main(["build", "--project", str(project), "--out", str(out)])
    assert code == 2
    assert capsys.readouterr().err == (f"er loopt al een build naar '{out}'; wacht tot die klaar is en probeer "
                                       "het dan opnieuw (vergrendeld via .uit.lock)\n")
    assert not out.exists()
    assert main(["build", "--project", str(project), "--out", str(out)]) == 0  # the lock is free again


def test_a_build_killed_half_way_leaves_the_previous_output(make_project, tmp_path, capsys):
    """A real `python -m generator build` is killed with SIGKILL while it renders its PDFs (the test hook
    in core/testhook.py pauses it after the first PDF); the previous build stays byte for byte, a second build
    meanwhile is refused, and the next build cleans up and succeeds."""
    project = make_project({"config.yaml": "pdf:\n  enabled: true\n", "content/documents/tweede.md": SECOND_DOCUMENT})
    out = tmp_path / "uit"
    build(project, out)
    before = snapshot(out)
    assert {"pdf/notitie.pdf", "pdf/tweede.pdf"} <= set(before)
    rename_segment(project, "Acute hulp")

    paused = tmp_path / "gepauzeerd"
    env = {**os.environ, testhook.PAUSE_VARIABLE: str(paused)}
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--project", str(project),
                                "--out", str(out)], cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not paused.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the build never reached its first PDF"
            time.sleep(0.05)
        temporary = leftovers(out)
        assert len(temporary) == 1 and temporary[0].startswith(".uit.tmp-")
        # rendering holds every byte in memory until the write stage: only the marker is there yet
        assert sorted(snapshot(out.parent / temporary[0])) == [".bestek-build"]

        assert main(["build", "--project", str(project), "--out", str(out)]) == 2
        assert "er loopt al een build naar" in capsys.readouterr().err
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    assert snapshot(out) == before
    assert len(leftovers(out)) == 1  # the killed build's temporary folder is still there...

    assert main(["build", "--project", str(project), "--out", str(out)]) == 0
    assert leftovers(out) == []  # ...until the next build removes it
    assert "Acute hulp" in (out / "site" / "segmenten" / "crisis.html").read_text(encoding="utf-8")
