"""The Markdown dialect of Bestek documents: CommonMark with tables, raw HTML never rendered, plus

* blocks: a line `{{ name key="value" }}` that inserts a table or list rendered from the data;
* references: `[[kind:id]]` inline, rendered as a linked name, a date or a number (`[[aantal:segmenten]]
  segmenten` as '1 segment' or '9 segmenten': the noun after a count takes the count's form);
* unnumbered headings: `# Samenvatting {-}`; appendices: `# Vragen en antwoorden {bijlage}`; a heading's own
  number: `# Betaling {nummer=16}`; in an agreement, an ordered list directly under an article's heading
  holds its leden (core/headings.py);
* footnotes: `tekst[^1]` with `[^1]: de voetnoot` anywhere in the document;
* principles closing a section: a `::: uitgangspunten` ... `:::` container around a list.

`outline()` is used by the load stage: it finds headings, blocks, references, links, images and
raw HTML with their positions, for validation. It parses with HTML recognition on and every link
kept (markdown-it would silently turn a `javascript:` link into text), only to report them; the
render stage parses with HTML off, so raw HTML can never reach the output. When the outline has no
raw HTML and no refused link, both parses give the same tokens. The parser itself, markdown-it with the
dialect's rules, is core/mdrules.py, imported only when a text is parsed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.core import mdcheck
from generator.core.headings import NUMBERED_LEVELS, Heading, Section, sections

if TYPE_CHECKING:
    from markdown_it.token import Token

#: a footnote reference left as text (its note is missing); '[' is excluded from the label so that a
#: run of '[^[^[^...' is scanned once, not once per '[' (linear, like every pass over content)
UNDEFINED_FOOTNOTE = re.compile(r"\[\^[^\]\[\s]+\]")


@dataclass(frozen=True)
class Block:
    """A block directive as written: its name, arguments and 1-based line in the body."""

    name: str
    args: tuple[tuple[str, str], ...]
    line: int
    col: int
    raw: str
    valid: bool = True


@dataclass(frozen=True)
class Reference:
    """An inline reference `[[kind:id]]` (id may be empty, as in `[[regio]]`) at a body position."""

    kind: str
    id: str
    line: int
    col: int
    raw: str
    valid: bool = True


@dataclass(frozen=True)
class Link:
    """A link (`[text](href)`, `<https://...>`) or image (`![alt](src)`) with its position in the body.
    `href` is as markdown-it normalised it (entities decoded, spaces percent-encoded)."""

    image: bool
    href: str
    line: int
    col: int


@dataclass(frozen=True)
class RawHtml:
    """Raw HTML written in the Markdown (`<script>`, `<br>`, `<!-- -->`), at a body position."""

    text: str
    line: int
    col: int


@dataclass
class Outline:
    """What the load stage needs to know of a body for validation."""

    headings: list[Heading] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    #: footnote references without a definition, as (line, col, text)
    undefined_footnotes: list[tuple[int, int, str]] = field(default_factory=list)
    #: footnote references inside a footnote's own text, as (line of that text, label): print puts a note
    #: inside the note it belongs to, so notes that refer to each other would never end
    nested_footnotes: list[tuple[int, str]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    html: list[RawHtml] = field(default_factory=list)
    #: Markdown that would print as text (core/mdcheck.py), as (line, col, Dutch message)
    problems: list[tuple[int, int, str]] = field(default_factory=list)
    #: blocks written inside running text, as (line, col, the block as written); also in `problems`
    inline_blocks: list[tuple[int, int, str]] = field(default_factory=list)

    def sections(self, numbering: str = "hoofdstukken", depth: int = NUMBERED_LEVELS) -> tuple[Section, ...]:
        """Every heading with its number and id (core/headings.py). `numbering` and `depth` are the
        document's front matter values (`numbering`: hoofdstukken, artikelen or geen; `numbering_depth`:
        how many heading levels get a number)."""
        return sections(self.headings, numbering, depth)


def list_under_heading(tokens: list[Token], index: int) -> tuple[int, ...]:
    """The numbers of the items of the ordered list directly under the heading at `index` (heading_open,
    inline, heading_close, then ordered_list_open), or (): in an agreement, the article's leden."""
    if index + 3 >= len(tokens) or tokens[index + 3].type != "ordered_list_open":
        return ()
    opening = tokens[index + 3]
    first = int(opening.attrGet("start") or 1)
    items, depth = 0, 0
    for token in tokens[index + 3:]:
        depth += token.nesting if token.type in ("ordered_list_open", "ordered_list_close", "bullet_list_open",
                                                 "bullet_list_close") else 0
        if token.type == "list_item_open" and token.level == opening.level + 1:
            items += 1
        if depth == 0:
            break
    return tuple(range(first, first + items))


