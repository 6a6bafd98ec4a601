"""Write a release folder into the project (`bestek release`): the one place Bestek writes into a project.

A release is immutable: its folder must not exist yet (created exclusively), every file is created new
(never overwritten), and a failure half way removes only the files this call created, so a user's files
are never deleted.
"""
from __future__ import annotations

import os
from pathlib import Path

from generator.core.errors import UsageError, os_reason


def write_release(folder: Path, files: dict[str, bytes]) -> None:
    """Create `folder` (which must not exist) with `files` (name -> bytes) in it."""
    try:
        folder.parent.mkdir(exist_ok=True)
        folder.mkdir()
    except FileExistsError as error:
        raise UsageError(f"release {folder.name} bestaat al in {folder.parent}/; een release verandert niet meer: "
                         "verhoog 'version' in content/tender.yaml") from error
    except OSError as error:
        raise UsageError(f"kan de map {folder} niet maken ({os_reason(error)})") from error
    created: list[Path] = []
    try:
        for name, data in sorted(files.items()):
            path = folder / name
            with open(path, "xb") as file:
                created.append(path)
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
    except OSError as error:
        for path in created:
            path.unlink(missing_ok=True)
        try:
            folder.rmdir()
        except OSError:
            pass  # something else was put in it: left as it is
        raise UsageError(f"kan de release niet schrijven in {folder} ({os_reason(error)}); er is niets "
                         "vastgelegd") from error
