"""Render a document body (Markdown with blocks and references) to HTML. Part of the render stage.

Headings are numbered (1, 1.1 — or Artikel 1, 1.1 for agreements) unless marked `{-}`, get a unique
anchor and are collected for the table of contents. Blocks are rendered by the templates in blocks/;
references become linked names, dates, numbers or section references. Markdown `#` becomes <h2>:
the document title is the page's <h1>.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from jinja2 import Environment
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from .contexts import BlockContext, TocEntry
from .markdown import HeadingNumbers, heading_text, make_parser
from .model import Document, Project
from .text import dutch_date, number

RESERVED_PREFIX = "site-"  # ids of the page's own chrome start with this; content ids never do


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "kop"
    if slug.startswith(RESERVED_PREFIX) or slug[0].isdigit():
        slug = "h-" + slug
    return slug


@dataclass(frozen=True)
class HeadingPlan:
    level: int
    number: str  # '3.2', or '' when unnumbered
    label: str  # how the number is shown: '3.2', 'Artikel 3'
    text: str
    anchor: str


@dataclass
class RenderedBody:
    html: Markup
    toc: tuple[TocEntry, ...]
    segments: frozenset[str]  # ids of the segments the body shows or mentions


@dataclass
class _Parsed:
    tokens: list[Token]
    headings: list[HeadingPlan]
    anchors: set[str]  # anchors the document's blocks create


def block_anchors(project: Project, tokens: list[Token]) -> set[str]:
    """Anchors that the blocks of a document create, so references can point at them."""
    anchors: set[str] = set()
    for token in tokens:
        if token.type != "bestek_block":
            continue
        name, args = token.meta["name"], dict(token.meta["args"])
        if name == "segment-details":
            anchors.update(f"segment-{s.id}" for s in project.segments)
        elif name == "eisen":
            anchors.update(f"eis-{r.id}" for r in project.requirements_for(args.get("soort"), args.get("segment")))
        elif name == "gunningscriteria":
            anchors.update(f"criterium-{c.id}" for c in project.criteria)
        elif name == "percelen":
            anchors.update(f"perceel-{lot.id}" for lot in project.tender.lots)
        elif name == "vragen":
            anchors.update(f"vraag-{q.id}" for r in project.rounds if args.get("ronde", r.id) == r.id
                           for q in r.questions)
    return anchors


def plan_headings(tokens: list[Token], numbering: str, taken: set[str]) -> list[HeadingPlan]:
    """Number and anchor every heading before rendering, so references can point forward."""
    numbers, used, plans = HeadingNumbers(), set(taken), []
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1])
        text = heading_text(tokens[i + 1])
        number_text = numbers.next(level, (token.meta or {}).get("numbered", True))
        label = f"Artikel {number_text}" if number_text and level == 1 and numbering == "artikelen" else number_text
        anchor, n = slugify(text), 2
        while anchor in used:
            anchor, n = f"{slugify(text)}-{n}", n + 1
        used.add(anchor)
        plans.append(HeadingPlan(level, number_text, label, text, anchor))
    return plans


class BodyRenderer:
    """Renders the bodies of one project's documents, for the site or for print."""

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
        self.parsed: dict[str, _Parsed] = {}
        for document in project.documents:
            tokens = self.md.parse(document.body)
            anchors = block_anchors(project, tokens)
            self.parsed[document.id] = _Parsed(tokens, plan_headings(tokens, document.numbering, anchors), anchors)
        #: where each block anchor lives (the first document that shows it), for links between documents
        self.anchor_home: dict[str, str] = {}
        for document in project.documents:
            for anchor in sorted(self.parsed[document.id].anchors):
                self.anchor_home.setdefault(anchor, document.id)

    def render(self, document: Document, target: str, root: str) -> RenderedBody:
        parsed = self.parsed[document.id]
        env = {"document": document, "target": target, "root": root, "headings": iter(parsed.headings),
               "toc": [], "level": 1, "link": self._linker(document, target, root)}
        html = self.md.renderer.render(parsed.tokens, self.md.options, env)
        return RenderedBody(Markup(html), tuple(env["toc"]), self._mentioned_segments(parsed.tokens))

    def _mentioned_segments(self, tokens: list[Token]) -> frozenset[str]:
        mentioned: set[str] = set()
        for token in tokens:
            if token.type == "bestek_block" and token.meta["name"] in ("segmenten", "segment-details"):
                mentioned.update(s.id for s in self.project.segments)
            for child in token.children or []:
                if child.type == "bestek_ref" and child.meta["kind"] == "segment":
                    mentioned.add(child.meta["id"])
        return frozenset(mentioned)

    def _linker(self, document: Document, target: str, root: str) -> Callable[[str, str, str], Markup]:
        local = self.parsed[document.id].anchors

        def link(kind: str, ident: str, text: str) -> Markup:
            anchor = f"{kind}-{ident}"
            if anchor in local:
                return Markup('<a href="#{}">{}</a>').format(anchor, text)
            if target == "site" and kind == "segment":
                return Markup('<a href="{}segmenten/{}.html">{}</a>').format(root, ident, text)
            if target == "site" and anchor in self.anchor_home:
                return Markup('<a href="{}documenten/{}.html#{}">{}</a>').format(
                    root, self.anchor_home[anchor], anchor, text)
            return escape(text)
        return link

    # --- render rules (markdown-it signature: tokens, idx, options, env) ---

    def _heading_open(self, tokens, idx, options, env) -> str:  # noqa: ANN001
        plan: HeadingPlan = next(env["headings"])
        env["toc"].append(TocEntry(plan.level, plan.label, plan.text, plan.anchor))
        env["level"] = plan.level
        number_html = f'<span class="heading-number">{escape(plan.label)}</span> ' if plan.label else ""
        return f'<h{plan.level + 1} id="{plan.anchor}">{number_html}'

    def _heading_close(self, tokens, idx, options, env) -> str:  # noqa: ANN001
        return f"</h{int(tokens[idx].tag[1]) + 1}>\n"

    def _block(self, tokens, idx, options, env) -> str:  # noqa: ANN001
        meta = tokens[idx].meta
        context = BlockContext(project=self.project, args=dict(meta["args"]), link=env["link"],
                               heading_level=min(env["level"] + 2, 6))
        return self.env.get_template(f"blocks/{meta['name']}.html").render(context.as_dict()) + "\n"

    def _ref(self, tokens, idx, options, env) -> str:  # noqa: ANN001
        meta = tokens[idx].meta
        kind, ident, project, link = meta["kind"], meta["id"], self.project, env["link"]
        if kind == "segment":
            return str(link("segment", ident, project.segment(ident).name))
        if kind == "eis":
            return str(link("eis", ident, next(r for r in project.requirements if r.id == ident).title))
        if kind == "criterium":
            criterion = next(c for c in project.criteria if c.id == ident)
            weight = f" ({number(criterion.weight)}%)" if criterion.weight is not None else ""
            return str(link("criterium", ident, f"{criterion.title}{weight}"))
        if kind == "perceel":
            lot = project.lot(ident)
            return str(link("perceel", ident, f"perceel {lot.number} ({lot.name})"))
        if kind == "vraag":
            return str(link("vraag", ident, f"vraag {project.question(ident).number}"))
        if kind == "datum":
            return str(escape(dutch_date(project.milestone(ident).date)))
        if kind == "aantal":
            counts = {"segmenten": project.segments, "gemeenten": project.organisation.municipalities,
                      "eisen": project.requirements, "gunningscriteria": project.criteria}
            return str(len(counts[ident]))
        if kind in ("paragraaf", "artikel"):
            return str(self._section_ref(kind, ident, env))
        return str(escape(project.organisation.name))  # regio

    def _section_ref(self, kind: str, ident: str, env: dict) -> Markup:
        """'paragraaf 3.2' or 'artikel 7.2', linked to the heading (also in another document)."""
        target_id, _, section = ident.rpartition("#")
        document: Document = env["document"]
        other = target_id and target_id != document.id
        target_document = self.project.document(target_id) if other else document
        plan = next(p for p in self.parsed[target_document.id].headings if p.number == section)
        text = f"{kind} {section}"
        if not other:
            return Markup('<a class="xref" href="#{}">{}</a>').format(plan.anchor, text)
        suffix = Markup(" van <em>{}</em>").format(target_document.title)
        if env["target"] == "site":
            return Markup('<a href="{}documenten/{}.html#{}">{}</a>{}').format(
                env["root"], target_document.id, plan.anchor, text, suffix)
        return escape(text) + suffix


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
