"""The module table of README.md, made from the docstrings of generator/ (one row per module).

    python scripts/module_table.py          # print the table
    python scripts/module_table.py --write  # put it into README.md, between its two markers

tests/test_docs.py fails when README.md's table is not the one this makes, so the table cannot drift
from the code: a new, moved or renamed module, or a changed first sentence, needs `--write`.
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator"
README = REPO / "README.md"
START, END = "<!-- module table: scripts/module_table.py -->", "<!-- end of the module table -->"
STAGES = ("core", "load", "validate", "model", "render", "write")


def first_sentence(path: Path) -> str:
    """The first sentence of a module's docstring (its first paragraph, up to the first full stop)."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    paragraph = " ".join(doc.split("\n\n")[0].split())
    match = re.match(r"(.+?\.)(\s|$)", paragraph)
    return (match.group(1) if match else paragraph).replace("|", "\\|")


def table() -> str:
    rows = ["| package | module | what it does |", "|---|---|---|"]
    top = sorted(p for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    for path in top:
        rows.append(f"| `generator` | `{path.name}` | {first_sentence(path)} |")
    for stage in STAGES:
        folder = PACKAGE / stage
        rows.append(f"| `{stage}/` | | {first_sentence(folder / '__init__.py')} |")
        for path in sorted(p for p in folder.glob("*.py") if p.name != "__init__.py"):
            rows.append(f"| | `{path.name}` | {first_sentence(path)} |")
    return "\n".join(rows)


def readme_with_table(text: str) -> str:
    start, end = text.index(START) + len(START), text.index(END)
    return text[:start] + "\n" + table() + "\n" + text[end:]


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(table())
