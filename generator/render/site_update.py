"""The quick rebuild of `bestek serve` (part of the render stage): after an edit, only the site pages that
depend on what changed.

The dependency map comes from the model: what changed between the previous build and now (documents,
by their model; segments, by theirs; anything else means "everything"), then which pages show it:

* a document whose text changed: its page and its versions page; when what other pages show of it
  changed too (its title, version, date, status, order, its chapters, which segments, requirements
  and criteria it shows), the overview, the colofon, the search page, and the pages of the segments,
  requirements and criteria it showed before or shows now; a document that others refer to by number
  (its chapters moved) has them rendered again, and only those whose page changed are written;
* a segment: its page, the segment list, the overview, the search page, the requirements page (they
  name every segment), the criteria page when a lot holds it, and every document whose page changed.

Everything else (configuration, tender, requirements, templates, an added or removed document or
segment, a changed build date, another document answering the questions) renders the whole site.
The stages are the build's own (load, validate, model, render), so a page is byte for byte what a full
build writes; the load and validate stages keep unchanged YAML in memory (yamlsource.keep_parsed,
project.keep_valid). Neither the PDFs nor the search index are made here: serve.py has a full build
make them in the background. The new site is a copy of the served one (hard links) with the changed
pages written anew, so the served folder is never changed while a reader is in it: write/site_copy.py
writes it; this module only renders.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from jinja2 import Environment

from generator.load.project import LoadedProject, load
from generator.model.build import build_model
from generator.model.types import Document, Project
from generator.render.environment import _render, document_kinds, make_environment, render_documents
from generator.render.pages import RenderedDocument
from generator.render.site import BuildDate, build_date, site_pages
from generator.render.site_html import page_ids
from generator.render.templating import template_errors
from generator.validate.project import validate

#: what the overview, the colofon and other pages show of a document (not its text)
_BODY_FIELDS = ("body", "body_line", "links", "sections", "source")
#: pages that list every segment by name
_SEGMENT_LISTS = ("segmenten.html", "index.html", "zoeken.html", "eisen.html")


@dataclass(frozen=True)
class SiteState:
    """What the served site was made of: the model, the documents' site articles and where the pages are."""

    project: Project
    data: tuple[Any, ...]  # what the load stage read besides the documents (_data)
    env: Environment
    documents: tuple[RenderedDocument, ...]
    when: BuildDate
    pdf_sizes: dict[str, int] | None
    pages: tuple[tuple[str, str, Any], ...]  # (path, template, context) of every page
    site: Path

    @property
    def paths(self) -> frozenset[str]:
        return frozenset(path for path, _, _ in self.pages)


def _data(loaded: LoadedProject) -> tuple[Any, ...]:
    """Everything the load stage read but the documents: configuration, data files, releases, files, logo."""
    return (loaded.config.data if loaded.config else None,
            {name: document.data if document else None for name, document in loaded.data.items()},
            [(release.data.data, release.pdfs) for release in loaded.releases],
            loaded.files, loaded.logo, loaded.templates, sorted(loaded.broken))


def _model(project_dir: Path, env: Environment) -> tuple[Project, tuple[Any, ...]]:
    loaded = load(project_dir)
    validate(loaded, document_kinds(env), False, {})  # raises ContentErrors, as the build does
    return build_model(loaded), _data(loaded)


def _pdf_sizes(site: Path, project: Project) -> dict[str, int] | None:
    sizes = {}
    for document in project.documents:
        try:
            sizes[document.id] = (site / "pdf" / f"{document.id}.pdf").stat().st_size
        except OSError:
            return None  # a site without PDFs
    return sizes


def _pages(project: Project, documents: tuple[RenderedDocument, ...], pdf_sizes: dict[str, int] | None,
           when: BuildDate) -> tuple[tuple[str, str, Any], ...]:
    return tuple(site_pages(project, list(documents), pdf_sizes, when))


_ids: dict[str, frozenset[str]] = {}


def _page_ids(article: str) -> frozenset[str]:
    """page_ids of a document's article, kept for the articles of the current and the previous build."""
    found = _ids.get(article)
    if found is None:
        if len(_ids) > 1024:
            _ids.clear()
        found = _ids[article] = frozenset(page_ids(article))
    return found


def _questions(documents: tuple[RenderedDocument, ...]) -> str | None:
    return next((d.document.id for d in documents if any(i.startswith("vraag-") for i in _page_ids(d.site_article))),
                None)


def prepare(project_dir: Path, site: Path) -> SiteState:
    """The state of a site that a full build just wrote into `site` from the project as it is now."""
    project_root = Path(project_dir).resolve()
    env = make_environment(project_root)
    project, data = _model(project_dir, env)
    with template_errors(project_root):
        documents = tuple(render_documents(project, env, with_pdf=False))
    when = build_date(project, os.environ.get("SOURCE_DATE_EPOCH"))
    sizes = _pdf_sizes(site, project)
    return SiteState(project, data, env, documents, when, sizes, _pages(project, documents, sizes, when), site)


