"""Project templates are content too: they load only from inside the project or the theme, render in
Jinja's sandbox, and their mistakes are content errors with a position. Part of the render stage.

A project may override any theme template with a file of the same name in its own `templates/`
(render.py). Such a file comes from the same many hands as the rest of the content, so:

* `ContainedLoader` refuses a template file that is a symlink leading out of its folder;
* render.py uses `SandboxedEnvironment` for a project with templates of its own: a template cannot reach Python internals
  (`''.__class__.__mro__`) or call unsafe methods;
* `template_errors()` turns a Jinja error raised in a project template (syntax, unknown name, a
  sandbox violation, a missing template) into `templates/<name>:line:col: melding`. The same error in
  a theme template is a defect of Bestek and is not disguised.
"""
from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.exceptions import SecurityError, UndefinedError

from .errors import BestekError, ContentError, ContentErrors


class ContainedLoader(FileSystemLoader):
    """A FileSystemLoader whose templates must really lie inside the project or the theme (a symlink may
    not lead elsewhere)."""

    def __init__(self, folders: list[Path], project_root: Path, theme_dir: Path):
        super().__init__([str(folder) for folder in folders])
        self.allowed = [project_root.resolve(), theme_dir.resolve()]
        self.project_root = project_root

    def get_source(self, environment: Environment, template: str):  # noqa: ANN201 - Jinja's triple
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


def _message(error: Exception) -> str:
    detail = getattr(error, "message", None) or str(error)
    if isinstance(error, TemplateSyntaxError):
        return f"fout in het sjabloon (Jinja: {detail})"
    if isinstance(error, SecurityError):
        return f"het sjabloon doet iets wat niet is toegestaan (Jinja-sandbox: {detail})"
    if isinstance(error, UndefinedError):
        return f"het sjabloon gebruikt een onbekende naam (Jinja: {detail}); zie docs/content-model.md"
    if isinstance(error, TemplateNotFound):
        return f"het sjabloon '{error.name}' bestaat niet"
    if isinstance(error, TemplateError):
        return f"fout in het sjabloon (Jinja: {detail})"
    return f"fout in het sjabloon ({type(error).__name__}: {detail})"


@contextmanager
def template_errors(project_root: Path) -> Iterator[None]:
    """Report Jinja errors from the project's own templates as content errors (see the module doc)."""
    own = (project_root / "templates").resolve()
    try:
        yield
    except BestekError:
        raise
    except Exception as error:  # noqa: BLE001 - re-raised below unless a project template caused it
        if isinstance(error, TemplateSyntaxError) and error.filename:
            place = (Path(error.filename), error.lineno)
        else:  # Jinja rewrites tracebacks: a template's frames carry its file name and line
            frames = [(Path(frame.filename), frame.lineno) for frame in traceback.extract_tb(error.__traceback__)
                      if frame.filename.endswith(".html")]
            place = frames[-1] if frames else None
        from .render import THEME_DIR  # noqa: PLC0415 - render imports this module

        if place is None or own == THEME_DIR or not place[0].resolve().is_relative_to(own):
            raise
        shown = _shown(place[0], project_root)
        raise ContentErrors([ContentError(shown, place[1] or 1, 1, _message(error))]) from error
