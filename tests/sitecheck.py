"""Helpers for tests that read a built site: links, anchors and text of real HTML files."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name) is not None and tag in ("a", "link", "img", "script"):
                self.links.append(values[name])

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor in the site that does not resolve, as 'page -> link'."""
    pages = {path: parse_page(path) for path in site.rglob("*.html")}
    broken = []
    for path, page in sorted(pages.items()):
        for link in page.links:
            parsed = urlparse(link)
            if parsed.scheme in ("http", "https", "mailto", "tel"):
                continue
            target = path if not parsed.path else (path.parent / unquote(parsed.path)).resolve()
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{path.relative_to(site)} -> {link}")
            elif parsed.fragment and target in pages and parsed.fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(site)} -> {link} (anker ontbreekt)")
    return broken
