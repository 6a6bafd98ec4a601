"""Project templates are content too: they load only from inside the project or the theme, render in
Jinja's sandbox, and their mistakes are content errors with a position. Part of the render stage.

A project may override any theme template with a file of the same name in its own `templates/`
(render.py). Such a file comes from the same many hands as the rest of the content, so:

* `ContainedLoader` refuses, before reading it, a template file that is a symlink leading out of the
  project or the theme, and one whose real path (symlinks followed) goes through a hidden file or
  folder (`.git`, `.env`) or the project's build/ folder, or does not end in `.html`: an
  `{% include %}` must not publish the project's secrets or any other file;
* render.py uses `ProjectSandbox` for a project with templates of its own: Jinja's sandbox, so that a
  template cannot reach Python internals (`''.__class__.__mro__`) or call unsafe methods, with the
  limits of sandbox.py (time, size, range, powers), so that it cannot hang or exhaust the build;
* what a project template writes is untrusted output: every render in that environment is checked
  by htmlcheck.py (no script, no event handler, nothing loaded from elsewhere), and a refusal is a
  content error at the template and line that wrote it; a site page (`render_page`) must moreover
  carry the theme's security policy in its head, or the project template that wrote its start is
  refused (a missing policy is reported, not put back: the author of a copied base page should
  learn that the copy is incomplete, and a policy put into a page Bestek cannot parse as the
  browser does might land where the browser ignores it);
* `template_errors()` turns a Jinja error raised in a project template (syntax, unknown name, a
  sandbox violation, a missing template) into `templates/<name>:line:col: melding`. The same error in
  a theme template is a defect of Bestek and is not disguised.
"""
from __future__ import annotations

import os
import posixpath
import re
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, Template, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.loaders import split_template_path

from generator.core.errors import BestekError, ContentError, ContentErrors
from generator.core.paths import CONFIDENTIAL_DIR, THEME_DIR
from generator.render.htmlcheck import check_html, policy_problem
from generator.render.sandbox import (
    LimitedSandbox,
    OutputLimit,
    Rendered,
    TaggedTemplate,
    TemplateLimit,
    render_checked,
)

POLICY_MISSING = ("het sjabloon laat de regel met het beveiligingsbeleid (Content-Security-Policy) van het thema weg; "
                  "neem <meta http-equiv=\"Content-Security-Policy\" content=\"...\"> uit het thema over, direct na "
                  "<meta charset=\"utf-8\"> in de <head>")


#: why a template file is refused (ContainedLoader)
_OUTSIDE = "het sjabloon is een snelkoppeling (symlink) naar een plek buiten het project; dat is niet toegestaan"
_HIDDEN = ("het sjabloon is een verborgen bestand, ligt in een verborgen map (zoals .git of .env) of in de uitvoer van "
           "een build (build/), of is een snelkoppeling (symlink) daarheen; Bestek leest en publiceert die niet als "
           "sjabloon")
_CONFIDENTIAL = (f"het sjabloon ligt in {CONFIDENTIAL_DIR}/ (of is een snelkoppeling (symlink) daarheen), de "
                 "vertrouwelijke beoordeling; daaruit komt nooit iets op de website of in een PDF")
_NOT_HTML = ("het sjabloon is geen .html-bestand (of een snelkoppeling (symlink) naar een ander soort bestand); alleen "
             "bestanden die op .html eindigen zijn sjablonen")


class ContainedLoader(FileSystemLoader):
    """A FileSystemLoader whose templates must really be templates of the project or the theme: judged by
    the real path (symlinks followed) before the file is read (see the module doc)."""

    def __init__(self, folders: list[Path], project_root: Path, theme_dir: Path):
        super().__init__([str(folder) for folder in folders])
        self.project_root = project_root
        self.theme_dir = theme_dir.resolve()

    def get_source(self, environment: Environment, template: str):  # Jinja's triple
        pieces = split_template_path(template)
        for folder in self.searchpath:  # as FileSystemLoader looks for it
            filename = Path(posixpath.join(folder, *pieces))
            if os.path.isfile(filename):
                break
        else:
            raise TemplateNotFound(template)
        problem = self._problem(filename, pieces)
        if problem:
            raise ContentErrors([ContentError(_shown(filename, self.project_root), 1, 1, problem)])
        return super().get_source(environment, template)

    def _problem(self, filename: Path, pieces: list[str]) -> str | None:
        """Why the template file (found as `pieces` in a template folder) is refused, or None."""
        real = filename.resolve()
        project = self.project_root.resolve()
        if real.is_relative_to(project):
            parts = real.relative_to(project).parts
            if parts[:1] == ("build",):
                return _HIDDEN
            if parts[:1] == (CONFIDENTIAL_DIR,):
                return _CONFIDENTIAL
        elif real.is_relative_to(self.theme_dir):
            parts = real.relative_to(self.theme_dir).parts
        else:
            return _OUTSIDE
        if any(part.startswith(".") for part in (*parts, *pieces)):
            return _HIDDEN
        if real.suffix != ".html" or not pieces[-1].endswith(".html"):
            return _NOT_HTML
        return None


