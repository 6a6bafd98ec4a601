"""Stage 1, load: the project's releases, `releases/<version>/release.json` with the PDFs published then.

A release is written by `bestek release` and is kept with the project (in git). Like everything in the
project folder it is read as untrusted input: through `read_file` (no symlink out, nothing hidden, a size
limit), its JSON parsed as YAML (JSON is YAML) for positions in messages (by Python's json where that gives
the same data, load/jsonfast.py), its PDFs read only when the release names them and only under their
document's name. Its shape, checksums and order are checked by
validate/changes.py.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.errors import ContentError
from generator.load.jsonfast import read_json
from generator.load.parsecache import remembered
from generator.load.yamlcache import parse_yaml
from generator.load.yamlsource import YamlDocument

RELEASES_DIR = "releases"
RELEASE_FILE = "release.json"
MAX_RELEASE_BYTES = 16 * 1024 * 1024
MAX_PDF_BYTES = 64 * 1024 * 1024
MAX_RELEASES = 200
VERSION = re.compile(r"[0-9]+(\.[0-9]+)*")
PDF_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.pdf")


@dataclass
class LoadedRelease:
    """One release folder: its version (the folder's name), release.json with positions, its PDFs."""

    version: str
    path: str  # releases/1.0/release.json
    data: YamlDocument
    #: PDF file name -> bytes, for the names release.json lists
    pdfs: dict[str, bytes] = field(default_factory=dict)


def _found(document: YamlDocument | None) -> bool:
    """A release.json the fast reader read: the only kind the user's cache keeps (parsecache.py)."""
    return document is not None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def load_releases(root: Path, errors: list[ContentError],
                  read_file: Callable[[Path, str, int], bytes | str]) -> list[LoadedRelease]:
    """The releases in the project, oldest first; problems as content errors. `read_file` is load/project.py's
    (every project file is read through it)."""
    folder = root / RELEASES_DIR
    if not folder.exists():
        return []
    if folder.is_symlink() or not folder.is_dir():
        errors.append(ContentError(f"{RELEASES_DIR}/", 1, 1, "releases/ moet een gewone map zijn, met per release "
                                                            "een map zoals releases/1.0/; geen snelkoppeling"))
        return []
    releases = []
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    for entry in entries[:MAX_RELEASES]:
        where = f"{RELEASES_DIR}/{entry.name}"
        if not entry.is_dir() or entry.is_symlink() or not VERSION.fullmatch(entry.name):
            errors.append(ContentError(where, 1, 1, "in releases/ staat alleen per release een map met de versie als "
                                                    "naam (zoals releases/1.0/), gemaakt door 'bestek release'"))
            continue
        relative = f"{where}/{RELEASE_FILE}"
        raw = read_file(root, relative, MAX_RELEASE_BYTES)
        if isinstance(raw, str):
            errors.append(ContentError(relative, 1, 1, f"{relative} {raw}; 'bestek release' maakt dit bestand, "
                                                       "haal de release terug uit uw versiebeheer (git)"))
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            errors.append(ContentError(relative, 1, 1, "het bestand is geen UTF-8; haal de release terug uit uw "
                                                       "versiebeheer (git)"))
            continue
        # fast, when certainly what YAML reads (load/jsonfast.py); kept in the user's cache (parsecache.py)
        document = remembered("json", text, (relative,), functools.partial(read_json, text, relative), _found)
        if document is None:
            document, problems = parse_yaml(text, relative)
            errors.extend(problems)
            if document is None or problems:
                continue
        release = LoadedRelease(entry.name, relative, document)
        data = document.data if isinstance(document.data, dict) else {}
        for item in data.get("documents") or [] if isinstance(data.get("documents"), list) else []:
            name = item.get("pdf") if isinstance(item, dict) else None
            if isinstance(name, str) and PDF_NAME.fullmatch(name):
                pdf = read_file(root, f"{where}/{name}", MAX_PDF_BYTES)
                if isinstance(pdf, bytes):
                    release.pdfs[name] = pdf
        releases.append(release)
    if len(entries) > MAX_RELEASES:
        errors.append(ContentError(f"{RELEASES_DIR}/", 1, 1, f"meer dan {MAX_RELEASES} releases; Bestek leest de "
                                                            f"eerste {MAX_RELEASES}"))
    return sorted(releases, key=lambda r: _version_key(r.version))
