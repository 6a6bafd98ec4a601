"""The pipeline in one place: load -> validate -> model -> render -> write, each stage one call.

Data flows forward only: each stage gets what the one before it returned (see the packages of the
same names). `check()` runs every stage but writing and rendering PDF files, so "In orde" means the
build will succeed; `build()` runs them all, into a temporary folder that replaces the output only
when everything succeeded (write/output.py).
"""
from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.core.errors import ContentError, ContentErrors, UsageError
from generator.core.paths import THEME_DIR, find_project
from generator.core.text import dutch_date
from generator.incremental import (
    Record,
    build_options,
    fingerprint,
    hashes,
    inputs_of,
    recorded_sections,
    trusted_key,
    unchanged,
    write_record,
)
from generator.load.project import load
from generator.load.releases import RELEASES_DIR
from generator.model.build import build_model
from generator.model.types import Project
from generator.validate.blocks import project_blocks
from generator.validate.changes import compare, release_problems, sound_releases
from generator.validate.project import validate
from generator.validate.sections import section_titles
from generator.write.output import OutputFolder

if TYPE_CHECKING:  # the modules of the other commands are imported by those commands alone
    from generator.load.comments import Placed


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    pdfs: int
    package: Path | None
    warnings: tuple[str, ...]  # content warnings (path:line:col: waarschuwing: ...) and WeasyPrint's
    indexed: int  # pages in the search index
    unchanged: bool = False  # nothing changed since the previous build: nothing was written


def check(project_dir: Path, package: bool = False, out: Path | None = None) -> tuple[Project, list[ContentError]]:
    """Every stage short of rendering PDF files and writing; returns the model and the warnings, or raises
    ContentErrors. `out` is the output folder `build` would use (its record is read, not written).

    A project with templates of its own (or anything named templates/) is rendered too, all HTML in memory:
    its templates' mistakes are content errors. Without them every page is the theme's, whose templates take
    any valid model (the test suite renders every block and page; what content could make them fail,
    validation refuses), so the render stage, and Jinja with it, is not needed to know that `build` will
    succeed."""
    loaded = load(project_dir)  # 1. load: every file, with positions
    previous = recorded_sections(out or loaded.root / "build", loaded.root)  # what numbers meant last build
    if not loaded.templates and not os.path.lexists(loaded.root / "templates"):  # 2. validate; 3. model
        warnings = validate(loaded, theme_document_kinds(), package, previous, export=package)
        return build_model(loaded), warnings
    from generator.render.environment import document_kinds, make_environment
    from generator.render.outputs import render
    from generator.render.site import build_date
    from generator.render.templating import template_errors

    env = make_environment(loaded.root)  # the templates (the theme and the project's own)
    warnings = validate(loaded, document_kinds(env), package, previous, export=package)
    project = build_model(loaded)
    with template_errors(loaded.root):  # 4. render: all HTML in memory (a project template's mistakes too)
        render(project, env, build_date(project, os.environ.get("SOURCE_DATE_EPOCH")), with_pdf=True,
               pdf_bytes=False)
    return project, warnings


def theme_document_kinds() -> list[str]:
    """The document kinds of the theme alone (render/environment.py document_kinds, without Jinja)."""
    return sorted(p.stem for p in (THEME_DIR / "documents").glob("*.html") if p.stem != "base"
                  and not p.stem.startswith("_"))


