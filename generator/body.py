"""Render a document body (Markdown with blocks and references) to HTML. Part of the render stage.

Headings are numbered (1, 1.1, 1.1.1) unless marked `{-}`, get a unique anchor and are collected
for the table of contents. Blocks are rendered by the templates in blocks/; references become
linked names, dates or numbers. Markdown `#` becomes <h2>: the document title is the page's <h1>.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from jinja2 import Environment
from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from .contexts import BlockContext, TocEntry
from .markdown import heading_text, make_parser
from .model import Document, Project
from .text import dutch_date, number

MAX_NUMBERED_LEVEL = 2
RESERVED_PREFIX = "site-"  # ids of the page's own chrome start with this; content ids never do


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "kop"
    if slug.startswith(RESERVED_PREFIX) or slug[0].isdigit():
        slug = "h-" + slug
    return slug


class Anchors:
    """Unique ids within one page."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def claim(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self.used:
            candidate, n = f"{wanted}-{n}", n + 1
        self.used.add(candidate)
        return candidate


@dataclass
class RenderedBody:
    html: Markup
    toc: tuple[TocEntry, ...]
    segments: frozenset[str]  # ids of the segments the body shows or mentions


#: block name -> the anchor prefixes it creates in the page (so references can link inside the page)
BLOCK_ANCHORS = {"segment-details": "segment", "eisen": "eis", "gunningscriteria": "criterium",
                 "segmenten": None}


class BodyRenderer:
    """Renders bodies of one project; `link_target` says where links to model objects go."""

    def __init__(self, env: Environment, project: Project):
        self.env = env
        self.project = project
        self.md = make_parser()
        # markdown-it binds rules to its renderer: each rule is (renderer, tokens, idx, options, env)
        for name, method in (("heading_open", self._heading_open), ("heading_close", self._heading_close),
                             ("bestek_block", self._block), ("bestek_ref", self._ref)):
            self.md.add_render_rule(name, lambda _renderer, *args, method=method: method(*args))
        self.md.add_render_rule("table_open", lambda *_: '<div class="table-wrap"><table>\n')
        self.md.add_render_rule("table_close", lambda *_: "</table></div>\n")

    def render(self, document: Document, target: str, root: str) -> RenderedBody:
        tokens = self.md.parse(document.body)
        local = self._local_anchors(tokens)
        env = {
            "counters": [0] * 6, "toc": [], "anchors": Anchors(), "level": 1,
            "link": self._linker(target, root, local),
        }
        for anchor in sorted(local):
            env["anchors"].used.add(anchor)
        html = self.md.renderer.render(tokens, self.md.options, env)
        return RenderedBody(Markup(html), tuple(env["toc"]), self._mentioned_segments(tokens))

    def _mentioned_segments(self, tokens) -> frozenset[str]:  # noqa: ANN001
        mentioned: set[str] = set()
        for token in tokens:
            if token.type == "bestek_block" and token.meta["name"] in ("segmenten", "segment-details"):
                mentioned.update(s.id for s in self.project.segments)
            for child in token.children or []:
                if child.type == "bestek_ref" and child.meta["kind"] == "segment":
                    mentioned.add(child.meta["id"])
        return frozenset(mentioned)

    def _local_anchors(self, tokens) -> set[str]:  # noqa: ANN001
        """Anchors that blocks of this document will create, so references can point at them."""
        anchors: set[str] = set()
        for token in tokens:
            if token.type != "bestek_block":
                continue
            name, args = token.meta["name"], dict(token.meta["args"])
            if name == "segment-details":
                anchors.update(f"segment-{s.id}" for s in self.project.segments)
            elif name == "eisen":
                anchors.update(f"eis-{r.id}" for r in self.project.requirements_for(args.get("soort"), args.get("segment")))
            elif name == "gunningscriteria":
                anchors.update(f"criterium-{c.id}" for c in self.project.criteria)
        return anchors

    def _linker(self, target: str, root: str, local: set[str]) -> Callable[[str, str, str], Markup]:
        def link(kind: str, ident: str, text: str) -> Markup:
            anchor = f"{kind}-{ident}"
            if anchor in local:
                return Markup('<a href="#{}">{}</a>').format(anchor, text)
            if kind == "segment" and target == "site":
                return Markup('<a href="{}segmenten/{}.html">{}</a>').format(root, ident, text)
            return escape(text)
        return link

    # --- render rules (markdown-it signature: tokens, idx, options, env) ---

    def _heading_open(self, tokens, idx, options, env) -> str:  # noqa: ANN001
        token = tokens[idx]
        level = int(token.tag[1])
        text = heading_text(tokens[idx + 1])
        number_text = ""
        if (token.meta or {}).get("numbered", True) and level <= MAX_NUMBERED_LEVEL:
            counters = env["counters"]
            counters[level - 1] += 1
            for deeper in range(level, len(counters)):
                counters[deeper] = 0
            number_text = ".".join(str(c) for c in counters[:level])
        anchor = env["anchors"].claim(slugify(text))
        env["toc"].append(TocEntry(level, number_text, text, anchor))
        env["level"] = level
        number_html = f'<span class="heading-number">{number_text}</span> ' if number_text else ""
        return f'<h{level + 1} id="{anchor}">{number_html}'

    def _heading_close(self, tokens, idx, options, env) -> str:  # noqa: ANN001
        return f"</h{int(tokens[idx].tag[1]) + 1}>\n"

    def _block(self, tokens, idx, options, env) -> str:  # noqa: ANN001
        meta = tokens[idx].meta
        context = BlockContext(project=self.project, args=dict(meta["args"]), link=env["link"],
                               heading_level=min(env["level"] + 2, 6))
        template = self.env.get_template(f"blocks/{meta['name']}.html")
        return template.render(context.as_dict()) + "\n"

    def _ref(self, tokens, idx, options, env) -> str:  # noqa: ANN001
        meta = tokens[idx].meta
        kind, ident, project = meta["kind"], meta["id"], self.project
        link = env["link"]
        if kind == "segment":
            return str(link("segment", ident, project.segment(ident).name))
        if kind == "eis":
            requirement = next(r for r in project.requirements if r.id == ident)
            return str(link("eis", ident, requirement.title))
        if kind == "criterium":
            criterion = next(c for c in project.criteria if c.id == ident)
            return str(link("criterium", ident, f"{criterion.title} ({number(criterion.weight)}%)"))
        if kind == "datum":
            return str(escape(dutch_date(project.milestone(ident).date)))
        if kind == "aantal":
            counts = {"segmenten": project.segments, "gemeenten": project.organisation.municipalities,
                      "eisen": project.requirements, "gunningscriteria": project.criteria}
            return str(len(counts[ident]))
        return str(escape(project.organisation.name))  # regio


def markdown_filter() -> Callable[[str], Markup]:
    """A Jinja filter for Markdown in YAML fields (descriptions): CommonMark, no raw HTML."""
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])

    def render(text: str) -> Markup:
        return Markup(md.render(text or ""))
    return render


def markdown_inline_filter() -> Callable[[str], Markup]:
    md = MarkdownIt("commonmark", {"html": False})

    def render(text: str) -> Markup:
        return Markup(md.renderInline(text or ""))
    return render
