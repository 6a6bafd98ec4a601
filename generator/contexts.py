"""Template contexts: what each template receives, as documented dataclasses.

Every template of the theme gets exactly the fields of one of these classes (see TEMPLATES);
tests/test_template_context.py checks that no template uses a name that is not documented here.
Project templates that override the theme receive the same contexts.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from markupsafe import Markup

from .model import Document, Project, Requirement, Segment


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


@dataclass(frozen=True)
class PageContext:
    """Fields every site page gets."""

    project: Project = doc("The whole validated model: organisation, tender, segments, requirements, ...")
    site_title: str = doc("Title of the site: config site.title, or the tender title.")
    page_title: str = doc("Title of this page, used in <title> and the main heading.")
    root: str = doc("Relative path from this page to the site root ('' or '../'), to prefix links.")
    version: str = doc("The Bestek version that built the site.")

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class IndexContext(PageContext):
    """site/index.html: the home page."""

    documents: tuple[DocumentEntry, ...] = doc("Every document, in the project's order.")


@dataclass(frozen=True)
class DocumentContext:
    """documents/<kind>.html: the content of one document (cover or header, contents, body),
    rendered once for the site and once for the PDF."""

    project: Project = doc("The whole validated model.")
    document: Document = doc("The document (title, kind, version, status, date).")
    body: Markup = doc("The document body rendered to HTML, up to the first appendix.")
    appendices: Markup = doc("The appendices ({bijlage} headings and what follows), to show after the signatures.")
    toc: tuple[TocEntry, ...] = doc("The document's headings for its table of contents.")
    target: str = doc("'site' or 'pdf': which output this rendering is for.")
    logo_src: str | None = doc("URL of the organisation's logo for this output, or None without a logo.")

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class DocumentPageContext(PageContext):
    """site/document.html: one document as a web page."""

    entry: DocumentEntry = doc("The document with its links.")
    article: Markup = doc("The document rendered by its kind's template for the site.")


@dataclass(frozen=True)
class SegmentPageContext(PageContext):
    """site/segment.html: one segment with everything that refers to it."""

    segment: Segment = doc("The segment.")
    requirements: tuple[Requirement, ...] = doc("Requirements that apply to this segment (including general ones).")
    documents: tuple[DocumentEntry, ...] = doc("Documents that show or mention this segment.")


@dataclass(frozen=True)
class PdfContext:
    """pdf/document.html: the print version of one document, rendered to PDF by WeasyPrint."""

    project: Project = doc("The whole validated model.")
    document: Document = doc("The document being printed.")
    article: Markup = doc("The document rendered by its kind's template for print.")
    stylesheet: Markup = doc("The print stylesheet with the project's theme colours filled in.")

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class BlockContext:
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

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class DocumentListContext:
    """package/documentenlijst.html: the list of tender documents with checksums (a PDF in the package)."""

    project: Project = doc("The whole validated model.")
    entries: tuple[Any, ...] = doc("The packaged documents (PackageEntry: path, title, kind, version, date, "
                                   "status, sha256, size), in the project's order.")
    date: Any = doc("The date of the package: the newest date of the packaged documents.")
    stylesheet: Markup = doc("The print stylesheet with the project's theme colours filled in.")

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


#: Which context each page template receives. Blocks: every template in blocks/ gets BlockContext;
#: document kinds: every template in documents/ gets DocumentContext.
TEMPLATES: dict[str, type] = {
    "site/index.html": IndexContext,
    "site/document.html": DocumentPageContext,
    "site/segment.html": SegmentPageContext,
    "pdf/document.html": PdfContext,
    "package/documentenlijst.html": DocumentListContext,
}
