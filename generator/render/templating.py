"""Project templates are content too: they load only from inside the project or the theme, render in
Jinja's sandbox, and their mistakes are content errors with a position. Part of the render stage.

A project may override any theme template with a file of the same name in its own `templates/`
(render.py). Such a file comes from the same many hands as the rest of the content, so:

* `ContainedLoader` refuses a template file that is a symlink leading out of its folder;
* render.py uses `ProjectSandbox` for a project with templates of its own: Jinja's sandbox, so that a
  template cannot reach Python internals (`''.__class__.__mro__`) or call unsafe methods, with the
  limits of sandbox.py (time, size, range, powers), so that it cannot hang or exhaust the build;
* what a project template writes is untrusted output: every render in that environment is checked
  by htmlcheck.py (no script, no event handler, nothing loaded from elsewhere), and a refusal is a
  content error at the template and line that wrote it;
* `template_errors()` turns a Jinja error raised in a project template (syntax, unknown name, a
  sandbox violation, a missing template) into `templates/<name>:line:col: melding`. The same error in
  a theme template is a defect of Bestek and is not disguised.
"""
from __future__ import annotations

import re
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, Template, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError

from generator.core.errors import BestekError, ContentError, ContentErrors
from generator.core.paths import THEME_DIR
from generator.render.htmlcheck import check_html
from generator.render.sandbox import LimitedSandbox, OutputLimit, TaggedTemplate, TemplateLimit, render_checked


class ContainedLoader(FileSystemLoader):
    """A FileSystemLoader whose templates must really lie inside the project or the theme (a symlink may
    not lead elsewhere)."""

    def __init__(self, folders: list[Path], project_root: Path, theme_dir: Path):
        super().__init__([str(folder) for folder in folders])
        self.allowed = [project_root.resolve(), theme_dir.resolve()]
        self.project_root = project_root

    def get_source(self, environment: Environment, template: str):  # Jinja's triple
        source, filename, uptodate = super().get_source(environment, template)
        if not any(Path(filename).resolve().is_relative_to(folder) for folder in self.allowed):
            raise ContentErrors([ContentError(_shown(Path(filename), self.project_root), 1, 1,
                                              "het sjabloon is een snelkoppeling (symlink) naar een plek buiten "
                                              "het project; dat is niet toegestaan")])
        return source, filename, uptodate


def _shown(path: Path, project_root: Path) -> str:
    try:
        return str(path.relative_to(project_root))
    except ValueError:
        return str(path)


class CheckedTemplate(TaggedTemplate):
    """A template of a ProjectSandbox: rendered within the limits, its output checked (module doc)."""

    environment: ProjectSandbox  # the template class of ProjectSandbox only

    def render(self, *args: object, **kwargs: object) -> str:
        env = self.environment
        try:
            rendered = render_checked(self, dict(*args, **kwargs))
        except OutputLimit as limit:
            raise ContentErrors([_placed(env, limit.origin, "", limit.message)]) from None
        own = env.project_root / "templates"

        def is_project(start: int, end: int) -> bool:
            return any(_in(origin[0], own) for origin in rendered.origins_between(start, end))

        problem = check_html(rendered.html, is_project)
        if problem is not None:
            origin = next(o for o in rendered.origins_between(problem.start, problem.end) if _in(o[0], own))
            raise ContentErrors([_placed(env, origin, problem.needle, problem.message)])
        return rendered.html


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
    (r"no filter named '([^']+)'", "het filter '{0}' bestaat niet"),
    (r"no test named '([^']+)'", "de test '{0}' bestaat niet"),
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
