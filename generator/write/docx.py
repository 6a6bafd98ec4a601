"""Stage 5, write: docx/ of the output folder (build/docx/), the Word copies of `bestek export --docx`, replaced as a
whole like export/ (write/exports.py) and every output folder of Bestek (write/output.py)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.core.errors import UsageError
from generator.write.output import MARKER, MARKER_TEXT, OutputFolder, check_location, is_marker
from generator.write.writer import Writer, write_output

DOCX_DIR = "docx"


def write_docx(out: Path, files: Mapping[str, bytes], project: Path) -> Path:
    """Write `files` (<document>.docx -> bytes) into out/docx/; returns that folder."""
    check_location(out, project)
    if not out.exists():
        out.mkdir(parents=True)
        (out / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    elif any(out.iterdir()) and not is_marker(out / MARKER):
        raise UsageError(f"de uitvoermap '{out}' is niet van Bestek (er staat geen {MARKER} in); kies met --out "
                         "een nieuwe map of een uitvoermap van Bestek")
    with OutputFolder(out / DOCX_DIR, project=project) as temporary:
        assert temporary is not None  # without `reuse`, always a fresh folder
        write_output(Writer(temporary), dict(files))
    return out / DOCX_DIR
