"""The one test-only hook in Bestek's code, so a test can kill a real build half way, deterministically.

With BESTEK_TEST_PAUSE_FILE set to a file path, a build creates that file when its first PDF is done
(while the other PDFs are still rendering in their workers) and then waits, until it is killed
(tests/test_output.py, tests/hostile/test_build_state.py). Without the variable it does nothing.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

PAUSE_VARIABLE = "BESTEK_TEST_PAUSE_FILE"


def after_pause_point() -> None:
    """Pause here when the test hook is on (see the module doc)."""
    signal_file = os.environ.get(PAUSE_VARIABLE)
    if signal_file and not Path(signal_file).exists():
        Path(signal_file).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(300)