def _shown(path: Path, project_root: Path) -> str:
    try:
        return str(path.relative_to(project_root))
    except ValueError:
        return str(path)


class CheckedTemplate(TaggedTemplate):
    """A template of a ProjectSandbox: rendered within the limits, its output checked (module doc)."""

    environment: ProjectSandbox  # the template class of ProjectSandbox only

    def render(self, *args: object, **kwargs: object) -> str:
        return self._checked(dict(*args, **kwargs)).html

    def render_page(self, context: dict[str, object]) -> str:
        """A site page: checked as any render, and it must carry the theme's security policy in its head.
        Without it the project template that wrote the start of the page is to blame (1:1); when the
        theme wrote that start, the project template nearest to it."""
        rendered = self._checked(context)
        if policy_problem(rendered.html):
            env = self.environment
            own = env.project_root / "templates"
            mine = [origin[0].filename for origin in rendered.origins if _in(origin[0], own)]
            if mine and mine[0]:  # a theme page alone always carries the policy (tests/hostile/test_site_scripts.py)
                raise ContentErrors([ContentError(_shown(Path(mine[0]), env.project_root), 1, 1, POLICY_MISSING)])
        return rendered.html

    def _checked(self, context: dict[str, object]) -> Rendered:
        env = self.environment
        try:
            rendered = render_checked(self, context)
        except OutputLimit as limit:
            raise ContentErrors([_placed(env, limit.origin, "", limit.message)]) from None
        own = env.project_root / "templates"

        def is_project(start: int, end: int) -> bool:
            return any(_in(origin[0], own) for origin in rendered.origins_between(start, end))

        root = context.get("root")
        problem = check_html(rendered.html, is_project, root if isinstance(root, str) else None)
        if problem is not None:
            origin = next(o for o in rendered.origins_between(problem.start, problem.end) if _in(o[0], own))
            raise ContentErrors([_placed(env, origin, problem.needle, problem.message)])
        return rendered


