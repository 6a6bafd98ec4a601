"""Markdown that would print as text instead of doing what was meant: found by outline() in core/markdown.py.

Each check gives a Dutch message (the load stage reports it at its position), never silent output:

* a block written inside a sentence (`zie {{ reikwijdte }} hierboven`): a block stands on its own line;
* a heading attribute written wrong (`# Titel {geen}`, `{bijlagen}`, `{#3.2}`): the known ones are named;
* a reference inside a heading (`# Over [[segment:crisis]]`): a heading is the section's fixed name (in the
  table of contents, the PDF's bookmarks and its web address), so its text is written out;
* a reference inside the text of a link (`[zie [[segment:crisis]]](#x)`): a reference is a link itself,
  and a link cannot hold a link (markdown-it would print the whole link as text).

Every check is a string operation or a regular expression without nested repetition: linear in the text.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from generator.core.headings import id_problem, parse_attributes
from generator.core.text import enumeration

#: `{{ name ... }}` in running text (a block as the block rule reads it, but not alone on its line)
INLINE_BLOCK = re.compile(r"\{\{\s*[a-z][a-z0-9-]*(?:\s[^{}\n]*)?\}\}")
#: what follows a reference that stands in a link's text: the rest of the text and '](' (the link's address)
LINK_TEXT_END = re.compile(r"[^\[\]\n]*\]\(")
#: the known heading attributes and what they do, for the message (core/headings.py parse_attributes)
KNOWN_ATTRIBUTES = {"{-}": "een kop zonder nummer", "{bijlage}": "een bijlage",
                    "{#planning}": "een vast id van de kop", "{nummer=16}": "een eigen nummer"}


def inline_blocks(text: str) -> Iterator[tuple[int, str]]:
    """Blocks written inside running text: (index in `text`, the block as written)."""
    for found in INLINE_BLOCK.finditer(text):
        yield found.start(), found.group(0)


def inline_block_message(written: str) -> str:
    return (f"het blok '{written}' staat midden in een zin; zet een blok op een eigen regel, met een lege regel "
            "ervoor en erna")


def heading_attribute(text: str, line: int, source: str) -> list[tuple[int, int, str]]:
    """A `{...}` at the end of a heading's text (`text`, on body line `line` written as `source`) that is no
    known attribute (a known one is already taken off by the parser), as [(line, col, Dutch message)], or [].
    `{{ ... }}` is a block, not this."""
    stripped = text.rstrip()
    if not stripped.endswith("}") or stripped.endswith("}}"):
        return []
    start = stripped.rfind("{")
    if start < 0 or "}" in stripped[start + 1:-1] or stripped[start - 1:start] == "{":
        return []
    written = stripped[start:]
    col = max(source.rstrip().rfind(written), 0) + 1
    for part in written[1:-1].split():
        if part.startswith("#") and (problem := id_problem(part[1:])) is not None:
            return [(line, col, problem)]
    if parse_attributes(written)[0] is not None:
        return [(line, col, "de kop heeft twee groepen kenmerken; schrijf ze samen tussen één paar accolades, "
                            "zoals {- #samenvatting} of {bijlage #vragenlijst}")]
    known = enumeration([f"{attribute} voor {what}" for attribute, what in KNOWN_ATTRIBUTES.items()])
    close = difflib.get_close_matches(re.sub(r"\s", "", written), list(KNOWN_ATTRIBUTES), n=1, cutoff=0.6)
    hint = f"; bedoelt u {close[0]}?" if close else ""
    return [(line, col, f"onbekend kenmerk '{written}' achter de kop; bekend zijn {known} (ook samen, zoals "
                        f"{{- #samenvatting}}){hint}")]


def reference_problem(written: str, heading: bool, after: str) -> str | None:
    """What is wrong with the reference `written` in a heading (`heading`) or in a link's text (the text
    `after` it closes the link text), or None."""
    if heading:
        return reference_in_heading(written)
    return reference_in_link_message(written) if LINK_TEXT_END.match(after) else None


def reference_in_heading(written: str) -> str:
    return (f"de verwijzing '{written}' staat in een kop; een kop is de vaste naam van een hoofdstuk of paragraaf "
            "(in de inhoudsopgave, de bladwijzers van de PDF en het webadres van de kop): schrijf de naam zelf "
            "in de kop en zet de verwijzing in de tekst eronder")


def reference_in_link_message(written: str) -> str:
    return (f"de verwijzing '{written}' staat in de tekst van een link; een verwijzing is zelf al een link en een "
            "link kan geen link bevatten: zet de verwijzing buiten de haken van de link, zoals "
            f"'[zie hier](#kop) {written}'")
