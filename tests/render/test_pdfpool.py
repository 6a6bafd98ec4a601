"""render/pdfpool.py: how its worker processes treat Python's cyclic garbage collector. A worker collects only
between documents, and then everything a document left; the build's own objects are frozen while it forks them
and not afterwards; the build's process (one worker, or serve) keeps the collector as it was."""
from __future__ import annotations

import gc
import json
import os
import weakref

from generator.core.paths import THEME_DIR
from generator.render import pdfpool

_previous: list[weakref.ref] = []  # per process: the cycle the last document left


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def _fake_render(html, theme_dir, fetcher, warnings, stats) -> bytes:
    """Stands in for render_pdf in the workers: says what the collector is doing there, and leaves a cycle."""
    state = {"pid": os.getpid(), "enabled": gc.isenabled(), "frozen": gc.get_freeze_count(),
             "previous_freed": _previous[-1]() is None if _previous else None}
    _previous.append(weakref.ref(_Node()))
    return json.dumps(state).encode()


def _render(monkeypatch, workers: int) -> list[dict]:
    monkeypatch.setattr(pdfpool, "render_pdf", _fake_render)
    results: list[dict] = []
    pages = {f"pagina-{n}": f"<p>{n}</p>" for n in range(8)}
    pdfpool.render_many(pages, THEME_DIR, {}, workers, lambda key, result: results.append(json.loads(result.pdf)))
    return results


def test_a_worker_collects_only_between_documents_and_never_walks_the_build(monkeypatch):
    kept = [_Node() for _ in range(1000)]  # objects of the build, which the workers inherit
    results = _render(monkeypatch, 2)
    assert len(results) == 8 and {r["pid"] for r in results} - {os.getpid()}
    assert all(not r["enabled"] for r in results)  # no collection inside a document
    assert all(r["frozen"] >= len(kept) for r in results)  # what they inherited stays out of their collections
    followed = [r["previous_freed"] for r in results if r["previous_freed"] is not None]
    assert followed and all(followed)  # the cycle of the document before was collected before the next one
    assert gc.isenabled() and gc.get_freeze_count() == 0  # the build itself: as it was


def test_the_builds_own_process_keeps_its_collector(monkeypatch):
    _previous.clear()
    results = _render(monkeypatch, 1)
    assert [r["pid"] for r in results] == [os.getpid()] * 8
    assert all(r["enabled"] and r["frozen"] == 0 for r in results)
