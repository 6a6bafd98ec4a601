"""Incremental builds: a record of what a build read, so an unchanged project is not built again,
and a cache of PDFs by content, so only documents whose print HTML changed are rendered again.

* Record: `build/.bestek-record.json` holds a fingerprint of the code and theme, the build options,
  the listing of content/ and templates/, and the SHA-256 of every project file the build read
  (config, content, templates, images, attachments, logo). A new build with the same fingerprint
  touches nothing and reports the recorded result.
* PDF cache: `<project>/.bestek-cache/pdf/<key>.pdf`, keyed by the SHA-256 of the print HTML, the
  project files it may fetch, the theme and the code. Entries not used by a build are removed.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .paths import THEME_DIR

RECORD = ".bestek-record.json"
CACHE_DIR = ".bestek-cache"
PACKAGE_DIR = Path(__file__).resolve().parent
WATCHED = ("content", "templates")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


_CODE_AND_THEME: str | None = None


def code_and_theme() -> str:
    """Fingerprint of Bestek itself: its version, its code and the default theme (templates, fonts)."""
    global _CODE_AND_THEME
    if _CODE_AND_THEME is None:
        _CODE_AND_THEME = _sha(f"{__version__}\0{_tree_digest(PACKAGE_DIR)}\0{_tree_digest(THEME_DIR)}".encode())
    return _CODE_AND_THEME


def _listing(root: Path) -> list[str]:
    found = ["config.yaml"] if (root / "config.yaml").is_file() else []
    for name in WATCHED:
        folder = root / name
        if folder.is_dir():
            found += sorted(str(p.relative_to(root)) for p in folder.rglob("*") if p.is_file())
    return found


@dataclass(frozen=True)
class Record:
    """What a finished build read and produced; stored next to its output."""

    fingerprint: str
    inputs: dict[str, str]  # project path -> sha256
    result: dict[str, Any]  # pages, pdfs, indexed, package, warnings


def hashes(root: Path, files: list[str]) -> dict[str, str]:
    """The SHA-256 of each of these project files ("absent" for a missing one)."""
    return {relative: _sha((root / relative).read_bytes()) if (root / relative).is_file() else "absent"
            for relative in sorted(files)}


def inputs_of(root: Path, extra_files: list[str]) -> dict[str, str]:
    """The SHA-256 of every file in the listing plus `extra_files` (images, attachments, logo)."""
    return hashes(root, sorted(set(_listing(root)) | set(extra_files)))


def build_options(pdf: bool | None, package: bool) -> dict[str, Any]:
    """The options of a build that change its output (the number of processes does not)."""
    return {"pdf": pdf, "package": package, "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH")}


def previous_build(root: Path, out: Path | None, pdf: bool | None, package: bool) -> dict[str, Any] | None:
    """The recorded result when the output of this project is already up to date, else None. Needs none
    of the pipeline's modules, so `bestek build` with nothing to do answers in a fraction of a second."""
    from .output import OutputFolder
    options = build_options(pdf, package)
    return OutputFolder(out or root / "build", reuse=lambda folder: unchanged(folder, root, options)).peek()


def fingerprint(options: dict[str, Any]) -> str:
    return _sha(json.dumps({"code": code_and_theme(), "options": options}, sort_keys=True).encode())


def write_record(folder: Path, record: Record) -> None:
    data = {"fingerprint": record.fingerprint, "inputs": record.inputs, "result": record.result}
    (folder / RECORD).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def unchanged(out: Path, root: Path, options: dict[str, Any]) -> dict[str, Any] | None:
    """The recorded result when the build in `out` came from exactly these inputs, else None."""
    try:
        data = json.loads((out / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("fingerprint") != fingerprint(options):
        return None
    recorded: dict[str, str] = data.get("inputs", {})
    listed = set(_listing(root))
    if not listed <= set(recorded):
        return None  # a new file in content/ or templates/
    try:
        if inputs_of(root, [p for p in recorded if p not in listed]) != recorded:
            return None
    except OSError:
        return None
    return data.get("result")


class PdfCache:
    """PDFs by the SHA-256 of everything that determines them; `None` folder: no cache."""

    def __init__(self, folder: Path | None, files: dict[str, bytes]):
        self.folder = folder
        project_files = hashlib.sha256()
        for path in sorted(files):
            project_files.update(path.encode() + b"\0" + _sha(files[path]).encode() + b"\0")
        self.salt = f"{code_and_theme()}\0{project_files.hexdigest()}\0"
        self.used: set[str] = set()

    def key(self, html: str) -> str:
        return _sha((self.salt + html).encode("utf-8"))

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        if self.folder is None:
            return None
        try:
            return (self.folder / f"{key}.pdf").read_bytes()
        except OSError:
            return None

    def put(self, key: str, pdf: bytes) -> None:
        self.used.add(key)
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".{key}.{os.getpid()}.tmp"
        temporary.write_bytes(pdf)
        os.replace(temporary, self.folder / f"{key}.pdf")  # atomic: a killed build leaves no half PDF

    def prune(self) -> None:
        """Remove the entries this build did not use (the cache holds one build's PDFs)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix == ".pdf" and path.stem not in self.used:
                path.unlink(missing_ok=True)
