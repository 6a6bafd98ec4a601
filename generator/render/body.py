"""Render a document body (Markdown with blocks and references) to HTML. Part of the render stage.

Headings are numbered (1, 1.1 — or Artikel 1, 1.1 for agreements) unless marked `{-}`, get a unique
anchor and are collected for the table of contents. Blocks are rendered by the templates in blocks/;
references become linked names, dates, numbers or section references. Markdown `#` becomes <h2>:
the document title is the page's <h1>.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import cast
from urllib.parse import quote

from jinja2 import Environment
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markupsafe import Markup, escape

from generator.core.blocks import SEGMENT_ATTRIBUTES, Block, all_blocks, lines_shown
from generator.core.facts import FACTS
from generator.core.headings import Section, find, find_lid, lid_anchor
from generator.core.mdrules import make_parser
from generator.core.references import REFERENCES
from generator.model.types import Document, Project, Segment
from generator.render.contexts import BlockContext, TocEntry
from generator.render.references import RENDERERS, write_fact

#: the site folder that holds the images and attachments the documents point at
SITE_FILES_DIR = "bestanden"
#: the URL scheme under which the PDF renderer asks for a project file (pdf.py serves exactly the files the
#: load stage checked); no file system path in the HTML, so the PDF does not depend on where the project is
PROJECT_SCHEME = "bestek-project"


def project_url(relative: str) -> str:
    """The URL of a project file (by its path from the project's top) for the PDF renderer."""
    return f"{PROJECT_SCHEME}:{quote(relative)}"


@dataclass
class RenderedBody:
    html: Markup  # the body up to the first appendix
    appendices: Markup  # the appendices ({bijlage} headings onwards), shown after signatures
    toc: tuple[TocEntry, ...]
    segments: frozenset[str]  # ids of the segments the body shows or mentions


@dataclass
class _Parsed:
    tokens: list[Token]
    headings: list[Section]
    anchors: set[str]  # anchors the document's blocks create
    env: dict  # what the parser learnt (footnotes)
    footnotes: dict[int, list[Token]]  # footnote id -> its inline tokens, for footnotes at the page foot


def _footnote_contents(tokens: list[Token]) -> dict[int, list[Token]]:
    contents: dict[int, list[Token]] = {}
    current = None
    for token in tokens:
        if token.type == "footnote_open":
            current = contents.setdefault(token.meta["id"], [])
        elif token.type == "footnote_close":
            current = None
        elif current is not None and token.type == "inline":
            if current:
                current.append(Token("softbreak", "br", 0))
            current.extend(token.children or [])
    return contents


def _without_footnote_block(tokens: list[Token]) -> list[Token]:
    result, inside = [], False
    for token in tokens:
        if token.type == "footnote_block_open":
            inside = True
        elif token.type == "footnote_block_close":
            inside = False
        elif not inside:
            result.append(token)
    return result


def _anchor_once(used: set[str]) -> Callable[[str], Markup]:
    def anchor(name: str) -> Markup:
        if name in used:
            return Markup("")
        used.add(name)
        return Markup(' id="{}"').format(name)
    return anchor


def segment_attribute(segment: Segment, key: str):  # str, number or None
    return getattr(segment, SEGMENT_ATTRIBUTES[key][0])


def block_anchors(project: Project, blocks: dict[str, Block], tokens: list[Token]) -> set[str]:
    """Anchors that the blocks of a document create (their rows in core/blocks.py say which), so
    references can point at them."""
    anchors: set[str] = set()
    for token in tokens:
        if token.type == "bestek_block" and (anchored := blocks[token.meta["name"]].anchors) is not None:
            anchors.update(anchored(project, dict(token.meta["args"])))
    return anchors


def _mark_leden(tokens: list[Token], headings: list[Section]) -> None:
    """The leden of each article (core/headings.py: the ordered list directly under its heading) get the class
    'leden' and each lid its anchor, for [[artikel:13.2]]."""
    plans = iter(headings)
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        plan = next(plans)
        if not plan.leden:
            continue
        opening = tokens[i + 3]
        opening.attrJoin("class", "leden")
        leden = iter(plan.leden)
        for item in tokens[i + 4:]:
            if item.type == "ordered_list_close" and item.level == opening.level:
                break
            if item.type == "list_item_open" and item.level == opening.level + 1:
                item.attrSet("id", lid_anchor(plan.anchor, next(leden)))


def plan_headings(tokens: list[Token], document: Document) -> list[Section]:
    """The sections of the document (numbered and given their ids by the model, core/headings.py), one per
    heading of the tokens, so references can point forward."""
    headings = sum(1 for token in tokens if token.type == "heading_open")
    if headings != len(document.sections):  # both parse the same body: this is a bug
        raise RuntimeError(f"{document.id}: {headings} headings rendered, {len(document.sections)} in the model")
    return list(document.sections)


#: reference kind -> its page on the site, from the site root (core/references.py). On the site a reference
#: links to the object's anchor in the same document when the document shows it, else to this page, else
#: (other kinds) to the document that shows the object.
SITE_PAGES = {kind.name: kind.site_page for kind in REFERENCES.values() if kind.site_page}


class BodyRenderer:
    """Renders the bodies of one project's documents, for the site or for print."""

    def __init__(self, env: Environment, project: Project, with_pdf: bool = False):
        self.env = env
        self.project = project
        self.with_pdf = with_pdf  # the build makes PDFs: a site page may link to its document's PDF
        self.blocks = all_blocks(project.config.blocks)  # the theme's and the project's own
        self.md = make_parser()
        self.renderer = cast(RendererHTML, self.md.renderer)  # what make_parser() makes: rules and render*
        self._default_image = self.renderer.rules["image"]
        # markdown-it binds rules to its renderer: each rule is (renderer, tokens, idx, options, env)
        for name, method in (("heading_open", self._heading_open), ("heading_close", self._heading_close),
                             ("bestek_block", self._block), ("bestek_ref", self._ref),
                             ("link_open", self._link_open), ("link_close", self._link_close),
                             ("image", self._image)):
            self.md.add_render_rule(name, lambda _renderer, *args, method=method: method(*args))
        self.md.add_render_rule("table_open", lambda *_: '<div class="table-wrap"><table>\n')
        self.md.add_render_rule("table_close", lambda *_: "</table></div>\n")
        self._site_footnote_ref = self.renderer.rules["footnote_ref"]
        self.md.add_render_rule("footnote_ref", lambda _renderer, *args: self._footnote_ref(*args))
        self.md.add_render_rule("footnote_block_open", lambda *_: '<section class="footnotes" aria-label="Voetnoten">\n'
                                                                  '<ol class="footnotes-list">\n')
        self.md.add_render_rule("container_uitgangspunten_open", lambda *_: (
            '<aside class="principles" aria-label="Uitgangspunten">\n<p class="principles-title">Uitgangspunten</p>\n'))
        self.md.add_render_rule("container_uitgangspunten_close", lambda *_: "</aside>\n")
        self.parsed: dict[str, _Parsed] = {}
        for document in project.documents:
            parse_env: dict = {}
            tokens = self.md.parse(document.body, parse_env)
            anchors = block_anchors(project, self.blocks, tokens)
            headings = plan_headings(tokens, document)
            _mark_leden(tokens, headings)
            self.parsed[document.id] = _Parsed(tokens, headings, anchors, parse_env, _footnote_contents(tokens))
        #: where each block anchor lives (the first document that shows it), for links between documents
        self.anchor_home: dict[str, str] = {}
        for document in project.documents:
            for anchor in sorted(self.parsed[document.id].anchors):
                self.anchor_home.setdefault(anchor, document.id)

    def render(self, document: Document, target: str, root: str) -> RenderedBody:
        parsed = self.parsed[document.id]
        env = {**parsed.env, "document": document, "target": target, "root": root, "headings": iter(parsed.headings),
               "toc": [], "level": 1, "link": self._linker(document, target, root), "footnotes_of": parsed.footnotes,
               "block_ids": set(), "closing": [],
               "files": {(linked.href, linked.image): linked for linked in document.links},
               # in print, Markdown links to a heading of this document show its page (print.css, a.xref)
               "xrefs": frozenset(p.anchor for p in parsed.headings) if target == "pdf" else frozenset()}
        tokens = parsed.tokens if target == "site" else _without_footnote_block(parsed.tokens)
        split = next((i for i, t in enumerate(tokens) if t.type == "heading_open" and (t.meta or {}).get("appendix")),
                     len(tokens))
        main = self.md.renderer.render(tokens[:split], self.md.options, env)
        appendices = self.md.renderer.render(tokens[split:], self.md.options, env)
        return RenderedBody(Markup(main), Markup(appendices), tuple(env["toc"]), self._mentioned_segments(tokens))

    def _mentioned_segments(self, tokens: list[Token]) -> frozenset[str]:
        mentioned: set[str] = set()
        for token in tokens:
            if token.type == "bestek_block" and self.blocks[token.meta["name"]].shows_segments:
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
            if target == "site" and kind in SITE_PAGES:
                return Markup('<a href="{}{}">{}</a>').format(root, SITE_PAGES[kind].format(id=ident), text)
            if target == "site" and anchor in self.anchor_home:
                return Markup('<a href="{}documenten/{}.html#{}">{}</a>').format(
                    root, self.anchor_home[anchor], anchor, text)
            return escape(text)
        return link

    # --- render rules (markdown-it signature: tokens, idx, options, env) ---

    def _heading_open(self, tokens, idx, options, env) -> str:
        plan: Section = next(env["headings"])
        env["toc"].append(TocEntry(plan.level, plan.label, plan.text, plan.anchor))
        env["level"] = plan.level
        number_html = f'<span class="heading-number">{escape(plan.label)}</span> ' if plan.label else ""
        classes = ["appendix"] if plan.appendix else []
        if env["target"] == "pdf" and plan.label and plan.label == plan.number:
            classes.append("numbered")  # print hangs a plain number in front of the heading text
        css = f' class="{" ".join(classes)}"' if classes else ""
        return f'<h{plan.level + 1} id="{plan.anchor}"{css}>{number_html}'

    def _footnote_ref(self, tokens, idx, options, env) -> str:
        """On the site a linked number with the notes at the end; in print the note itself, which the
        print stylesheet floats to the foot of the page."""
        if env["target"] == "site":
            return self._site_footnote_ref(tokens, idx, options, env)
        children = env["footnotes_of"].get(tokens[idx].meta["id"], [])
        return f'<span class="footnote">{self.renderer.renderInline(children, options, env)}</span>'

    def _heading_close(self, tokens, idx, options, env) -> str:
        return f"</h{int(tokens[idx].tag[1]) + 1}>\n"

    def _link_open(self, tokens, idx, options, env) -> str:
        """Links into the project: the site links to the copied file or the other document's page; a PDF
        cannot link to a file beside it, so it names the attachment after the link text. The tokens are
        rendered twice (site and PDF): a rewritten link goes into a copy."""
        token = tokens[idx]
        href = str(token.attrGet("href") or "")
        linked = env["files"].get((href, False))
        fragment = href[href.index("#"):] if "#" in href else ""
        if linked is None:
            env["closing"].append("</a>")
            if href.startswith("#") and href[1:] in env["xrefs"]:  # print shows the heading's page (a.xref)
                token = token.copy(attrs=dict(token.attrs))
                token.attrJoin("class", "xref")
                return self.renderer.renderToken([token], 0, options, env)
            return self.renderer.renderToken(tokens, idx, options, env)
        if env["target"] == "site":
            token = token.copy(attrs=dict(token.attrs))
            if linked.document is not None:
                token.attrSet("href", f"{env['root']}documenten/{linked.document}.html{fragment}")
            else:
                token.attrSet("href", self._site_file(linked.path, env["root"]) + fragment)
            env["closing"].append("</a>")
            return self.renderer.renderToken([token], 0, options, env)
        name = PurePosixPath(linked.path).name
        env["closing"].append("</span>" if linked.document else f'</span> <span class="attachment-name">'
                              f"(bijlage: {escape(name)})</span>")
        return '<span class="file-link">'

    def _link_close(self, tokens, idx, options, env) -> str:
        return env["closing"].pop()

    def _image(self, tokens, idx, options, env) -> str:
        token = tokens[idx]
        linked = env["files"].get((str(token.attrGet("src") or ""), True))
        if linked is None:  # the load stage checked every image: this is a bug
            raise RuntimeError(f"image {token.attrGet('src')!r} was not checked by the load stage")
        token = token.copy(attrs=dict(token.attrs))  # the tokens are rendered twice (site and PDF)
        token.attrSet("src", self._site_file(linked.path, env["root"]) if env["target"] == "site"
                      else project_url(linked.path))
        return self._default_image([token], 0, options, env)

    @staticmethod
    def _site_file(path: str, root: str) -> str:
        return f"{root}{SITE_FILES_DIR}/{quote(path)}"

    def _block(self, tokens, idx, options, env) -> str:
        meta = tokens[idx].meta
        context = BlockContext(project=self.project, args=dict(meta["args"]), link=env["link"],
                               heading_level=min(env["level"] + 2, 6), anchor=_anchor_once(env["block_ids"]),
                               segment_attribute=segment_attribute,
                               segment_attribute_title=lambda key: SEGMENT_ATTRIBUTES[key][1],
                               document=env["document"], section_link=self._section_linker(env),
                               shown=lines_shown(dict(meta["args"])), target=env["target"],
                               pdf_href=f"{env['root']}pdf/{env['document'].id}.pdf"
                               if env["target"] == "site" and self.with_pdf else None)
        return self.env.get_template(self.blocks[meta["name"]].template).render(context.as_dict()) + "\n"

    def _section_linker(self, env: dict) -> Callable[[str, str, str], Markup]:
        """section_link(document, section, text) of a block: a link to a heading (by its id), fitting the output."""
        def section_link(document_id: str, section: str, text: str) -> Markup:
            parsed = self.parsed.get(document_id)
            if parsed is None or not section or all(p.anchor != section for p in parsed.headings):
                return escape(text)
            if document_id == env["document"].id:
                return Markup('<a class="xref" href="#{}">{}</a>').format(section, text)
            if env["target"] == "site":
                return Markup('<a href="{}documenten/{}.html#{}">{}</a>').format(env["root"], document_id, section,
                                                                                   text)
            return escape(text)
        return section_link

    def _ref(self, tokens, idx, options, env) -> str:
        meta = tokens[idx].meta
        render = write_fact if meta["kind"] in FACTS else RENDERERS[meta["kind"]]
        return str(render(self, meta["id"], meta, env))

    def section_ref(self, kind: str, ident: str, env: dict) -> Markup:
        """'paragraaf 3.2', 'artikel 7.2' or 'bijlage 1', linked to the heading (also in another document);
        written by number or by the heading's id, the number shown is the heading's own."""
        target_id, _, section = ident.rpartition("#")
        document: Document = env["document"]
        other = target_id and target_id != document.id
        target_document = self.project.document(target_id) if other else document
        headings = self.parsed[target_document.id].headings
        plan = find(headings, section, appendix=kind == "bijlage")
        lid = find_lid(headings, section) if plan is None and kind == "artikel" else None
        if lid is not None:  # 'artikel 13 lid 2': one link, so print puts the page after the whole reference
            plan = lid[0]
            anchor, text = lid_anchor(plan.anchor, lid[1]), f"artikel {plan.number} lid {lid[1]}"
        elif plan is None:  # validation found every section: this is a bug
            raise RuntimeError(f"{ident!r} was not checked by validation")
        else:
            shown = plan.number[1:] if kind == "bijlage" else plan.number
            anchor, text = plan.anchor, f"{kind} {shown}" if shown else f"{kind} {plan.text}"
        if not other:
            return Markup('<a class="xref" href="#{}">{}</a>').format(anchor, text)
        suffix = Markup(" van <em>{}</em>").format(target_document.title)
        if env["target"] == "site":
            return Markup('<a href="{}documenten/{}.html#{}">{}</a>{}').format(
                env["root"], target_document.id, anchor, text, suffix)
        return escape(text) + suffix
