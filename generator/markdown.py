"""The Markdown dialect of Bestek documents: CommonMark with tables, raw HTML off, plus

* blocks: a line `{{ name key="value" }}` that inserts a table or list rendered from the data;
* references: `[[kind:id]]` inline, rendered as a linked name, a date or a number;
* unnumbered headings: `# Samenvatting {-}`; appendices: `# Vragen en antwoorden {bijlage}`;
* footnotes: `tekst[^1]` with `[^1]: de voetnoot` anywhere in the document;
* principles closing a section: a `::: uitgangspunten` ... `:::` container around a list.

`parse()` is used by the load stage (to find headings, blocks and references with their
positions, for validation); the render stage renders the same token stream with its own rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

BLOCK_LINE = re.compile(r"^\{\{(.*)\}\}$")
BLOCK_BODY = re.compile(r'^\s*([a-z][a-z0-9-]*)((?:\s+[a-z][a-z0-9-]*="[^"]*")*)\s*$')
BLOCK_ARG = re.compile(r'([a-z][a-z0-9-]*)="([^"]*)"')
REF_BODY = re.compile(r"^([a-z][a-z0-9-]*)(?::([^\s\]]+))?$")
HEADING_ATTRIBUTE = re.compile(r"\s*\{(-|bijlage)\}\s*$")
UNDEFINED_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


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
class Heading:
    level: int
    text: str
    numbered: bool
    line: int
    appendix: bool = False


NUMBERED_LEVELS = 2  # default: chapters and sections (1, 1.1); front matter `numbering_depth` changes it


class HeadingNumbers:
    """Numbers headings 1, 1.1, ... (levels up to `depth`, default 2; `{-}` headings get none).
    Appendices (`{bijlage}` on a level-1 heading) are numbered separately: B1, with sections B1.1.
    With `numbering: geen` (letters) the body's headings get no number; appendices still do.

    Shared by validation (section references such as [[paragraaf:3.2]]) and rendering, so both
    always agree on which heading carries which number."""

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


@dataclass
class Outline:
    """What the load stage needs to know of a body for validation."""

    headings: list[Heading] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    #: footnote references without a definition, as (line, col, text)
    undefined_footnotes: list[tuple[int, int, str]] = field(default_factory=list)

    def section_numbers(self, numbering: str = "hoofdstukken", depth: int = NUMBERED_LEVELS) -> dict[str, Heading]:
        """Numbered headings by their number ('3.2' -> heading; appendices 'B1', 'B1.2').
        `numbering` and `depth` are the document's front matter values (`numbering`: hoofdstukken,
        artikelen or geen; `numbering_depth`: how many heading levels get a number)."""
        numbers = HeadingNumbers(numbering, depth)
        result = {}
        for heading in self.headings:
            number = numbers.next(heading.level, heading.numbered, heading.appendix)
            if number:
                result[number] = heading
        return result


def _block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    pos = state.bMarks[start] + state.tShift[start]
    maximum = state.eMarks[start]
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    line = state.src[pos:maximum].rstrip()
    match = BLOCK_LINE.match(line)
    if not match:
        return False
    if silent:
        return True
    body = BLOCK_BODY.match(match.group(1))
    token = state.push("bestek_block", "", 0)
    token.map = [start, start + 1]
    token.content = line
    if body:
        token.meta = {"name": body.group(1), "args": tuple(BLOCK_ARG.findall(body.group(2))), "valid": True}
    else:
        token.meta = {"name": "", "args": (), "valid": False}
    token.meta["col"] = state.sCount[start] + 1
    state.line = start + 1
    return True


def _ref_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("[[", pos):
        return False
    end = src.find("]]", pos + 2)
    if end < 0 or "\n" in src[pos:end]:
        return False
    if not silent:
        inner = src[pos + 2:end].strip()
        match = REF_BODY.match(inner)
        token = state.push("bestek_ref", "", 0)
        token.content = src[pos:end + 2]
        token.meta = {
            "kind": match.group(1) if match else "",
            "id": (match.group(2) or "") if match else "",
            "valid": bool(match),
        }
    state.pos = end + 2
    return True


def _heading_attribute_rule(state) -> None:  # noqa: ANN001 - markdown-it core state
    """`# Titel {-}`: no number; `# Titel {bijlage}`: an appendix (level 1 only)."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and i + 1 < len(tokens):
            inline = tokens[i + 1]
            match = HEADING_ATTRIBUTE.search(inline.content)
            if match:
                if match.group(1) == "-":
                    token.meta = dict(token.meta or {}, numbered=False)
                else:
                    token.meta = dict(token.meta or {}, appendix=True)
                inline.content = HEADING_ATTRIBUTE.sub("", inline.content)
                if inline.children:
                    last = inline.children[-1]
                    last.content = HEADING_ATTRIBUTE.sub("", last.content)


def make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.block.ruler.before("paragraph", "bestek_block", _block_rule, {"alt": ["paragraph"]})
    md.inline.ruler.before("link", "bestek_ref", _ref_rule)
    md.core.ruler.push("bestek_heading_attributes", _heading_attribute_rule)
    footnote_plugin(md, inline=False)
    container_plugin(md, "uitgangspunten")
    return md


_PARSER = make_parser()


def parse(text: str) -> list[Token]:
    return _PARSER.parse(text, {})


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


def outline(text: str) -> Outline:
    """Headings, blocks and references of a body, each with its 1-based line and column."""
    lines = text.split("\n")
    result = Outline()
    tokens = parse(text)
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            meta = token.meta or {}
            result.headings.append(Heading(int(token.tag[1]), heading_text(tokens[i + 1]), meta.get("numbered", True),
                                           token.map[0] + 1, meta.get("appendix", False)))
        elif token.type == "bestek_block":
            meta = token.meta
            result.blocks.append(Block(meta["name"], meta["args"], token.map[0] + 1, meta["col"],
                                       token.content, meta["valid"]))
        elif token.type == "inline" and token.map:
            seen: dict[str, int] = {}
            for child in token.children or []:
                if child.type == "text":
                    for found in UNDEFINED_FOOTNOTE.finditer(child.content):
                        line, col = _locate(lines, token.map[0], token.map[1], found.group(0), 0)
                        result.undefined_footnotes.append((line, col, found.group(0)))
                if child.type != "bestek_ref":
                    continue
                nth = seen.get(child.content, 0)
                seen[child.content] = nth + 1
                line, col = _locate(lines, token.map[0], token.map[1], child.content, nth)
                meta = child.meta
                result.references.append(Reference(meta["kind"], meta["id"], line, col, child.content,
                                                   meta["valid"]))
    return result


def _locate(lines: list[str], start: int, end: int, needle: str, nth: int) -> tuple[int, int]:
    """The 1-based line and column of the nth occurrence of `needle` in lines[start:end]."""
    count = 0
    for number in range(start, min(end, len(lines))):
        col = lines[number].find(needle)
        while col >= 0:
            if count == nth:
                return number + 1, col + 1
            count += 1
            col = lines[number].find(needle, col + 1)
    return start + 1, 1
