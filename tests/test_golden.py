"""Golden output (after Pelican): the small sample project's site, compared file by file.

After an intended change run `make golden` and review the diff of tests/golden/ before committing.
"""
from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from generator.build import build

from .conftest import write_project

GOLDEN = Path(__file__).parent / "golden" / "site"
TEXT_SUFFIXES = {".html", ".css"}


def site_files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*")) if p.suffix in TEXT_SUFFIXES}


def test_site_matches_golden_output(tmp_path):
    project = write_project(tmp_path / "project", {})
    build(project, tmp_path / "out")
    produced = site_files(tmp_path / "out" / "site")
    if os.environ.get("BESTEK_REGENERATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, text in produced.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
    expected = site_files(GOLDEN)
    assert sorted(produced) == sorted(expected)
    for name in expected:
        if produced[name] != expected[name]:
            diff = "\n".join(difflib.unified_diff(expected[name].splitlines(), produced[name].splitlines(),
                                                  f"golden/{name}", f"built/{name}", lineterm=""))
            raise AssertionError(f"{name} differs from the golden output (make golden if intended):\n{diff}")
