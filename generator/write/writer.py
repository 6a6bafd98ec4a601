"""Stage 5, write: the site's pages and assets, and the PDFs, into the output folder.

The only stage that writes, always into a fresh temporary folder that `output.py` swaps in when the
whole build succeeded. `Writer` refuses to write one output path twice in a build (two documents
must never overwrite each other silently).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable
from urllib.parse import unquote

from jinja2 import Environment

from generator.render.body import SITE_FILES_DIR
from generator.render.calendar import planning_ics
from generator.core.errors import BestekError, ErrorList
from generator.model.types import Project
from generator.write.output import after_pause_point
from generator.render.package import document_entries, extra_entry, manifest, package_name, packaged_documents, zip_bytes
from generator.incremental import PdfCache
from generator.render.pdf import make_fetcher, render_pdf
from generator.render.pdfpool import PdfResult, render_many
from generator.render.environment import SITE_ASSETS, THEME_DIR, Page, RenderedDocument, render_document_list


class DuplicateOutput(BestekError):
    """Two things of one build want the same output file."""


class Writer:
    """Writes files below `out`, each path at most once per build. With `dry_run` it only checks the
    paths (what `bestek check` does): nothing is written."""

    def __init__(self, out: Path, dry_run: bool = False):
        self.out = out
        self.dry_run = dry_run
        self.written: set[Path] = set()

    def write(self, relative: str, content: bytes | str) -> Path:
        path = (self.out / relative).resolve()
        if not path.is_relative_to(self.out.resolve()):
            raise DuplicateOutput(f"uitvoerpad '{relative}' valt buiten de uitvoermap")
        if path in self.written:
            shown = path.relative_to(self.out.resolve())
            raise DuplicateOutput(f"het uitvoerbestand '{shown}' zou twee keer geschreven worden")
        self.written.add(path)
        if self.dry_run:
            return path
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as error:  # with the path, also when write() failed: output.py names the folder
            raise OSError(error.errno, error.strerror, str(path)) from error
        return path

    def copy(self, relative: str, source: Path) -> Path:
        """Write the bytes of the file `source` (not even read in a dry run)."""
        return self.write(relative, b"") if self.dry_run else self.write(relative, source.read_bytes())


def write_pdfs(writer: Writer, documents: list[RenderedDocument], files: dict[str, bytes],
               logo: tuple[str, bytes] | None, warnings: list[str], workers: int = 1,
               cache: PdfCache | None = None, progress: Callable[[int, int], None] | None = None) -> dict[str, bytes]:
    """Render and write each document's PDF to pdf/<id>.pdf; returns the PDF bytes per document id.

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
        writer.write(f"pdf/{document_id}.pdf", pdf)
        after_pause_point()
        pdfs[document_id] = pdf
        if progress:
            progress(len(pdfs), total)

    for document_id, key in keys.items():
        cached = cache.get(key)
        if cached is not None:
            finished(document_id, cached)

    def rendered_one(document_id: str, result: PdfResult) -> None:
        warnings.extend(f"{by_id[document_id].document.source}: {w}" for w in result.warnings)
        _report_blocked(list(result.blocked), by_id[document_id].document.source, errors)
        if not result.blocked and not result.warnings:  # a warning must come back on every build
            cache.put(keys[document_id], result.pdf)
        finished(document_id, result.pdf)

    todo = {document_id: by_id[document_id].pdf_html for document_id in by_id if document_id not in pdfs}
    render_many(todo, THEME_DIR, served, workers, rendered_one)
    errors.raise_if_any()
    return {document_id: pdfs[document_id] for document_id in by_id}


def _report_blocked(urls: list[str], source: str, errors: ErrorList) -> None:
    for url in dict.fromkeys(urls):
        shown = unquote(url[len("file://"):] if url.startswith("file://") else url)
        errors.add(source, 1, 1, f"de PDF vraagt om '{shown[:120]}', maar mag alleen de bestanden van het thema en "
                                 "de afbeeldingen uit het project laden (staat deze verwijzing in een eigen sjabloon "
                                 "in templates/?)")


def write_site(writer: Writer, pages: list[Page], pdfs: dict[str, bytes], logo: tuple[str, bytes] | None,
               files: dict[str, bytes]) -> None:
    """Write the site's pages, its static assets, the project's logo, the images and attachments the
    documents point at (under bestanden/, by their path in the project) and a copy of every PDF."""
    for page in pages:
        writer.write(f"site/{page.path}", page.html)
    for source, target in SITE_ASSETS.items():
        writer.copy(f"site/{target}", THEME_DIR / source)
    for document_id, pdf in pdfs.items():
        writer.write(f"site/pdf/{document_id}.pdf", pdf)
    if logo is not None:
        writer.write(f"site/assets/{Path(logo[0]).name}", logo[1])
    for path, data in sorted(files.items()):
        writer.write(f"site/{SITE_FILES_DIR}/{path}", data)


def write_package(writer: Writer, project: Project, env: Environment, pdfs: dict[str, bytes],
                  warnings: list[str]) -> Path:
    """Write package/<reference>-<version>.zip (and planning.ics next to it and in the site)."""
    documents = packaged_documents(project)
    entries = document_entries(project, pdfs)
    date = max(d.date for d in documents)
    files = {entry.path: pdfs[document.id] for entry, document in zip(entries, documents)}
    fetcher, errors = make_fetcher(THEME_DIR, {}), ErrorList()
    document_list = render_pdf(render_document_list(project, env, entries, date), THEME_DIR, fetcher, warnings)
    _report_blocked(fetcher.blocked, "templates/package/documentenlijst.html", errors)  # only an own template can
    errors.raise_if_any()
    calendar = planning_ics(project, date)
    files["documentenlijst.pdf"] = document_list
    files["planning.ics"] = calendar
    entries += [extra_entry("documentenlijst.pdf", "Documentenlijst", "documentenlijst", project, document_list,
                            date.isoformat()),
                extra_entry("planning.ics", "Planning (iCalendar)", "planning", project, calendar, date.isoformat())]
    files["manifest.json"] = manifest(project, entries)
    writer.write("package/planning.ics", calendar)
    writer.write("site/planning.ics", calendar)
    return writer.write(f"package/{package_name(project)}", zip_bytes(files, (date.year, date.month, date.day)))
