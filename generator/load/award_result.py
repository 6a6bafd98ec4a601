"""Stage 1, load: the award result of `bestek gunning` (gunning.json), when there is one: the file named with
--gunning, else vertrouwelijk/gunning.json in the output folder. JSON is read as YAML, with positions."""
from __future__ import annotations

from pathlib import Path

from generator.core.errors import ContentErrors, UsageError
from generator.load.yamlsource import YamlDocument, parse_yaml

AWARD_FILE = Path("vertrouwelijk") / "gunning.json"
LIMIT = 4 * 1024 * 1024


def load_award(root: Path, out: Path, path: Path | None) -> YamlDocument | None:
    """The parsed award result, or None when no file was named and the default does not exist."""
    chosen = path if path is not None else out / AWARD_FILE
    if path is None and not chosen.is_file():
        return None
    try:
        raw = chosen.read_bytes()[:LIMIT + 1]
    except OSError as exc:
        raise UsageError(f"de gunningsuitslag '{chosen}' is niet te lezen ({exc.strerror})") from exc
    if len(raw) > LIMIT:
        raise UsageError(f"de gunningsuitslag '{chosen}' is groter dan 4 MiB")
    shown = str(chosen.relative_to(root)) if chosen.is_relative_to(root) else str(chosen)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"de gunningsuitslag '{shown}' is geen UTF-8") from exc
    document, errors = parse_yaml(text, shown)
    if errors:
        raise ContentErrors(errors)
    return document
