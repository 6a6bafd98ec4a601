"""docs/procedures.md states what generator/core/procedures.py declares: per procedure its name, whether the
Aanbestedingswet applies, its milestones and blocks; every milestone kind; every standstill exception."""
from __future__ import annotations

import re

from generator.core.procedures import MILESTONE_KINDS, PROCEDURES, STANDSTILL_EXCEPTIONS

from .conftest import REPO

PAGE = (REPO / "docs" / "procedures.md").read_text(encoding="utf-8")


def rows(first_header: str) -> dict[str, list[str]]:
    """The rows of the table whose first header cell is `first_header`: first cell (without backticks) -> cells."""
    table = re.search(rf"^\| {first_header} \|.*\n\|[-| ]+\|\n((?:\|.*\n)+)", PAGE, re.MULTILINE)
    assert table, f"docs/procedures.md has no table starting with '{first_header}'"
    out = {}
    for line in table.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        out[cells[0].strip("`")] = cells[1:]
    return out


def names(cell: str) -> list[str]:
    return re.findall(r"`(?:\{\{ )?([a-z-]+)(?: \}\})?`", cell)


def test_every_procedure_with_its_milestones_and_blocks():
    table = rows("procedure")
    assert list(table) == list(PROCEDURES)
    for key, (name, aw, milestones, sections) in table.items():
        procedure = PROCEDURES[key]
        assert (name, aw, names(milestones), names(sections)) == (
            procedure.name, "yes" if procedure.under_aw else "no", list(procedure.milestones),
            list(procedure.sections)), key


def test_every_milestone_kind():
    table = rows("kind")
    assert list(table) == list(MILESTONE_KINDS)
    for key, (meaning, repeatable, procedures) in table.items():
        kind = MILESTONE_KINDS[key]
        assert (meaning, repeatable, ["any"] if procedures == "any" else names(procedures)) == (
            kind.description, "yes" if kind.repeatable else "no", list(kind.procedures) or ["any"]), key


def test_every_standstill_exception():
    table = rows("ground")
    assert list(table) == list(STANDSTILL_EXCEPTIONS)
    for key, (description, article, choice) in table.items():
        ground = STANDSTILL_EXCEPTIONS[key]
        assert (description, article, choice.startswith("no")) == (ground.description, ground.article,
                                                                   ground.after_bids), key


def test_the_page_is_linked_from_the_readme_and_the_content_model():
    assert "(docs/procedures.md)" in (REPO / "README.md").read_text(encoding="utf-8")
    assert "(procedures.md)" in (REPO / "docs" / "content-model.md").read_text(encoding="utf-8")
