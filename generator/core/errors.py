"""The one exception family the CLI turns into clean messages.

`ContentErrors` carries every mistake found in a project's content (exit code 1);
`UsageError` and `EnvironmentProblem` stop a run before content is read (exit code 2).
All messages are Dutch: they are read by procurement officers, not programmers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: control characters (newlines, tabs, terminal escapes) and bidirectional overrides: content may hold
#: them, a message line must not (it would break the one-line format or spoof the terminal)
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with control characters written as escapes (a newline as \\n)."""
    return _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class ContentError:
    """One mistake in the content, at a position in a file (line and column are 1-based)."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}:{self.col}: {self.message}")


class BestekError(Exception):
    """Base of every error the CLI reports without a traceback."""

    exit_code = 2

    def messages(self) -> list[str]:
        return [str(self)]


class UsageError(BestekError):
    """The command was called wrongly (missing project, bad option)."""


class EnvironmentProblem(BestekError):
    """The machine lacks something Bestek needs (a system library, a font)."""


class DuplicateOutput(BestekError):
    """Two things of one build want the same output file, or a path would leave the output folder (a
    defect: every output path comes from a checked id)."""


class ContentErrors(BestekError):
    """All content mistakes of a run, reported at once, sorted by file and line."""

    exit_code = 1

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))

    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]


class ErrorList:
    """Collects content errors (and warnings) during a stage; `raise_if_any` ends the stage when there
    were errors. Warnings do not stop a build; they are reported as `path:line:col: waarschuwing: ...`."""

    def __init__(self) -> None:
        self._errors: list[ContentError] = []
        self._warnings: list[ContentError] = []

    def add(self, path: str, line: int, col: int, message: str) -> None:
        self._errors.append(ContentError(path, line, col, message))

    def warn(self, path: str, line: int, col: int, message: str) -> None:
        self._warnings.append(ContentError(path, line, col, f"waarschuwing: {message}"))

    @property
    def warnings(self) -> list[ContentError]:
        return sorted(set(self._warnings))

    def extend(self, errors: list[ContentError]) -> None:
        self._errors.extend(errors)

    def __bool__(self) -> bool:
        return bool(self._errors)

    def __len__(self) -> int:
        return len(self._errors)

    def raise_if_any(self) -> None:
        if self._errors:
            raise ContentErrors(self._errors)


#: Dutch reasons for the operating-system errors users meet (Python's `strerror` is English)
_OS_REASONS = {
    "ENOENT": "het bestand of de map bestaat niet",
    "EACCES": "geen toestemming (u mag hier niet lezen of schrijven)",
    "EPERM": "de bewerking is niet toegestaan",
    "EROFS": "het bestandssysteem is alleen-lezen",
    "ENOSPC": "er is geen ruimte meer op de schijf (schijf vol)",
    "EDQUOT": "uw schijfquotum is op (schijf vol)",
    "ENOTDIR": "een deel van het pad is een bestand, geen map",
    "EISDIR": "het is een map, geen bestand",
    "EEXIST": "het bestaat al",
    "ENOTEMPTY": "de map is niet leeg",
    "EBUSY": "het is in gebruik",
    "EXDEV": "het ligt op een ander bestandssysteem",
    "ENAMETOOLONG": "de naam is te lang",
    "EIO": "invoer-/uitvoerfout van de schijf",
    "ELOOP": "te veel snelkoppelingen (symlinks) achter elkaar",
}


def os_reason(error: OSError) -> str:
    """Why an operating-system call failed, in Dutch (the English `strerror` for a rare error)."""
    import errno as codes  # only needed when something went wrong

    name = codes.errorcode.get(error.errno or 0, "")
    return _OS_REASONS.get(name) or (f"{error.strerror} ({name})" if error.strerror else str(error))
