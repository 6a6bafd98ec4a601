"""core/collector.py: the collector settings of a command, and of one PDF."""
from __future__ import annotations

import gc
import weakref

from generator.core.collector import THRESHOLDS, collected_after, fewer_collections


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_a_command_collects_rarely_and_leaves_the_setting_as_it_was():
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == THRESHOLDS
    assert gc.get_threshold() == before


def test_one_pdf_runs_without_collections_and_its_cycles_go_right_after():
    with collected_after():
        assert not gc.isenabled()
        left = weakref.ref(_Node())
        assert left() is not None
    assert left() is None and gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        with collected_after():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
