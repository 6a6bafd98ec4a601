"""Text of a real PDF for comparison with the words of its sources.

The PDFs hyphenate Dutch text (print.css: hyphens: auto), so a long word can come out of the PDF as
"dagbe-" at the end of one line and "steding" at the start of the next, while a word with a hyphen of
its own ("Wmo-maatwerkvoorzieningen") can break after that hyphen. The text alone cannot tell the two
apart; the sources can: `dehyphenate` joins a line-end break into the word the project's files and the
theme's templates actually contain.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from pypdf import PdfReader

from generator.render.environment import THEME_DIR

_BREAK = re.compile(r"(\w+)-\n(\w+)")


def source_text(project: Path) -> str:
    """Everything the project and the theme write: content files, config and templates."""
    files = [*sorted((project / "content").rglob("*")), project / "config.yaml", *sorted(THEME_DIR.rglob("*.html"))]
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f.is_file() and f.suffix in (".md", ".yaml", ".html"))


def dehyphenate(text: str, sources: str) -> str:
    """Undo the hyphenation of the layout: "dagbe-\\nsteding" becomes "dagbesteding" when the sources
    have that word; a hyphen the sources have ("Wmo-\\nmaatwerk") stays, without the line break."""
    def join(match: re.Match) -> str:
        left, right = match.groups()
        if f"{left}-{right}" in sources:
            return f"{left}-{right}"
        if f"{left}{right}" in sources:
            return f"{left}{right}"
        return match.group(0)
    return _BREAK.sub(join, text)


def pdf_text(path: Path, project: Path) -> str:
    """The PDF's text, hyphenation undone and white space normalised to single spaces."""
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", dehyphenate(text, source_text(project)))


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def fragments(page) -> list[tuple[float, float, str]]:
    """(baseline y in points from the bottom, font size, text) of every piece of text on a page."""
    found = []

    def visit(text, cm, tm, font, size) -> None:
        if text.strip():
            found.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], size * abs(cm[3]), text))
    page.extract_text(visitor_text=visit)
    return found


@functools.cache
def page_text(reader: PdfReader, index: int) -> str:
    """The text of one page (cached: the tests read the same pages many times)."""
    return reader.pages[index].extract_text()


@functools.cache
def page_fragments(reader: PdfReader, index: int) -> list[tuple[float, float, str]]:
    return fragments(reader.pages[index])


def flat_outline(reader: PdfReader, items=None, level: int = 1) -> list[tuple[int, str, int, float]]:
    """(level, title, 0-based page, top) of every bookmark, in order."""
    result = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            result.extend(flat_outline(reader, item, level + 1))
        else:
            result.append((level, item.title, reader.get_destination_page_number(item), float(item.top)))
    return result
