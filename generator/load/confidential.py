"""Stage 1 for `bestek gunning` only: the confidential evaluation in vertrouwelijk/beoordeling.yaml.

The bids, scores and motivations are confidential (Aw 2012 art. 2.57: the contracting authority does not
disclose what bidders submitted as confidential). Only `bestek gunning` reads this folder: `build`, `serve` and
`package` load the project through load/project.py, whose `read_file` refuses every path in vertrouwelijk/,
so no document, image, attachment or template can pull it into the site, a PDF or the package.

The folder sits at the project's top, beside content/ (never inside it: content/vertrouwelijk/ is refused by
load/project.py, as everything in content/ is input of the public documents), must be a real folder of the
project (not a symlink that leads elsewhere) and must not lie inside the output folder, which a build replaces
as a whole.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.core import characters
from generator.core.errors import ContentError
from generator.core.paths import CONFIDENTIAL_DIR, EVALUATION_FILE
from generator.load.project import MAX_FILE_BYTES, read_file
from generator.load.yamlsource import YamlDocument, parse_yaml


@dataclass
class LoadedEvaluation:
    """vertrouwelijk/beoordeling.yaml with positions (None when it could not be read or parsed)."""

    document: YamlDocument | None
    errors: list[ContentError] = field(default_factory=list)


def _folder_problem(root: Path, out: Path) -> str | None:
    """What is wrong with the place of vertrouwelijk/, or None."""
    folder = root / CONFIDENTIAL_DIR
    if folder.is_symlink():
        return (f"{CONFIDENTIAL_DIR}/ is een snelkoppeling (symlink); zet de map met de beoordeling zelf in het "
                "project, naast content/, zodat Bestek weet dat zij niet in de uitvoer of elders terechtkomt")
    if not folder.exists():
        return (f"het bestand ontbreekt; het bevat de vertrouwelijke beoordeling van de inschrijvingen (zie "
                f"docs/award.md): maak de map {CONFIDENTIAL_DIR}/ naast content/ en zet daarin beoordeling.yaml")
    if not folder.is_dir():
        return f"{CONFIDENTIAL_DIR} is een bestand, geen map; maak de map {CONFIDENTIAL_DIR}/ met beoordeling.yaml"
    real, output = Path(os.path.realpath(folder)), Path(os.path.realpath(out))
    if real.is_relative_to(output):
        return (f"{CONFIDENTIAL_DIR}/ ligt in de uitvoermap '{out}', die elke build in haar geheel vervangt; "
                "zet de map naast content/ en kies met --out een uitvoermap elders")
    return None


def load_evaluation(root: Path, out: Path) -> LoadedEvaluation:
    """Read and parse vertrouwelijk/beoordeling.yaml of the project at `root` (already found: a Bestek
    project); `out` is the output folder of `bestek gunning`."""
    problem = _folder_problem(root, out)
    if problem is not None:
        return LoadedEvaluation(None, [ContentError(EVALUATION_FILE, 1, 1, problem)])
    # read_file judges a path inside the root it is given: here the folder itself, so that a symlink inside it
    # may not lead out of it (to content/ or elsewhere)
    raw = read_file(root / CONFIDENTIAL_DIR, Path(EVALUATION_FILE).name, MAX_FILE_BYTES)
    if isinstance(raw, str):
        if raw == "bestaat niet":
            raw = "bestaat niet; maak het aan met de beoordeling van de inschrijvingen (zie docs/award.md)"
        return LoadedEvaluation(None, [ContentError(EVALUATION_FILE, 1, 1, f"het bestand {raw}")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return LoadedEvaluation(None, [ContentError(EVALUATION_FILE, line, col,
                                                    "het bestand is geen UTF-8; sla het op als UTF-8")])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    refused = characters.refused_characters(text)
    if refused:
        return LoadedEvaluation(None, [ContentError(EVALUATION_FILE, line, col, characters.refused_message(char, more))
                                       for line, col, char, more in refused])
    document, errors = parse_yaml(text, EVALUATION_FILE)
    return LoadedEvaluation(None if errors and document is None else document, errors)
