"""Template contexts: what each template receives, as documented dataclasses.

Every template of the theme gets exactly the fields of one of these classes (see TEMPLATES);
tests/test_template_context.py checks that no template uses a name that is not documented here.
Project templates that override the theme receive the same contexts.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from typing import Any

from markupsafe import Markup

from generator.model.types import Criterion, Document, Lot, Milestone, Project, Requirement, Segment


def doc(text: str) -> Any:
    """A dataclass field with its documentation."""
    return field(metadata={"doc": text})


@dataclass(frozen=True)
class TocEntry:
    level: int = doc("Heading level in the document: 1 for a chapter, 2 for a section, 3 below that.")
    number: str = doc("The heading number such as '2.1', or '' for an unnumbered heading.")
    text: str = doc("The heading text.")
    anchor: str = doc("The id of the heading in the page, for links to '#anchor'.")


@dataclass(frozen=True)
class DocumentEntry:
    document: Document = doc("The document (title, kind, version, status, date).")
    html_href: str = doc("Link from the site root to the document's HTML page.")
    pdf_href: str | None = doc("Link from the site root to the PDF, or None when PDFs are switched off.")
    pdf_size: str | None = doc("Size of the PDF for people, such as '412 kB', or None.")
    history_href: str | None = doc("Link from the site root to the document's version history "
                                   "(documenten/<id>/versies.html), or None when no release published it.")


@dataclass(frozen=True)
class NavLink:
    href: str = doc("Link from the current page.")
    text: str = doc("The link text.")
    current: bool = doc("Whether the link points at the current page (marked with aria-current).")


@dataclass(frozen=True)
class TemplateContext:
    """What a template context can do: give its fields to Jinja as a dict (exactly these names)."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class PageContext(TemplateContext):
    """Fields every site page gets (site/base.html uses only these). site/zoeken.html gets exactly these."""

    project: Project = doc("The whole validated model: organisation, tender, segments, requirements, ...")
    site_title: str = doc("Title of the site: config site.title, or the tender title.")
    page_title: str = doc("Title of this page, used in <title> and the main heading.")
    root: str = doc("Relative path from this page to the site root ('' or '../'), to prefix links.")
    version: str = doc("The Bestek version that built the site.")
    build_date: datetime.date = doc("The date of this build: SOURCE_DATE_EPOCH when set, otherwise the date of "
                                    "the newest document. Never the clock, so that builds are reproducible.")
    nav: tuple[NavLink, ...] = doc("The main navigation: the site's pages that exist in this project.")


@dataclass(frozen=True)
class DocumentLink:
    """A document that shows or mentions an object (segment, requirement, criterion)."""

    document: Document = doc("The document.")
    href: str = doc("Link from the current page to the object's anchor in the document's page, or to the page "
                    "when the document only mentions the object.")


@dataclass(frozen=True)
class TenderStatus:
    as_of: datetime.date = doc("The date the status describes: the build date.")
    previous: Milestone | None = doc("The last milestone on or before that date, or None when none is.")
    next: Milestone | None = doc("The first milestone after that date, or None when all have passed.")


@dataclass(frozen=True)
class IndexContext(PageContext):
    """site/index.html: the home page, the tender at a glance."""

    documents: tuple[DocumentEntry, ...] = doc("Every document, in the project's order.")
    status: TenderStatus | None = doc("Where the trajectory stands on the build date, or None without a planning.")


@dataclass(frozen=True)
class SegmentsContext(PageContext):
    """site/segmenten.html: the overview of all segments."""


@dataclass(frozen=True)
class RequirementEntry:
    requirement: Requirement = doc("The requirement.")
    shown_in: tuple[DocumentLink, ...] = doc("Documents that show the requirement, linked at the requirement.")


@dataclass(frozen=True)
class RequirementGroup:
    kind: str = doc("The kind's id, such as 'minimumeis'.")
    name: str = doc("The kind's name for people, such as 'Minimumeisen'.")
    anchor: str = doc("The id of the group's section in the page.")
    requirements: tuple[RequirementEntry, ...] = doc("The requirements of this kind, in the project's order.")


