"""Which pages the site has, and the context each page template gets. Part of the render stage.

`site_pages()` returns (path, template, context) for every page; render.render_site() renders them.
A page exists only when the project has something to show on it (no requirements: no requirement
index), and the navigation lists only pages that exist, so the site never links to a missing page.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from generator import __version__
from generator.core.errors import EnvironmentProblem
from generator.core.text import file_size
from generator.model.types import REQUIREMENT_KIND_NAMES, Document, Project
from generator.render.contexts import (
    ColophonContext,
    CriteriaGroup,
    CriteriaPageContext,
    CriterionEntry,
    CriterionWeight,
    DocumentEntry,
    DocumentLink,
    DocumentPageContext,
    HistoryPageContext,
    IndexContext,
    NavLink,
    PageContext,
    PlanningPageContext,
    RequirementEntry,
    RequirementGroup,
    RequirementIndexContext,
    SegmentPageContext,
    SegmentsContext,
    StatementContext,
    TenderStatus,
)
from generator.render.pages import RenderedDocument
from generator.render.site_history import changed_sections, history, published
from generator.render.site_html import page_ids
from generator.render.site_timeline import build_timeline


@dataclass(frozen=True)
class BuildDate:
    date: datetime.date
    source: str  # for people, in Dutch: where the date comes from


def build_date(project: Project, source_date_epoch: str | None) -> BuildDate:
    """The date a build states (colophon, accessibility statement, status on the home page).

    SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) when set; otherwise
    the date of the newest document. Never the clock: the same input gives the same site.
    """
    if source_date_epoch:
        try:
            seconds = int(source_date_epoch)
            day = datetime.datetime.fromtimestamp(seconds, datetime.UTC).date()
        except (ValueError, OverflowError, OSError) as exc:
            raise EnvironmentProblem(f"SOURCE_DATE_EPOCH moet een geheel aantal seconden sinds 1970 zijn, "
                                     f"niet '{source_date_epoch}'") from exc
        if seconds < 0:
            raise EnvironmentProblem(f"SOURCE_DATE_EPOCH mag niet negatief zijn ('{source_date_epoch}')")
        return BuildDate(day, "de omgevingsvariabele SOURCE_DATE_EPOCH")
    newest = max(project.documents, key=lambda d: (d.date, d.id))
    return BuildDate(newest.date, f"de datum van het nieuwste document ({newest.title})")


def tender_status(project: Project, as_of: datetime.date) -> TenderStatus | None:
    planning = sorted(project.tender.planning, key=lambda m: m.date)
    if not planning:
        return None
    previous = [m for m in planning if m.date <= as_of]
    upcoming = [m for m in planning if m.date > as_of]
    return TenderStatus(as_of, previous[-1] if previous else None, upcoming[0] if upcoming else None)


def _nav(project: Project, root: str, current: str, questions: str | None) -> tuple[NavLink, ...]:
    """The main menu; `questions` is the page of the document that answers the NvI questions, if any."""
    items = [("index.html", "Overzicht", True),
             ("segmenten.html", "Segmenten", bool(project.segments)),
             ("eisen.html", "Eisen", bool(project.requirements)),
             ("gunningscriteria.html", "Gunningscriteria", bool(project.criteria)),
             ("planning.html", "Planning", bool(project.tender.planning)),
             (questions or "", "Nota van Inlichtingen", questions is not None),
             ("zoeken.html", "Zoeken", True)]
    return tuple(NavLink(root + path, text, path == current) for path, text, exists in items if exists)


def _entry(project: Project, document: Document, root: str, pdf_sizes: dict[str, int] | None) -> DocumentEntry:
    html = f"{root}documenten/{document.id}.html"
    versions = f"{root}documenten/{document.id}/versies.html" if published(project, document.id) else None
    if pdf_sizes is None:
        return DocumentEntry(document, html, None, None, versions)
    return DocumentEntry(document, html, f"{root}pdf/{document.id}.pdf", file_size(pdf_sizes[document.id]), versions)


class _Shown:
    """Where each model object appears in the rendered documents: its anchor in a document's page."""

    def __init__(self, documents: list[RenderedDocument]):
        self.documents = [(d.document, page_ids(d.site_article), d.segments) for d in documents]

    def first_showing(self, prefix: str) -> Document | None:
        """The first document that shows an object whose anchor starts with `prefix` (such as 'vraag-')."""
        return next((d for d, ids, _ in self.documents if any(i.startswith(prefix) for i in ids)), None)

    def links(self, anchor: str, root: str, mentioned_segment: str | None = None) -> tuple[DocumentLink, ...]:
        links = []
        for document, ids, segments in self.documents:
            page = f"{root}documenten/{document.id}.html"
            if anchor in ids:
                links.append(DocumentLink(document, f"{page}#{anchor}"))
            elif mentioned_segment is not None and mentioned_segment in segments:
                links.append(DocumentLink(document, page))
        return tuple(links)


