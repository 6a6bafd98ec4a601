"""The text of `bestek diff`: the changes since a release, grouped per document and per kind of data.
Part of the render stage (every byte Bestek produces, terminal text too)."""
from __future__ import annotations

from collections.abc import Iterable

from generator.core.versions import DATA_KINDS, Change

INDENT = "  "


def diff_lines(changes: Iterable[Change], version: str, date: str,
               versions: dict[str, tuple[str, str]]) -> list[str]:
    """'Wijzigingen sinds release 1.0 (1 maart 2024):', then per document ('aanbestedingsleidraad (versie 1.0 ->
    1.1)') its changed sections and per kind of data its changed items. `versions`: document id -> (its version
    in the release, now)."""
    changes = list(changes)
    if not changes:
        return [f"Geen wijzigingen sinds release {version} ({date})."]
    lines = [f"Wijzigingen sinds release {version} ({date}):"]
    documents = list(dict.fromkeys(c.document for c in changes if c.document is not None))
    for document in documents:
        old, new = versions.get(document, ("", ""))
        shown = f" (versie {old} -> {new})" if old and new and old != new else f" (versie {new})" if new else ""
        lines += ["", f"{document}{shown}"]
        for change in changes:
            if change.document == document:
                what = change.title if change.section is None else change.label()
                lines.append(f"{INDENT}{what}: {change.description}")
    for kind, (_, group) in DATA_KINDS.items():
        items = [c for c in changes if c.kind == kind]
        if items:
            lines += ["", group]
            lines += [f"{INDENT}{c.label()}: {c.description}" for c in items]
    return lines
