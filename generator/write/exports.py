"""Stage 5, write: export/ of the output folder (build/export/), replaced as a whole like every output folder of
Bestek (write/output.py). The output folder itself is made, with Bestek's marker, when it does not exist yet, so a
later build may replace it; `bestek build` leaves export/ alone only while nothing changed (incremental.py)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.core.errors import UsageError
from generator.write.output import MARKER, MARKER_TEXT, OutputFolder, check_location, is_marker
from generator.write.writer import Writer, write_output

EXPORT_DIR = "export"


def write_exports(out: Path, files: Mapping[str, bytes], project: Path) -> Path:
    """Write `files` into out/export/; returns that folder."""
    return write_subfolder(out, EXPORT_DIR, files, project)


def write_subfolder(out: Path, name: str, files: Mapping[str, bytes], project: Path) -> Path:
    """Replace out/<name>/ with `files` (file name -> bytes) as a whole; returns that folder. `out` is made, with
    Bestek's marker, when it does not exist; an existing `out` must be Bestek's."""
    check_location(out, project)
    if not out.exists():
        out.mkdir(parents=True)
        (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    elif any(out.iterdir()) and not is_marker(out / MARKER):
        raise UsageError(f"de uitvoermap '{out}' is niet van Bestek (er staat geen {MARKER} in); kies met --out "
                         "een nieuwe map of een uitvoermap van Bestek")
    with OutputFolder(out / name, project=project) as temporary:
        assert temporary is not None  # without `reuse`, always a fresh folder
        write_output(Writer(temporary), dict(files))
    return out / name
