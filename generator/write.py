"""Stage 5, write: the site's pages and assets, and the PDFs, into the output folder.

The only stage that writes. `Writer` refuses to write one output path twice in a build (two
documents must never overwrite each other silently).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .errors import BestekError, EnvironmentProblem
from jinja2 import Environment

from .calendar import planning_ics
from .model import Project
from .package import document_entries, extra_entry, manifest, package_name, packaged_documents, zip_bytes
from .pdf import make_fetcher, render_pdf
from .render import SITE_ASSETS, THEME_DIR, Page, RenderedDocument, render_document_list


class DuplicateOutput(BestekError):
    """Two things of one build want the same output file."""


class Writer:
    """Writes files below `out`, each path at most once per build."""

    def __init__(self, out: Path):
        self.out = out
        self.written: set[Path] = set()

    def write(self, relative: str, content: bytes | str) -> Path:
        path = (self.out / relative).resolve()
        if not path.is_relative_to(self.out.resolve()):
            raise DuplicateOutput(f"uitvoerpad '{relative}' valt buiten de uitvoermap")
        if path in self.written:
            shown = path.relative_to(self.out.resolve())
            raise DuplicateOutput(f"het uitvoerbestand '{shown}' zou twee keer geschreven worden")
        self.written.add(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        return path


def prepare_output(out: Path) -> Path:
    """Empty the output folder (it holds only generated files) and return it."""
    try:
        if out.exists():
            for name in ("site", "pdf", "package"):
                if (out / name).exists():
                    shutil.rmtree(out / name)
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentProblem(f"de uitvoermap '{out}' is niet te schrijven: {exc}") from exc
    return out


def write_pdfs(writer: Writer, documents: list[RenderedDocument], project_root: Path,
               warnings: list[str]) -> dict[str, bytes]:
    """Render and write each document's PDF to pdf/<id>.pdf; returns the PDF bytes per document id."""
    fetcher = make_fetcher([THEME_DIR, project_root])
    pdfs = {}
    for rendered in documents:
        pdf = render_pdf(rendered.pdf_html, THEME_DIR, fetcher, warnings)
        writer.write(f"pdf/{rendered.document.id}.pdf", pdf)
        pdfs[rendered.document.id] = pdf
    return pdfs


def write_site(writer: Writer, pages: list[Page], pdfs: dict[str, bytes], logo: tuple[str, bytes] | None) -> None:
    """Write the site's pages, its static assets, the project's logo and a copy of every PDF."""
    for page in pages:
        writer.write(f"site/{page.path}", page.html)
    for source, target in SITE_ASSETS.items():
        writer.write(f"site/{target}", (THEME_DIR / source).read_bytes())
    for document_id, pdf in pdfs.items():
        writer.write(f"site/pdf/{document_id}.pdf", pdf)
    if logo is not None:
        writer.write(f"site/assets/{Path(logo[0]).name}", logo[1])


def write_package(writer: Writer, project: Project, env: Environment, pdfs: dict[str, bytes],
                  warnings: list[str]) -> Path:
    """Write package/<reference>-<version>.zip (and planning.ics next to it and in the site)."""
    documents = packaged_documents(project)
    entries = document_entries(project, pdfs)
    date = max(d.date for d in documents)
    files = {entry.path: pdfs[document.id] for entry, document in zip(entries, documents)}
    fetcher = make_fetcher([THEME_DIR])
    document_list = render_pdf(render_document_list(project, env, entries, date), THEME_DIR, fetcher, warnings)
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
