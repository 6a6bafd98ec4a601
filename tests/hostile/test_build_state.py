"""Hostile build state: the output folder, the lock, a killed build, the PDF cache and the build record.

Nothing in the project folder or the output folder is trusted: `--out` never deletes a user's files, a
killed build never keeps the output locked, a changed cache entry or output file is never served as
up to date, and a full disk or an unusable cache folder is a Dutch message, not a traceback.
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from generator.cli import main
from generator.core import testhook
from generator.core.usercache import project_folder
from generator.incremental import RECORD
from generator.pipeline import build
from generator.write import output

from ..conftest import NOTICE_ORGANISATION, NOTICE_TENDER, REPO, write_project

SECOND = ('---\ntitle: Tweede notitie\nkind: notitie\nversion: "1"\nstatus: concept\n'
          'date: 2025-02-01\n---\n\n# Kop\n\nTekst.\n')


@pytest.fixture(autouse=True)
def user_cache(tmp_path, monkeypatch) -> Path:
    """The user's cache folder of these tests (PDF cache and machine key)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "gebruikerscache"))
    return tmp_path / "gebruikerscache" / "bestek"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p.is_dir())


def pdf_project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "project", {"config.yaml": "pdf:\n  enabled: true\n",
                                                "content/documents/tweede.md": SECOND})


def package_project(tmp_path: Path) -> Path:
    project = write_project(tmp_path / "project", {"config.yaml": "pdf:\n  enabled: true\n",
                                                   "content/organisation.yaml": NOTICE_ORGANISATION})
    tender = project / "content" / "tender.yaml"
    tender.write_text(tender.read_text().replace("reference: TL-2026\n",
                                                 'reference: TL-2026\nversion: "1.0"\n' + NOTICE_TENDER))
    notitie = project / "content" / "documents" / "notitie.md"
    notitie.write_text(notitie.read_text().replace("kind: notitie\n",
                                                   "kind: notitie\ntenderned: aanbestedingsdocumenten\n"))
    return project


# --- where the output may go ---

def test_out_slash_is_refused_before_anything_is_created(make_project, capsys):
    assert not Path("/..lock").exists()
    code, out, err = run(capsys, "build", "--project", str(make_project()), "--out", "/")
    assert (code, out) == (2, "")
    assert err == ("de uitvoermap mag niet de hoofdmap '/' van het bestandssysteem zijn: Bestek vervangt de "
                   "uitvoermap in haar geheel; kies met --out een nieuwe map\n")
    assert not Path("/..lock").exists()


@pytest.mark.parametrize("where, message", [
    (".", "de uitvoermap '{out}' is de projectmap zelf: Bestek vervangt de uitvoermap in haar geheel; kies met "
          "--out een nieuwe map (standaard: build/ in de projectmap)"),
    ("..", "de uitvoermap '{out}' bevat de projectmap '{project}': Bestek vervangt de uitvoermap in haar geheel; "
           "kies met --out een nieuwe map (standaard: build/ in de projectmap)"),
    ("content/uit", "de uitvoermap '{out}' ligt in content/ van het project, dat Bestek als invoer leest; kies met "
                    "--out een map buiten content/ (standaard: build/ in de projectmap)"),
    ("templates/site", "de uitvoermap '{out}' ligt in templates/ van het project, dat Bestek als invoer leest; kies "
                       "met --out een map buiten templates/ (standaard: build/ in de projectmap)"),
])
def test_out_may_not_be_the_project_contain_it_or_lie_in_its_input(make_project, capsys, where, message):
    project = make_project()
    before = snapshot(project.parent)
    out = Path(os.path.abspath(project / where))
    for command in ("build", "package"):
        code, stdout, err = run(capsys, command, "--project", str(project), "--out", str(out))
        assert (code, stdout, err) == (2, "", message.format(out=out, project=project) + "\n")
    assert snapshot(project.parent) == before  # not even a lock file


