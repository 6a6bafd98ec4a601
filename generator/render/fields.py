"""Markdown in YAML fields (descriptions, principles, answers) as Jinja filters `md` and `md_inline`.
Part of the render stage."""
from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

from generator.core.safety import WEB_SCHEMES, scheme_of


class _FieldParser(MarkdownIt):
    """Markdown in YAML fields: no raw HTML, no images, links only to the web or within the page. The
    validate stage refuses anything else in the fields the theme renders as Markdown; here, in a field a
    project template chooses to render as Markdown, it stays visible as text."""

    def validateLink(self, url: str) -> bool:  # markdown-it's name
        return url.startswith("#") or scheme_of(url) in WEB_SCHEMES


def _field_parser() -> MarkdownIt:
    return _FieldParser("commonmark", {"html": False}).enable(["table", "strikethrough"]).disable("image")


#: Text without any character Markdown gives meaning to renders as itself (escaped): most fields are
#: plain sentences, and skipping the parser for them keeps large requirement tables fast.
_SPECIAL = re.compile(r"[*_`\[\]<>&\\!#|~\n]|^\s|\s$|^[-+=]|^\d+[.)]|://|@")


def _plain(text: str) -> bool:
    return not _SPECIAL.search(text)


def markdown_filter() -> Callable[[str], Markup]:
    """A Jinja filter for Markdown in YAML fields (descriptions)."""
    md = _field_parser()

    def render(text: str) -> Markup:
        text = text or ""
        if text and _plain(text):
            return Markup(f"<p>{escapeHtml(text)}</p>\n")
        return Markup(md.render(text))
    return render


def markdown_inline_filter() -> Callable[[str], Markup]:
    md = _field_parser()

    def render(text: str) -> Markup:
        text = text or ""
        if _plain(text):
            return Markup(escapeHtml(text))
        return Markup(md.renderInline(text))
    return render
