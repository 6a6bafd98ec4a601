"""How often Python's cyclic garbage collector runs while a command works: far less often than Python's default.

Loading makes many small objects that live until the command ends (YAML nodes, positions, the model), and so
does WeasyPrint (boxes, styles, glyph runs), and the cyclic collector would walk them again and again: it runs
only after 200,000 new container objects, as mypy tunes it (about a tenth of a `check`, and of a PDF).
Reference counting frees everything else as before. Standard library only: the command line uses it first.

One PDF is rendered without the cyclic collector at all, and followed by one collection of what it made
(`collected_after`, render/pdf.py: the youngest generation, which then holds just that). WeasyPrint keeps
nearly everything it makes alive until the file is written, so a collection inside walks all of it again;
and with the thresholds above, the cycles a document leaves would reach the oldest generation and wait
there, a process rendering one PDF after another growing by some tens of MiB per document (the bench
tender's twelve, twice in one process: 570 MiB, then 1,009). Once the file is written, reference counting
has freed most of it and the collection frees the rest, without walking the objects the process had before
(the whole of a test run).
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

#: gc.set_threshold while a command runs (Python's default is 700, 10, 10)
THRESHOLDS = (200_000, 30, 30)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect cycles rarely inside the block (a command; the bench's measurement of one), as before after it."""
    previous = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


@contextlib.contextmanager
def collected_after() -> Iterator[None]:
    """No cyclic collection inside the block (one PDF: its layouts and its writing); after it, one collection of
    the youngest generation, which then holds everything made since the last collection: the block's objects, not
    the rest of the process (a test run, serve). The collector is left enabled or disabled as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect(0)
