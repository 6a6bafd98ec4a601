"""Where things are: the default theme and the layout of a project. No imports beyond the standard
library, so the command line can answer quickly when a build has nothing to do."""
from __future__ import annotations

from pathlib import Path

from generator.core.errors import UsageError

THEME_DIR = Path(__file__).resolve().parent.parent.parent / "templates"
CONFIG_FILE = "config.yaml"
CONTENT_DIR = "content"
DOCUMENTS_DIR = "content/documents"


def find_project(root: Path) -> Path:
    """Check that `root` is a Bestek project (usage error otherwise) and return it resolved."""
    root = root.resolve()
    if not root.is_dir():
        raise UsageError(f"projectmap '{root}' bestaat niet")
    if not (root / CONFIG_FILE).is_file() or not (root / CONTENT_DIR).is_dir():
        raise UsageError(
            f"'{root}' is geen Bestek-project: er ontbreekt {CONFIG_FILE} of de map {CONTENT_DIR}/ "
            "(geef de projectmap op met --project)"
        )
    return root
