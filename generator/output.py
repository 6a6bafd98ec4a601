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
* The output folder is Bestek's alone: it is replaced as a whole. A folder that holds anything else
  than a previous build (marked by `.bestek-build`, or only site/, pdf/ and package/) is refused, so
  `--out ~/Documenten` cannot wipe a user's files.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import time
from pathlib import Path
from typing import Any, Callable

from .errors import BestekError, EnvironmentProblem, UsageError

MARKER = ".bestek-build"
MARKER_TEXT = ("Deze map is gemaakt door Bestek en wordt bij elke build in haar geheel vervangen.\n"
               "Zet hier geen eigen bestanden neer.\n")
#: what an output folder of an older Bestek (before the marker) held
LEGACY_ENTRIES = {"site", "pdf", "package", "bench.json"}  # bench.json: written by make bench
#: test hook (tests/test_output.py): with this variable set to a file path, the build creates that file
#: after writing its first PDF and then waits, so a test can kill it half way deterministically
PAUSE_VARIABLE = "BESTEK_TEST_PAUSE_FILE"
_RENAME_EXCHANGE = 2


class OutputBusy(BestekError):
    """Another build is writing the same output folder right now (exit code 2)."""


def after_pause_point() -> None:
    """The test hook described at PAUSE_VARIABLE; does nothing unless the variable is set."""
    signal_file = os.environ.get(PAUSE_VARIABLE)
    if signal_file and not Path(signal_file).exists():
        Path(signal_file).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(300)


class OutputFolder:
    """Context manager: lock `out`, clean up leftovers, yield a fresh temporary folder, swap it in."""

    def __init__(self, out: Path, reuse: Callable[[Path], Any] | None = None):
        """`reuse(out)`, called under the lock, may return the record of a previous build that is still
        up to date; then nothing is written or swapped, `__enter__` returns None and `reused` holds it."""
        self.reuse = reuse
        self.reused: Any = None
        self.out = Path(os.path.abspath(out))
        if self.out.is_symlink():
            self.out = self.out.resolve()
        self.parent = self.out.parent
        self.lock_path = self.parent / f".{self.out.name}.lock"
        self.temporary: Path | None = None
        self._lock_fd: int | None = None

    # --- the lock ---

    def _lock(self) -> None:
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise EnvironmentProblem(f"de uitvoermap '{self.out}' is niet te schrijven: {exc.strerror or exc}") \
                from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputBusy(f"er loopt al een build naar '{self.out}'; wacht tot die klaar is en probeer het "
                             f"dan opnieuw (vergrendeld via {self.lock_path.name})") from None
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the flock
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
        for leftover in olds + self._leftovers("tmp"):
            shutil.rmtree(leftover, ignore_errors=True)

    def _check_owned(self) -> None:
        if not self.out.exists():
            return
        if not self.out.is_dir():
            raise UsageError(f"de uitvoermap '{self.out}' is een bestand, geen map")
        entries = {entry.name for entry in self.out.iterdir()}
        if MARKER in entries or entries <= LEGACY_ENTRIES:
            return
        shown = ", ".join(sorted(entries - LEGACY_ENTRIES)[:3])
        raise UsageError(f"de uitvoermap '{self.out}' bevat ook andere bestanden ({shown}); Bestek vervangt de "
                         "uitvoermap bij elke build in haar geheel: kies een nieuwe of lege map met --out")

    # --- the swap ---

    def _swap_in(self, temporary: Path) -> None:
        if not self.out.exists():
            os.rename(temporary, self.out)
            return
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
            raise EnvironmentProblem(f"de uitvoermap '{self.out}' is niet te schrijven: {exc.strerror or exc}") \
                from exc
        except BaseException:
            self._unlock()
            raise
        return self.temporary

    def __exit__(self, exc_type, exc, tb) -> None:  # noqa: ANN001
        if self.temporary is None:  # the previous build was reused: nothing to swap
            self._unlock()
            return
        try:
            if exc_type is None:
                try:
                    self._swap_in(self.temporary)
                except OSError as error:
                    raise EnvironmentProblem(f"de nieuwe uitvoer kon niet op de plaats van '{self.out}' worden "
                                             f"gezet: {error.strerror or error}; de vorige uitvoer is ongewijzigd") \
                        from error
        finally:
            if self.temporary.exists():
                shutil.rmtree(self.temporary, ignore_errors=True)
            self._unlock()


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
