"""Headings: their attributes, numbers and stable ids, shared by validation and rendering.

A heading may end in one attribute group: `{-}` (no number), `{bijlage}` (an appendix, level 1) and
`{#id}` (a fixed id), also together (`{- #samenvatting}`, `{bijlage #vragenlijst}`). Every heading has
an id: the one written, else its slug (`Planning en termijnen` -> `planning-en-termijnen`; a second equal
heading gets `-2`). Its number (3.2, B1.2) is derived from its place; references may name a section by
number or by id (`[[paragraaf:planning]]`), and only the id survives inserting a section before it.

Validation (references, link fragments) and rendering (anchors, the table of contents) both call
`sections()`, so they always agree on which heading has which number and id.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Every id the templates give an element starts with one of these (tests/test_links.py checks the
#: theme); a heading's id never does, so a heading cannot take the id of the page's own parts.
RESERVED_PREFIXES = ("site-", "toc-", "segment-", "eis-", "criterium-", "bekostiging-", "contractvorm-",
                     "fase-", "mijlpaal-", "begroting-", "formulier-", "perceel-", "risico-", "ronde-", "vraag-")
#: ids of footnotes and their references (markdown-it's footnote plugin): fn1, fnref1, fnref1:1
FOOTNOTE_ID = re.compile(r"^fn(ref)?\d")
#: the id written in `{#id}`: what a slug looks like
HEADING_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
#: a section written by number: 3, 3.2, B1, B1.2 (anything else is an id)
SECTION_NUMBER = re.compile(r"B?[0-9]+(\.[0-9]+)*")
NUMBERED_LEVELS = 2  # default: chapters and sections (1, 1.1); front matter `numbering_depth` changes it


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "kop"
    if slug.startswith(RESERVED_PREFIXES) or FOOTNOTE_ID.match(slug) or slug[0].isdigit():
        slug = "h-" + slug
    return slug


@dataclass(frozen=True)
class Attributes:
    """What a heading's `{...}` says."""

    numbered: bool = True
    appendix: bool = False
    id: str | None = None


def id_problem(ident: str) -> str | None:
    """Why `ident` cannot be a heading's id (Dutch), or None."""
    if not HEADING_ID.fullmatch(ident):
        return (f"het id '{ident}' van de kop kan niet: schrijf een id met kleine letters, cijfers en '-', "
                f"beginnend met een letter, zoals {{#{slugify(ident) if ident.strip('-') else 'planning'}}}")
    if ident.startswith(RESERVED_PREFIXES) or FOOTNOTE_ID.match(ident):
        return (f"het id '{ident}' van de kop begint zoals de ids van de onderdelen van een pagina "
                f"({', '.join(p for p in RESERVED_PREFIXES)}); kies een ander id, zoals {{#h-{ident}}}")
    return None


def parse_attributes(text: str) -> tuple[Attributes | None, str]:
    """The attribute group at the end of a heading's text and the text without it; (None, text) when the
    text ends in no group or in one that is not well written (core/mdcheck.py names the mistake).
    String operations, not a regular expression: a heading with thousands of spaces stays linear."""
    stripped = text.rstrip()
    if not stripped.endswith("}") or stripped.endswith("}}"):
        return None, text
    start = stripped.rfind("{")
    if start < 0 or stripped[start - 1:start] == "{":
        return None, text
    numbered, appendix, ident = True, False, None
    parts = stripped[start + 1:-1].split()
    for part in parts:
        if part == "-" and numbered:
            numbered = False
        elif part == "bijlage" and not appendix:
            appendix = True
        elif part.startswith("#") and ident is None and id_problem(part[1:]) is None:
            ident = part[1:]
        else:
            return None, text
    if not parts:
        return None, text
    return Attributes(numbered, appendix, ident), stripped[:start].rstrip()


class HeadingNumbers:
    """Numbers headings 1, 1.1, ... (levels up to `depth`, default 2; `{-}` headings get none).
    Appendices (`{bijlage}` on a level-1 heading) are numbered separately: B1, with sections B1.1.
    With `numbering: geen` (letters) the body's headings get no number; appendices still do."""

    def __init__(self, numbering: str = "hoofdstukken", depth: int = NUMBERED_LEVELS) -> None:
        self.depth = depth
        self.counters = [0] * 6
        self.appendices = 0
        self.in_appendix = False
        self.body_numbered = numbering != "geen"

    def next(self, level: int, numbered: bool, appendix: bool = False) -> str:
        if level == 1 and appendix:
            self.appendices += 1
            self.in_appendix = True
            self.counters = [0] * 6
            return f"B{self.appendices}"
        if level == 1 and numbered and self.in_appendix:
            self.in_appendix = False
            self.counters = [0] * 6
        if not numbered or level > self.depth or not (self.in_appendix or self.body_numbered):
            return ""
        if self.in_appendix and level == 1:
            return ""
        self.counters[level - 1] += 1
        for deeper in range(level, len(self.counters)):
            self.counters[deeper] = 0
        if self.in_appendix:
            return f"B{self.appendices}." + ".".join(str(c) for c in self.counters[1:level])
        return ".".join(str(c) for c in self.counters[:level])


@dataclass(frozen=True)
class Heading:
    """A heading as written: level (1 for `#`), text without its attributes, 1-based body line."""

    level: int
    text: str
    numbered: bool
    line: int
    appendix: bool = False
    id: str | None = None  # written as {#id}


@dataclass(frozen=True)
class Section:
    """A heading with its derived number and its id (the anchor in the page)."""

    level: int
    text: str
    number: str  # '3.2', 'B1.2', or '' when unnumbered
    label: str  # how the number is shown: '3.2', 'Artikel 3', 'Bijlage 1'
    anchor: str
    appendix: bool
    line: int  # in the body


def sections(headings: Sequence[Heading], numbering: str = "hoofdstukken",
             depth: int = NUMBERED_LEVELS) -> tuple[Section, ...]:
    """Every heading numbered and given its id. An id written twice is kept by the first heading only
    (validation reports the second); a slug taken by an earlier heading or a written id gets -2, -3..."""
    numbers = HeadingNumbers(numbering, depth)
    written = {h.id for h in headings if h.id}
    used: set[str] = set()
    suffixes: dict[str, int] = {}  # per slug, the suffix to try next (a thousand equal headings must not
    # cost a million tries)
    result = []
    for heading in headings:
        number = numbers.next(heading.level, heading.numbered, heading.appendix)
        if heading.appendix and heading.level == 1:
            label = f"Bijlage {number[1:]}"
        elif number and heading.level == 1 and numbering == "artikelen":
            label = f"Artikel {number}"
        else:
            label = number
        if heading.id and heading.id not in used:
            anchor = heading.id
        else:
            slug = slugify(heading.text)
            anchor, n = slug, suffixes.get(slug, 2)
            while anchor in used or (anchor in written and anchor != heading.id):
                anchor, n = f"{slug}-{n}", n + 1
            suffixes[slug] = n
        used.add(anchor)
        result.append(Section(heading.level, heading.text, number, label, anchor, heading.appendix, heading.line))
    return tuple(result)


def is_number(written: str) -> bool:
    """Whether a section reference names the section by its number (3.2, B1) rather than by its id."""
    return SECTION_NUMBER.fullmatch(written) is not None


def find(found: Iterable[Section], written: str, appendix: bool = False) -> Section | None:
    """The section `written` names: by number ('3.2'; with `appendix`, '1' is appendix B1) or by id."""
    if is_number(written):
        number = f"B{written}" if appendix and not written.startswith("B") else written
        return next((s for s in found if s.number == number), None)
    return next((s for s in found if s.anchor == written), None)
