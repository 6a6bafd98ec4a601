"""The output folder, changed only as a whole: a lock against two builds at once, a temporary folder
next to it, and an atomic swap when everything succeeded. Part of the write stage.

    with OutputFolder(project / "build") as temporary:
        ...write everything below `temporary`...
    # only now, and only without an exception, is build/ replaced

* Lock: `fcntl.flock` on `.<name>.lock` next to the output folder (`build/` -> `.build.lock`), held for
  the whole build. A second build of the same output stops at once with a Dutch message (exit code 2).
  The lock file stays (removing it would let a third build lock a different file); the kernel releases
  the lock when the process ends, also after `kill -9`.
* Temporary folder: `.<name>.tmp-<pid>-<random>` next to the output folder, on the same file system.
  It is swapped in with one `renameat2(RENAME_EXCHANGE)` call (Linux): at every moment `build/` is
  either the complete old or the complete new output. Where the file system cannot exchange, the old
  folder is first renamed to `.<name>.old-...` and back into place by the next build if a crash hit
  between the two renames.
* A failed build removes its temporary folder; one left by a killed build is removed by the next.
* The output folder is Bestek's alone: it is replaced as a whole. Only an empty folder or one that
  carries Bestek's marker (`.bestek-build`, with its text) may be replaced; any other folder is refused
  (exit code 2), so `--out ~/Documenten` cannot wipe a user's files. That includes an output folder of a
  Bestek from before the marker: the message asks to remove it by hand.
* The location is checked before anything is created (not even the lock file): never `/`, the project
  folder, a folder that contains the project, or a folder inside its content/, templates/ (input) or
  vertrouwelijk/ (the confidential evaluation, which replacing the folder would delete).
* vertrouwelijk/ in the output folder belongs to `bestek gunning` (write/confidential.py): a build never reads
  it and carries it over, unchanged, into the output that replaces the old one (also after a killed build).
* The lock is not inherited by forked processes (the PDF workers of pdfpool.py): a fork closes its
  copy at once (`os.register_at_fork`). A flock belongs to the open file description, so the build's
  own descriptor keeps it; a worker that outlives a killed build holds nothing.
* A write that fails in the temporary folder (full disk, read-only file system) ends the build with
  a Dutch message naming the output folder (exit code 2); the previous output stays.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.core.errors import BestekError, EnvironmentProblem, UsageError, os_reason
from generator.core.paths import CONFIDENTIAL_DIR

MARKER = ".bestek-build"
MARKER_TEXT = ("Deze map is gemaakt door Bestek en wordt bij elke build in haar geheel vervangen.\n"
               "Zet hier geen eigen bestanden neer.\n")
#: project folders read as input: an output folder inside them is refused (vertrouwelijk/: the evaluation that
#: `bestek gunning` reads, which a build replacing its output folder would delete)
INPUT_FOLDERS = ("content", "templates", CONFIDENTIAL_DIR)
_RENAME_EXCHANGE = 2
#: lock descriptors this process holds; a forked child closes its copies (see the module doc)
_held_locks: set[int] = set()


def _close_inherited_locks() -> None:
    for fd in list(_held_locks):
        try:
            os.close(fd)
        except OSError:
            pass
    _held_locks.clear()


os.register_at_fork(after_in_child=_close_inherited_locks)


def lock_path(out: Path) -> Path:
    """The lock file of output folder `out`, beside it (every writer of `out` and its subfolders takes it)."""
    return out.parent / f".{out.name}.lock"


def lock_output(out: Path) -> int:
    """Take the exclusive lock of output folder `out` without waiting, or raise why not (in Dutch); returns the
    descriptor, closed in forked children (unlock_output releases it)."""
    path = lock_path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise EnvironmentProblem(f"de uitvoermap '{out}' is niet te schrijven: {os_reason(exc)}; kies met --out een "
                                 "map waarin u mag schrijven") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutputBusy(f"er loopt al een build naar '{out}'; wacht tot die klaar is en probeer het dan opnieuw "
                         f"(vergrendeld via {path.name})") from None
    _held_locks.add(fd)
    return fd


def unlock_output(fd: int) -> None:
    _held_locks.discard(fd)
    os.close(fd)  # closing the descriptor releases the flock


def check_location(out: Path, project: Path | None) -> None:
    """Refuse an output folder that must never be replaced as a whole (usage error, exit code 2)."""
    real = Path(os.path.realpath(out))
    if real.parent == real:
        raise UsageError(f"de uitvoermap mag niet de hoofdmap '{real}' van het bestandssysteem zijn: Bestek "
                         "vervangt de uitvoermap in haar geheel; kies met --out een nieuwe map")
    if project is None:
        return
    root = Path(os.path.realpath(project))
    if real == root:
        raise UsageError(f"de uitvoermap '{out}' is de projectmap zelf: Bestek vervangt de uitvoermap in haar "
                         "geheel; kies met --out een nieuwe map (standaard: build/ in de projectmap)")
    if root.is_relative_to(real):
        raise UsageError(f"de uitvoermap '{out}' bevat de projectmap '{root}': Bestek vervangt de uitvoermap in "
                         "haar geheel; kies met --out een nieuwe map (standaard: build/ in de projectmap)")
    for name in INPUT_FOLDERS:
        if real.is_relative_to(root / name):
            raise UsageError(f"de uitvoermap '{out}' ligt in {name}/ van het project, dat Bestek als invoer "
                             f"leest; kies met --out een map buiten {name}/ (standaard: build/ in de projectmap)")


def is_marker(path: Path) -> bool:
    """Whether `path` is Bestek's marker file (a regular file with exactly its text)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        return os.fstat(fd).st_size == len(MARKER_TEXT.encode()) and \
            os.read(fd, len(MARKER_TEXT.encode()) + 1) == MARKER_TEXT.encode()
    finally:
        os.close(fd)


