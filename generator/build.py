"""The pipeline in one place: load -> validate -> model -> render -> write.

Each intermediate value is named; data flows forward only.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .load import load
from .model import Project, build_model
from .render import document_kinds, make_environment, render_documents, render_site
from .validate import validate
from .write import Writer, prepare_output, write_pdfs, write_site


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    pdfs: int
    warnings: tuple[str, ...]


def check(project_dir: Path) -> Project:
    """Load and validate a project; return its model or raise ContentErrors."""
    loaded = load(project_dir)
    env = make_environment(loaded.root)
    validate(loaded, document_kinds(env))
    return build_model(loaded)


def build(project_dir: Path, out: Path | None = None, pdf: bool | None = None) -> BuildResult:
    """Build the site (out/site) and PDFs (out/pdf) of the project in `project_dir`."""
    loaded = load(project_dir)
    env = make_environment(loaded.root)
    validate(loaded, document_kinds(env))
    project = build_model(loaded)
    documents = render_documents(project, env, loaded.root)
    writer = Writer(prepare_output(out or loaded.root / "build"))
    warnings: list[str] = []
    with_pdf = project.config.pdf_enabled if pdf is None else pdf
    pdfs = write_pdfs(writer, documents, loaded.root, warnings) if with_pdf else {}
    pages = render_site(project, env, documents, {k: len(v) for k, v in pdfs.items()} if with_pdf else None)
    write_site(writer, pages, pdfs, loaded.logo)
    return BuildResult(writer.out, len(pages), len(pdfs), tuple(warnings))
