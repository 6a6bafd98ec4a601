"""The pipeline in one place: load -> validate -> model -> render -> write (site, PDFs, package).

Each intermediate value is named; data flows forward only.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.core.errors import ContentError
from generator.incremental import (PdfCache, Record, build_options, fingerprint, hashes, inputs_of, trusted_key, unchanged,
                          write_record)
from generator.load.project import find_project, load
from generator.model.types import Project
from generator.model.build import build_model
from generator.write.output import OutputFolder
from generator.render.environment import document_kinds, make_environment, render_documents, render_site
from generator.render.site import build_date
from generator.render.templating import template_errors
from generator.validate.project import validate


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    pdfs: int
    package: Path | None
    warnings: tuple[str, ...]  # content warnings (path:line:col: waarschuwing: ...) and WeasyPrint's
    indexed: int  # pages in the search index
    unchanged: bool = False  # nothing changed since the previous build: nothing was written


def check(project_dir: Path, package: bool = False) -> tuple[Project, list[ContentError]]:
    """Everything a build does short of rendering PDFs and writing files: load, validate, model, and
    render every document (site and print HTML) and every site page in memory, so that a project
    template's mistakes are found too and "In orde" means the build will succeed. Returns the model and
    the warnings, or raises ContentErrors."""
    loaded = load(project_dir)
    env = make_environment(loaded.root)
    warnings = validate(loaded, document_kinds(env), package=package)
    project = build_model(loaded)
    when = build_date(project, os.environ.get("SOURCE_DATE_EPOCH"))
    with template_errors(loaded.root):
        documents = render_documents(project, env, with_pdf=True)  # print HTML too: without the PDF itself
        pages = render_site(project, env, documents, {rendered.document.id: 0 for rendered in documents}, when,
                            ics_href="planning.ics" if package else None)
    from generator.write.writer import Writer, write_site  # the paths only: two things may not want the same output file
    pdfs = {rendered.document.id: b"" for rendered in documents}
    write_site(Writer(loaded.root / "build", dry_run=True), pages, pdfs, loaded.logo, loaded.files)
    return project, warnings


def build(project_dir: Path, out: Path | None = None, pdf: bool | None = None, package: bool = False,
          jobs: int | None = None, progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the site (out/site) and PDFs (out/pdf) of the project in `project_dir`; with `package`,
    also the tender package for TenderNed (out/package/<reference>-<version>.zip).

    Everything is written to a temporary folder that replaces `out` only when the whole build
    succeeded; a failed or killed build leaves the previous output as it was (see output.py). A
    build whose inputs did not change since the last one touches nothing (see incremental.py);
    PDFs render over `jobs` processes (default: all cores), unchanged ones come from the cache."""
    # the write stage's modules are imported here, not above: `bestek check` needs few of them
    from generator.write.search import find_pagefind, index_site
    from generator.write.writer import Writer, write_package, write_pdfs, write_site

    root = find_project(project_dir)
    options = build_options(pdf, package)
    output = OutputFolder(out or root / "build", reuse=lambda folder: unchanged(folder, root, options), project=root)
    with output as temporary:
        if temporary is None:
            return reused(output.out, output.reused)
        cache_warnings: list[str] = []  # the user's cache folder cannot be used: shown, not recorded
        key = trusted_key(cache_warnings)
        listed = inputs_of(root, [])
        loaded = load(project_dir)
        env = make_environment(loaded.root)
        content_warnings = validate(loaded, document_kinds(env), package=package)
        project = build_model(loaded)
        pagefind = find_pagefind()  # a missing search indexer stops the build before anything is written
        when = build_date(project, os.environ.get("SOURCE_DATE_EPOCH"))
        with_pdf = package or (project.config.pdf_enabled if pdf is None else pdf)
        with template_errors(loaded.root):
            documents = render_documents(project, env, with_pdf)
        writer = Writer(temporary)
        pdf_warnings: list[str] = []
        cache = PdfCache.for_project(root, {**loaded.files, **dict([loaded.logo] if loaded.logo else [])}, key,
                                     cache_warnings)
        pdfs = write_pdfs(writer, documents, loaded.files, loaded.logo, pdf_warnings, jobs or os.cpu_count() or 1,
                          cache, progress) if with_pdf else {}
        # the package writes site/planning.ics; only then does the planning page link it
        with template_errors(loaded.root):
            pages = render_site(project, env, documents, {k: len(v) for k, v in pdfs.items()} if with_pdf else None,
                                when, ics_href="planning.ics" if package else None)
        write_site(writer, pages, pdfs, loaded.logo, loaded.files)
        with template_errors(loaded.root):
            written = write_package(writer, project, env, pdfs, pdf_warnings) if package else None
        indexed = index_site(pagefind, writer.out / "site")
        package_path = output.out / written.relative_to(temporary.resolve()) if written else None
        warnings = tuple(str(w) for w in content_warnings) + tuple(f"waarschuwing (PDF): {w}" for w in pdf_warnings)
        result = BuildResult(output.out, len(pages), len(pdfs), package_path, warnings + tuple(cache_warnings),
                             indexed)
        # content and templates as hashed before loading; images, attachments and the logo as the build read them
        extras = (set(loaded.files) | ({loaded.logo[0]} if loaded.logo else set())) - set(listed)
        inputs = {**hashes(root, sorted(extras)), **listed}
        write_record(temporary, Record(fingerprint(options), inputs, {
            "pages": result.pages, "pdfs": result.pdfs, "indexed": result.indexed, "warnings": list(warnings),
            "package": str(written.relative_to(temporary.resolve())) if written else None}), root, key)
        if with_pdf:
            cache.prune()
    return result


def reused(out: Path, recorded: dict) -> BuildResult:
    """The result of the previous build, which is still up to date: nothing was written."""
    package = out / recorded["package"] if recorded.get("package") else None
    return BuildResult(out, recorded["pages"], recorded["pdfs"], package, tuple(recorded["warnings"]),
                       recorded["indexed"], unchanged=True)
