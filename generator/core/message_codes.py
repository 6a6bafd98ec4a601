"""The stable code of every message kind, for `bestek check --format json` (editors and CI).

A message kind is what docs/meldingen.md lists: a skeleton with `…` for what varies, found in the code by
scripts/message_kinds.py. Its code is its key there (the first eight words and holes of the skeleton) written with
hyphens and without the holes: 'onbekend veld '…'; bedoelt u '…'?' has the key "onbekend veld … bedoelt u …" and the
code `onbekend-veld-bedoelt-u`. message_codes.tsv beside this module lists every code with its skeleton; it is made by
`python scripts/message_codes.py --write`, and tests/core/test_message_codes.py fails when it is out of date. A code
changes only when the first eight words of its message change, and then docs/meldingen.md changes with it.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from generator.core.errors import ContentError, printable

TABLE = Path(__file__).with_name("message_codes.tsv")
HOLE = "…"
#: the code of a message that fits no kind of the table (a defect: the test of the table keeps this from happening)
UNKNOWN = "onbekende-melding"
WARNING = "waarschuwing:"
_LONGEST = 2000  # a longer message is matched on its beginning


def code_for_key(key: str) -> str:
    """'onbekend veld … bedoelt u …' -> 'onbekend-veld-bedoelt-u' (accents dropped: 'één' -> 'een')."""
    ascii_key = unicodedata.normalize("NFKD", key.replace(HOLE, " ")).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^0-9a-z]+", "-", ascii_key.lower()).strip("-")


@cache
def _kinds() -> list[tuple[str, re.Pattern[str], int, bool]]:
    """(code, pattern, number of literal characters, starts with a literal) of every kind in the table."""
    kinds = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, skeleton = line.split("\t", 1)
        parts = skeleton.split(HOLE)
        pattern = re.compile(".*?".join(re.escape(part) for part in parts), re.DOTALL)
        kinds.append((code, pattern, sum(len(p.strip()) for p in parts), not skeleton.startswith(HOLE)))
    return kinds


def code_of(message: str) -> str:
    """The code of a message's kind: of the kinds whose skeleton fits it, the one with the most literal text."""
    text = message.removeprefix(WARNING).strip()[:_LONGEST]
    best: tuple[int, int, str] | None = None
    for code, pattern, literal, anchored in _kinds():
        found = pattern.search(text)
        if found is None:
            continue
        score = (literal + (1 if anchored and found.start() == 0 else 0), -found.start(), code)
        if best is None or score[:2] > best[:2]:
            best = score
    return best[2] if best else UNKNOWN


def as_json(errors: Iterable[ContentError], warnings: Iterable[ContentError] = ()) -> str:
    """The messages as a JSON list, sorted by file and line: file, line, column, severity (error or warning),
    message (without 'waarschuwing:') and code."""
    entries = []
    for severity, found in (("error", errors), ("warning", warnings)):
        for error in found:
            message = printable(error.message)
            entries.append({"file": error.path, "line": error.line, "column": error.col, "severity": severity,
                            "message": message.removeprefix(WARNING).strip() if severity == "warning" else message,
                            "code": code_of(message)})
    entries.sort(key=lambda e: (e["file"], e["line"], e["column"], e["severity"], e["message"]))
    return json.dumps(entries, ensure_ascii=False, indent=2)
