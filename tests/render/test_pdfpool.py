"""render/pdfpool.py and the collector around each PDF (core/collector.py `collected_after`, used by render_pdf):
a process rendering one PDF after another does not grow, whether it is a worker or the build itself; the build's
objects are frozen while the workers are forked, and not afterwards."""
from __future__ import annotations

import gc
import json
import os

from generator.core.collector import fewer_collections
from generator.core.paths import THEME_DIR
from generator.render import pdfpool
from tests.test_print_fragments import fragment_html


def _fake_render(html, theme_dir, fetcher, warnings, stats) -> bytes:
    """Stands in for render_pdf in the workers: says what the collector of the process looks like."""
    return json.dumps({"pid": os.getpid(), "frozen": gc.get_freeze_count()}).encode()


def test_the_workers_never_walk_what_they_inherited_and_the_build_is_left_as_it_was(monkeypatch):
    monkeypatch.setattr(pdfpool, "render_pdf", _fake_render)
    kept = [[] for _ in range(1000)]  # objects of the build, which the workers inherit
    results: list[dict] = []
    pages = {f"pagina-{n}": f"<p>{n}</p>" for n in range(6)}
    pdfpool.render_many(pages, THEME_DIR, {}, 2, lambda key, result: results.append(json.loads(result.pdf)))
    assert len(results) == 6 and os.getpid() not in {r["pid"] for r in results}
    assert all(r["frozen"] >= len(kept) for r in results)  # the build's objects stay out of their collections
    assert gc.isenabled() and gc.get_freeze_count() == 0  # the build itself: as it was


def test_rendering_one_pdf_after_another_does_not_grow():
    """Under the commands' collector setting the cycles a document leaves would wait in an older generation (the
    bench tender's twelve PDFs, twice in one process: 570 MiB, then 1,009); each PDF is followed by a collection of
    them, so the process is back where it was before."""
    body = "".join(f"<h2>Hoofdstuk {n}</h2><p>{'Een zin met woorden. ' * 40}</p>"
                   f"<table><tr><th>Eis</th><th>Tekst</th></tr><tr><td>{n}</td><td>Inhoud</td></tr></table>"
                   for n in range(20))
    with fewer_collections():
        pdfpool.render_many({"eerste": fragment_html(body)}, THEME_DIR, {}, 1, lambda key, result: None)
        gc.collect()  # what the first PDF of a process loads once (fonts, the stylesheet) stays
        before = len(gc.get_objects())
        tracked: list[int] = []
        pages = {f"document-{n}": fragment_html(body) for n in range(3)}
        pdfpool.render_many(pages, THEME_DIR, {}, 1, lambda key, result: tracked.append(len(gc.get_objects())))
    assert len(tracked) == 3 and max(tracked) - before < 1_000, (before, tracked)
    assert gc.isenabled()
