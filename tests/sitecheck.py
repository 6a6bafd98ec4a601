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


def header_problems(table) -> list[str]:
    """What keeps a table's header cells from being associated with its data cells (an lxml <table>): a
    header cell without scope; in a table with two levels of headers (a header row spanning the columns
    inside the body, as the planning's phases) a data cell whose headers="..." does not name exactly its
    column's header and the group header above it."""
    label = table.findtext("caption")
    problems = [f"{label}: <th> {th.text_content()!r} without scope" for th in table.iter("th")
                if th.get("scope") not in ("col", "row", "colgroup", "rowgroup")]
    if not table.xpath("./tbody/tr/th[@colspan]"):
        return problems
    ids = {element.get("id") for element in table.iter("th")}
    columns = [th.get("id") for th in table.xpath("./thead/tr/th")]
    group = None
    for row in table.xpath("./tbody/tr"):
        if row.xpath("./th[@colspan]"):
            group = row.xpath("./th")[0].get("id")
            continue
        for column, td in zip(columns, row.xpath("./td"), strict=True):
            if td.get("headers", "").split() != [column, group] or not {column, group} <= ids - {None}:
                problems.append(f"{label}: {td.text_content()!r} has headers={td.get('headers')!r}, "
                                f"expected '{column} {group}'")
    return problems
