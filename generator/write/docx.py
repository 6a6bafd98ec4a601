"""Stage 5, write: docx/ of the output folder (build/docx/), the Word copies of `bestek export --docx`, replaced as a
whole like export/ (write/exports.py) and every output folder of Bestek (write/output.py)."""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.write.exports import write_subfolder

DOCX_DIR = "docx"


def write_docx(out: Path, files: Mapping[str, bytes], project: Path) -> Path:
    """Write `files` (<document>.docx -> bytes) into out/docx/; returns that folder."""
    return write_subfolder(out, DOCX_DIR, files, project)