def heading_text(inline: Token) -> str:
    """The plain text of a heading's inline token (references shown as written)."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "bestek_ref":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


#: How much inline markup one text may hold. The Markdown parser's cost per markup character is a few
#: microseconds, but per '[' (each may open a link label) about twenty: without these limits a 2 MiB
#: file of '[^[^[^...' takes half a minute to check. Far above what any real document holds (a tender of
#: 600 requirements referenced twice each uses about 2,500 '[').
MAX_BRACKETS = 20_000
MAX_MARKUP = 200_000
_MARKUP = "[<*_&`!\\"


def markup_limit(text: str) -> tuple[int, str] | None:
    """Where a text passes the markup limits (the index of the first character over it, and a Dutch
    message), or None. Linear: counted with str.count, located only when over."""
    if text.count("[") > MAX_BRACKETS:
        index = _nth(text, "[", MAX_BRACKETS + 1)
        return index, (f"de tekst bevat meer dan {MAX_BRACKETS:,} keer '[' (hier de eerste daarboven); zoveel "
                       "verwijzingen en links kan Bestek niet snel verwerken: splits de tekst over meer "
                       "documenten").replace(",", ".")
    if sum(text.count(char) for char in _MARKUP) > MAX_MARKUP:
        return 0, (f"de tekst bevat meer dan {MAX_MARKUP:,} opmaaktekens ({' '.join(_MARKUP)}); zoveel "
                   "opmaak kan Bestek niet snel verwerken: splits de tekst over meer documenten").replace(",", ".")
    return None


def _nth(text: str, char: str, n: int) -> int:
    index = -1
    for _ in range(n):
        index = text.index(char, index + 1)
    return index


#: outlines by their text, kept only while a long-running process (`bestek serve`) turns it on with keep_outlines()
_outlines: dict[str, Outline] | None = None


def keep_outlines(on: bool = True) -> None:
    """Keep outlines in memory by their text (`bestek serve`: a rebuild parses only the bodies that changed).
    An outline is only read after it is made, so the same one can serve every build."""
    global _outlines
    _outlines = {} if on else None


def keeping_outlines() -> bool:  # keep_outlines() is on: outlines come from memory, before any other cache
    return _outlines is not None


def outline(text: str) -> Outline:
    """The outline of a body (_outline), from memory when keep_outlines() is on and the text was seen."""
    if _outlines is None:
        return _outline(text)
    found = _outlines.get(text)
    if found is None:
        if len(_outlines) > 4096:  # texts that changed since: forget them all rather than grow without end
            _outlines.clear()
        found = _outlines[text] = _outline(text)
    return found


def _outline(text: str) -> Outline:
    """Headings, blocks, references, footnotes, links and raw HTML of a body, each with its 1-based line
    and column. Line ends are normalised first, as markdown-it does (files are already; a YAML text may
    hold a \\r)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    result = Outline()
    from generator.core.mdrules import detecting_parser  # markdown-it: only when a text is parsed

    tokens = detecting_parser().parse(text, {})
    in_footnote = False
    for i, token in enumerate(tokens):
        if token.type in ("footnote_open", "footnote_close"):
            in_footnote = token.type == "footnote_open"
        if in_footnote and token.type == "inline" and token.map is not None:
            result.nested_footnotes += [(token.map[0] + 1, child.meta["label"]) for child in token.children or []
                                        if child.type == "footnote_ref"]
        if token.map is None:
            continue  # what is collected is block-level, and markdown-it gives every block token its lines
        start = token.map[0]
        if token.type == "html_block":
            line = lines[start]
            result.html.append(RawHtml(token.content.strip(), start + 1, len(line) - len(line.lstrip()) + 1))
        elif token.type == "heading_open":
            meta = token.meta or {}
            result.headings.append(Heading(int(token.tag[1]), heading_text(tokens[i + 1]), meta.get("numbered", True),
                                           start + 1, meta.get("appendix", False), meta.get("id"),
                                           meta.get("number"), list_under_heading(tokens, i)))
        elif token.type == "bestek_block":
            meta = token.meta
            result.blocks.append(Block(meta["name"], meta["args"], start + 1, meta["col"],
                                       token.content, meta["valid"]))
        elif token.type == "inline":
            if heading := i > 0 and tokens[i - 1].type == "heading_open":
                result.problems += mdcheck.heading_attribute(token.content, start + 1, lines[start])
            _inline(token, start, token.map[1], lines, result, heading)
    return result


def _inline(token: Token, start: int, end: int, lines: list[str], result: Outline, heading: bool) -> None:
    # Children come in source order: each is searched from where the previous one started (not ended: a
    # reference can sit inside a link's text), so a paragraph with many of them is located in linear time.
    # `start` and `end` are the token's source lines (0-based, end excluded).
    cursor = [start, 0]

    def locate(source: str) -> tuple[int, int]:
        needle = source.split("\n")[0]
        line, col = cursor
        while line < min(end, len(lines)):
            found = lines[line].find(needle, col) if needle else -1
            if found >= 0:
                cursor[:] = [line, found + 1]
                return line + 1, found + 1
            line, col = line + 1, 0
        return start + 1, 1  # not in the source as written: the start of the paragraph

    children = token.children or []
    for index, child in enumerate(children):
        meta = child.meta or {}
        if child.type == "text":
            for found in UNDEFINED_FOOTNOTE.finditer(child.content):
                line, col = locate(found.group(0))
                result.undefined_footnotes.append((line, col, found.group(0)))
            for _, written in mdcheck.inline_blocks(child.content):
                line, col = locate(written)
                result.inline_blocks.append((line, col, written))
                result.problems.append((line, col, mdcheck.inline_block_message(written)))
        elif child.type == "bestek_ref":
            line, col = locate(child.content)
            result.references.append(Reference(meta["kind"], meta["id"], line, col, child.content,
                                               meta["valid"]))
            after = children[index + 1] if index + 1 < len(children) else None
            if problem := mdcheck.reference_problem(child.content, heading, after.content if after else ""):
                result.problems.append((line, col, problem))
        elif child.type == "html_inline":
            line, col = locate(child.content)
            result.html.append(RawHtml(child.content, line, col))
        elif child.type in ("link_open", "image"):
            line, col = locate(meta.get("source", ""))
            result.links.append(Link(child.type == "image", str(child.attrs.get("href", child.attrs.get("src", ""))),
                                     line, col))