def moved(state: SiteState, site: Path) -> SiteState:
    """The same state, its site now in `site` (a full build in the background wrote it, with new PDFs)."""
    sizes = _pdf_sizes(site, state.project)
    return SiteState(state.project, state.data, state.env, state.documents, state.when, sizes,
                     _pages(state.project, state.documents, sizes, state.when), site)


def _shown_key(document: Document) -> tuple[Any, ...]:
    """What the overview, the colofon, the search page and every link to a document show of it."""
    return tuple(getattr(document, f.name) for f in fields(document) if f.name not in _BODY_FIELDS) + \
        (tuple((s.level, s.text, s.number, s.label, s.anchor, s.appendix) for s in document.sections),)


def _anchors(rendered: RenderedDocument) -> frozenset[str]:
    """The ids of what other pages link to in a document's page: requirements, criteria, questions."""
    return frozenset(i for i in _page_ids(rendered.site_article) if i.startswith(("eis-", "criterium-", "vraag-")))


def _showing(pages: tuple[tuple[str, str, Any], ...], document: str) -> set[str]:
    """The segment pages that link to `document`."""
    return {path for path, _, context in pages
            if path.startswith("segmenten/") and any(link.document.id == document for link in context.shown_in)}


def affected(old: SiteState, project: Project, data: tuple[Any, ...], documents: tuple[RenderedDocument, ...],
             pages: tuple[tuple[str, str, Any], ...], when: BuildDate) -> frozenset[str] | None:
    """The pages to render again after the change from `old` to `project` (read as `data`, its documents'
    site articles `documents`, its pages `pages`), or None when the whole site must be rendered."""
    paths = frozenset(path for path, _, _ in pages)
    if paths != old.paths or when != old.when or _questions(documents) != _questions(old.documents):
        return None
    if [d.id for d in old.project.documents] != [d.id for d in project.documents]:
        return None
    segments: set[str] = set()
    if data != old.data:
        changed = [i for i, (a, b) in enumerate(zip(data, old.data, strict=True)) if a != b]
        files = {name for name in data[1] if data[1][name] != old.data[1].get(name)} | \
            (set(old.data[1]) - set(data[1]))
        if changed != [1] or files != {"segments"} or \
                [s.id for s in old.project.segments] != [s.id for s in project.segments]:
            return None  # anything but the fields of existing segments
        segments = {s.id for s, t in zip(old.project.segments, project.segments, strict=True) if s != t}
    found: set[str] = set()
    old_docs = {d.document.id: d for d in old.documents}
    shown_changed = False
    for new in documents:
        previous = old_docs[new.document.id]
        if new.site_article != previous.site_article or new.document != previous.document:
            found.update((f"documenten/{new.document.id}.html", f"documenten/{new.document.id}/versies.html"))
        named = _shown_key(new.document) != _shown_key(previous.document)
        shown_changed = shown_changed or named
        if new.segments != previous.segments or named:
            found |= _showing(pages, new.document.id) | _showing(old.pages, new.document.id)
        if _anchors(new) != _anchors(previous) or named:
            found.update(("eisen.html", "gunningscriteria.html"))
    if shown_changed:
        found.update(("index.html", "colofon.html", "zoeken.html"))
    if segments:
        found.update(_SEGMENT_LISTS)
        found.update(f"segmenten/{s}.html" for s in segments)
        if any(s.id in segments for lot in project.tender.lots for s in lot.segments):
            found.add("gunningscriteria.html")  # the weights per lot name the lot's segments
    return frozenset(found) & paths


def quick(old: SiteState, project_dir: Path, site: Path) -> tuple[SiteState, dict[str, str]] | None:
    """Render again only the pages that depend on what changed since `old`, for a new site in `site` (the
    served one with those pages replaced: write/site_copy.py writes it). Returns the new state and the pages
    (path -> HTML), or None when the whole site must be built. Raises ContentErrors as a build does."""
    project_root = Path(project_dir).resolve()
    project, data = _model(project_dir, old.env)
    before = {d.document.id: d for d in old.documents}
    if [d.id for d in project.documents] != list(before):
        return None
    changed = frozenset(d.id for d in project.documents if d != before[d.id].document)
    # a segment, or a document others refer to by number or title, can show in every document: render them all
    everything = project.segments != old.project.segments or \
        any(_shown_key(d) != _shown_key(before[d.id].document) for d in project.documents)
    with template_errors(project_root):
        rendered = {d.document.id: d for d in render_documents(project, old.env, with_pdf=False,
                                                               only=None if everything else changed)}
    documents = tuple(rendered.get(d.id) or RenderedDocument(d, before[d.id].site_article, "", before[d.id].segments)
                      for d in project.documents)
    when = build_date(project, os.environ.get("SOURCE_DATE_EPOCH"))
    pages = _pages(project, documents, old.pdf_sizes, when)
    chosen = affected(old, project, data, documents, pages, when)
    if chosen is None:
        return None
    with template_errors(project_root):
        written = {path: _render(old.env, template, context) for path, template, context in pages if path in chosen}
    return SiteState(project, data, old.env, documents, when, old.pdf_sizes, pages, site), written
