"""Headings: their attributes, numbers and stable ids, shared by validation and rendering.

A heading may end in one attribute group: `{-}` (no number), `{bijlage}` (an appendix, level 1),
`{#id}` (a fixed id) and `{nummer=16}` (its own number: an agreement that leaves articles out keeps the
original numbering, and the headings after it count on from there), also together (`{- #samenvatting}`,
`{bijlage #vragenlijst}`, `{nummer=16 #betaling}`). Every heading has
an id: the one written, else its slug (`Planning en termijnen` -> `planning-en-termijnen`; a second equal
heading gets `-2`). Its number (3.2, B1.2) is derived from its place; references may name a section by
number or by id (`[[paragraaf:planning]]`), and only the id survives inserting a section before it.

In an agreement (`numbering: artikelen`) an ordered list directly under an article's heading holds its
leden: `[[artikel:13.2]]` is lid 2 of artikel 13 (or section 13.2 when the article has numbered headings
under it instead: an article has one or the other), `[[artikel:betaling.2]]` the same by the heading's id.

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
                     "fase-", "mijlpaal-", "begroting-", "formulier-", "perceel-", "risico-", "ronde-", "vraag-",
                     "begrip-", "lid-")
#: ids of footnotes and their references (markdown-it's footnote plugin): fn1, fnref1, fnref1:1
FOOTNOTE_ID = re.compile(r"^fn(ref)?\d")
#: the id written in `{#id}`: what a slug looks like
HEADING_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
#: a section written by number: 3, 3.2, B1, B1.2 (anything else is an id)
SECTION_NUMBER = re.compile(r"B?[0-9]+(\.[0-9]+)*")
#: a lid of an article named by the article's id: betaling.2
LID_BY_ID = re.compile(r"([a-z][a-z0-9-]*)\.([0-9]+)")
#: the largest number `{nummer=...}` may give
MAX_OWN_NUMBER = 9999
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
    number: int | None = None  # written as {nummer=16}


def lid_anchor(article_anchor: str, lid: int) -> str:
    """The anchor of lid `lid` of the article whose heading has the anchor `article_anchor`."""
    return f"lid-{article_anchor}-{lid}"


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
    numbered, appendix, ident, own = True, False, None, None
    parts = stripped[start + 1:-1].split()
    for part in parts:
        if part == "-" and numbered:
            numbered = False
        elif part == "bijlage" and not appendix:
            appendix = True
        elif part.startswith("#") and ident is None and id_problem(part[1:]) is None:
            ident = part[1:]
        elif part.startswith("nummer=") and own is None and own_number(part[7:]) is not None:
            own = own_number(part[7:])
        else:
            return None, text
    if not parts or (own is not None and (not numbered or appendix)):
        return None, text
    return Attributes(numbered, appendix, ident, own), stripped[:start].rstrip()


def own_number(written: str) -> int | None:
    """The number of `{nummer=16}` (1 to MAX_OWN_NUMBER, digits only), or None."""
    return int(written) if written.isascii() and written.isdigit() and 0 < int(written) <= MAX_OWN_NUMBER else None


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

    def next(self, level: int, numbered: bool, appendix: bool = False, own: int | None = None) -> str:
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
        self.counters[level - 1] = own if own is not None else self.counters[level - 1] + 1
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
    number: int | None = None  # written as {nummer=16}
    #: the numbers of the items of an ordered list directly under the heading (an article's leden)
    leden: tuple[int, ...] = ()


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
    leden: tuple[int, ...] = ()  # an article's leden (numbering: artikelen only; see the module doc)


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
        number = numbers.next(heading.level, heading.numbered, heading.appendix, heading.number)
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
        leden = heading.leden if numbering == "artikelen" and number[:1].isdigit() else ()  # not in appendices
        result.append(Section(heading.level, heading.text, number, label, anchor, heading.appendix, heading.line,
                              leden))
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


def find_lid(found: Sequence[Section], written: str) -> tuple[Section, int] | None:
    """The article and lid `written` names ('13.2' or 'betaling.2': lid 2 of that article), or None. A
    number names a section first: '13.2' is a lid only when there is no section 13.2."""
    if is_number(written):
        article, _, lid = written.rpartition(".")
        if not article or find(found, written) is not None:
            return None
    elif (match := LID_BY_ID.fullmatch(written)) is not None:
        article, lid = match.groups()
    else:
        return None
    section = find(found, article)
    if section is None or int(lid) not in section.leden:
        return None
    return section, int(lid)
