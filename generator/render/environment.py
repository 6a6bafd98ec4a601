"""Stage 4, render: the model through Jinja templates (and Markdown bodies) into HTML strings.

Owns the templates: the default theme in `templates/` and a project's own `templates/`, whose
files override the theme's by name. Autoescape is on everywhere, undefined names are errors and
templates run in Jinja's sandbox; content is never used as template source. Nothing is written
here: the write stage does that.
"""
from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, StrictUndefined, TemplateNotFound
from markupsafe import Markup

from generator import __version__
from generator.core.errors import EnvironmentProblem
from generator.core.paths import THEME_DIR
from generator.core.text import contract_duration, count, dutch_date, dutch_time, number
from generator.core.usercache import cache_root
from generator.model.types import Project
from generator.render.body import BodyRenderer, project_url
from generator.render.contexts import DocumentContext, DocumentListContext, PdfContext
from generator.render.fields import markdown_filter, markdown_inline_filter
from generator.render.pages import Page, RenderedDocument
from generator.render.sandbox import SANDBOX_VERSION
from generator.render.site import BuildDate, site_pages
from generator.render.site_html import accessible
from generator.render.templating import CheckedTemplate, ContainedLoader, ProjectSandbox

#: static files of the theme copied into the site: source (in the theme) -> site path
SITE_ASSETS = {
    "site/style.css": "assets/style.css",
    "site/zoeken.js": "assets/zoeken.js",
    "site/eisen.js": "assets/eisen.js",
    "site/favicon.svg": "assets/favicon.svg",
    **{f"fonts/{name}": f"assets/fonts/{name}" for name in (
        "OpenSans-Regular.ttf", "OpenSans-Italic.ttf", "OpenSans-Semibold.ttf", "OpenSans-Bold.ttf",
        "OpenSans-BoldItalic.ttf")},
}


def template_dirs(project_root: Path) -> list[Path]:
    own = project_root / "templates"
    return [own, THEME_DIR] if own.is_dir() and own.resolve() != THEME_DIR else [THEME_DIR]


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """A cache is only a speed-up: a full or read-only cache folder must not fail a build (or be blamed
    on the output folder), so reading and writing compiled templates ignore the file system's errors."""

    def load_bytecode(self, bucket) -> None:  # Jinja's signature
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket) -> None:  # Jinja's signature
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache(kind: str) -> FileSystemBytecodeCache | None:
    """Compiled templates, kept between builds in the user's cache folder (never in the project: a
    project from elsewhere must not be able to bring compiled code along), one folder per kind of
    environment (the sandbox compiles the same template to other code). None when it cannot be made."""
    folder = cache_root() / f"jinja-{__version__}-{kind}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietBytecodeCache(str(folder))