def test_a_users_folder_with_only_site_pdf_and_package_is_kept(make_project, tmp_path, capsys):
    """The severe case of the issue: a folder holding only pdf/, site/, package/ was taken for an old build."""
    out = tmp_path / "mijn-documenten"
    for name in ("pdf/offerte.pdf", "site/index.html", "package/archief.zip"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(b"eigen werk " + name.encode())
    before = snapshot(out)
    code, stdout, err = run(capsys, "build", "--project", str(make_project()), "--out", str(out))
    assert (code, stdout) == (2, "")
    assert err.startswith(f"de uitvoermap '{out}' is niet leeg en niet door Bestek gemaakt (er staat geen "
                          ".bestek-build in, wel package, pdf, site)")
    assert snapshot(out) == before


# --- the lock and a killed build ---

def children(pid: int) -> list[int]:
    """The live processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def lock_is_free(lock: Path) -> bool:
    with open(lock, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def start_paused_build(project: Path, out: Path, paused: Path) -> tuple[subprocess.Popen, list[int]]:
    """A real `python -m generator build --jobs 2` paused after its first PDF (the test hook in output.py),
    with its two PDF workers running; returns the process and the workers' ids."""
    env = {**os.environ, testhook.PAUSE_VARIABLE: str(paused)}
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--project", str(project), "--out",
                                str(out), "--jobs", "2"], cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not paused.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never reached its first PDF"
        time.sleep(0.05)
    workers = children(process.pid)
    assert len(workers) == 2, workers  # the PDFs were not cached: both rendered in forked workers
    return process, workers


