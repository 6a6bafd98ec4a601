"""Render many PDFs at once over worker processes, each reusing its imports. Part of the render stage.

Workers are forked from the build after WeasyPrint is imported, so none pays the import again; each
builds its project-only URL fetcher once. The largest documents start first, so the workers finish
together. With one worker (or one document) everything runs in the build's own process.

Workers die with the build: each asks the kernel for SIGKILL when its parent dies
(`PR_SET_PDEATHSIG`) and then checks that the parent is still the one that forked it (it may have died
in between). They ignore Ctrl+C and take SIGTERM's default: the build itself handles both, stops its
workers and cleans up (cli.py). They hold no lock of the build (output.py closes it in every fork).

Cycles are collected once after each document (render_pdf, core/collector.py). In a worker that collection
walks only what the worker made itself: the build freezes its own objects while it forks the workers
(`gc.freeze`, as Python's gc documentation advises for fork without exec), which also keeps a worker from
copying the memory it shares with the build.
"""
from __future__ import annotations

import ctypes
import gc
import json
import multiprocessing
import os
import resource
import signal
import time
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
    worker: int = 0  # the process that rendered it, how long it took (s) and that process's peak memory (KiB)
    seconds: float = 0.0
    peak_kib: int = 0
    layouts: int = 0  # how often it was laid out (pdfbreaks.py), its pages and the CPU time it took (s), for the bench
    pages: int = 0
    cpu_seconds: float = 0.0


#: `make bench` sets it to a file name: render_many writes there how long each worker was busy (REPORT below)
REPORT = "BESTEK_BENCH_REPORT"


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
    stats: dict[str, int] = {}
    start, cpu = time.perf_counter(), time.process_time()
    pdf = render_pdf(html, theme_dir, fetcher, warnings, stats)
    return PdfResult(pdf, tuple(warnings), tuple(fetcher.blocked[before:]), os.getpid(), time.perf_counter() - start,
                     resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, stats.get("layouts", 0), stats.get("pages", 0),
                     time.process_time() - cpu)


def render_many(pages: dict[str, str], theme_dir: Path, files: dict[str, bytes], workers: int,
                done: Callable[[str, PdfResult], None]) -> None:
    """Render every HTML page of `pages` (key -> html); call `done(key, result)` in the build's own
    process as each finishes (so writing and progress stay in one place)."""
    if not pages:
        return
    load_weasyprint()  # imported before forking: the workers inherit it
    order = sorted(pages, key=lambda k: -len(pages[k]))  # the largest first (LPT): the workers finish together
    workers = max(1, min(workers, len(pages)))
    results: dict[str, PdfResult] = {}

    def finished(key: str, result: PdfResult) -> None:
        results[key] = result
        done(key, result)

    started = time.perf_counter()
    if workers == 1:
        _start(theme_dir, files)
        for key in order:
            finished(key, _render(pages[key]))
    else:
        _pool(pages, order, theme_dir, files, workers, finished)
    if os.environ.get(REPORT):
        report(os.environ[REPORT], pages, results, workers, time.perf_counter() - started)


def _pool(pages: dict[str, str], order: list[str], theme_dir: Path, files: dict[str, bytes], workers: int,
          done: Callable[[str, PdfResult], None]) -> None:
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start,
                               initargs=(theme_dir, files, os.getpid()))
    try:
        gc.freeze()  # while the workers are forked: what they inherit stays out of their collections (module doc)
        try:
            running = {pool.submit(_render, pages[key]): key for key in order}  # the first submit forks them all
        finally:
            gc.unfreeze()
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


def report(path: str, pages: dict[str, str], results: dict[str, PdfResult], workers: int, wall: float) -> None:
    """For `make bench`: per worker how long it was busy and its peak memory, per document its time, and the
    bound on the speedup that the longest document sets (it cannot be split over workers)."""
    busy: dict[int, float] = {}
    for result in results.values():
        busy[result.worker] = busy.get(result.worker, 0.0) + result.seconds
    total = sum(busy.values())
    longest = max(results, key=lambda k: results[k].seconds) if results else None
    longest_s = results[longest].seconds if longest else 0.0
    data = {"workers": workers, "wall_s": round(wall, 3), "busy_s": round(total, 3),
            "per_worker": [{"busy_s": round(busy[pid], 3), "documents": sum(1 for r in results.values()
                                                                           if r.worker == pid),
                            "peak_rss_mib": round(max(r.peak_kib for r in results.values() if r.worker == pid) / 1024,
                                                  1)} for pid in sorted(busy)],
            "documents": {key: {"seconds": round(results[key].seconds, 3), "html_chars": len(pages[key]),
                                "cpu_s": round(results[key].cpu_seconds, 3), "layouts": results[key].layouts,
                                "pages": results[key].pages} for key in sorted(results)},
            "cpu_s": round(sum(r.cpu_seconds for r in results.values()), 3),
            "layouts": sum(r.layouts for r in results.values()), "pages": sum(r.pages for r in results.values()),
            "longest": longest, "longest_s": round(longest_s, 3),
            # one document longer than all the others together: no schedule ends before it does
            "longest_exceeds_rest": longest_s > total - longest_s,
            "speedup_bound": round(total / max(longest_s, total / workers), 3) if total else 1.0,
            "main_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    with open(path, "a", encoding="utf-8") as file:
        file.write(json.dumps(data, sort_keys=True) + "\n")
