"""HTML helpers of the site pages: self-links on headings, keyboard access to wide tables, and the
ids a rendered page holds.

Part of the render stage. They work on HTML that Bestek rendered itself (templates with autoescape,
Markdown without raw HTML), so every `<h2>`..`<h6>` in it is a real heading.
"""
from __future__ import annotations

import re

from markupsafe import Markup

from generator.core.headings import slugify

_HEADING = re.compile(r"<(h[2-6])((?:\s[^>]*)?)>(.*?)</\1>", re.DOTALL)
_ID = re.compile(r'\sid="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")
_THEAD = re.compile(r"<thead[^>]*>.*?</thead>", re.DOTALL)
_TH_WITHOUT_SCOPE = re.compile(r"<th((?:\s(?![^>]*\bscope=)[^>]*)?)>")
_TABLE_WRAP = re.compile(r'<div class="table-wrap">(\s*<table[^>]*>\s*(?:<caption[^>]*>(.*?)</caption>)?)', re.DOTALL)


def page_ids(html: str) -> set[str]:
    """Every id in a piece of rendered HTML."""
    return set(_ID.findall(html))


def heading_links(html: str) -> Markup:
    """Give every heading h2-h6 an id (when it has none) and a visible self-link after it.

    The link stands next to the heading, not inside it, so the heading's accessible name stays its own
    text (the pattern GitHub uses): screen readers list the heading as written, and the link is
    announced as 'Link naar kop ...'. Pagefind leaves the link out of the search index.
    """
    used = page_ids(html)

    def claim(wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in used:
            candidate, n = f"{wanted}-{n}", n + 1
        used.add(candidate)
        return candidate

    def replace(match: re.Match[str]) -> str:
        tag, attributes, inner = match.group(1), match.group(2), match.group(3)
        found = _ID.search(attributes)
        text = " ".join(_TAG.sub(" ", inner).split())
        if found:
            anchor = found.group(1)
        else:
            anchor = claim(slugify(text))
            attributes = f' id="{anchor}"{attributes}'
        return (f'<div class="heading-anchored heading-anchored--{tag}"><{tag}{attributes}>{inner}</{tag}>'
                f'<a class="heading-link" href="#{anchor}" data-pagefind-ignore>'
                f'<span aria-hidden="true">#</span><span class="visually-hidden">Link naar kop ‘{text}’</span>'
                f"</a></div>")

    return Markup(_HEADING.sub(replace, str(html)))


def scroll_regions(html: str) -> Markup:
    """Make every table wrapper (which scrolls sideways when the table is wider than the screen) a
    labelled region that takes keyboard focus, so keyboard users can scroll it too (WCAG 2.1.1)."""
    def replace(match: re.Match[str]) -> str:
        caption = " ".join(_TAG.sub(" ", match.group(2) or "").split()) or "Tabel"
        return f'<div class="table-wrap" role="region" tabindex="0" aria-label="{caption}">{match.group(1)}'

    return Markup(_TABLE_WRAP.sub(replace, str(html)))


def column_scopes(html: str) -> Markup:
    """Give every header cell in a table head without a scope `scope="col"` (the tables of Markdown have
    none), so that each header cell is associated with the data cells below it (WCAG 1.3.1)."""
    def head(match: re.Match[str]) -> str:
        return _TH_WITHOUT_SCOPE.sub(lambda th: f'<th scope="col"{th.group(1)}>', match.group(0))

    return Markup(_THEAD.sub(head, str(html)))


def accessible(html: str) -> Markup:
    """The site's finishing touches on a page's main content (the Jinja filter `toegankelijk`)."""
    return scroll_regions(column_scopes(heading_links(html)))