def wait_until(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_a_killed_parallel_build_leaves_no_worker_and_no_lock(tmp_path, capsys, how):
    """SIGKILL or SIGTERM of a `--jobs 2` build half way through its PDFs: the forked workers die with it
    (they never held the lock), the lock is free at once and the next build succeeds. SIGTERM cleans up
    like Ctrl+C: exit 143, the temporary folder removed."""
    project = pdf_project(tmp_path)
    out = tmp_path / "uit"
    lock = tmp_path / ".uit.lock"
    process, workers = start_paused_build(project, out, tmp_path / "gepauzeerd")
    try:
        for worker in workers:  # the lock is not inherited: no worker has the lock file open
            held = {os.path.realpath(fd) for fd in (Path("/proc") / str(worker) / "fd").iterdir()}
            assert str(lock) not in held
        assert not lock_is_free(lock)  # the build itself still holds it
        process.send_signal(getattr(signal, how))
        process.wait(timeout=60)
        # read the output only once the workers are gone (an orphan would hold the pipes open)
        assert wait_until(lambda: not any(alive(worker) for worker in workers)), "a PDF worker outlived the build"
        stdout, stderr = process.communicate(timeout=60)
    finally:  # a failing run leaves no process behind either
        for pid in [process.pid, *workers]:
            if alive(pid) and str(project).encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(pid, signal.SIGKILL)
        process.wait()
    assert lock_is_free(lock)
    if how == "SIGTERM":
        assert (process.returncode, stdout, stderr) == (143, "", "afgebroken (SIGTERM)\n")
        assert leftovers(out) == []
    else:
        assert process.returncode == -signal.SIGKILL
        assert len(leftovers(out)) == 1  # removed by the next build
    started = time.monotonic()
    assert run(capsys, "build", "--project", str(project), "--out", str(out), "--jobs", "2")[0] == 0
    assert time.monotonic() - started < 60
    assert leftovers(out) == [] and (out / "pdf" / "tweede.pdf").is_file()


def _child_sees_the_lock(lock: str, queue) -> None:
    with open(lock, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            queue.put("vrij")
        except BlockingIOError:
            queue.put("bezet")
    queue.put(sorted(os.path.realpath(fd) for fd in Path("/proc/self/fd").iterdir()))


def test_a_fork_closes_its_copy_of_the_lock_and_the_build_keeps_it(make_project, tmp_path):
    """flock belongs to the open file description: the child's close does not release the build's lock."""
    folder = output.OutputFolder(tmp_path / "uit", project=make_project())
    with folder:
        context = multiprocessing.get_context("fork")
        queue = context.Queue()
        child = context.Process(target=_child_sees_the_lock, args=(str(folder.lock_path), queue))
        child.start()
        state, descriptors = queue.get(timeout=30), queue.get(timeout=30)
        child.join(timeout=30)
        assert state == "bezet"  # the build (the parent) still holds the lock after the child closed its copy
        assert str(folder.lock_path) not in descriptors  # the child's inherited copy was closed at the fork
        assert not lock_is_free(folder.lock_path)
    assert lock_is_free(folder.lock_path)


def test_a_stale_lock_file_does_not_block(make_project, tmp_path, capsys):
    (tmp_path / ".uit.lock").write_text("12345", encoding="utf-8")  # left by a build long gone
    code, out, err = run(capsys, "build", "--project", str(make_project()), "--out", str(tmp_path / "uit"))
    assert (code, err) == (0, "")


# --- the PDF cache and the record are not trusted ---

def tamper_cache(project: Path, evil: bytes) -> list[Path]:
    """Replace the PDF inside every cache entry of `project`, keeping header and signature."""
    entries = sorted(project_folder("pdf", project).glob("*.pdf"))
    for entry in entries:
        data = entry.read_bytes()
        head = data.index(b"\n", data.index(b"\n") + 1) + 1
        entry.write_bytes(data[:head] + evil)
    return entries


def test_a_tampered_cache_entry_never_reaches_the_tender_package(tmp_path, capsys):
    project = package_project(tmp_path)
    assert run(capsys, "package", "--project", str(project), "--out", str(tmp_path / "eerst"))[0] == 0
    honest = (tmp_path / "eerst" / "pdf" / "notitie.pdf").read_bytes()
    evil = b"%PDF-1.7\n% vervalst door een collega\n"
    entries = tamper_cache(project, evil)
    assert len(entries) == 1
    # a planted cache in the project folder, as an older Bestek kept it, is ignored too (and left alone)
    planted = project / ".bestek-cache" / "pdf" / f"{entries[0].stem}.pdf"
    planted.parent.mkdir(parents=True)
    planted.write_bytes(evil)
    code, out, err = run(capsys, "package", "--project", str(project), "--out", str(tmp_path / "daarna"))
    assert (code, err) == (0, "")
    with zipfile.ZipFile(tmp_path / "daarna" / "package" / "TL-2026-1.0.zip") as package:
        pdf = package.read("Aanbestedingsdocumenten/notitie.pdf")
        manifest = json.loads(package.read("manifest.json"))
    assert pdf == honest and evil not in pdf
    assert hashlib.sha256(honest).hexdigest() in json.dumps(manifest)
    assert (tmp_path / "daarna" / "pdf" / "notitie.pdf").read_bytes() == honest
    assert not entries[0].read_bytes().endswith(evil)  # rendered again and stored with a valid signature
    assert planted.read_bytes() == evil


def test_a_changed_output_file_is_never_reported_as_up_to_date(tmp_path, capsys):
    project = pdf_project(tmp_path)
    out = tmp_path / "uit"
    assert run(capsys, "build", "--project", str(project), "--out", str(out))[0] == 0
    before = snapshot(out)
    assert run(capsys, "build", "--project", str(project), "--out", str(out))[1].startswith("Niets gewijzigd")

    index = out / "site" / "index.html"
    index.write_text(index.read_text().replace("</body>", "<script>alert(1)</script></body>"))
    code, stdout, err = run(capsys, "build", "--project", str(project), "--out", str(out))
    assert (code, err) == (0, "") and stdout.startswith("Klaar: ")
    assert snapshot(out) == before

    (out / "site" / "extra.html").write_text("<script>alert(1)</script>")  # a file added to the output
    assert run(capsys, "build", "--project", str(project), "--out", str(out))[1].startswith("Klaar: ")
    assert snapshot(out) == before


def test_a_forged_record_is_not_trusted(tmp_path, capsys):
    """Changing an output file and writing its new hash into the record does not help: the record's
    signature is made with the machine key in the user's cache folder, which the project never holds."""
    project = pdf_project(tmp_path)
    out = tmp_path / "uit"
    assert run(capsys, "build", "--project", str(project), "--out", str(out))[0] == 0
    before = snapshot(out)
    index = out / "site" / "index.html"
    forged = index.read_bytes().replace(b"</body>", b"<script>alert(1)</script></body>")
    index.write_bytes(forged)
    record = json.loads((out / RECORD).read_text())
    record["outputs"]["site/index.html"] = hashlib.sha256(forged).hexdigest()
    (out / RECORD).write_text(json.dumps(record))
    assert run(capsys, "build", "--project", str(project), "--out", str(out))[1].startswith("Klaar: ")
    assert snapshot(out) == before

    del record["signature"]  # a record without a signature (another machine, an older Bestek)
    (out / RECORD).write_text(json.dumps(record))
    assert run(capsys, "build", "--project", str(project), "--out", str(out))[1].startswith("Klaar: ")


def test_the_fast_path_verifies_the_output_too(tmp_path):
    """The command line's answer before loading the pipeline checks the output files as well."""
    project = pdf_project(tmp_path)
    out = tmp_path / "uit"
    build(project, out, pdf=False)
    (out / "site" / "colofon.html").write_text("vervalst")
    script = ("import sys\nfrom generator.cli import main\nmain(['build', '--no-pdf', '--project', sys.argv[1], "
              "'--out', sys.argv[2]])")
    result = subprocess.run([sys.executable, "-c", script, str(project), str(out)], capture_output=True, text=True,
                            check=True, cwd=REPO)
    assert result.stdout.startswith("Klaar: ")
    assert (out / "site" / "colofon.html").read_text() != "vervalst"


# --- a full disk, an unusable cache folder ---

def test_a_full_disk_is_a_dutch_message_naming_the_output_folder(tmp_path, capsys, monkeypatch):
    project = pdf_project(tmp_path)
    out = tmp_path / "uit"
    assert run(capsys, "build", "--project", str(project), "--out", str(out), "--no-pdf")[0] == 0
    before = snapshot(out)
    real = Path.write_bytes

    def full(self, data):  # write() of a full disk raises without a file name
        if ".uit.tmp-" in str(self) and str(self).endswith(".html"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    segments = project / "content" / "segments.yaml"
    segments.write_text(segments.read_text().replace("name: Crisis", "name: Acute hulp"))
    code, stdout, err = run(capsys, "build", "--project", str(project), "--out", str(out), "--no-pdf")
    assert (code, stdout) == (2, "")
    assert err == (f"de uitvoermap '{out}' kon niet worden geschreven: er is geen ruimte meer op de schijf (schijf "
                   "vol); de vorige uitvoer is ongewijzigd. Oplossing: maak ruimte vrij op de schijf (of kies met "
                   "--out een map op een andere schijf) en probeer het opnieuw\n")
    assert snapshot(out) == before and leftovers(out) == []


def test_an_unusable_cache_folder_builds_without_cache_with_a_warning(tmp_path, capsys, monkeypatch):
    """XDG_CACHE_HOME names a file (ENOTDIR; chmod would not stop root): the build goes on without cache."""
    blocked = tmp_path / "geen-map"
    blocked.write_text("een bestand")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    project = pdf_project(tmp_path)
    warning = (f"waarschuwing: de cachemap '{blocked / 'bestek'}' is niet te gebruiken (een deel van het pad is "
               "een bestand, geen map); Bestek bouwt nu zonder cache (alle PDF's worden opnieuw gemaakt). Maak de "
               "map schrijfbaar of zet XDG_CACHE_HOME op een map waarin u mag schrijven.\n")
    for _ in range(2):  # without a key nothing is taken for up to date: the second build is a build too
        code, stdout, err = run(capsys, "build", "--project", str(project), "--out", str(tmp_path / "uit"))
        assert (code, err) == (0, warning) and stdout.startswith("Klaar: ")
    assert blocked.read_text() == "een bestand"


def test_a_full_cache_disk_switches_the_cache_off_with_a_warning(tmp_path, capsys, monkeypatch, user_cache):
    project = pdf_project(tmp_path)
    folder = project_folder("pdf", project)
    real = Path.write_bytes

    def full(self, data):
        if self.is_relative_to(folder):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    code, stdout, err = run(capsys, "build", "--project", str(project), "--out", str(tmp_path / "uit"), "--jobs", "1")
    assert (code, err) == (0, f"waarschuwing: de cachemap '{folder}' is niet te gebruiken (er is geen ruimte meer "
                              "op de schijf (schijf vol)); Bestek bouwt nu zonder cache (alle PDF's worden opnieuw "
                              "gemaakt). Maak de map schrijfbaar of zet XDG_CACHE_HOME op een map waarin u mag "
                              "schrijven.\n")
    assert (tmp_path / "uit" / "pdf" / "tweede.pdf").is_file() and not list(folder.glob("*.pdf"))