def make_environment(project_root: Path) -> Environment:
    """The Jinja environment of a project: its own templates before the theme's, autoescape on, undefined
    names are errors. A project with templates of its own gets a sandbox with limits whose output is
    checked (see templating.py); the theme alone is Bestek's own code and runs without the sandbox's cost."""
    dirs = template_dirs(project_root)
    sandboxed = len(dirs) > 1
    environment = functools.partial(ProjectSandbox, project_root=project_root) if sandboxed else Environment
    env = environment(
        bytecode_cache=_bytecode_cache(f"sandbox-{SANDBOX_VERSION}" if sandboxed else "theme"),
        loader=ContainedLoader(dirs, project_root, THEME_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(datum=dutch_date, getal=number, md=markdown_filter(), md_inline=markdown_inline_filter(),
                       looptijd=contract_duration, toegankelijk=accessible, tijd=dutch_time, aantal=count)
    return env


def document_kinds(env: Environment) -> list[str]:
    """The document kinds a project may choose: the templates in documents/ (not base or _partials)."""
    names = env.list_templates(filter_func=lambda n: n.startswith("documents/") and n.endswith(".html"))
    kinds = {n[len("documents/"):-len(".html")] for n in names}
    return sorted(k for k in kinds if k != "base" and not k.startswith("_"))


def _theme_css(project: Project) -> str:
    theme = project.config.theme
    return (f":root {{ --bestek-primary: {theme.primary_color}; "
            f"--bestek-accent: {theme.accent_color}; --bestek-accent-mark: {_translucent(theme.accent_color)}; }}\n")


def _translucent(colour: str, alpha: float = 0.13) -> str:
    """A "#rrggbb" colour as rgba() with the CONCEPT mark's alpha: a translucent colour instead of `opacity`,
    which makes WeasyPrint paint a transparency group on every page, an empty one when there is no mark."""
    red, green, blue = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def print_stylesheet(project: Project) -> Markup:
    sheets = [(THEME_DIR / "pdf" / name).read_text(encoding="utf-8") for name in ("print.css", "forms.css")]
    return Markup(_theme_css(project) + "\n".join(sheets))


def render_document_list(project: Project, env: Environment, entries: list, superseded: list, date) -> str:
    """The documentenlijst of the tender package as a page for WeasyPrint: the packaged documents and the
    earlier versions that releases published (vervallen)."""
    context = DocumentListContext(project=project, entries=tuple(entries), date=date, superseded=tuple(superseded),
                                  stylesheet=print_stylesheet(project))
    return env.get_template("package/documentenlijst.html").render(context.as_dict())


def render_documents(project: Project, env: Environment, with_pdf: bool = True,
                     only: frozenset[str] | None = None) -> list[RenderedDocument]:
    """Every document (or those whose id is in `only`), as an article for its site page and (with `with_pdf`)
    as a full HTML page for the PDF, which asks for the logo and images by project_url(); write.py's fetcher
    serves them. Without PDFs `pdf_html` is empty."""
    logo = project.config.theme.logo
    logo_src = {"site": f"../assets/{Path(logo).name}", "pdf": project_url(logo)} if logo else {}
    bodies = BodyRenderer(env, project, with_pdf)
    stylesheet = print_stylesheet(project)
    rendered = []
    for document in project.documents:
        if only is not None and document.id not in only:
            continue
        kind_template = env.get_template(f"documents/{document.kind}.html")
        articles = {}
        for target, root in (("site", "../"), ("pdf", ""))[:2 if with_pdf else 1]:
            body = bodies.render(document, target, root)
            mentioned = body.segments
            context = DocumentContext(project, document, body.html, body.appendices, body.toc, target,
                                      logo_src.get(target))
            articles[target] = Markup(kind_template.render(context.as_dict()))
        pdf_html = ""
        if with_pdf:
            pdf_context = PdfContext(project, document, articles["pdf"], stylesheet)
            pdf_html = env.get_template("pdf/document.html").render(pdf_context.as_dict())
        rendered.append(RenderedDocument(document, articles["site"], pdf_html, mentioned))
    return rendered


def render_site(project: Project, env: Environment, documents: list[RenderedDocument],
                pdf_sizes: dict[str, int] | None, when: BuildDate, ics_href: str | None = None) -> list[Page]:
    """The site's pages (site.site_pages says which), each rendered by its page template.
    `pdf_sizes` is None without PDFs; `ics_href` names planning.ics when the build writes one."""
    return [Page(path, _render(env, template, context))
            for path, template, context in site_pages(project, documents, pdf_sizes, when, ics_href)]


def _render(env: Environment, name: str, context) -> str:
    try:
        template = env.get_template(name)
    except TemplateNotFound as exc:  # pragma: no cover - the theme ships every page template
        raise EnvironmentProblem(f"sjabloon '{exc.name}' ontbreekt in het thema") from exc
    if isinstance(template, CheckedTemplate):  # a project's templates: the page must keep the theme's policy
        return template.render_page(context.as_dict())
    return template.render(context.as_dict())