class OutputBusy(BestekError):
    """Another build is writing the same output folder right now (exit code 2)."""


class OutputFolder:
    """Context manager: lock `out`, clean up leftovers, yield a fresh temporary folder, swap it in."""

    def __init__(self, out: Path, reuse: Callable[[Path], Any] | None = None, project: Path | None = None):
        """`reuse(out)`, called under the lock, may return the record of a previous build that is still
        up to date; then nothing is written or swapped, `__enter__` returns None and `reused` holds it.
        `project`: the project folder, which the output folder may not be, contain or lie in the input of."""
        self.reuse = reuse
        self.project = project
        self.reused: Any = None
        self.out = Path(os.path.abspath(out))
        if self.out.is_symlink():
            self.out = self.out.resolve()
        self.parent = self.out.parent
        self.lock_path = lock_path(self.out)
        self.temporary: Path | None = None
        self._lock_fd: int | None = None

    # --- the lock ---

    def _lock(self) -> None:
        check_location(self.out, self.project)  # before anything is created
        blocking = next((folder for folder in (self.parent, *self.parent.parents)
                         if folder.exists() or folder.is_symlink()), None)
        if blocking is not None and not blocking.is_dir():
            raise UsageError(f"de uitvoermap '{self.out}' kan niet worden gemaakt: '{blocking}' is een bestand, "
                             "geen map; kies met --out een andere map")
        self._lock_fd = lock_output(self.out)

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            unlock_output(self._lock_fd)
            self._lock_fd = None

    # --- leftovers and ownership ---

    def _leftovers(self, kind: str) -> list[Path]:
        return sorted(p for p in self.parent.glob(f".{self.out.name}.{kind}-*") if p.is_dir())

    def _recover(self) -> None:
        """Under the lock: undo a swap a crash interrupted, and remove temporary folders of killed builds."""
        olds = self._leftovers("old")
        if olds and not self.out.exists():
            os.rename(olds[-1], self.out)  # killed between the two renames of the fallback swap
            olds = olds[:-1]
        for leftover in self._leftovers("tmp"):  # killed while it held vertrouwelijk/ (see _swap_in): put it back
            kept = leftover / CONFIDENTIAL_DIR
            if kept.is_dir() and self.out.is_dir() and not (self.out / CONFIDENTIAL_DIR).exists():
                os.rename(kept, self.out / CONFIDENTIAL_DIR)
        for leftover in olds + self._leftovers("tmp"):
            shutil.rmtree(leftover, ignore_errors=True)

    def _check_owned(self) -> None:
        if not self.out.exists():
            return
        if not self.out.is_dir():
            raise UsageError(f"de uitvoermap '{self.out}' is een bestand, geen map; kies met --out een (nieuwe) "
                             "map")
        entries = sorted(entry.name for entry in self.out.iterdir())
        if not entries or is_marker(self.out / MARKER):
            return
        shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
        raise UsageError(f"de uitvoermap '{self.out}' is niet leeg en niet door Bestek gemaakt (er staat geen "
                         f"{MARKER} in, wel {shown}); Bestek vervangt de uitvoermap bij elke build in haar geheel en "
                         "laat deze map daarom ongemoeid: kies met --out een nieuwe of lege map (is het een build "
                         "van een oudere Bestek, verwijder de map dan zelf)")

    # --- the swap ---

    def _swap_in(self, temporary: Path) -> None:
        if not self.out.exists():
            os.rename(temporary, self.out)
            return
        kept = self.out / CONFIDENTIAL_DIR  # what `bestek gunning` wrote (write/confidential.py) is not the build's
        carried = kept.is_dir() and not kept.is_symlink()
        if carried:
            os.rename(kept, temporary / CONFIDENTIAL_DIR)
        try:
            self._exchange_in(temporary)
        except BaseException:
            if carried and (temporary / CONFIDENTIAL_DIR).is_dir() and not kept.exists():
                os.rename(temporary / CONFIDENTIAL_DIR, kept)
            raise

    def _exchange_in(self, temporary: Path) -> None:
        try:
            _exchange(temporary, self.out)
        except OSError as exc:
            if exc.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EPERM):
                raise
            old = self.parent / f".{self.out.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
            os.rename(self.out, old)
            try:
                os.rename(temporary, self.out)
            except OSError:
                os.rename(old, self.out)
                raise
            shutil.rmtree(old, ignore_errors=True)
            return
        shutil.rmtree(temporary, ignore_errors=True)  # now holds the previous output

    def peek(self) -> Any:
        """Under the lock and without writing anything: the record `reuse` finds for the current output,
        or None. Lets the command line answer at once when there is nothing to build."""
        self._lock()
        try:
            return self.reuse(self.out) if self.reuse is not None and self.out.is_dir() else None
        finally:
            self._unlock()

    def __enter__(self) -> Path | None:
        self._lock()
        try:
            self._recover()
            self._check_owned()
            if self.reuse is not None and self.out.is_dir():
                self.reused = self.reuse(self.out)
                if self.reused is not None:
                    return None
            self.temporary = self.parent / f".{self.out.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}"
            self.temporary.mkdir()  # mode from the umask, like any folder the user makes
            (self.temporary / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        except OSError as exc:
            self._unlock()
            raise EnvironmentProblem(self._write_failed(exc)) from exc
        except BaseException:
            self._unlock()
            raise
        return self.temporary

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.temporary is None:  # the previous build was reused: nothing to swap
            self._unlock()
            return
        try:
            if exc_type is None:
                try:
                    self._swap_in(self.temporary)
                except OSError as error:
                    raise EnvironmentProblem(f"de nieuwe uitvoer kon niet op de plaats van '{self.out}' worden "
                                             f"gezet: {os_reason(error)}; de vorige uitvoer is ongewijzigd") \
                        from error
            elif isinstance(exc, OSError) and self._written_here(exc):
                raise EnvironmentProblem(self._write_failed(exc)) from exc
        finally:
            if self.temporary.exists():
                shutil.rmtree(self.temporary, ignore_errors=True)
            self._unlock()

    def _written_here(self, error: OSError) -> bool:
        """Whether `error` came from writing the temporary folder (a write without a file name, such as
        a full disk on write(), counts too)."""
        if error.filename is None:
            return error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS)
        assert self.temporary is not None
        return Path(os.path.abspath(error.filename)).is_relative_to(self.temporary)

    def _write_failed(self, error: OSError) -> str:
        full = error.errno in (errno.ENOSPC, errno.EDQUOT)
        what = ("maak ruimte vrij op de schijf (of kies met --out een map op een andere schijf)" if full else
                "kies met --out een map waarin u mag schrijven")
        return (f"de uitvoermap '{self.out}' kon niet worden geschreven: {os_reason(error)}; de vorige uitvoer "
                f"is ongewijzigd. Oplossing: {what} en probeer het opnieuw")


def _exchange(first: Path, second: Path) -> None:
    """Atomically swap two folders (Linux renameat2 with RENAME_EXCHANGE)."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE)
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))
