"""Stage 5, write: the files the render stage made, into the output folder, in one pass.

Always into a fresh temporary folder that `output.py` swaps in when the whole build succeeded.
`Writer` refuses a path that leads out of the folder or is written twice in a build.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from generator.core.errors import DuplicateOutput


class Writer:
    """Writes files below `out`, each path at most once per build."""

    def __init__(self, out: Path):
        self.out = out
        self.written: set[Path] = set()

    def write(self, relative: str, content: bytes | str) -> Path:
        path = (self.out / relative).resolve()
        if not path.is_relative_to(self.out.resolve()):
            raise DuplicateOutput(f"uitvoerpad '{relative}' valt buiten de uitvoermap")
        if path in self.written:
            shown = path.relative_to(self.out.resolve())
            raise DuplicateOutput(f"het uitvoerbestand '{shown}' zou twee keer geschreven worden")
        self.written.add(path)
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as error:  # with the path, also when write() failed: output.py names the folder
            raise OSError(error.errno, error.strerror, str(path)) from error
        return path


def write_output(writer: Writer, files: Mapping[str, bytes]) -> None:
    """Write every file, in the order of their paths."""
    for path in sorted(files):
        writer.write(path, files[path])