class ProjectSandbox(LimitedSandbox):
    """The environment of a project with templates of its own (render.py)."""

    template_class = CheckedTemplate

    def __init__(self, *args: object, project_root: Path, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.project_root = project_root


def _in(template: Template, own: Path) -> bool:
    filename = template.filename
    if not filename:
        return False
    return Path(filename).resolve().is_relative_to(own.resolve())


def _placed(env: ProjectSandbox, origin: tuple[Template, int], needle: str, message: str) -> ContentError:
    """The error at the template and line that made a piece of output; the column where `needle`
    stands on that line (1 when it is not written there literally)."""
    template, code_line = origin
    assert template.filename is not None  # the loaders give every template its file
    line = template.get_corresponding_lineno(code_line) if code_line else 1
    col = 1
    try:
        lines = Path(template.filename).read_text(encoding="utf-8").lower().split("\n")
    except (OSError, UnicodeDecodeError):
        lines = []
    if needle:  # a piece of template text may span lines: the first line from `line` on that holds the needle
        for number in range(line, min(len(lines), line + 200) + 1):
            found = lines[number - 1].find(needle.lower())
            if found >= 0:
                line, col = number, found + 1
                break
    return ContentError(_shown(Path(template.filename), env.project_root), line, col, message)


#: Jinja's own words (English) for the mistakes a template writer makes, as Dutch: (pattern, message)
_JINJA_MESSAGES = (
    (r"'([^']+)' is undefined", "de naam '{0}' bestaat niet in dit sjabloon"),
    (r"'[^']+' has no attribute '([^']+)'", "'{0}' bestaat niet in deze waarde"),
    (r"access to attribute '([^']+)' of '[^']+' object is unsafe\.?",
     "het sjabloon vraagt de interne eigenschap '{0}' op"),
    (r"unexpected '([^']+)'", "onverwacht '{0}'"),
    (r"unexpected char '?(.)'? at \d+", "onverwacht teken '{0}'"),
    (r"Encountered unknown tag '([^']+)'.*", "onbekende opdracht {{% {0} %}}"),
    (r"Unexpected end of template.*", "het sjabloon houdt onverwacht op (ontbreekt een {{% end... %}}?)"),
    (r"expected token '([^']+)', got '([^']+)'", "verwacht '{0}' maar vond '{1}'"),
    (r"[Nn]o filter named '([^']+)'( found)?\.?", "het filter '{0}' bestaat niet"),
    (r"[Nn]o test named '([^']+)'( found)?\.?", "de test '{0}' bestaat niet"),
    (r"tag name expected", "na '{{%' hoort een opdracht, zoals if, for of block"),
)


#: what a Python error inside a template means, in words an officer can use
_PYTHON_ERRORS = {
    "ZeroDivisionError": "een deling door nul",
    "TypeError": "een bewerking op een waarde van de verkeerde soort, zoals tekst optellen bij een getal",
    "ValueError": "een waarde die niet kan worden omgezet",
    "KeyError": "een sleutel die niet bestaat",
    "IndexError": "een plaats in een lijst die niet bestaat",
    "OverflowError": "een getal dat te groot wordt",
    "RecursionError": "een sjabloon dat zichzelf eindeloos aanroept",
}


def _jinja_detail(error: Exception) -> str | None:
    """Jinja's message in Dutch, or None when it is not one of the known ones (then it is not shown)."""
    detail = str(getattr(error, "message", None) or error)
    for pattern, message in _JINJA_MESSAGES:
        match = re.fullmatch(pattern, detail.strip(), re.DOTALL)
        if match:
            return message.format(*match.groups())
    return None


def _message(error: Exception) -> str:
    if isinstance(error, TemplateLimit):
        return str(error)
    detail = _jinja_detail(error)
    if isinstance(error, TemplateSyntaxError):
        return f"fout in de opmaak van het sjabloon: {detail or 'controleer de {{ ... }} en {% ... %}'}"
    if isinstance(error, SecurityError):
        return f"{detail}; dat is niet toegestaan" if detail else "het sjabloon doet iets wat niet is toegestaan"
    if isinstance(error, UndefinedError):
        return f"het sjabloon gebruikt een onbekende naam ({detail or 'zie de namen'}); zie docs/content-model.md"
    if isinstance(error, TemplateNotFound):
        return f"het sjabloon '{error.name}' bestaat niet"
    if isinstance(error, TemplateError):
        return f"fout in het sjabloon{': ' + detail if detail else ''}"
    what = _PYTHON_ERRORS.get(type(error).__name__, "een waarde die hier niet kan")
    return (f"het sjabloon veroorzaakt een fout bij het maken van de pagina ({what}); controleer de waarden die het "
            "gebruikt")


@contextmanager
def template_errors(project_root: Path) -> Iterator[None]:
    """Report Jinja errors from the project's own templates as content errors (see the module doc)."""
    own = (project_root / "templates").resolve()
    try:
        yield
    except BestekError:
        raise
    except Exception as error:  # re-raised below unless a project template caused it
        frames: list[tuple[Path, int | None]]
        if isinstance(error, TemplateSyntaxError) and error.filename:
            frames = [(Path(error.filename), error.lineno)]
        else:  # Jinja rewrites tracebacks: a template's frames carry its file name and line
            frames = [(Path(frame.filename), frame.lineno) for frame in traceback.extract_tb(error.__traceback__)
                      if frame.filename and frame.filename.endswith(".html")]
        # the innermost project template is the one to blame, also when the error surfaced in a theme
        # template it called or extends (a value it left out, a limit it hit)
        mine = [f for f in frames if f[0].resolve().is_relative_to(own)]
        place = mine[-1] if mine else frames[-1] if frames else None
        if place is None or own == THEME_DIR or not place[0].resolve().is_relative_to(own):
            raise
        shown = _shown(place[0], project_root)
        raise ContentErrors([ContentError(shown, place[1] or 1, 1, _message(error))]) from error
