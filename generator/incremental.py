"""Incremental builds: a record of what a build read and wrote, so an unchanged project is not built again.

`build/.bestek-record.json` holds a fingerprint of the code and theme, the build options, the
listing of content/ and templates/, the SHA-256 of every project file the build read (config,
content, templates, images, attachments, logo) and of every file the build wrote, signed with this
machine's key (core/usercache.py). A new build answers "nothing changed" only when the signature
holds, the inputs are the same and every output file still has its recorded bytes: a record from
another machine, or an output folder someone changed, is built again. A cache folder that cannot be
used (read-only, a file in its place, a full disk) leaves the record unsigned for that build, with one
warning; the build itself goes on. The PDF cache is the render stage's (render/pdfcache.py).
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.paths import CONFIDENTIAL_DIR, PROJECT_INPUTS
from generator.core.usercache import CacheUnavailable, code_and_theme, machine_key, sha, sign, verify

RECORD = ".bestek-record.json"
RECORD_LIMIT = 16 * 1024 * 1024  # bytes: a larger record is not one of ours
def _listing(root: Path) -> list[str]:
    """Every file of the project's inputs (core/paths.py PROJECT_INPUTS), by its path in the project."""
    found: list[str] = []
    for name in PROJECT_INPUTS:
        entry = root / name
        if entry.is_file():
            found.append(name)
        elif entry.is_dir():
            found += sorted(str(p.relative_to(root)) for p in entry.rglob("*") if p.is_file())
    return found


@dataclass(frozen=True)
class Record:
    """What a finished build read and produced; stored next to its output."""

    fingerprint: str
    inputs: dict[str, str]  # project path -> sha256
    result: dict[str, Any]  # pages, pdfs, indexed, package, warnings


def hashes(root: Path, files: list[str]) -> dict[str, str]:
    """The SHA-256 of each of these project files ("absent" for a missing one)."""
    return {relative: sha((root / relative).read_bytes()) if (root / relative).is_file() else "absent"
            for relative in sorted(files)}


def inputs_of(root: Path, extra_files: list[str]) -> dict[str, str]:
    """The SHA-256 of every file in the listing plus `extra_files` (images, attachments, logo)."""
    return hashes(root, sorted(set(_listing(root)) | set(extra_files)))


def build_options(pdf: bool | None, package: bool) -> dict[str, Any]:
    """The options of a build that change its output (the number of processes does not)."""
    return {"pdf": pdf, "package": package, "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH")}


def fingerprint(options: dict[str, Any]) -> str:
    return sha(json.dumps({"code": code_and_theme(), "options": options}, sort_keys=True).encode())


#: what `bestek export` (write/exports.py) and `bestek export --docx` (write/docx.py) write into the output folder,
#: each a folder with its temporary and lock beside it: not the build's, so not compared
EXPORT_NAMES = ("export", ".export.", "docx", ".docx.")


def output_hashes(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file below `folder` (by its path, with /), other than the record itself and the
    exports; a symlink (which a build never writes) is listed as one, so it never matches a recorded file."""
    found: dict[str, str] = {}
    pending = [(folder, "")]
    while pending:
        current, prefix = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if not prefix and any(entry.name == name if not name.startswith(".") else entry.name.startswith(name)
                                      for name in EXPORT_NAMES):
                    continue
                if not prefix and entry.name == CONFIDENTIAL_DIR:
                    continue  # what `bestek gunning` wrote there is not the build's output (write/confidential.py)
                if entry.is_symlink():
                    found[relative] = "symlink"
                elif entry.is_dir():
                    pending.append((Path(entry.path), relative + "/"))
                elif relative != RECORD:
                    with open(entry.path, "rb") as file:
                        found[relative] = hashlib.file_digest(file, "sha256").hexdigest()
    return dict(sorted(found.items()))


def _signed_part(root: Path, data: dict[str, Any]) -> bytes:
    fields = {name: data.get(name) for name in ("fingerprint", "inputs", "outputs", "result")}
    return json.dumps({"project": str(root), **fields}, sort_keys=True, separators=(",", ":")).encode()


def write_record(folder: Path, record: Record, root: Path | None = None, key: bytes | None = None) -> None:
    """The record of the build in `folder`, with the hashes of everything in it; signed with `key` (a
    record without signature is never taken for an up-to-date build)."""
    data: dict[str, Any] = {"fingerprint": record.fingerprint, "inputs": record.inputs,
                            "outputs": output_hashes(folder), "result": record.result}
    if key is not None and root is not None:
        data["signature"] = sign(key, b"bestek-record", _signed_part(root, data))
    path = folder / RECORD
    try:
        path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    except OSError as error:  # with its path: output.py names the output folder in the message
        raise OSError(error.errno, error.strerror, str(path)) from error


def unchanged(out: Path, root: Path, options: dict[str, Any]) -> dict[str, Any] | None:
    """The recorded result when the build in `out` came from exactly these inputs, its record carries
    this machine's signature and every output file is as the build wrote it; else None."""
    try:
        with open(out / RECORD, "rb") as file:
            data = json.loads(file.read(RECORD_LIMIT + 1))
        key = machine_key()
    except (OSError, ValueError, CacheUnavailable):
        return None
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint(options):
        return None
    if not verify(key, data.get("signature"), b"bestek-record", _signed_part(root, data)):
        return None  # written elsewhere, without a key, or changed since
    recorded: dict[str, str] = data.get("inputs", {})
    listed = set(_listing(root))
    if not listed <= set(recorded):
        return None  # a new file in content/ or templates/
    try:
        if inputs_of(root, [p for p in recorded if p not in listed]) != recorded:
            return None
        if output_hashes(out) != data.get("outputs"):
            return None  # a file of the output was changed, added or removed since the build
    except OSError:
        return None
    return data.get("result")


def recorded_sections(out: Path, root: Path) -> dict[str, str]:
    """What the previous build's references by number pointed at ('document#3.2' -> heading title), from
    its record when this machine signed it for this project; else nothing (a record from elsewhere, or one
    changed since, is not trusted: references by number are then checked from this build on)."""
    try:
        with open(out / RECORD, "rb") as file:
            data = json.loads(file.read(RECORD_LIMIT + 1))
        key = machine_key()
    except (OSError, ValueError, CacheUnavailable):
        return {}
    if not isinstance(data, dict) or not verify(key, data.get("signature"), b"bestek-record", _signed_part(root, data)):
        return {}
    sections = (data.get("result") or {}).get("sections")
    if not isinstance(sections, dict):
        return {}
    return {k: v for k, v in sections.items() if isinstance(k, str) and isinstance(v, str)}


def trusted_key(warnings: list[str]) -> bytes | None:
    """The machine key, or None with the warning why the cache cannot be used added to `warnings`."""
    try:
        return machine_key()
    except CacheUnavailable as problem:
        warnings.append(str(problem))
        return None
