"""The user's cache folder and this machine's key: the only state Bestek trusts between builds.

Nothing inside a project folder is trusted: a project is shared, copied and synchronised, and a
colleague's (or an attacker's) file there must not end up in a published PDF or be reported as an
up-to-date build. What Bestek keeps between builds lives in the user's own cache folder, as the
compiled templates do (render.py):

    $XDG_CACHE_HOME/bestek/      (or ~/.cache/bestek/ when XDG_CACHE_HOME is not set)
        key                      32 random bytes, mode 0600: this machine's key for this user
        pdf/<project>/<k>.pdf    the PDF cache of one project folder (incremental.py)

Whatever Bestek keeps, here or next to its output (the build record), carries an HMAC-SHA256 with
the key, so an entry someone changed is detected and ignored. A cache folder that cannot be made or
written disables the cache for that build with a warning; the build itself goes on (incremental.py).
Standard library only: the command line answers an unchanged build without loading the pipeline.
"""
from __future__ import annotations

import errno
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from generator.core.errors import os_reason

KEY_FILE = "key"
KEY_BYTES = 32
_keys: dict[Path, bytes] = {}


class CacheUnavailable(Exception):
    """The user's cache folder cannot be used; str() is the Dutch warning that says so."""

    def __init__(self, folder: Path, error: OSError):
        super().__init__(f"waarschuwing: de cachemap '{folder}' is niet te gebruiken ({os_reason(error)}); "
                         "Bestek bouwt nu zonder cache (alle PDF's worden opnieuw gemaakt). Maak de map "
                         "schrijfbaar of zet XDG_CACHE_HOME op een map waarin u mag schrijven.")
        self.folder = folder


def cache_root() -> Path:
    """The user's cache folder for Bestek (XDG base directory convention)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(os.path.abspath(base)) / "bestek"


def project_folder(kind: str, root: Path) -> Path:
    """The cache folder of one project (by its resolved path) for `kind` ("pdf")."""
    return cache_root() / kind / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32]


def machine_key() -> bytes:
    """This user's key on this machine, made on first use; CacheUnavailable when it cannot be."""
    root = cache_root()
    if root in _keys:
        return _keys[root]
    path = root / KEY_FILE
    try:
        key = _read_key(path)
        if key is None:
            root.mkdir(parents=True, exist_ok=True, mode=0o700)
            temporary = root / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, secrets.token_bytes(KEY_BYTES))
            finally:
                os.close(fd)
            try:
                try:
                    os.link(temporary, path)  # never replaces a key another build made meanwhile
                except FileExistsError:
                    if _read_key(path) is None:  # not a key of ours: replace it
                        os.replace(temporary, path)
            finally:
                temporary.unlink(missing_ok=True)
            key = _read_key(path)
            if key is None:
                raise OSError(0, "de sleutel is na het schrijven niet te lezen", str(path))
    except OSError as error:
        raise CacheUnavailable(root, error) from error
    _keys[root] = key
    return key


def _read_key(path: Path) -> bytes | None:
    """The key in `path`, or None when there is none (or it is not a key: wrong size, not a file)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:  # a symlink: not a key of ours
            return None
        raise
    try:
        data = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    return data if len(data) == KEY_BYTES else None


def sign(key: bytes, *parts: bytes) -> str:
    """HMAC-SHA256 over `parts` (each length-prefixed, so they cannot be shifted into each other)."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        mac.update(len(part).to_bytes(8, "big") + part)
    return mac.hexdigest()


def verify(key: bytes, signature: object, *parts: bytes) -> bool:  # any value read from a file
    return isinstance(signature, str) and hmac.compare_digest(sign(key, *parts), signature)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tree_digest(folder: Path, pattern: str = "*") -> str:
    """The SHA-256 of the files below `folder` whose names match `pattern` (their paths and bytes), bytecode aside."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


_CODE_AND_THEME: str | None = None


def code_and_theme() -> str:
    """Fingerprint of Bestek itself: its version, its code and the default theme (templates, fonts); part of
    the key of everything cached, so another Bestek never takes this one's state."""
    global _CODE_AND_THEME
    if _CODE_AND_THEME is None:
        from generator import __version__  # the package root holds only the version
        from generator.core.paths import THEME_DIR

        package = Path(__file__).resolve().parent.parent
        _CODE_AND_THEME = sha(f"{__version__}\0{tree_digest(package)}\0{tree_digest(THEME_DIR)}".encode())
    return _CODE_AND_THEME
