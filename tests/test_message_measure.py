"""No content mistake the tests make is silent: scripts/measure_messages.py runs every mistake of the hostile
corpus and of the message tests through `check` (and `build`), and each one gives a message. Slow: it runs those
test modules once more (in a fresh process) and builds the PDF cases."""
from __future__ import annotations

import json
import subprocess
import sys

from .conftest import REPO


def test_no_mistake_of_the_tests_is_silent():
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "measure_messages.py"), "--json"], cwd=REPO,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result["hostile cases"] > 30 and result["from tests"] > 100, result
    assert result["silent"] == [], "mistakes that neither check nor build reports:\n" + "\n".join(result["silent"])
    assert result["with a message"] + len(result["build only"]) == result["mistakes"], result
