"""What the HTML of a project's own template may contain: an allow-list, checked on the rendered output.

Jinja's sandbox protects the build machine; the visitor of the site needs this. A project template
may write ordinary HTML (text, headings, lists, tables, links, images and inline SVG drawings) but
nothing that runs code or loads something from elsewhere:

* only the elements of ELEMENTS; `<script>` only as the theme's own (`src` = assets/zoeken.js or
  assets/eisen.js, nothing inline); `<meta http-equiv>` only as the theme's security policy;
* only the attributes of ATTRIBUTES (and aria-*, data-*); never an event handler (`on...`);
* links (`<a href>`) to the web, e-mail, phone or within the site; never `javascript:`, `data:` or
  any other scheme;
* resources (`src`, `srcset`, `poster`, `action`, `formaction`, `<link href>`, SVG `href` and CSS
  `url()`) only from the site itself, by a path: no web address, no `//host/`, no `data:`;
* CSS (`<style>`, `style=`) is parsed with tinycss2: no `@import`, `url()` only by path;
* nothing that Python's HTML parser and a browser would read differently (the trick behind
  "mutation XSS"): no `<` inside a tag, a comment or a `<style>`, no CDATA section or processing
  instruction.

Only what a project template wrote is judged: `check_html` gets the output and a function that says
whether the template that made a given stretch of it is the project's (the theme is Bestek's code).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import tinycss2

from generator.core.safety import scheme_of
from generator.core.svgcheck import ATTRIBUTES as SVG_ATTRIBUTES
from generator.core.svgcheck import CSS_FUNCTIONS as SVG_CSS_FUNCTIONS
from generator.core.svgcheck import ELEMENTS as SVG_ELEMENTS

#: the theme's own scripts, which a project template that copies a theme page may keep
THEME_SCRIPTS = ("assets/zoeken.js", "assets/eisen.js")
THEME_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")
ELEMENTS = frozenset((
    "html head body title meta link style script noscript main header footer nav section article aside h1 h2 h3 "
    "h4 h5 h6 hgroup p div span a abbr b i u s em strong small mark sub sup code kbd samp var pre blockquote q "
    "cite dfn time data br wbr hr ul ol li dl dt dd figure figcaption img picture source table caption colgroup "
    "col thead tbody tfoot tr th td address details summary ins del ruby rt rp bdi bdo label input button "
    "select option optgroup textarea form fieldset legend output progress meter search").split()) \
    | {name.lower() for name in SVG_ELEMENTS}
ATTRIBUTES = frozenset((
    "id class title lang dir hidden tabindex role style translate href hreflang rel target download src srcset "
    "sizes alt width height loading decoding type media colspan rowspan headers scope abbr span start reversed "
    "value datetime name content charset http-equiv action method for placeholder autocomplete required min "
    "max step pattern checked disabled readonly size maxlength minlength selected multiple rows cols open cite "
    "low high optimum defer xmlns xmlns:xlink xlink:href xml:lang xml:space").split()) \
    | {name.lower() for name in SVG_ATTRIBUTES}
#: attributes whose URL is fetched by the browser (srcset holds several)
RESOURCES = frozenset({"src", "srcset", "poster", "action", "formaction", "data", "background", "xlink:href"})
LINK_RELS = frozenset({"stylesheet", "icon", "alternate", "canonical", "license", "author", "help", "next", "prev",
                       "search"})
CSS_FUNCTIONS = SVG_CSS_FUNCTIONS | frozenset((
    "linear-gradient radial-gradient conic-gradient repeating-linear-gradient repeating-radial-gradient counter "
    "counters attr format local env cubic-bezier steps repeat minmax fit-content").split())
WEB_SCHEMES = ("https", "http", "mailto", "tel")
_REMOVE = "haal het weg"


@dataclass(frozen=True)
class Problem:
    """A refusal: where in the output (start, end), what to look for in the template line, the message."""

    start: int
    end: int
    needle: str
    message: str


def check_html(html: str, is_project: Callable[[int, int], bool]) -> Problem | None:
    """The first thing a project template wrote that is not allowed, or None. `is_project(start, end)`
    says whether a project template wrote any part of html[start:end]."""
    checker = _Checker(html, is_project)
    try:
        checker.feed(html)
        checker.close()
    except _Refused as refused:
        return refused.problem
    return None


class _Refused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


class _Checker(HTMLParser):
    def __init__(self, html: str, is_project: Callable[[int, int], bool]):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.is_project = is_project
        self.lines = [0]
        self.lines.extend(i + 1 for i, c in enumerate(html) if c == "\n")
        self.in_style = False

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def _refuse(self, start: int, end: int, needle: str, message: str) -> None:
        raise _Refused(Problem(start, end, needle, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        start = self._offset()
        end = start + len(raw)
        self.in_style = tag == "style"
        if not self.is_project(start, end):
            return
        if tag not in ELEMENTS:
            self._refuse(start, end, f"<{tag}", f"het sjabloon maakt een <{tag}>-element; dat is niet toegestaan in de "
                         "website (het kan code uitvoeren of inhoud van elders laden); gebruik gewone HTML zoals <p>, "
                         "<a> en <img> met bestanden uit het project")
        if "<" in raw[1:]:
            self._refuse(start, end, f"<{tag}",
                         f"het sjabloon zet een '<' binnen de tag <{tag}>; schrijf &lt; in plaats van <")
        values = dict(attrs)
        for name, value in attrs:
            self._attribute(tag, name, value or "", values, start, end)
        if tag == "script":
            source = values.get("src") or ""
            if not source.endswith(THEME_SCRIPTS) or source.split("assets/")[0].strip("./"):
                self._refuse(start, end, "<script", "het sjabloon maakt een <script>-element; dat is niet "
                             "toegestaan (de website draait alleen de scripts van het thema, assets/zoeken.js en "
                             "assets/eisen.js); " + _REMOVE)
        equiv = (values.get("http-equiv") or "").lower()
        if tag == "meta" and "http-equiv" in values and (
                equiv != "content-security-policy" or values.get("content") != THEME_POLICY):
            shown = values["http-equiv"]
            self._refuse(start, end, "http-equiv", f"het sjabloon maakt <meta http-equiv=\"{shown}\">; dat is niet "
                         "toegestaan (alleen de regel met het beveiligingsbeleid van het thema); " + _REMOVE)
        if tag == "link":
            rels = set((values.get("rel") or "").lower().split())
            if not rels or not rels <= LINK_RELS:
                self._refuse(start, end, "rel", f"het sjabloon maakt <link rel=\"{values.get('rel') or ''}\">; alleen "
                             f"{', '.join(sorted(LINK_RELS))} zijn toegestaan; " + _REMOVE)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def _attribute(self, tag: str, name: str, value: str, values: dict, start: int, end: int) -> None:
        if name.startswith("on"):
            self._refuse(start, end, name, f"het sjabloon geeft <{tag}> het attribuut '{name}' (code die wordt "
                         f"uitgevoerd); dat is niet toegestaan; {_REMOVE}")
        if name not in ATTRIBUTES and not name.startswith(("aria-", "data-")):
            self._refuse(start, end, name, f"het sjabloon geeft <{tag}> het attribuut '{name}'; dat is niet "
                         f"toegestaan in de website; {_REMOVE}")
        if name == "style":
            self._css(tinycss2.parse_blocks_contents(value), start, end, f"het attribuut 'style' van <{tag}>")
        elif name == "srcset":
            for candidate in value.split(","):
                self._resource(tag, name, candidate.strip().split(" ")[0], start, end)
        elif name in RESOURCES or (name == "href" and tag not in ("a", "area")):
            self._resource(tag, name, value, start, end)
        elif name == "href":
            scheme = scheme_of(value)
            if scheme is not None and scheme not in WEB_SCHEMES:
                self._refuse(start, end, value[:20] or name, f"het sjabloon maakt een link naar '{value[:60]}' "
                             f"('{scheme}:'); gebruik https://, http://, mailto:, tel: of een pad binnen de website")

    def _resource(self, tag: str, name: str, url: str, start: int, end: int, where: str = "") -> None:
        scheme = scheme_of(url)
        if scheme is None and not url.strip().startswith("//") and "\\" not in url:
            return
        where = where or f"het attribuut '{name}' van <{tag}>"
        self._refuse(start, end, url[:20] or name, f"het sjabloon laadt '{url[:60]}' in {where}; de website laadt "
                     "niets van andere websites en geen 'data:'-adressen; zet het bestand in het project en verwijs "
                     "ernaar met een pad")

    def _css(self, nodes: list, start: int, end: int, where: str) -> None:
        for node in nodes:
            kind = node.type
            if kind == "url":
                self._resource("", "", node.value, start, end, f"{where} (url())")
            elif kind == "function":
                if node.lower_name == "url":
                    strings = [t for t in node.arguments if t.type == "string"]
                    self._resource("", "", strings[0].value if strings else "?//", start, end, f"{where} (url())")
                elif node.lower_name not in CSS_FUNCTIONS:
                    self._refuse(start, end, node.name, f"het sjabloon gebruikt in {where} de CSS-functie "
                                 f"'{node.lower_name}()'; die is niet toegestaan in de website; {_REMOVE}")
                else:
                    self._css(node.arguments, start, end, where)
            elif kind in ("at-rule", "at-keyword") and (node.lower_at_keyword if kind == "at-rule"
                                                        else node.lower_value) == "import":
                self._refuse(start, end, "@import", f"het sjabloon laadt met @import een ander stijlblad in {where}; "
                             "zet de stijl in het sjabloon zelf of in een bestand dat u met <link> laadt")
            elif kind == "at-rule":
                self._css(node.prelude, start, end, where)
                if node.content is not None:
                    self._css(tinycss2.parse_blocks_contents(node.content), start, end, where)
            elif kind == "qualified-rule":
                self._css(node.prelude, start, end, where)
                self._css(tinycss2.parse_blocks_contents(node.content), start, end, where)
            elif kind == "declaration":
                self._css(node.value, start, end, where)
            elif kind in ("() block", "[] block", "{} block"):
                self._css(node.content, start, end, where)
            elif kind == "error":
                self._refuse(start, end, "style", f"het sjabloon schrijft in {where} CSS die niet te lezen is; "
                             "controleer de stijl")

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            return
        start = self._offset()
        end = start + len(data)
        if not self.is_project(start, end):
            return
        if "<" in data:
            self._refuse(start, end, data[data.index("<"):][:10],
                         "het sjabloon zet een '<' in een <style>-element; dat is niet toegestaan")
        self._css(tinycss2.parse_stylesheet(data), start, end, "een <style>-element")

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        if "<" in data and self.is_project(start, start + len(data) + 7):
            self._refuse(start, start + len(data) + 7, "<!--", "het sjabloon zet een '<' in een HTML-commentaar; "
                         "dat is niet toegestaan; schrijf het commentaar als Jinja-commentaar {# ... #}")

    def unknown_decl(self, data: str) -> None:
        self._declaration(data)

    def handle_pi(self, data: str) -> None:
        self._declaration(data)

    def _declaration(self, data: str) -> None:
        start = self._offset()
        if self.is_project(start, start + len(data) + 3):
            self._refuse(start, start + len(data) + 3, "<!" if not data.startswith("?") else "<?",
                         "het sjabloon schrijft een CDATA-blok of verwerkingsinstructie (<![...]> of <?...>); dat is "
                         f"niet toegestaan in de website; {_REMOVE}")
