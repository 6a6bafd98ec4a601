"""Where things are: the default theme and the layout of a project. No imports beyond the standard
library, so the command line can answer quickly when a build has nothing to do."""
from __future__ import annotations

from pathlib import Path

from generator.core.errors import UsageError

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The default theme: generator/theme/ in an installed wheel (setup.py maps templates/ there), else the
# checkout's templates/ at the top of the repository (tests, editable installs).
THEME_DIR = (PACKAGE_DIR / "theme") if (PACKAGE_DIR / "theme").is_dir() else PACKAGE_DIR.parent / "templates"
CONFIG_FILE = "config.yaml"
CONTENT_DIR = "content"
DOCUMENTS_DIR = "content/documents"
#: the confidential evaluation, beside content/: only `bestek gunning` reads it, and writes to this folder of
#: the output folder (build/vertrouwelijk/); build, serve and package never read it (docs/award.md)
CONFIDENTIAL_DIR = "vertrouwelijk"
EVALUATION_FILE = f"{CONFIDENTIAL_DIR}/beoordeling.yaml"


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

#: The data files of a project: file stem -> what it holds (for messages).
DATA_FILES = {
    "organisation": "de organisatie en de gemeenten",
    "tender": "het traject of de aanbesteding",
    "instruments": "bekostigingsvormen en contractvormen",
    "segments": "de segmenten",
    "requirements": "de eisen",
    "criteria": "de gunningscriteria",
    "participation": "de participatiefasen",
    "questions": "de vragen en antwoorden (nota van inlichtingen)",
    "risks": "de risico's en beheersmaatregelen",
    "budgets": "begrotingstabellen",
    "formulieren": "de formulieren die inschrijvers invullen",
    "begrippen": "de begrippenlijst",
    "wijzigingen": "de wijzigingen sinds de laatste release die niet uit een vraag komen",
}
REQUIRED_FILES = ("organisation", "tender")
#: what a build reads of a project, besides the files documents point at: its settings, content and templates
PROJECT_INPUTS = (CONFIG_FILE, CONTENT_DIR, "templates", "releases")