@dataclass(frozen=True)
class RequirementIndexContext(PageContext):
    """site/eisen.html: every requirement, grouped by kind; filterable by kind and segment."""

    groups: tuple[RequirementGroup, ...] = doc("One group per kind that has requirements, in the usual order "
                                               "(exclusion grounds, suitability, minimum requirements, terms).")


@dataclass(frozen=True)
class CriterionEntry:
    criterion: Criterion = doc("The award criterion (its weights per lot: criterion.weight_for(lot_id)).")
    shown_in: tuple[DocumentLink, ...] = doc("Documents that show the criterion, linked at the criterion.")


@dataclass(frozen=True)
class CriterionWeight:
    entry: CriterionEntry = doc("The criterion with where it is shown.")
    weight: float = doc("Its weight in this lot, in percent.")


@dataclass(frozen=True)
class CriteriaGroup:
    lot: Lot | None = doc("The lot (perceel) these weights are for, or None when the tender has no lots: then "
                          "there is one group and the page shows no lot heading.")
    anchor: str = doc("The id of the group's section in the page ('site-perceel-<lot id>').")
    weights: tuple[CriterionWeight, ...] = doc("The criteria weighed in this lot, in the project's order.")
    total_weight: float = doc("The sum of the weights (100 after validation).")


@dataclass(frozen=True)
class CriteriaPageContext(PageContext):
    """site/gunningscriteria.html: the award criteria with their weights, per lot."""

    criteria: tuple[CriterionEntry, ...] = doc("Every criterion, in the project's order.")
    groups: tuple[CriteriaGroup, ...] = doc("The weights per lot; one group without a lot when the tender has "
                                            "no lots.")


@dataclass(frozen=True)
class TimelineTick:
    x: float = doc("Horizontal position on the time axis (SVG user units).")
    label: str = doc("The tick's label, such as 'mrt 2024'.")


@dataclass(frozen=True)
class TimelineMarker:
    number: int = doc("The milestone's number, also shown in the table.")
    milestone: Milestone = doc("The milestone.")
    x: float = doc("Horizontal position of the milestone's date on the axis.")
    y: float = doc("Vertical position of the marker (markers close together are stacked).")
    end_x: float | None = doc("For a period (a milestone with an end date): the position of its end, else None.")


@dataclass(frozen=True)
class Timeline:
    """The planning drawn as an SVG time axis, computed at build time."""

    width: float = doc("Width of the SVG viewBox.")
    height: float = doc("Height of the SVG viewBox.")
    axis_y: float = doc("Vertical position of the time axis.")
    axis_start: float = doc("Left end of the axis.")
    axis_end: float = doc("Right end of the axis.")
    radius: float = doc("Radius of a milestone's marker circle.")
    ticks: tuple[TimelineTick, ...] = doc("Month ticks along the axis.")
    markers: tuple[TimelineMarker, ...] = doc("One marker per milestone, in date order.")
    description: str = doc("A sentence describing the timeline, for the SVG's <desc>.")


@dataclass(frozen=True)
class PlanningPageContext(PageContext):
    """site/planning.html: the planning as a timeline with a table alternative."""

    timeline: Timeline = doc("The timeline drawing.")
    ics_href: str | None = doc("Link to planning.ics when the build writes one (the tender package does); None "
                               "otherwise, and then the page offers no calendar download.")


@dataclass(frozen=True)
class StatementContext(PageContext):
    """site/toegankelijkheid.html: the accessibility statement (toegankelijkheidsverklaring)."""

    pdfs: bool = doc("Whether the site publishes PDFs (the statement then says how they are made).")


@dataclass(frozen=True)
class ColophonContext(PageContext):
    """site/colofon.html: who made the site, with which versions and when."""

    documents: tuple[DocumentEntry, ...] = doc("Every document with its version.")
    build_date_source: str = doc("Where the build date comes from, in Dutch, for people.")


