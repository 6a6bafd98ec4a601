"""The table of message codes (generator/core/message_codes.tsv): every message kind that scripts/message_kinds.py
finds in the code, with its code, for `bestek check --format json`.

    python scripts/message_codes.py           # print the table
    python scripts/message_codes.py --write   # write it (tests/core/test_message_codes.py compares)

The table only grows: a kind the code no longer gives keeps its row, so a code once given never means something else.
"""
from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__" and __package__ is None:  # run as a file: scripts/ and generator/ from the repository
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.core.message_codes import TABLE, code_for_key
from scripts.message_kinds import scan

HEADER = ("# The code of every message kind of Bestek, with its skeleton ('…' varies), for bestek check --format\n"
          "# json. Made by python scripts/message_codes.py --write from scripts/message_kinds.py; do not edit.\n")


def rows(text: str) -> dict[str, str]:
    return dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))


def table() -> str:
    known = rows(TABLE.read_text(encoding="utf-8")) if TABLE.is_file() else {}
    known.update({code_for_key(kind.key): kind.skeleton for kind in scan()})
    return HEADER + "".join(f"{code}\t{skeleton}\n" for code, skeleton in sorted(known.items()))


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        TABLE.write_text(table(), encoding="utf-8")
    else:
        sys.stdout.write(table())
