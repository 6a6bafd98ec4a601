"""Render HTML files with WeasyPrint alone, as the baseline for `make bench`: the same HTML, the same
options and fetcher as Bestek, in one fresh process (so the fixed import cost counts, as in a build), under the same
garbage-collector setting as a build (core/collector.py)."""
from __future__ import annotations

import sys
from pathlib import Path

from generator.core.collector import fewer_collections
from generator.render.environment import THEME_DIR
from generator.render.pdf import make_fetcher, render_pdf


def main() -> None:
    folder = Path(sys.argv[1])
    fetcher = make_fetcher(THEME_DIR, {})
    for page in sorted(folder.glob("*.html")):
        render_pdf(page.read_text(encoding="utf-8"), THEME_DIR, fetcher)


if __name__ == "__main__":
    with fewer_collections():
        main()