@dataclass(frozen=True)
class DocumentContext(TemplateContext):
    """documents/<kind>.html: the content of one document (cover or header, contents, body),
    rendered once for the site and once for the PDF."""

    project: Project = doc("The whole validated model.")
    document: Document = doc("The document (title, kind, version, status, date).")
    body: Markup = doc("The document body rendered to HTML, up to the first appendix.")
    appendices: Markup = doc("The appendices ({bijlage} headings and what follows), to show after the signatures.")
    toc: tuple[TocEntry, ...] = doc("The document's headings for its table of contents.")
    target: str = doc("'site' or 'pdf': which output this rendering is for.")
    logo_src: str | None = doc("URL of the organisation's logo for this output, or None without a logo.")


@dataclass(frozen=True)
class DocumentPageContext(PageContext):
    """site/document.html: one document as a web page."""

    entry: DocumentEntry = doc("The document with its links.")
    article: Markup = doc("The document rendered by its kind's template for the site.")


@dataclass(frozen=True)
class PublishedVersion:
    """One version of a document on its version history page."""

    version: str = doc("The document's version, such as '1.0'.")
    date: datetime.date = doc("The document's date in that version.")
    status: str = doc("The document's status in that version ('concept' or 'definitief').")
    current: bool = doc("Whether this is the version the site shows now; every other version is 'vervallen'.")
    release: str | None = doc("The release that published it first (`bestek release`), or None for the current "
                              "version when no release holds it yet.")
    release_date: datetime.date | None = doc("The date of that release, or None.")
    sha256: str | None = doc("The SHA-256 checksum of the published PDF, or None when no release holds it.")
    pdf_href: str | None = doc("Link from this page to the PDF of this version (released PDFs are copied into the "
                               "site under versies/<release>/), or None without a PDF.")
    pdf_size: str | None = doc("Size of that PDF for people, such as '412 kB', or None.")


@dataclass(frozen=True)
class ChangedSection:
    """A section of a document that changed in a version, with its redline."""

    label: str = doc("The section's number and title, such as '3.3 Planning' (or what it was, when it was removed).")
    href: str | None = doc("Link from this page to the section in the document's page, or None when the section "
                           "is no longer there.")
    descriptions: tuple[str, ...] = doc("What changed, in Dutch: 'tekst gewijzigd', 'mijlpaal inschrijving: ...'.")
    sources: tuple[str, ...] = doc("Why: 'vraag 1.2' (of the Nota van Inlichtingen) or the reason of "
                                   "wijzigingen.yaml.")
    redline: Markup = doc("The section's text with the words removed in <del> and the words added in <ins>, each "
                          "with a visually hidden 'verwijderd:'/'ingevoegd:' (escaped plain text, never HTML of the "
                          "content).")
    changed_text: bool = doc("Whether the section's own text changed (otherwise only data it shows changed, and the "
                             "redline is its unchanged text).")


@dataclass(frozen=True)
class HistoryPageContext(PageContext):
    """site/versies.html: one document's version history and the redline of its latest changes."""

    document: Document = doc("The document.")
    document_href: str = doc("Link from this page to the document's page.")
    versions: tuple[PublishedVersion, ...] = doc("Every published version, oldest first, and the current version "
                                                 "last when no release holds it yet.")
    replaced: str | None = doc("The version the current one replaces, or None when it is the first.")
    replaces: str | None = doc("'vervangt versie 1.0 (na Nota van Inlichtingen, ronde 1)', or None.")
    sections: tuple[ChangedSection, ...] = doc("The sections that changed in the current version relative to the "
                                               "version it replaces, in the document's order.")


@dataclass(frozen=True)
class SegmentPageContext(PageContext):
    """site/segment.html: one segment with everything that refers to it."""

    segment: Segment = doc("The segment.")
    lots: tuple[Lot, ...] = doc("The lots (percelen) this segment belongs to; empty without lots.")
    requirements: tuple[Requirement, ...] = doc("Requirements that name this segment (not the general ones).")
    general_requirements: int = doc("How many requirements apply to every segment (listed on the requirements "
                                    "page, not repeated on each segment page).")
    shown_in: tuple[DocumentLink, ...] = doc("Documents that show or mention this segment, linked at the segment.")


