"""Every document's PDF, from the cache or rendered over worker processes. Part of the render stage.

The renderer may read the theme and the project files (images, attachments, the logo) that the load
stage checked and the model carries, nothing else; a resource it was refused is a content error of
the document (most likely a project template that asks for it).
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from generator.core.errors import ErrorList
from generator.core.markdown import outline
from generator.core.paths import THEME_DIR
from generator.core.testhook import after_pause_point
from generator.model.types import Document
from generator.render.body import PROJECT_SCHEME
from generator.render.pages import RenderedDocument
from generator.render.pdf import FAILED_IMAGE
from generator.render.pdfcache import PdfCache
from generator.render.pdfpool import PdfResult, render_many


def render_pdfs(documents: list[RenderedDocument], files: dict[str, bytes],
               logo: tuple[str, bytes] | None, warnings: list[str], workers: int = 1,
               cache: PdfCache | None = None, progress: Callable[[int, int], None] | None = None) -> dict[str, bytes]:
    """Render each document's PDF; returns the PDF bytes per document id, in the documents' order.

    PDFs whose print HTML is unchanged come from the cache; the others are rendered over `workers`
    processes. The renderer may read the theme and the project `files` (and the logo) that the load
    stage checked, nothing else; a resource it was refused is a content error of the document."""
    served = {**files, **({logo[0]: logo[1]} if logo else {})}
    cache = cache or PdfCache(None, served)
    by_id = {rendered.document.id: rendered for rendered in documents}
    keys = {document_id: cache.key(rendered.pdf_html) for document_id, rendered in by_id.items()}
    pdfs: dict[str, bytes] = {}
    errors = ErrorList()
    total = len(documents)

    def finished(document_id: str, pdf: bytes) -> None:
        pdfs[document_id] = pdf
        after_pause_point()
        if progress:
            progress(len(pdfs), total)

    for document_id, key in keys.items():
        cached = cache.get(key)
        if cached is not None:
            finished(document_id, cached)

    def rendered_one(document_id: str, result: PdfResult) -> None:
        document = by_id[document_id].document
        # what the renderer was refused is reported by report_blocked: one mistake, one message
        blocked = {unquote(url.removeprefix(f"{PROJECT_SCHEME}:"))[:120] for url in result.blocked}
        failed = {w: m.group(1) for w in result.warnings if (m := FAILED_IMAGE.match(w)) and m.group(1) not in blocked}
        warnings.extend(f"{document.source}: {w}" for w in result.warnings if w not in failed)
        report_images(failed, document, errors)
        report_blocked(list(result.blocked), by_id[document_id].document.source, errors)
        if not result.blocked and not result.warnings:  # a warning must come back on every build
            cache.put(keys[document_id], result.pdf)
        finished(document_id, result.pdf)

    todo = {document_id: by_id[document_id].pdf_html for document_id in by_id if document_id not in pdfs}
    render_many(todo, THEME_DIR, served, workers, rendered_one)
    errors.raise_if_any()
    return {document_id: pdfs[document_id] for document_id in by_id}


def report_images(failed: dict[str, str], document: Document, errors: ErrorList) -> None:
    """Images the PDF renderer could not load or draw (an SVG it cannot draw passes the load stage's checks),
    as content errors at the image's first position in the document (the logo: at the document's top)."""
    paths = {linked.href: linked.path for linked in document.links if linked.image}
    images = [link for link in outline(document.body).links if link.image] if failed else []
    for message, path in failed.items():  # message -> the image's path in the project
        link = next((link for link in images if paths.get(link.href) == path), None)
        line, col = (document.body_line + link.line - 1, link.col) if link else (1, 1)
        errors.add(document.source, line, col, message)


def report_blocked(urls: list[str], source: str, errors: ErrorList) -> None:
    for url in dict.fromkeys(urls):
        shown = unquote(url[len("file://"):] if url.startswith("file://") else url)
        errors.add(source, 1, 1, f"de PDF vraagt om '{shown[:120]}', maar mag alleen de bestanden van het thema en "
                                 "de afbeeldingen uit het project laden (staat deze verwijzing in een eigen sjabloon "
                                 "in templates/?)")
