"""Each stylesheet parsed once per process, not once per PDF. Part of the render stage (render/pdf.py installs it).

Every PDF carries the theme's print stylesheet in its <style> element, and WeasyPrint parses and checks that text
for every document: about a tenth of the time of a short award letter, thirty times over in `bestek gunning`.
`install` puts a stand-in for WeasyPrint's CSS class where WeasyPrint looks for the <style> and <link> elements of
a document (weasyprint.css.CSS). The first time it sees a text it lets WeasyPrint parse it, and keeps what that
parse left behind: the selectors with their declarations (the matcher), the @page rules it added and the
@font-face rules it handed to the document's fonts. The next document with the same text, base URL and media gets
a stylesheet made of those same parts, its @page rules added to that document's list and its font faces added to
that document's own font configuration, with that document's fetcher, as WeasyPrint itself would add them.

A parse is kept only when replaying it is the same as parsing again: it logged nothing (a stylesheet with a warning
is parsed, and warns, in every document), it fetched nothing but its fonts (an @import is fetched by every
document, so that a refused one is refused in each), and it defined no counter styles, colour profiles or layers
(which live in the document, not in the stylesheet). The parts are read, never changed, by WeasyPrint's cascade;
tests/render/test_pdfstyles.py checks that a replayed stylesheet gives the same bytes as a fresh parse.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

LIMIT = 8  # parsed texts kept per process; past it, all are forgotten (a project has a few stylesheets)


@dataclass(frozen=True)
class _Parsed:
    base_url: Any
    matcher: Any  # cssselect2.Matcher: the selectors and their declarations
    page_rules: tuple  # what the parse appended to the document's @page rules
    faces: tuple  # the rule descriptors of its @font-face rules


_parsed: dict[tuple, _Parsed] = {}


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("weasyprint.progress"):
            self.count += 1


class _Faces:
    """A document's font configuration, as the first parse sees it: every font face it adds is kept."""

    def __init__(self, config: Any, fetcher: Any) -> None:
        self.config, self.fetcher = config, fetcher
        self.faces: list = []
        self.fetches = 0  # the fetches the font faces made

    def add_font_face(self, descriptors: Any, url_fetcher: Any) -> Any:
        self.faces.append(descriptors)
        before = self.fetcher.fetched
        try:
            return self.config.add_font_face(descriptors, url_fetcher)
        finally:
            self.fetches += self.fetcher.fetched - before


def install(weasyprint: Any) -> None:
    """Put the stand-in into WeasyPrint (idempotent)."""
    import weasyprint.css as css_module

    original = weasyprint.CSS
    if getattr(css_module.CSS, "bestek_parsed_once", False):
        return

    def stylesheet(*args: Any, **kwargs: Any) -> Any:
        fetcher = kwargs.get("url_fetcher")
        if args or kwargs.get("string") is None or kwargs.get("matcher") is not None \
                or kwargs.get("layer") is not None or not hasattr(fetcher, "fetched") \
                or kwargs.get("page_rules") is None or kwargs.get("layers") is None:
            return original(*args, **kwargs)
        key = (kwargs["string"], kwargs.get("base_url"), kwargs.get("media_type", "print"))
        parsed = _parsed.get(key)
        if parsed is None:
            return _first(original, key, kwargs)
        sheet = object.__new__(original)
        sheet.base_url, sheet.matcher = parsed.base_url, parsed.matcher
        sheet.page_rules, sheet.layers = kwargs["page_rules"], kwargs["layers"]
        sheet.page_rules.extend(parsed.page_rules)
        config = kwargs.get("font_config")
        if config is not None:
            for descriptors in parsed.faces:
                config.add_font_face(descriptors, fetcher)
        return sheet

    stylesheet.bestek_parsed_once = True  # type: ignore[attr-defined]
    css_module.CSS = stylesheet


def _first(original: Any, key: tuple, kwargs: dict[str, Any]) -> Any:
    """Parse as WeasyPrint does, and keep the parts when replaying them is the same as parsing again."""
    fetcher, rules, layers = kwargs["url_fetcher"], kwargs["page_rules"], kwargs["layers"]
    counter_style, profiles = kwargs.get("counter_style"), kwargs.get("color_profiles")
    sizes = (len(rules), len(layers), len(counter_style or ()), len(profiles or ()))
    config = kwargs.get("font_config")
    faces = _Faces(config, fetcher) if config is not None else None
    counter = _Counter()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(counter)
    fetched = fetcher.fetched
    try:
        sheet = original(**{**kwargs, "font_config": faces})
    finally:
        logger.removeHandler(counter)
    fetches = fetcher.fetched - fetched - (faces.fetches if faces else 0)
    same = (len(layers), len(counter_style or ()), len(profiles or ())) == sizes[1:]
    if not counter.count and not fetches and same:
        if len(_parsed) >= LIMIT:
            _parsed.clear()
        _parsed[key] = _Parsed(sheet.base_url, sheet.matcher, tuple(rules[sizes[0]:]),
                               tuple(faces.faces) if faces else ())
    return sheet


def forget() -> None:
    """Drop every kept parse (tests)."""
    _parsed.clear()