@dataclass(frozen=True)
class PdfContext(TemplateContext):
    """pdf/document.html: the print version of one document, rendered to PDF by WeasyPrint."""

    project: Project = doc("The whole validated model.")
    document: Document = doc("The document being printed.")
    article: Markup = doc("The document rendered by its kind's template for print.")
    stylesheet: Markup = doc("The print stylesheet with the project's theme colours filled in.")


@dataclass(frozen=True)
class BlockContext(TemplateContext):
    """blocks/<name>.html: a data block inserted in a document by {{ name }}."""

    project: Project = doc("The whole validated model.")
    args: dict[str, str] = doc("The block's arguments as written, e.g. {'soort': 'minimumeis'}.")
    link: Any = doc("link(kind, id, text): a link to a segment/requirement/criterion fitting the output "
                    "(site page or in-document anchor), or the escaped text when there is nothing to link to.")
    heading_level: int = doc("HTML heading level for headings inside the block (one below the surrounding heading).")
    anchor: Any = doc("anchor(name): the attribute ' id=\"name\"' the first time a name is used in the page, else '' "
                      "(a requirement shown in two blocks gets its anchor once).")
    segment_attribute: Any = doc("segment_attribute(segment, key): the value of a segment attribute named as in a "
                                 "segmenttabel/segmentmatrix argument ('toegang', 'budget', ...), or None.")
    segment_attribute_title: Any = doc("segment_attribute_title(key): the Dutch column or row title of that attribute.")
    document: Document = doc("The document the block is inserted in.")
    section_link: Any = doc("section_link(document_id, section_id, text): a link to a heading of a document fitting "
                            "the output (in the same document: to the heading, in print with its page; another "
                            "document on the site: its page), or the escaped text when the heading is not there.")
    shown: Any = doc("shown(line): False for a line of the block that its argument zonder=\"...\" leaves out "
                     "(the block's lines are declared in core/blocks.py).")
    target: str = doc("'site' or 'pdf': the output the block is rendered for.")
    pdf_href: str | None = doc("On the site, the link from the page to the document's PDF; None in print and when "
                               "the build makes no PDFs.")


@dataclass(frozen=True)
class DocumentListContext(TemplateContext):
    """package/documentenlijst.html: the list of tender documents with checksums (a PDF in the package)."""

    project: Project = doc("The whole validated model.")
    entries: tuple[Any, ...] = doc("The packaged documents (PackageEntry: path, title, kind, version, date, "
                                   "status, sha256, size), in the project's order.")
    date: Any = doc("The date of the package: the newest date of the packaged documents.")
    superseded: tuple[Any, ...] = doc("The earlier versions of the packaged documents that releases published, "
                                      "vervallen now (SupersededEntry: title, kind, version, date, status, release, "
                                      "release_date, pdf, sha256); oldest first per document, in the project's order.")
    stylesheet: Markup = doc("The print stylesheet with the project's theme colours filled in.")


#: Which context each page template receives. Blocks: every template in blocks/ gets BlockContext;
#: document kinds: every template in documents/ gets DocumentContext.
TEMPLATES: dict[str, type] = {
    "site/index.html": IndexContext,
    "site/document.html": DocumentPageContext,
    "site/segment.html": SegmentPageContext,
    "site/segmenten.html": SegmentsContext,
    "site/eisen.html": RequirementIndexContext,
    "site/gunningscriteria.html": CriteriaPageContext,
    "site/planning.html": PlanningPageContext,
    "site/zoeken.html": PageContext,
    "site/toegankelijkheid.html": StatementContext,
    "site/colofon.html": ColophonContext,
    "site/versies.html": HistoryPageContext,
    "pdf/document.html": PdfContext,
    "package/documentenlijst.html": DocumentListContext,
}