def requirement_groups(project: Project, shown: _Shown) -> tuple[RequirementGroup, ...]:
    kinds = list(REQUIREMENT_KIND_NAMES) + sorted({r.kind for r in project.requirements} - set(REQUIREMENT_KIND_NAMES))
    groups = []
    for kind in kinds:
        selected = [r for r in project.requirements if r.kind == kind]
        if selected:
            entries = tuple(RequirementEntry(r, shown.links(f"eis-{r.id}", "")) for r in selected)
            groups.append(RequirementGroup(kind, selected[0].kind_name, f"site-soort-{kind}", entries))
    return tuple(groups)


def criteria_entries(project: Project, shown: _Shown) -> tuple[CriterionEntry, ...]:
    return tuple(CriterionEntry(c, shown.links(f"criterium-{c.id}", "")) for c in project.criteria)


def criteria_groups(project: Project, entries: tuple[CriterionEntry, ...]) -> tuple[CriteriaGroup, ...]:
    """The weights per lot (perceel), in the lots' order; without lots one group with lot None, which
    the page shows without a lot heading. A criterion without a weight for a lot is left out of it."""
    groups = []
    for lot in project.criteria_lots:
        lot_id = lot.id if lot else None
        weights = tuple(CriterionWeight(e, w) for e in entries
                        if (w := e.criterion.weight_for(lot_id)) is not None)
        groups.append(CriteriaGroup(lot, f"site-perceel-{lot_id}" if lot else "site-weging", weights,
                                    project.total_weight(lot)))
    return tuple(groups)


def site_pages(project: Project, documents: list[RenderedDocument], pdf_sizes: dict[str, int] | None,
               when: BuildDate, ics_href: str | None = None) -> list[tuple[str, str, Any]]:
    """Every page of the site as (path from the site root, page template, context).

    `pdf_sizes` is None without PDFs. `ics_href` is the site path of planning.ics when the build writes
    one (the tender package of the publishing step does); without it no page links to a calendar file.
    """
    site_title = project.config.site_title or project.tender.title
    shown = _Shown(documents)
    answering = shown.first_showing("vraag-")  # the Nota van Inlichtingen with the questions and answers
    questions = f"documenten/{answering.id}.html" if answering else None

    def common(path: str, title: str) -> dict[str, Any]:
        root = "../" * path.count("/")
        return {"project": project, "site_title": site_title, "page_title": title, "root": root,
                "version": __version__, "build_date": when.date, "nav": _nav(project, root, path, questions)}

    pages: list[tuple[str, str, Any]] = []

    def add(path: str, template: str, cls: type, title: str, **fields: Any) -> None:
        pages.append((path, template, cls(**common(path, title), **fields)))

    add("index.html", "site/index.html", IndexContext, site_title,
        documents=tuple(_entry(project, d.document, "", pdf_sizes) for d in documents),
        status=tender_status(project, when.date))
    for rendered in documents:
        add(f"documenten/{rendered.document.id}.html", "site/document.html", DocumentPageContext,
            rendered.document.title, entry=_entry(project, rendered.document, "../", pdf_sizes),
            article=rendered.site_article)
    for rendered in documents:  # a document that a release published: its versions and what changed
        document = rendered.document
        if published(project, document.id):
            replaced, sections = changed_sections(project, document, page_ids(rendered.site_article),
                                                  f"../{document.id}.html")
            add(f"documenten/{document.id}/versies.html", "site/versies.html", HistoryPageContext,
                f"Versies van {document.title}", document=document, document_href=f"../{document.id}.html",
                versions=history(project, document, "../../", None if pdf_sizes is None else pdf_sizes[document.id]),
                replaced=replaced, replaces=project.versions.replaces(document.id, document.version),
                sections=sections)
    if project.segments:
        add("segmenten.html", "site/segmenten.html", SegmentsContext, "Segmenten")
    for segment in project.segments:
        add(f"segmenten/{segment.id}.html", "site/segment.html", SegmentPageContext, segment.name,
            segment=segment, lots=tuple(lot for lot in project.tender.lots if segment in lot.segments),
            requirements=tuple(r for r in project.requirements_for(segment=segment.id) if r.segments),
            general_requirements=sum(1 for r in project.requirements_for(segment=segment.id) if not r.segments),
            shown_in=shown.links(f"segment-{segment.id}", "../", mentioned_segment=segment.id))
    if project.requirements:
        add("eisen.html", "site/eisen.html", RequirementIndexContext, "Eisen",
            groups=requirement_groups(project, shown))
    if project.criteria:
        criteria = criteria_entries(project, shown)
        add("gunningscriteria.html", "site/gunningscriteria.html", CriteriaPageContext, "Gunningscriteria",
            criteria=criteria, groups=criteria_groups(project, criteria))
    if project.tender.planning:
        add("planning.html", "site/planning.html", PlanningPageContext, "Planning",
            timeline=build_timeline(project.tender.planning), ics_href=ics_href)
    add("zoeken.html", "site/zoeken.html", PageContext, "Zoeken")
    add("toegankelijkheid.html", "site/toegankelijkheid.html", StatementContext, "Toegankelijkheidsverklaring",
        pdfs=pdf_sizes is not None)
    add("colofon.html", "site/colofon.html", ColophonContext, "Colofon",
        documents=tuple(_entry(project, d.document, "", pdf_sizes) for d in documents), build_date_source=when.source)
    return pages
