"""The render stage's one result: every byte of a build, by its path in the output folder.

`render()` turns the model into HTML for every document (site and print), the PDFs, the site pages
with their assets, the images and attachments the documents link, and, for `bestek package`, the
tender package zip with its documentenlijst, manifest and calendar file. Nothing is written here; the
write stage writes `Output.files` in one pass. Two things that want the same output path are refused
(Pelican's writer does the same): one would silently replace the other.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from generator.core.errors import DuplicateOutput, ErrorList
from generator.core.paths import THEME_DIR
from generator.model.types import Project
from generator.render.body import SITE_FILES_DIR
from generator.render.calendar import planning_ics
from generator.render.environment import SITE_ASSETS, render_document_list, render_documents, render_site
from generator.render.package import (
    document_entries,
    extra_entry,
    manifest,
    package_name,
    packaged_documents,
    superseded_entries,
    zip_bytes,
)
from generator.render.pages import Page
from generator.render.pdf import make_fetcher, render_pdf
from generator.render.pdfcache import PdfCache
from generator.render.pdfs import render_pdfs, report_blocked
from generator.render.site import BuildDate
from generator.render.site_history import released_site_files


@dataclass(frozen=True)
class Output:
    """Everything one build produces. `files`: output path (below the output folder, with /) -> bytes;
    `package`: the path of the package zip among them, if any."""

    files: Mapping[str, bytes]
    pages: int
    pdfs: int
    package: str | None
    warnings: tuple[str, ...]  # from the PDF renderer, as "path: text"


class _Files(dict):
    """Output paths and their bytes; a path may be added once."""

    def add(self, path: str, data: bytes | str) -> None:
        if path in self:
            raise DuplicateOutput(f"het uitvoerbestand '{path}' zou twee keer geschreven worden")
        self[path] = data.encode("utf-8") if isinstance(data, str) else data


def render(project: Project, env: Environment, when: BuildDate, with_pdf: bool, package: bool = False,
           jobs: int = 1, cache: PdfCache | None = None, progress: Callable[[int, int], None] | None = None,
           pdf_bytes: bool = True) -> Output:
    """Every output file of the build. `with_pdf`: the documents' print HTML and PDFs; `pdf_bytes=False`
    (what `bestek check` does) renders all HTML but no PDF, giving each PDF empty bytes."""
    documents = render_documents(project, env, with_pdf)
    warnings: list[str] = []
    if not with_pdf:
        pdfs: dict[str, bytes] = {}
    elif pdf_bytes:
        pdfs = render_pdfs(documents, dict(project.files), project.logo, warnings, jobs, cache, progress)
    else:
        pdfs = {rendered.document.id: b"" for rendered in documents}
    files = _Files()
    for document_id, pdf in pdfs.items():
        files.add(f"pdf/{document_id}.pdf", pdf)
    tender_package = _package(project, env, pdfs, warnings) if package and pdf_bytes else {}
    if not pdf_bytes and (packaged := packaged_documents(project)):  # check: the documentenlijst's template too
        render_document_list(project, env, document_entries(project, pdfs), superseded_entries(project),
                             max(d.date for d in packaged))
    # the package makes planning.ics; only then does the planning page link it
    pages = render_site(project, env, documents, {k: len(v) for k, v in pdfs.items()} if with_pdf else None, when,
                        ics_href="planning.ics" if package else None)
    _site(files, pages, pdfs, project)
    for path, data in tender_package.items():
        files.add(path, data)
    if package and pdf_bytes:  # the exports go with the package, outside its TenderNed folders (export/)
        from generator.render.exports import render_exports  # only for the package
        for name, data in render_exports(project, None, when, pdfs).files.items():
            files.add(f"export/{name}", data)
    zip_path = next((path for path in tender_package if path.endswith(".zip")), None)
    return Output(files, len(pages), len(pdfs), zip_path, tuple(warnings))


def _site(files: _Files, pages: list[Page], pdfs: dict[str, bytes], project: Project) -> None:
    """The site's pages, its static assets, the project's logo, the images and attachments the documents
    point at (under bestanden/, by their path in the project), a copy of every PDF and of every released PDF
    the history pages link (under versies/<release>/)."""
    for page in pages:
        files.add(f"site/{page.path}", page.html)
    for source, target in SITE_ASSETS.items():
        files.add(f"site/{target}", _theme_file(source))
    for document_id, pdf in pdfs.items():
        files.add(f"site/pdf/{document_id}.pdf", pdf)
    for path, data in released_site_files(project).items():  # the published versions, for the history pages
        files.add(f"site/{path}", data)
    if project.logo is not None:
        files.add(f"site/assets/{Path(project.logo[0]).name}", project.logo[1])
    for path, data in sorted(project.files.items()):
        files.add(f"site/{SITE_FILES_DIR}/{path}", data)


_THEME_FILES: dict[str, bytes] = {}


def _theme_file(source: str) -> bytes:
    """A static file of the theme (read once per process: the theme is Bestek's, not the project's)."""
    if source not in _THEME_FILES:
        _THEME_FILES[source] = (THEME_DIR / source).read_bytes()
    return _THEME_FILES[source]


def _package(project: Project, env: Environment, pdfs: dict[str, bytes], warnings: list[str]) -> dict[str, bytes]:
    """package/<reference>-<version>.zip, and planning.ics next to it and in the site."""
    documents = packaged_documents(project)
    entries = document_entries(project, pdfs)
    date: datetime.date = max(d.date for d in documents)
    zipped = {entry.path: pdfs[document.id] for entry, document in zip(entries, documents, strict=True)}
    fetcher, errors = make_fetcher(THEME_DIR, {}), ErrorList()
    document_list = render_pdf(render_document_list(project, env, entries, superseded_entries(project), date),
                               THEME_DIR, fetcher, warnings)
    report_blocked(fetcher.blocked, "templates/package/documentenlijst.html", errors)  # only an own template can
    errors.raise_if_any()
    calendar = planning_ics(project, date)
    zipped["documentenlijst.pdf"] = document_list
    zipped["planning.ics"] = calendar
    entries += [extra_entry("documentenlijst.pdf", "Documentenlijst", "documentenlijst", project, document_list,
                            date.isoformat()),
                extra_entry("planning.ics", "Planning (iCalendar)", "planning", project, calendar, date.isoformat())]
    zipped["manifest.json"] = manifest(project, entries)
    return {"package/planning.ics": calendar, "site/planning.ics": calendar,
            f"package/{package_name(project)}": zip_bytes(zipped, (date.year, date.month, date.day))}