def build(project_dir: Path, out: Path | None = None, pdf: bool | None = None, package: bool = False,
          jobs: int | None = None, progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the site (out/site) and PDFs (out/pdf) of the project in `project_dir`; with `package`,
    also the tender package for TenderNed (out/package/<reference>-<version>.zip). A build whose inputs
    did not change since the last one touches nothing (incremental.py); PDFs render over `jobs`
    processes (default: all cores), unchanged ones come from the cache in the user's cache folder."""
    from generator.render.environment import document_kinds, make_environment  # the render stage: check may
    from generator.render.outputs import render  # do without it (see there)
    from generator.render.pdfcache import PdfCache
    from generator.render.site import build_date
    from generator.render.templating import template_errors
    from generator.write.search import find_pagefind, index_site  # the write stage: not needed by check
    from generator.write.writer import Writer, write_output

    root = find_project(project_dir)
    options = build_options(pdf, package)
    output = OutputFolder(out or root / "build", reuse=lambda folder: unchanged(folder, root, options), project=root)
    with output as temporary:
        if temporary is None:  # 0. nothing changed: the previous output, verified, stays
            return reused(output.out, output.reused)
        cache_warnings: list[str] = []  # the user's cache folder cannot be used: shown, not recorded
        key = trusted_key(cache_warnings)
        listed = inputs_of(root, [])  # content and templates, hashed before they are read
        loaded = load(project_dir)  # 1. load
        env = make_environment(loaded.root)
        previous = recorded_sections(output.out, root)  # what references by number meant at the last build
        content_warnings = validate(loaded, document_kinds(env), package, previous, export=package)  # 2. validate
        project = build_model(loaded)  # 3. model
        pagefind = find_pagefind()  # a missing search indexer stops the build before anything is rendered
        with_pdf = package or (project.config.pdf_enabled if pdf is None else pdf)
        cache = PdfCache.for_project(root, {**project.files, **dict([project.logo] if project.logo else [])},
                                     key, cache_warnings)
        with template_errors(loaded.root):  # 4. render: every byte
            rendered = render(project, env, build_date(project, os.environ.get("SOURCE_DATE_EPOCH")), with_pdf,
                              package, jobs or os.cpu_count() or 1, cache, progress)
        write_output(Writer(temporary), rendered.files)  # 5. write, in one pass
        indexed = index_site(pagefind, temporary / "site")  # and the search index over the written site
        warnings = tuple(str(w) for w in content_warnings) + \
            tuple(f"waarschuwing (PDF): {w}" for w in rendered.warnings)
        result = BuildResult(output.out, rendered.pages, rendered.pdfs,
                             output.out / rendered.package if rendered.package else None,
                             warnings + tuple(cache_warnings), indexed)
        _record(temporary, root, project, listed, options, result, warnings, key, section_titles(loaded))
        if with_pdf:
            cache.prune()
    return result


@dataclass(frozen=True)
class ReleaseResult:
    version: str
    folder: Path
    documents: int
    changes: int  # since the release before it
    warnings: tuple[str, ...]


def release(project_dir: Path, jobs: int | None = None,
            progress: Callable[[int, int], None] | None = None) -> ReleaseResult:
    """Record the project as published: releases/<version>/ with release.json and the PDF of every document
    that is not a concept, the version being content/tender.yaml's. Refused when that version exists or is lower
    than the latest, when nothing changed since the latest, and whenever `build` would fail."""
    from generator.render.environment import document_kinds, make_environment
    from generator.render.outputs import render
    from generator.render.pdfcache import PdfCache
    from generator.render.release import release_files  # only this command records a release
    from generator.render.site import build_date
    from generator.render.templating import template_errors
    from generator.validate.snapshot import snapshot
    from generator.write.release import write_release

    root = find_project(project_dir)
    loaded = load(project_dir)  # 1. load
    env = make_environment(loaded.root)
    previous = recorded_sections(root / "build", root)
    tender = loaded.data.get("tender")
    problems = [ContentError(*p) for p in release_problems(loaded, tender)] \
        if tender is not None and "tender" not in loaded.broken and isinstance(tender.data, dict) else []
    try:  # 2. validate, and what a release needs: reported together
        warnings = validate(loaded, document_kinds(env), False, previous)
    except ContentErrors as errors:
        raise ContentErrors(errors.errors + problems) from None
    if problems:
        raise ContentErrors(problems)
    valid = {name: document for name, document in loaded.data.items() if document is not None}
    project = build_model(loaded)  # 3. model
    latest = project.versions.latest
    if all(d.is_concept for d in project.documents):
        raise UsageError("alle documenten zijn nog concept; een release legt vast wat gepubliceerd wordt: zet de "
                         "status van de documenten die u publiceert op definitief")
    if latest is not None and not project.versions.changes:
        raise UsageError(f"er is niets gewijzigd sinds release {latest.version}; er is niets uit te brengen")
    cache_warnings: list[str] = []
    cache = PdfCache.for_project(root, {**project.files, **dict([project.logo] if project.logo else [])},
                                 trusted_key(cache_warnings), cache_warnings)
    when = build_date(project, os.environ.get("SOURCE_DATE_EPOCH"))
    with template_errors(loaded.root):  # 4. render: the PDFs and release.json
        rendered = render(project, env, when, True, False, jobs or os.cpu_count() or 1, cache, progress)
        pdfs = {d.id: rendered.files[f"pdf/{d.id}.pdf"] for d in project.documents}
        version = str(project.tender.version)
        published = [d for d in loaded.documents if d.front.data["status"] != "concept"]
        files = release_files(project, version, when.date, snapshot(loaded, valid, published), pdfs)
    folder = root / RELEASES_DIR / version
    write_release(folder, files)  # 5. write, into the project: the one folder Bestek writes there
    return ReleaseResult(version, folder, len(published), len(project.versions.sections),
                         tuple(str(w) for w in warnings) + tuple(f"waarschuwing (PDF): {w}" for w in rendered.warnings)
                         + tuple(cache_warnings))


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    files: tuple[str, ...]  # below folder, sorted
    notes: tuple[str, ...]  # what was not exported and why (an open house has no EU notice)
    warnings: tuple[str, ...]


def export(project_dir: Path, out: Path | None = None, award: Path | None = None) -> ExportResult:
    """The notices and open data of the project in out/export/ (out: default build/): the eForms notice, ocds.json,
    uea.json, eisen.xlsx, beoordeling.xlsx and planning.csv (render/exports/); with the award result of `bestek
    gunning` (`award`, default out/vertrouwelijk/gunning.json when it exists) the award notice too. Refused, with
    every field the notice needs and the project lacks, whenever the notice would not be complete."""
    from generator.load.award_result import load_award
    from generator.model.award_result import award_of
    from generator.render.environment import document_kinds, make_environment
    from generator.render.exports import render_exports  # only for the exports
    from generator.render.site import build_date
    from generator.write.exports import write_exports  # the write stage: not needed by the other commands

    root = find_project(project_dir)
    loaded = load(project_dir)  # 1. load
    result = load_award(root, out or root / "build", award)  # and the award result, when there is one
    env = make_environment(loaded.root)
    previous = recorded_sections(out or root / "build", root)
    warnings = validate(loaded, document_kinds(env), False, previous, export=True, award=result)  # 2. validate
    project = build_model(loaded)  # 3. model
    exported = render_exports(project, award_of(project, result),
                              build_date(project, os.environ.get("SOURCE_DATE_EPOCH")))  # 4. render: in memory
    folder = write_exports(out or root / "build", exported.files, root)  # 5. write: out/export/ as a whole
    return ExportResult(folder, tuple(sorted(exported.files)), exported.notes, tuple(str(w) for w in warnings))


@dataclass(frozen=True)
class GunningResult:
    folder: Path  # out/vertrouwelijk
    files: tuple[str, ...]  # below folder, sorted
    warnings: tuple[str, ...]


def gunning(project_dir: Path, out: Path | None = None, jobs: int | None = None) -> GunningResult:
    """The award (docs/award.md): vertrouwelijk/beoordeling.yaml checked against the published tender, then per
    bidder a gunningsbeslissing (an open house: a toelatingsbesluit), the proces-verbaal and gunning.json in
    out/vertrouwelijk/ (out: default build/), readable by the owner only. The one command that reads vertrouwelijk/;
    the project itself must pass `bestek check` first."""
    from generator.load.confidential import load_evaluation  # only this command reads the evaluation
    from generator.model.evaluation import build_award
    from generator.render.decisions import render_decisions
    from generator.render.environment import document_kinds, make_environment
    from generator.render.templating import template_errors
    from generator.validate.evaluation import validate_evaluation
    from generator.write.confidential import write_confidential

    root = find_project(project_dir)
    output = out or root / "build"
    loaded = load(project_dir)  # 1. load: the published project, and the confidential evaluation
    evaluation = load_evaluation(root, output)
    env = make_environment(loaded.root)
    try:  # 2. validate: the project as `check` does, then the evaluation against it
        warnings = validate(loaded, document_kinds(env), False, recorded_sections(output, root))
    except ContentErrors as errors:
        raise ContentErrors(errors.errors + evaluation.errors) from None
    warnings += validate_evaluation(loaded, evaluation.document, evaluation.errors)
    assert evaluation.document is not None  # validation passed
    project = build_model(loaded)  # 3. model: the published tender, and the award computed on it
    award = build_award(loaded, project, evaluation.document)
    with template_errors(loaded.root):  # 4. render: the letters, the proces-verbaal and gunning.json
        decisions = render_decisions(award, env, jobs or os.cpu_count() or 1)
    folder = write_confidential(output, decisions.files, root)  # 5. write: out/vertrouwelijk/, 0700 and 0600
    return GunningResult(folder, tuple(decisions.files), tuple(str(w) for w in warnings)
                         + tuple(f"waarschuwing (PDF): {w}" for w in decisions.warnings))


@dataclass(frozen=True)
class WordResult:
    folder: Path
    files: tuple[str, ...]  # <document>.docx, sorted
    warnings: tuple[str, ...]


def word_copies(project_dir: Path, out: Path | None = None) -> WordResult:
    """`bestek export --docx`: a Word copy of every document for reviewers in out/docx/ (render/docx.py, from the
    print HTML the PDF is made of); refused, with every mistake, whenever `build` would fail."""
    from generator.render.docx import render_docx  # python-docx: only for this command
    from generator.render.environment import document_kinds, make_environment, render_documents
    from generator.render.templating import template_errors
    from generator.write.docx import write_docx

    root = find_project(project_dir)
    loaded = load(project_dir)  # 1. load
    env = make_environment(loaded.root)
    previous = recorded_sections(out or root / "build", root)
    warnings = validate(loaded, document_kinds(env), False, previous)  # 2. validate
    project = build_model(loaded)  # 3. model
    with template_errors(loaded.root):  # 4. render: every document's print HTML, then its Word copy
        files = {f"{r.document.id}.docx": render_docx(r.document, r.pdf_html, project.organisation.name)
                 for r in render_documents(project, env, with_pdf=True)}
    folder = write_docx(out or root / "build", files, root)  # 5. write: out/docx/ as a whole
    return WordResult(folder, tuple(sorted(files)), tuple(str(w) for w in warnings))


def comments(project_dir: Path, docx: Path) -> list[Placed]:
    """`bestek opmerkingen`: the reviewers' comments in a Word copy, each at the line of its source it belongs to
    (load/comments.py); only the load stage of the project is needed, so it works while the content has mistakes."""
    from generator.load.comments import place, read_comments  # python-docx: only for this command

    root = find_project(project_dir)
    source, found = read_comments(docx)  # the file the officer named: the one file read from outside the project
    if source is None:
        raise UsageError(f"'{docx}' is geen Word-versie van Bestek (het bestand noemt geen document); geef een "
                         "bestand op dat 'bestek export --docx' maakte")
    document = next((d for d in load(root).documents if d.path == source), None)
    if document is None:
        raise UsageError(f"'{docx}' hoort bij {source}, maar dat document staat niet in {root}; geef met --project "
                         "het project op waar het bij hoort")
    return place(found, document)


def diff(project_dir: Path, version: str | None = None) -> list[str]:
    """The lines of `bestek diff`: what changed since release `version` (default: the latest). Works while
    the changes are not yet accounted for (that is when it is needed): only the load stage must succeed."""
    from generator.render.difftext import diff_lines

    loaded = load(project_dir)
    if loaded.errors:
        raise ContentErrors(loaded.errors)
    releases = sound_releases(loaded.releases)
    if not releases:
        raise UsageError("dit project heeft nog geen release; maak er een met 'bestek release'")
    names = [r.version for r in releases]
    if version is not None and version not in names:
        raise UsageError(f"er is geen release {version} (releases: {', '.join(names)})")
    chosen = releases[:names.index(version) + 1] if version is not None else releases
    valid = {name: document for name, document in loaded.data.items()
             if document is not None and name not in loaded.broken}
    comparison = compare(loaded, valid, loaded.documents, chosen, project_blocks(loaded))
    assert comparison is not None
    release_data = comparison.release.data.data
    versions = {ident: (document["version"], comparison.now["documents"].get(ident, {}).get("version", ""))
                for ident, document in comparison.old["documents"].items()}
    versions.update({ident: ("", d["version"]) for ident, d in comparison.now["documents"].items()
                     if ident not in versions})
    return diff_lines(comparison.changes, comparison.release.version,
                      dutch_date(datetime.date.fromisoformat(release_data["date"])), versions)


def _record(temporary: Path, root: Path, project: Project, listed: dict[str, str], options: dict,
            result: BuildResult, warnings: tuple[str, ...], key: bytes | None, sections: dict[str, str]) -> None:
    """The build record: content and templates as hashed before loading; images, attachments and the logo
    as the build read them; the recorded result (incremental.py), with what each reference by number
    pointed at (validate/sections.py)."""
    extras = (set(project.files) | ({project.logo[0]} if project.logo else set())) - set(listed)
    inputs = {**hashes(root, sorted(extras)), **listed}
    package = str(result.package.relative_to(result.out)) if result.package else None
    write_record(temporary, Record(fingerprint(options), inputs, {
        "pages": result.pages, "pdfs": result.pdfs, "indexed": result.indexed, "warnings": list(warnings),
        "package": package, "sections": sections}), root, key)


def reused(out: Path, recorded: dict) -> BuildResult:
    """The result of the previous build, which is still up to date: nothing was written."""
    package = out / recorded["package"] if recorded.get("package") else None
    return BuildResult(out, recorded["pages"], recorded["pdfs"], package, tuple(recorded["warnings"]),
                       recorded["indexed"], unchanged=True)
