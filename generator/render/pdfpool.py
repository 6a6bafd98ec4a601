"""Render many PDFs at once over worker processes, each reusing its imports. Part of the render stage.

Workers are forked from the build after WeasyPrint is imported, so none pays the import again; each
builds its project-only URL fetcher once. The largest documents start first, so the workers finish
together. With one worker (or one document) everything runs in the build's own process.

Workers die with the build: each asks the kernel for SIGKILL when its parent dies
(`PR_SET_PDEATHSIG`) and then checks that the parent is still the one that forked it (it may have died
in between). They ignore Ctrl+C and take SIGTERM's default: the build itself handles both, stops its
workers and cleans up (cli.py). They hold no lock of the build (output.py closes it in every fork).
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from generator.render.pdf import load_weasyprint, make_fetcher, render_pdf


@dataclass(frozen=True)
class PdfResult:
    pdf: bytes
    warnings: tuple[str, ...]
    blocked: tuple[str, ...]  # URLs the fetcher refused: the caller turns them into content errors


_fetcher = None  # one per worker process, made by _start
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a forked worker: be killed when the build dies, and end now if it already has."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the parent check below still ends an orphan at start
        pass
    if os.getppid() != parent:
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build handles Ctrl+C and stops its workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _start(theme_dir: Path, files: dict[str, bytes], parent: int | None = None) -> None:
    global _fetcher, _theme_dir
    if parent is not None:
        die_with_parent(parent)
    _fetcher = make_fetcher(theme_dir, files)
    _theme_dir = theme_dir


_theme_dir: Path | None = None


def _render(html: str) -> PdfResult:
    fetcher, theme_dir = _fetcher, _theme_dir
    assert fetcher is not None and theme_dir is not None  # _start ran in this process
    before = len(fetcher.blocked)
    warnings: list[str] = []
    pdf = render_pdf(html, theme_dir, fetcher, warnings)
    return PdfResult(pdf, tuple(warnings), tuple(fetcher.blocked[before:]))


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
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start,
                               initargs=(theme_dir, files, os.getpid()))
    try:
        running = {pool.submit(_render, pages[key]): key for key in order}
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                done(running.pop(future), future.result())
    except BaseException:  # an error, Ctrl+C or SIGTERM: do not wait for the other PDFs
        stop(pool)
        raise
    pool.shutdown(wait=True)


def stop(pool: ProcessPoolExecutor) -> None:
    """End a pool's workers now (SIGKILL: they hold nothing that needs cleaning up) and reap them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
