"""Stage 5 of `bestek gunning`: write the confidential documents to vertrouwelijk/ in the output folder
(build/vertrouwelijk/), readable by the owner only, changed only as a whole.

* The folder has mode 0700 and every file 0600, whatever the umask: letters and scores are for the officer.
* Written under the build's lock (`.build.lock` next to build/, as write/output.py takes it), so a build and
  `bestek gunning` never write the same output folder at once.
* The files go into a temporary folder beside the old one, which is renamed into place when everything was
  written; a failure leaves the old folder as it was.
* Never deletes a user's file: the folder carries a manifest (`.bestek-vertrouwelijk.json`) with the SHA-256 of
  every file `bestek gunning` wrote. An existing folder is replaced only when it holds exactly those files,
  unchanged; a file someone added or changed there (a signed letter, a note) stops the command with its name.
* The output folder itself may not be the project, contain it or lie in its input (write/output.py's rules), and
  must be an output folder of Bestek (its marker) or new: then it is made, with the marker, so that a later
  `bestek build` may replace it; a build carries vertrouwelijk/ over into its new output (write/output.py).
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from pathlib import Path

from generator.core.errors import EnvironmentProblem, UsageError, os_reason
from generator.core.paths import CONFIDENTIAL_DIR
from generator.write.output import MARKER, MARKER_TEXT, check_location, is_marker, lock_output, unlock_output

MANIFEST = ".bestek-vertrouwelijk.json"
FOLDER_MODE, FILE_MODE = 0o700, 0o600


def _prepare_output(out: Path) -> None:
    """The output folder exists and is Bestek's (its marker), or is made now with the marker."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"de uitvoermap '{out}' is een bestand, geen map; kies met --out een (nieuwe) map")
    if not out.exists():
        out.mkdir(parents=True)
        (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        return
    entries = sorted(entry.name for entry in out.iterdir())
    if entries and not is_marker(out / MARKER):
        shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
        raise UsageError(f"de uitvoermap '{out}' is niet leeg en niet door Bestek gemaakt (er staat geen {MARKER} in, "
                         f"wel {shown}); kies met --out de uitvoermap van uw builds of een nieuwe map")
    if not entries:
        (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _sha(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _check_replaceable(folder: Path) -> None:
    """The existing folder holds only what `bestek gunning` wrote there, unchanged."""
    if folder.is_symlink() or not folder.is_dir():
        raise UsageError(f"'{folder}' is geen map van Bestek (een bestand of snelkoppeling); verplaats het en probeer "
                         "het opnieuw")
    try:
        recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        recorded = None
    present = sorted(entry.name for entry in folder.iterdir() if entry.name != MANIFEST)
    if not isinstance(recorded, dict):
        if present:
            shown = ", ".join(present[:3]) + (", ..." if len(present) > 3 else "")
            raise UsageError(f"in '{folder}' staan bestanden die 'bestek gunning' daar niet schreef ({shown}); Bestek "
                             "vervangt deze map in haar geheel en verwijdert nooit uw bestanden: verplaats ze en "
                             "probeer het opnieuw")
        return
    foreign = [name for name in present if name not in recorded or not (folder / name).is_file()
               or (folder / name).is_symlink() or _sha(folder / name) != recorded[name]]
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise UsageError(f"in '{folder}' staan bestanden die sinds 'bestek gunning' zijn toegevoegd of gewijzigd "
                         f"({shown}); Bestek vervangt deze map in haar geheel en verwijdert nooit uw bestanden: "
                         "verplaats ze (een ondertekende brief hoort in het dossier) en probeer het opnieuw")


def _write(folder: Path, name: str, data: bytes) -> None:
    fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def write_confidential(out: Path, files: dict[str, bytes], project: Path) -> Path:
    """Replace out/vertrouwelijk/ with `files` (name -> bytes); returns the folder."""
    out = Path(os.path.abspath(out))
    check_location(out, project)
    fd = lock_output(out)  # the build's own lock: a build and bestek gunning never write out/ at once
    temporary: Path | None = None
    try:
        _prepare_output(out)
        folder = out / CONFIDENTIAL_DIR
        if folder.exists() or folder.is_symlink():
            _check_replaceable(folder)
        temporary = out / f".{CONFIDENTIAL_DIR}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
        temporary.mkdir(mode=FOLDER_MODE)
        os.chmod(temporary, FOLDER_MODE)
        for name, data in sorted(files.items()):
            _write(temporary, name, data)
        manifest = {"files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())}}
        _write(temporary, MANIFEST, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8"))
        old = out / f".{CONFIDENTIAL_DIR}.old-{os.getpid()}-{secrets.token_hex(4)}"
        if folder.exists():
            os.rename(folder, old)
        try:
            os.rename(temporary, folder)
        except OSError:
            if old.exists():
                os.rename(old, folder)
            raise
        temporary = None
        shutil.rmtree(old, ignore_errors=True)
        return folder
    except OSError as exc:
        raise EnvironmentProblem(f"'{out / CONFIDENTIAL_DIR}' kon niet worden geschreven: {os_reason(exc)}; de vorige "
                                 "inhoud is ongewijzigd") from exc
    finally:
        if temporary is not None and temporary.exists():
            shutil.rmtree(temporary, ignore_errors=True)
        unlock_output(fd)
