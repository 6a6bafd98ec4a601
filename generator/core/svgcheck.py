"""What an SVG image may contain: an allow-list of the elements, attributes and CSS a drawing needs.

An SVG is an image in the site (`<img>`), a file under `bestanden/` that a reader may open directly
(where a browser runs any script in it) and a drawing in the PDF. So it must be a plain drawing:

* only the SVG elements listed in ELEMENTS (shapes, paths, text, gradients, patterns, clip paths,
  masks, markers, filter primitives, `<style>`, `<image>` and `<a>`), plus the editor metadata of
  Inkscape and RDF (ignored by browsers); no animation (`<set>`, `<animate>`, ...), no `<script>`,
  no `<foreignObject>`, no element of another XML vocabulary (XHTML, XSLT);
* only the attributes listed below; anything else (event handlers such as `onclick`, `xml:base`,
  `target`) is refused;
* a reference (`href`, `xlink:href`) only to a part of the drawing itself (`#id`), or, on `<image>`
  and `<feImage>`, to an embedded PNG, JPEG or GIF (`data:image/png;base64,...`);
* CSS (the `<style>` element, `style=` and presentation attributes such as `fill`) is parsed with
  tinycss2, so escapes (`@im\\70 ort`, `u\\72l(`) are decoded before anything is judged: no @-rules,
  `url()` only to `#id`, and only the CSS functions of colours, arithmetic and transformations;
  nested at most MAX_CSS_DEPTH deep (walked without recursion); a `<style>` holds text only (no
  element inside it, whose end could cut the text that is checked short);
* no processing instruction (`<?xml-stylesheet?>` can load an XSLT that writes a script), no
  DOCTYPE or ENTITY declaration: expat is told never to read an external DTD and stops at the
  DOCTYPE, before any entity could be expanded.

`check_svg` returns a Dutch problem text (completing "de afbeelding 'x.svg' ...") or None.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NoReturn
from xml.parsers import expat

import tinycss2

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
#: vocabularies of drawing programs' metadata: browsers neither render nor run them
METADATA_NS = frozenset({
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/", "http://web.resource.org/cc/"})

_FILTER_PRIMITIVES = (
    "feBlend feColorMatrix feComponentTransfer feFuncR feFuncG feFuncB feFuncA feComposite feConvolveMatrix "
    "feDiffuseLighting feDisplacementMap feDistantLight fePointLight feSpotLight feDropShadow feFlood "
    "feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset feSpecularLighting feTile feTurbulence")
#: the SVG elements of a drawing
ELEMENTS = frozenset((
    "svg g defs symbol use title desc metadata switch path rect circle ellipse line polyline polygon text tspan "
    "textPath linearGradient radialGradient stop pattern clipPath mask marker filter style image a "
    + _FILTER_PRIMITIVES).split())
ANIMATION = frozenset({"set", "animate", "animateTransform", "animateMotion", "animateColor", "mpath",
                       "discard"})
#: the elements the old deny-list named: their message stays as it was
_CODE_ELEMENTS = frozenset({"script", "foreignObject", "iframe", "embed", "object"})
#: presentation attributes (CSS properties as attributes): their values are parsed as CSS
PRESENTATION = frozenset((
    "fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin stroke-miterlimit "
    "stroke-dasharray stroke-dashoffset stroke-opacity opacity color display visibility transform "
    "transform-origin clip-path clip-rule mask filter marker-start marker-mid marker-end font-family font-size "
    "font-weight font-style font-variant font-stretch font-size-adjust text-anchor text-decoration "
    "dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing writing-mode direction "
    "unicode-bidi stop-color stop-opacity flood-color flood-opacity lighting-color color-interpolation "
    "color-interpolation-filters color-rendering shape-rendering text-rendering image-rendering overflow "
    "vector-effect paint-order mix-blend-mode isolation").split())
#: other attributes without a namespace that a drawing uses (geometry, units, filter parameters)
ATTRIBUTES = PRESENTATION | frozenset((
    "id class style lang href x y x1 y1 x2 y2 cx cy r rx ry fx fy fr width height d points pathLength viewBox "
    "preserveAspectRatio version baseProfile dx dy rotate textLength lengthAdjust startOffset method spacing "
    "side gradientUnits gradientTransform spreadMethod offset patternUnits patternContentUnits "
    "patternTransform clipPathUnits maskUnits maskContentUnits markerWidth markerHeight markerUnits refX refY "
    "orient filterUnits primitiveUnits in in2 result stdDeviation mode type values tableValues slope intercept "
    "amplitude exponent operator k1 k2 k3 k4 order kernelMatrix divisor bias targetX targetY edgeMode "
    "preserveAlpha kernelUnitLength surfaceScale diffuseConstant specularConstant specularExponent scale "
    "xChannelSelector yChannelSelector radius baseFrequency numOctaves seed stitchTiles azimuth elevation z "
    "pointsAtX pointsAtY pointsAtZ limitingConeAngle media role focusable systemLanguage "
    "enable-background").split())
_XLINK_ATTRIBUTES = frozenset({"href", "title", "type"})
_XML_ATTRIBUTES = frozenset({"space", "lang"})
#: CSS functions of colours, arithmetic, transformations and filter effects: none loads anything
CSS_FUNCTIONS = frozenset((
    "rgb rgba hsl hsla hwb lab lch oklab oklch color calc min max clamp var matrix matrix3d translate translatex "
    "translatey translate3d scale scalex scaley scale3d rotate rotatex rotatey rotatez rotate3d skew skewx skewy "
    "perspective blur brightness contrast drop-shadow grayscale hue-rotate invert opacity saturate sepia").split())
#: how deep CSS blocks and functions may nest (`((((`, `[[[[`); a drawing's style needs a handful
MAX_CSS_DEPTH = 32
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif);base64,[A-Za-z0-9+/=\s]*\Z")
_RESAVE = "sla de tekening opnieuw op als gewone SVG"


class _Refused(Exception):
    """A problem found while parsing: stops expat at once."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def check_svg(data: bytes) -> str | None:
    """An SVG is shown in the site and drawn in the PDF: it must be a plain, self-contained drawing."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "is geen geldig SVG-bestand (geen UTF-8)"
    checker = _Checker()
    try:
        checker.parser.Parse(data, True)
    except _Refused as refused:
        return refused.problem
    except expat.ExpatError as error:
        return (f"is geen geldig SVG-bestand (de XML klopt niet op regel {error.lineno}, kolom {error.offset + 1}); "
                f"open het in een tekenprogramma en {_RESAVE}")
    if not checker.seen_root:
        return "is geen SVG-bestand (het bovenste element is geen <svg>)"
    return None


class _Checker:
    """Expat handlers that refuse what is not allowed, element by element."""

    def __init__(self) -> None:
        parser = expat.ParserCreate(encoding="utf-8", namespace_separator=" ")
        parser.namespace_prefixes = True  # names come as "namespace local prefix", to show them as written
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._doctype
        parser.ExternalEntityRefHandler = self._doctype
        parser.ProcessingInstructionHandler = self._instruction
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        self.parser = parser
        self.seen_root = False
        self.style: list[str] | None = None  # the text of the <style> element being read

    def _doctype(self, *_: object) -> NoReturn:  # always refuses, so it serves every handler signature
        raise _Refused("bevat een DOCTYPE- of ENTITY-declaratie; sla de SVG op zonder (bijvoorbeeld als 'gewone SVG')")

    def _instruction(self, target: str, _data: str) -> None:
        raise _Refused(f"bevat de verwerkingsinstructie '<?{target} ...?>', die een stijlblad of XSLT-code kan "
                       f"laden; dat is niet toegestaan in afbeeldingen; {_RESAVE}")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, tag, shown = _split(name)
        if self.style is not None:  # any element, also editor metadata: only text may be a style sheet
            raise _Refused(f"bevat een <{shown}>-element binnen een <style>-element; een <style> mag alleen "
                           f"CSS-tekst bevatten; {_RESAVE}")
        if not self.seen_root:
            self.seen_root = True
            if tag != "svg" or namespace not in ("", SVG_NS):
                raise _Refused("is geen SVG-bestand (het bovenste element is geen <svg>)")
        if namespace in METADATA_NS:
            return  # editor metadata: its attributes are data, never rendered
        if namespace not in ("", SVG_NS) or tag not in ELEMENTS:
            raise _Refused(_element_problem(tag, namespace))
        for qualified, value in attributes.items():
            _check_attribute(tag, qualified, value)
        if tag == "style":
            self.style = []

    def _end(self, name: str) -> None:
        if self.style is not None and _split(name)[1] == "style":
            text, self.style = "".join(self.style), None
            problem = check_stylesheet(text)
            if problem:
                raise _Refused(problem)

    def _text(self, text: str) -> None:
        if self.style is not None:
            self.style.append(text)


def _split(name: str) -> tuple[str, str, str]:
    """Namespace, local name and the name as written (with its prefix) of an expat name."""
    parts = name.split(" ")
    if len(parts) == 1:
        return "", name, name
    prefix = {XML_NS: "xml"}.get(parts[0], parts[2] if len(parts) == 3 else "")
    return parts[0], parts[1], f"{prefix}:{parts[1]}" if prefix else parts[1]


def _element_problem(tag: str, namespace: str) -> str:
    if namespace in ("", SVG_NS) and tag in _CODE_ELEMENTS:
        return f"bevat een <{tag}>-element; dat is niet toegestaan in afbeeldingen"
    if namespace in ("", SVG_NS) and tag in ANIMATION:
        return (f"bevat een <{tag}>-element (een animatie); dat is niet toegestaan in afbeeldingen; "
                f"{_RESAVE} zonder animaties")
    where = "" if namespace in ("", SVG_NS) else f" uit een andere XML-taal ({namespace})"
    return (f"bevat een <{tag}>-element{where}; dat is niet toegestaan in afbeeldingen (alleen tekenelementen "
            f"zoals <path>, <rect>, <text> en <g>); {_RESAVE}")


def _check_attribute(tag: str, qualified: str, value: str) -> None:
    namespace, name, shown = _split(qualified)
    if namespace in METADATA_NS:
        return
    allowed = {"": ATTRIBUTES, XLINK_NS: _XLINK_ATTRIBUTES, XML_NS: _XML_ATTRIBUTES}.get(namespace, ())
    if name.lower().startswith("on"):
        raise _Refused(f"bevat het attribuut '{shown}' (code die wordt uitgevoerd); dat is niet toegestaan")
    if name not in allowed and not (namespace == "" and name.startswith(("aria-", "data-"))):
        raise _Refused(f"bevat het attribuut '{shown}' op <{tag}>; dat is niet toegestaan in afbeeldingen; "
                       f"{_RESAVE}")
    if name == "href":
        embedded = tag in ("image", "feImage") and _DATA_IMAGE.match(value)
        if not (value.startswith("#") or embedded):
            raise _Refused(f"verwijst naar '{value[:60]}'; een SVG mag alleen naar zijn eigen onderdelen (#...) of "
                           "ingebedde PNG-, JPEG- of GIF-afbeeldingen verwijzen")
    elif namespace == "" and (name == "style" or name in PRESENTATION):
        tokens = tinycss2.parse_blocks_contents(value) if name == "style" else \
            tinycss2.parse_component_value_list(value)
        problem = _check_tokens(tokens, f"in het attribuut '{name}' op <{tag}>")
        if problem:
            raise _Refused(problem)


def check_stylesheet(text: str) -> str | None:
    """The text of a `<style>` element: rules of plain CSS, without @-rules or references elsewhere."""
    return _check_tokens(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True), "in zijn stijl")


class CssTooDeep(Exception):
    """CSS nested more than MAX_CSS_DEPTH levels deep (see walk_css)."""


def walk_css(nodes: Iterable, visit: Callable[[Any], Iterable[Iterable]]) -> None:
    """Call `visit(node)` on every tinycss2 node, depth first; `visit` returns the lists of nodes nested in
    the node, walked in turn. With a stack of its own (a recursive walk would overflow Python's stack on
    `((((...`); CssTooDeep past MAX_CSS_DEPTH levels. Shared with the check of project templates."""
    stack: list[tuple[Iterator, int]] = [(iter(nodes), 0)]
    while stack:
        children, depth = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            continue
        for inner in visit(node):
            if depth + 1 > MAX_CSS_DEPTH:
                raise CssTooDeep()
            stack.append((iter(inner), depth + 1))


def _check_tokens(nodes: Iterable, where: str) -> str | None:
    """A problem text for the first CSS node that is not allowed, or None; `where` says where the CSS is."""
    def visit(node: Any) -> list[Iterable]:
        problem, nested = _check_node(node, where)
        if problem:
            raise _Refused(problem)
        return nested

    try:
        walk_css(nodes, visit)
    except _Refused as refused:
        return refused.problem
    except CssTooDeep:
        return (f"bevat {where} CSS die te diep genest is (meer dan {MAX_CSS_DEPTH} haakjes of blokken "
                f"binnen elkaar); de stijl is te diep genest: {_RESAVE}")
    return None


def _check_node(node, where: str) -> tuple[str | None, list[Iterable]]:  # any tinycss2 node, one case each
    """A problem text for the node itself (or None) and the lists of nodes nested in it, to check in turn."""
    kind = node.type
    if kind == "url":
        return _external(node.value, where), []
    if kind == "function":
        if node.lower_name == "url":
            strings = [t for t in node.arguments if t.type not in ("whitespace", "comment")]
            target = strings[0].value if len(strings) == 1 and strings[0].type == "string" else "?"
            return _external(target, where), []
        if node.lower_name not in CSS_FUNCTIONS:
            return (f"gebruikt {where} de CSS-functie '{node.lower_name}()'; in afbeeldingen zijn alleen kleuren, "
                    f"berekeningen, transformaties en url(#...) naar eigen onderdelen toegestaan; {_RESAVE}"), []
        return None, [node.arguments]
    if kind in ("at-keyword", "at-rule"):
        keyword = node.lower_value if kind == "at-keyword" else node.lower_at_keyword
        return (f"bevat {where} de CSS-regel '@{keyword}'; @-regels zijn niet toegestaan in afbeeldingen "
                f"(ze kunnen andere bestanden laden); {_RESAVE}"), []
    if kind == "error":
        return f"bevat {where} CSS die niet te lezen is; {_RESAVE}", []
    if kind == "declaration":
        return None, [node.value]
    if kind == "qualified-rule":
        return None, [node.prelude, tinycss2.parse_blocks_contents(node.content)]
    if kind in ("() block", "[] block", "{} block"):
        return None, [node.content]
    return None, []


def _external(target: str, where: str) -> str | None:
    if target.startswith("#"):
        return None
    return (f"laadt {where} een ander bestand (url({target[:60]})); een SVG mag alleen naar zijn eigen "
            f"onderdelen verwijzen (url(#...)); {_RESAVE}")
