"""Render many PDFs at once over worker processes, each reusing its imports. Part of the write stage.

Workers are forked from the build after WeasyPrint is imported, so none pays the import again; each
builds its project-only URL fetcher once. The largest documents start first, so the workers finish
together. With one worker (or one document) everything runs in the build's own process.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .pdf import load_weasyprint, make_fetcher, render_pdf


@dataclass(frozen=True)
class PdfResult:
    pdf: bytes
    warnings: tuple[str, ...]
    blocked: tuple[str, ...]  # URLs the fetcher refused: the caller turns them into content errors


_fetcher = None  # one per worker process, made by _start


def _start(theme_dir: Path, files: dict[str, bytes]) -> None:
    global _fetcher, _theme_dir
    _fetcher = make_fetcher(theme_dir, files)
    _theme_dir = theme_dir


_theme_dir: Path | None = None


def _render(html: str) -> PdfResult:
    before = len(_fetcher.blocked)
    warnings: list[str] = []
    pdf = render_pdf(html, _theme_dir, _fetcher, warnings)
    return PdfResult(pdf, tuple(warnings), tuple(_fetcher.blocked[before:]))


def render_many(pages: dict[str, str], theme_dir: Path, files: dict[str, bytes], workers: int,
                done: Callable[[str, PdfResult], None]) -> None:
    """Render every HTML page of `pages` (key -> html); call `done(key, result)` in the build's own
    process as each finishes (so writing and progress stay in one place)."""
    if not pages:
        return
    load_weasyprint()  # imported before forking: the workers inherit it
    order = sorted(pages, key=lambda k: -len(pages[k]))
    workers = max(1, min(workers, len(pages)))
    if workers == 1:
        _start(theme_dir, files)
        for key in order:
            done(key, _render(pages[key]))
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start,
                             initargs=(theme_dir, files)) as pool:
        running = {pool.submit(_render, pages[key]): key for key in order}
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                done(running.pop(future), future.result())
