"""The PDF cache: `<user cache>/bestek/pdf/<project>/<key>.pdf`, keyed by the SHA-256 of the print HTML,
the project files it may fetch, the theme and the code, each entry signed with this machine's key
(core/usercache.py); an entry whose signature does not hold is removed and its PDF rendered again.
Entries a build did not use are removed. Nothing of this lives in the project folder (it is not
trusted). A cache that cannot be written is switched off for the build with one warning.
"""
from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import shutil
from pathlib import Path

from generator.core.usercache import CacheUnavailable, code_and_theme, project_folder, sha, sign

ENTRY_HEADER = b"bestek-pdf-cache 1\n"
PROJECT_NOTE = "project"  # in a project's cache folder: the project folder it belongs to


class PdfCache:
    """PDFs by the SHA-256 of everything that determines them, each entry signed with the machine key.
    `None` folder or key: no cache. A cache that cannot be written is switched off with a warning."""

    def __init__(self, folder: Path | None, files: dict[str, bytes], key: bytes | None = None,
                 warnings: list[str] | None = None):
        self.folder = folder if key is not None else None
        self.signing_key = key
        self.warnings = warnings if warnings is not None else []
        project_files = hashlib.sha256()
        for path in sorted(files):
            project_files.update(path.encode() + b"\0" + sha(files[path]).encode() + b"\0")
        self.salt = f"{code_and_theme()}\0{project_files.hexdigest()}\0"
        self.used: set[str] = set()
        self.project: Path | None = None  # the project folder, noted in the cache so prune can tell it is gone

    @classmethod
    def for_project(cls, root: Path, files: dict[str, bytes], key: bytes | None,
                    warnings: list[str]) -> PdfCache:
        """The cache of the project in `root`, in the user's cache folder (see usercache.py)."""
        cache = cls(project_folder("pdf", root) if key is not None else None, files, key, warnings)
        cache.project = root
        return cache

    def key(self, html: str) -> str:
        return sha((self.salt + html).encode("utf-8"))

    def _signature(self, key: str, pdf: bytes) -> bytes:
        assert self.signing_key is not None
        return sign(self.signing_key, b"bestek-pdf", key.encode("ascii"), pdf).encode("ascii")

    def get(self, key: str) -> bytes | None:
        """The cached PDF, or None; an entry whose signature does not hold is removed."""
        self.used.add(key)
        if self.folder is None:
            return None
        path = self.folder / f"{key}.pdf"
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head = len(ENTRY_HEADER) + 65  # header, 64 hex digits, newline
        signature, pdf = data[len(ENTRY_HEADER):head - 1], data[head:]
        if data.startswith(ENTRY_HEADER) and data[head - 1:head] == b"\n" and \
                hmac.compare_digest(signature, self._signature(key, pdf)):
            return pdf
        path.unlink(missing_ok=True)  # changed by someone, or not ours: rendered again
        return None

    def put(self, key: str, pdf: bytes) -> None:
        self.used.add(key)
        if self.folder is None:
            return
        temporary = self.folder / f".{key}.{os.getpid()}.tmp"
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if self.project is not None and not (self.folder / PROJECT_NOTE).exists():
                (self.folder / PROJECT_NOTE).write_text(str(self.project), encoding="utf-8")
            temporary.write_bytes(ENTRY_HEADER + self._signature(key, pdf) + b"\n" + pdf)
            os.replace(temporary, self.folder / f"{key}.pdf")  # atomic: a killed build leaves no half entry
        except OSError as error:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            self.warnings.append(str(CacheUnavailable(self.folder, error)))
            self.folder = None  # switched off for the rest of this build

    def prune(self) -> None:
        """Remove the entries this build did not use (the cache holds one build's PDFs), and the caches
        of projects whose folder no longer exists."""
        if self.folder is None or not self.folder.is_dir():
            return
        try:
            for path in self.folder.iterdir():
                if path.suffix == ".pdf" and path.stem not in self.used:
                    path.unlink(missing_ok=True)
            for other in self.folder.parent.iterdir():
                note = other / PROJECT_NOTE
                if other != self.folder and note.is_file() and not Path(note.read_text(encoding="utf-8")).exists():
                    shutil.rmtree(other, ignore_errors=True)
        except (OSError, ValueError):  # a cache that cannot be tidied is still a cache
            return

