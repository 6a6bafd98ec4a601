"""What the HTML of a project's own template may contain: an allow-list, checked on the rendered output.

Jinja's sandbox protects the build machine; the visitor of the site needs this. A project template
may write ordinary HTML (text, headings, lists, tables, links, images and inline SVG drawings) but
nothing that runs code or loads something from elsewhere:

* only the elements of ELEMENTS; `<script>` only as the theme's own: `src` must resolve, from the
  page's place in the site (`root`), to exactly assets/zoeken.js or assets/eisen.js (plain path
  characters only, so no query, fragment, `%` escape or backslash), no `href`/`xlink:href`, no text,
  never inside `<svg>` (an SVG script runs its `href` or its text); `<meta http-equiv>` only as the
  theme's security policy;
* only the attributes of ATTRIBUTES (and aria-*, data-*); never an event handler (`on...`);
* links (`<a href>`) to the web, e-mail, phone or within the site; never `javascript:`, `data:` or
  any other scheme;
* resources (`src`, `srcset`, `poster`, `action`, `formaction`, `<link href>`, SVG `href` and CSS
  `url()`) only from the site itself, by a path: no web address, no `//host/`, no `data:`; ASCII tab,
  newline and carriage return are dropped first, as a browser's URL parser does (`/&#9;/host/`);
* CSS (`<style>`, `style=`) is parsed with tinycss2: no `@import`, `url()` only by path, nested at
  most MAX_CSS_DEPTH deep (walked without recursion). A `<style>` inside `<svg>` is foreign content,
  where the browser decodes character references (`@&#105;mport`): the text of every `<style>` is
  checked as written and with its references decoded;
* nothing that Python's HTML parser and a browser would read differently (the trick behind
  "mutation XSS"): no `<` inside a tag, a comment or a `<style>`, no CDATA section or processing
  instruction, no self-closed `<style/>` or `<script/>` (a browser ignores the `/` and reads on as
  style or script).

`policy_problem` says whether a site page carries the theme's policy where a browser applies it (see
templating.py: a page made with a project template that drops it is refused).

Only what a project template wrote is judged: `check_html` gets the output and a function that says
whether the template that made a given stretch of it is the project's (the theme is Bestek's code).
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

import tinycss2

from generator.core.safety import scheme_of
from generator.core.svgcheck import ATTRIBUTES as SVG_ATTRIBUTES
from generator.core.svgcheck import CSS_FUNCTIONS as SVG_CSS_FUNCTIONS
from generator.core.svgcheck import ELEMENTS as SVG_ELEMENTS
from generator.core.svgcheck import MAX_CSS_DEPTH, CssTooDeep, walk_css

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
#: how deep CSS blocks and functions may nest (`((((`, `[[[[`); real style sheets need a handful
_REMOVE = "haal het weg"
#: what a browser's URL parser removes from anywhere in a URL (tab, newline, carriage return) and from its ends
_URL_REMOVED = str.maketrans("", "", "\t\n\r")
_URL_TRIMMED = "".join(chr(c) for c in range(0x21))
#: the characters of a plain relative path: a theme script's src may hold nothing else
_PLAIN_PATH = re.compile(r"[A-Za-z0-9._/-]+\Z")
#: elements a browser keeps in <head> before the policy (anything else, or text, would end the head or
#: come before the policy)
_BEFORE_POLICY = frozenset({"html", "head", "meta"})


@dataclass(frozen=True)
class Problem:
    """A refusal: where in the output (start, end), what to look for in the template line, the message."""

    start: int
    end: int
    needle: str
    message: str


def check_html(html: str, is_project: Callable[[int, int], bool], root: str | None = None) -> Problem | None:
    """The first thing a project template wrote that is not allowed, or None. `is_project(start, end)`
    says whether a project template wrote any part of html[start:end]; `root` is the path from the page
    to the site's top ('' or '../', as the site pages' `root`), None for what is no site page (a document's
    article, a PDF): there no script is allowed at all."""
    checker = _Checker(html, is_project, root)
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


def policy_problem(html: str) -> bool:
    """Whether a site page lacks the theme's policy where a browser applies it: `<meta
    http-equiv="Content-Security-Policy" content=THEME_POLICY>` in the <head>, before anything but the
    html, head and other meta tags (a browser ignores the policy outside the head, and a text or any
    other element before it may end the head or load something before the policy holds)."""
    finder = _PolicyFinder()
    try:
        finder.feed(html)
        finder.close()
    except _PolicyFound:
        return False
    return True


class _PolicyFound(Exception):
    pass


class _PolicyFinder(HTMLParser):
    """Reads a page up to its policy (_PolicyFound) or to the first thing that may not precede it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy" \
                and values.get("content") == THEME_POLICY:
            raise _PolicyFound
        self.done = tag not in _BEFORE_POLICY

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.done = True

    def handle_data(self, data: str) -> None:
        self.done = self.done or bool(data.strip(" \t\n\f\r"))

    def unknown_decl(self, data: str) -> None:
        self.done = True

    def handle_pi(self, data: str) -> None:
        self.done = True


def _theme_script(source: str, root: str | None) -> bool:
    """Whether a script's src, read from a page `root` away from the site's top, is one of the theme's."""
    depth = len(root or "") // 3
    if root is None or root != "../" * depth or not _PLAIN_PATH.match(source) or source.startswith("/"):
        return False
    return posixpath.normpath(posixpath.join(*(["\0"] * depth), source)) in THEME_SCRIPTS


class _Checker(HTMLParser):
    def __init__(self, html: str, is_project: Callable[[int, int], bool], root: str | None):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.is_project = is_project
        self.root = root
        self.lines = [0]
        self.lines.extend(i + 1 for i, c in enumerate(html) if c == "\n")
        self.in_style = False
        self.in_script = False
        self.svg_depth = 0  # how many <svg> are open: inside one, <style> is foreign content and <script> SVG's

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def _refuse(self, start: int, end: int, needle: str, message: str) -> None:
        raise _Refused(Problem(start, end, needle, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        raw = self.get_starttag_text() or ""
        start = self._offset()
        end = start + len(raw)
        in_svg = self.svg_depth > 0
        self.in_style = tag == "style"
        self.in_script = tag == "script"
        if tag == "svg" and not closed:
            self.svg_depth += 1
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
        if tag == "script" and (in_svg or "href" in values or "xlink:href" in values
                                or not _theme_script(values.get("src") or "", self.root)):
            self._refuse(start, end, "<script", "het sjabloon maakt een <script>-element; dat is niet "
                         "toegestaan (de website draait alleen de scripts van het thema, assets/zoeken.js en "
                         "assets/eisen.js); " + _REMOVE)
        if closed and tag in ("style", "script"):
            self._refuse(start, end, f"<{tag}", f"het sjabloon sluit <{tag}/> in de tag zelf; een browser leest "
                         f"daarna verder als {'stijl' if tag == 'style' else 'script'}; schrijf <{tag}></{tag}> of "
                         + _REMOVE)
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

    def handle_endtag(self, tag: str) -> None:
        self.in_style = self.in_script = False
        if tag == "svg":
            self.svg_depth = max(self.svg_depth - 1, 0)

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
                self._resource(tag, name, (candidate.split() or [""])[0], start, end)
        elif name in RESOURCES or (name == "href" and tag not in ("a", "area")):
            self._resource(tag, name, value, start, end)
        elif name == "href":
            scheme = scheme_of(value)
            if scheme is not None and scheme not in WEB_SCHEMES:
                self._refuse(start, end, value[:20] or name, f"het sjabloon maakt een link naar '{value[:60]}' "
                             f"('{scheme}:'); gebruik https://, http://, mailto:, tel: of een pad binnen de website")

    def _resource(self, tag: str, name: str, url: str, start: int, end: int, where: str = "") -> None:
        read = url.translate(_URL_REMOVED).strip(_URL_TRIMMED)  # as the browser reads it
        scheme = scheme_of(read)
        if scheme is None and not read.startswith("//") and "\\" not in read:
            return
        where = where or f"het attribuut '{name}' van <{tag}>"
        self._refuse(start, end, url[:20] or name, f"het sjabloon laadt '{read[:60]}' in {where}; de website laadt "
                     "niets van andere websites en geen 'data:'-adressen; zet het bestand in het project en verwijs "
                     "ernaar met een pad")

    def _css(self, nodes: Iterable, start: int, end: int, where: str) -> None:
        """Judge CSS nodes and everything nested in them (core/svgcheck.py walk_css)."""
        try:
            walk_css(nodes, lambda node: self._css_node(node, start, end, where))
        except CssTooDeep:
            self._refuse(start, end, "style", f"het sjabloon schrijft in {where} CSS die te diep genest is "
                         f"(meer dan {MAX_CSS_DEPTH} haakjes of blokken binnen elkaar); de stijl is te diep "
                         "genest: maak hem eenvoudiger")

    def _css_node(self, node, start: int, end: int, where: str) -> list[Iterable]:  # any tinycss2 node
        """Judge one CSS node; the lists of nodes nested in it, to be judged in turn."""
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
                return [node.arguments]
        elif kind in ("at-rule", "at-keyword") and (node.lower_at_keyword if kind == "at-rule"
                                                    else node.lower_value) == "import":
            self._refuse(start, end, "@import", f"het sjabloon laadt met @import een ander stijlblad in {where}; "
                         "zet de stijl in het sjabloon zelf of in een bestand dat u met <link> laadt")
        elif kind == "at-rule":
            return [node.prelude] + ([] if node.content is None else [tinycss2.parse_blocks_contents(node.content)])
        elif kind == "qualified-rule":
            return [node.prelude, tinycss2.parse_blocks_contents(node.content)]
        elif kind == "declaration":
            return [node.value]
        elif kind in ("() block", "[] block", "{} block"):
            return [node.content]
        elif kind == "error":
            self._refuse(start, end, "style", f"het sjabloon schrijft in {where} CSS die niet te lezen is; "
                         "controleer de stijl")
        return []


    def handle_data(self, data: str) -> None:
        if not (self.in_style or self.in_script):
            return
        start = self._offset()
        end = start + len(data)
        if not self.is_project(start, end):
            return
        if self.in_script:
            if data.strip():
                self._refuse(start, end, data.strip()[:10], "het sjabloon zet tekst (code) in een <script>-element; "
                             "dat is niet toegestaan (de website draait alleen de scripts van het thema, "
                             f"assets/zoeken.js en assets/eisen.js); {_REMOVE}")
            return
        if "<" in data:
            self._refuse(start, end, data[data.index("<"):][:10],
                         "het sjabloon zet een '<' in een <style>-element; dat is niet toegestaan")
        decoded = unescape(data)  # what a browser reads in a <style> inside <svg> (foreign content)
        if decoded != data:
            self._css(tinycss2.parse_stylesheet(decoded), start, end, "een <style>-element (met de &-codes gelezen "
                      "zoals een browser dat doet in <svg>)")
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
