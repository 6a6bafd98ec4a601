"""Parsed texts kept between commands in the user's cache folder, so that a command parses only the texts that
changed since the last one. Part of the load stage.

Parsing the project's YAML and its documents' Markdown is most of loading (on the large tender of `make bench`
about 50 ms of a `check`). What parsing one text gives depends only on that text, where it stands (its path and
first line) and the code that parses it, which is the load stage's and core/'s. So a parse without any mistake
is kept under the SHA-256 of those, signed with this machine's key (core/usercache.py) as the PDF cache is:

    $XDG_CACHE_HOME/bestek/parsed/<first two hex digits>/<sha256>    signature (64 hex digits) + pickled result

An entry is unpickled only when its signature, over its name and its bytes, holds: only this user's Bestek on
this machine wrote it, for this very text. One that does not verify or load is parsed again and replaced. A text
with a mistake is never kept, so its messages are always made afresh. Nothing of the project folder is trusted
or written. A cache folder that cannot be used means every text is parsed, as without the cache (only time is
lost; a build says so for the PDF cache). Each of the 256 subfolders keeps its newest KEEP entries. The
confidential evaluation (load/confidential.py) and the award result (load/award_result.py) are never kept: they
are parsed by yamlsource.py directly. The official code lists Bestek ships (core/codelists.py) are kept the same
way by validate/codes.py. While `bestek serve` runs, the copies in its memory come first
(yamlcache.py, core/markdown.py keep_outlines).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from generator.core.usercache import CacheUnavailable, cache_root, machine_key, sha, sign, tree_digest, verify

T = TypeVar("T")
FOLDER = "parsed"
KEEP = 16  # entries per subfolder (4,096 in all): past it, the oldest are removed
MAX_BYTES = 64 * 1024 * 1024  # a larger entry is not one of ours
SIGNATURE = 64  # hex digits of the HMAC-SHA256

_code: str | None = None


def code_digest() -> str:
    """The SHA-256 of Bestek's version, Python's and the code that parses (core/ and load/)."""
    global _code
    if _code is None:
        from generator import __version__

        package = Path(__file__).resolve().parent.parent
        code = "\0".join(tree_digest(package / folder, "*.py") for folder in ("core", "load"))
        _code = sha(f"{__version__}\0{sys.version}\0{code}".encode())
    return _code


def remembered(kind: str, text: str, where: tuple, make: Callable[[], T], keep: Callable[[T], bool]) -> T:
    """What make() gives for `text` of `kind` ("yaml", "outline", "json", "codelist") standing at `where` (its
    path and first line): from the cache when an earlier command kept it, else made, and kept when keep(result)
    says it has no mistake.
    Every call returns objects of its own (unpickled, or just made)."""
    try:
        key = machine_key()
    except CacheUnavailable:
        return make()
    name = hashlib.sha256("\0".join((code_digest(), kind, repr(where), text)).encode("utf-8", "surrogatepass"))
    entry = name.hexdigest()
    path = cache_root() / FOLDER / entry[:2] / entry
    found = _read(path, key, entry)
    if found is not None:
        return found  # type: ignore[return-value]
    result = make()
    if keep(result):
        _write(path, key, entry, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


def _read(path: Path, key: bytes, entry: str) -> object | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError:
        return None
    signature, payload = data[:SIGNATURE].decode("ascii", "replace"), data[SIGNATURE:]
    if len(data) > MAX_BYTES or not verify(key, signature, entry.encode(), payload):
        return None
    try:
        return pickle.loads(payload)  # signed by this machine's key: written by _write below
    except Exception:  # an entry of an older pickle that no longer loads: parsed again
        return None


def _write(path: Path, key: bytes, entry: str, payload: bytes) -> None:
    folder = path.parent
    temporary = folder / f".{entry}.{os.getpid()}.{secrets.token_hex(4)}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(sign(key, entry.encode(), payload).encode("ascii") + payload)
        os.replace(temporary, path)
        _prune(folder)
    except OSError:  # a full disk, a read-only folder: this text is parsed again next time
        temporary.unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    entries = []
    with os.scandir(folder) as found:
        for item in found:
            if item.is_file(follow_symlinks=False) and not item.name.startswith("."):
                entries.append((item.stat(follow_symlinks=False).st_mtime_ns, item.name))
    for _, name in sorted(entries)[:max(0, len(entries) - KEEP)]:
        (folder / name).unlink(missing_ok=True)
