"""The markdown-it parser of the Bestek dialect (core/markdown.py describes the dialect): its block and inline
rules, the heading attributes, the noun after a count, footnotes and the principles container. Imported only
when a text is parsed: a command whose outlines all come from the cache (load/parsecache.py) never loads
markdown-it."""
from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt, rules_inline
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from generator.core.headings import parse_attributes
from generator.core.text import COUNT_NOUNS

BLOCK_LINE = re.compile(r"^\{\{(.*)\}\}$")
BLOCK_BODY = re.compile(r'^\s*([a-z][a-z0-9-]*)((?:\s+[a-z][a-z0-9-]*="[^"]*")*)\s*$')
BLOCK_ARG = re.compile(r'([a-z][a-z0-9-]*)="([^"]*)"')
REF_BODY = re.compile(r"^([a-z][a-z0-9-]*)(?::([^\s\]]+))?$")
MAX_REF_LENGTH = 200  # characters of '[[kind:id]]'; longer is text


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
    end = src.find("]]", pos + 2, pos + MAX_REF_LENGTH)  # bounded: '[[[[...' must not cost O(n) per '['
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


def _heading_attribute_rule(state) -> None:  # markdown-it core state
    """`# Titel {-}`: no number; `# Titel {bijlage}`: an appendix (level 1 only); `# Titel {#id}`: its id."""
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and i + 1 < len(tokens):
            inline = tokens[i + 1]
            attributes, inline.content = parse_attributes(inline.content)
            if attributes is not None:
                token.meta = dict(token.meta or {}, numbered=attributes.numbered, appendix=attributes.appendix,
                                  id=attributes.id, number=attributes.number)
                if inline.children:
                    last = inline.children[-1]
                    last.content = parse_attributes(last.content)[1]


def _count_noun_rule(state) -> None:  # markdown-it core state
    """`[[aantal:segmenten]] segmenten`: the noun after a count is the count's own, so it is written in the
    form that goes with the number ('1 segment', '2 segmenten'); the reference takes it over (meta 'noun')."""
    for token in state.tokens:
        children = token.children or []
        for ref, after in zip(children, children[1:], strict=False):
            if ref.type != "bestek_ref" or ref.meta.get("kind") != "aantal" or after.type != "text":
                continue
            noun = ref.meta.get("id", "")
            if noun in COUNT_NOUNS and after.content.startswith(f" {noun}") \
                    and not after.content[len(noun) + 1:len(noun) + 2].isalnum():
                ref.meta = dict(ref.meta, noun=True)
                after.content = after.content[len(noun) + 1:]


def _remember_source(rule):  # wraps a markdown-it inline rule
    """Wrap the link/image/autolink rule so its token remembers the exact source it matched (to
    report a position: markdown-it keeps no columns for inline tokens)."""
    def wrapped(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent:
            token = next((t for t in state.tokens[count:] if t.type in ("link_open", "image")), None)
            if token is not None:
                token.meta = dict(token.meta or {}, source=state.src[start:state.pos])
        return True
    return wrapped


class _DetectingParser(MarkdownIt):
    """Keeps links of every scheme (javascript: too) as links, to report them."""

    def validateLink(self, url: str) -> bool:  # markdown-it's name
        return True


def make_parser(detect: bool = False) -> MarkdownIt:
    """The Bestek Markdown parser. With `detect` (load stage only) raw HTML becomes html_block and
    html_inline tokens and links of every scheme are kept, so they can be reported; never render
    with it."""
    parser = _DetectingParser if detect else MarkdownIt
    md = parser("commonmark", {"html": detect, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.block.ruler.before("paragraph", "bestek_block", _block_rule, {"alt": ["paragraph"]})
    md.inline.ruler.before("link", "bestek_ref", _ref_rule)
    md.core.ruler.push("bestek_heading_attributes", _heading_attribute_rule)
    md.core.ruler.push("bestek_count_nouns", _count_noun_rule)
    footnote_plugin(md, inline=False)
    container_plugin(md, "uitgangspunten")
    if detect:
        for name, rule in (("link", rules_inline.link), ("image", rules_inline.image),
                           ("autolink", rules_inline.autolink)):
            md.inline.ruler.at(name, _remember_source(rule))
    return md


@functools.cache
def detecting_parser() -> MarkdownIt:
    """The parser of the load stage (make_parser with `detect`), made once per process."""
    return make_parser(detect=True)
