"""The quick rebuild's new site (bestek serve, render/site_update.py), part of the write stage: a copy of the
served site with the pages rendered again written anew, so the served folder is never changed while a reader
is in it."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.core.errors import EnvironmentProblem


def copy_site(source: Path, target: Path, pages: dict[str, str]) -> None:
    """`target` as a copy of `source` (hard links where the file system allows, else copies), with `pages`
    written anew (a new file: the linked one, which the served site shares, is left as it is)."""
    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    try:
        shutil.copytree(source, target, copy_function=link)
        for path, html in pages.items():
            file = target / path
            file.unlink(missing_ok=True)
            file.write_bytes(html.encode("utf-8"))
    except OSError as error:
        shutil.rmtree(target, ignore_errors=True)
        raise EnvironmentProblem(f"de website kon niet worden bijgewerkt in {target} ({error.strerror})") from error
