"""Safe YAML parsing that keeps the source position of every key and value.

Part of the load stage. The result is plain Python data (dicts, lists, str, int, float, bool,
date, None) plus a table from each value's path (a tuple of keys and list indexes) to its
position, so later stages can point at the exact line and column of any value.

Only a small, predictable YAML is accepted: booleans are `true`/`false` only (no `yes`/`no`),
`10:30` stays text (no base-60 numbers), anchors and aliases are refused (no alias bombs), and any
tag other than the standard ones (`!!python/...`, `!foo`) is a content error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from generator.core.errors import ContentError
from generator.load import scalars

Path = tuple[Any, ...]

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
MAX_DEPTH = 50


@dataclass(frozen=True, order=True)
class Position:
    line: int
    col: int


@dataclass
class YamlDocument:
    """Parsed YAML data with the position of every value (`positions`) and mapping key (`keys`)."""

    path: str
    data: Any
    positions: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    #: text values: where their first character stands, and whether their lines map 1:1 onto the file's
    #: (a literal block `|`); used to point at a spot inside a Markdown text
    texts: dict[Path, tuple[Position, bool]] = field(default_factory=dict)
    #: values refused while loading (a content error is already reported): later checks skip them, so
    #: one mistake gives one message
    refused: set[Path] = field(default_factory=set)

    def position(self, path: Path) -> Position:
        """The position of the value at `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(1, 1))

    def text_position(self, path: Path, line: int, col: int) -> Position:
        """The file position of (1-based) `line`, `col` inside the text value at `path`: exact in a literal
        block (`|`) and on a text's first line, otherwise the start of the value."""
        origin, literal = self.texts.get(tuple(path), (self.position(path), False))
        if literal:
            return Position(origin.line + line - 1, origin.col + col - 1)
        return Position(origin.line, origin.col + col - 1) if line == 1 else origin

    def key_position(self, path: Path) -> Position:
        """The position of the key that introduces `path` (falls back to the value's position)."""
        return self.keys.get(tuple(path)) or self.position(path)


class _Resolver(Resolver):
    """YAML 1.2-like implicit types: no yes/no booleans, no base-60 numbers."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9_]*))$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?)$"),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(
        r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
        r"|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?"
        r":[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"
    ),
    list("0123456789"),
)


class _Refused(yaml.MarkedYAMLError):
    """A construct Bestek refuses while composing: an alias, or nesting deeper than MAX_DEPTH."""

    problem: str  # always given: the Dutch message


class _Composer(Composer):
    """PyYAML's composer with aliases and deep nesting refused; shared by both loaders."""

    def compose_node(self, parent, index):  # PyYAML's signature
        # Refused here, before PyYAML resolves an alias or recurses deeper: an alias bomb stops at its
        # first alias and `[[[[...` cannot exhaust Python's stack.
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(None, None, "YAML-verwijzingen (*naam) worden niet ondersteund; schrijf de waarde "
                                       "voluit", event.start_mark)
        if self._depth > MAX_DEPTH:
            raise _Refused(None, None, f"de gegevens zijn te diep genest (meer dan {MAX_DEPTH} niveaus)",
                           event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Loader(Reader, Scanner, Parser, _Composer, SafeConstructor, _Resolver):
    """The pure-Python loader: its error messages and positions are the ones translated below."""

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Composer.__init__(self)
        SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self._depth = 0


#: the libyaml loader, or None when PyYAML was built without libyaml
_FastLoader: type[_LibyamlLoader] | None
if getattr(yaml, "__with_libyaml__", False):
    from yaml._yaml import CParser

    class _LibyamlLoader(_Composer, CParser, SafeConstructor, _Resolver):
        """libyaml scans and parses (the bulk of the time); composing stays in Python with the same
        refusals. Used for valid files; a file with a syntax error is parsed again by _Loader so
        the message and position are the same whichever library is installed."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _Composer.__init__(self)
            SafeConstructor.__init__(self)
            _Resolver.__init__(self)
            self._depth = 0

    _FastLoader = _LibyamlLoader
else:  # pragma: no cover - PyYAML without libyaml
    _FastLoader = None


_YAML_PROBLEMS = {
    "mapping values are not allowed here": ("hier mag geen ':' staan; zet tekst met een dubbele punt tussen "
                                            "aanhalingstekens"),
    "could not find expected ':'": "verwacht een ':' na de sleutel",
    "found character '\\t' that cannot start any token": "tabs zijn niet toegestaan; gebruik spaties om in te springen",
    "found undefined alias": "YAML-verwijzingen (*naam) worden niet ondersteund",
    "expected <block end>, but found '-'": "dit lijstitem springt niet goed in",
    "expected <block end>, but found '<block mapping start>'": "deze regel springt niet goed in",
    "expected <block end>, but found '<block sequence start>'": "deze regel springt niet goed in",
    "expected <block end>, but found '<scalar>'": "deze regel springt niet goed in",
    "found unexpected end of stream": "het bestand houdt onverwacht op (ontbreekt een afsluitend aanhalingsteken?)",
    "found unknown escape character": "onbekende escape-reeks met '\\' tussen dubbele aanhalingstekens",
    "expected ',' or ']', but got": "een lijst tussen [ ] is niet goed afgesloten",
    "expected ',' or '}', but got": "een tabel tussen { } is niet goed afgesloten",
    "found character that cannot start any token": ("dit teken kan hier niet staan; zet de tekst tussen "
                                                    "aanhalingstekens"),
    "expected <block end>, but found": "deze regel springt niet goed in",
    "expected '<document start>', but found": ("deze regel past niet bij wat erboven staat; controleer de inspringing "
                                               "en of elke regel de vorm 'naam: waarde' heeft"),
    "sequence entries are not allowed here": "hier kan geen lijstitem ('- ') staan; controleer de inspringing",
    "mapping keys are not allowed here": ("hier kan geen sleutel staan; controleer de inspringing, of zet tekst met "
                                          "een dubbele punt tussen aanhalingstekens"),
    "expected the node content, but found": "hier ontbreekt een waarde (of staat een teken te veel)",
    "expected chomping or indentation indicators": ("na '|' of '>' eindigt de regel; zet de tekst op de volgende "
                                                     "regels, verder ingesprongen"),
    "expected a comment or a line break": ("na '|' of '>' eindigt de regel; zet de tekst op de volgende regels, "
                                           "verder ingesprongen"),
}


def _translate(problem: str | None) -> str:
    problem = problem or ""
    for english, dutch in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return dutch
    if problem.startswith("found character") and "cannot start any token" in problem:
        return _YAML_PROBLEMS["found character that cannot start any token"]
    # PyYAML's own words are English and speak of tokens: say where to look instead
    return ("deze regel is geen geldige YAML; controleer de inspringing (spaties, geen tabs), de dubbele punt na "
            "elke sleutel en de aanhalingstekens om tekst met bijzondere tekens")


#: a value that starts with a quote: `title: 'x'`, `- "x"`, `- naam: 'x'`
_QUOTED_VALUE = re.compile(r"\s*(?:-\s+)*(?:[^\s'\"#:-][^:#]*?:\s+)?(['\"])")
_QUOTE_PROBLEMS = {
    ("'", "early"): ("hier staat een aanhalingsteken dat de tekst te vroeg afsluit; zet de hele tekst tussen dubbele "
                     "aanhalingstekens (\"...\") of schrijf '' voor een apostrof binnen enkele"),
    ('"', "early"): ("hier staat een aanhalingsteken dat de tekst te vroeg afsluit; zet de hele tekst tussen enkele "
                     "aanhalingstekens ('...') of schrijf \\\" voor een aanhalingsteken binnen dubbele"),
    ("'", "open"): ("dit aanhalingsteken wordt niet afgesloten; zet de hele tekst tussen dubbele aanhalingstekens "
                    "(\"...\") of schrijf '' voor een apostrof binnen enkele"),
    ('"', "open"): "dit aanhalingsteken wordt niet afgesloten; zet aan het eind van de tekst ook een \"",
}


def quote_problem(line: str) -> tuple[int, str] | None:
    """(0-based column, Dutch message) when the quoted value of a YAML line is closed before the line ends
    (`title: 'Jeugd's zorg'`) or not closed on it (`title: 's-Hertogenbosch`), else None."""
    match = _QUOTED_VALUE.match(line)
    if match is None:
        return None
    quote, start = match.group(1), match.start(1)
    i = start + 1
    while i < len(line):
        if quote == '"' and line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            if quote == "'" and line[i + 1:i + 2] == "'":  # '' is an apostrophe inside single quotes
                i += 2
                continue
            rest = line[i + 1:].strip()
            return (i, _QUOTE_PROBLEMS[quote, "early"]) if rest and not rest.startswith("#") else None
        i += 1
    return start, _QUOTE_PROBLEMS[quote, "open"]


def _quote_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str] | None:
    """(0-based line, column, message) when a YAML syntax error comes from a quote: on the line where it was
    found, or where the quoted text that never ends begins."""
    lines = text.split("\n")
    marks = [exc.problem_mark]
    if "quoted scalar" in str(exc.context or ""):
        marks.insert(0, exc.context_mark)
    for mark in marks:
        if mark is not None and mark.line < len(lines) and (found := quote_problem(lines[mark.line])):
            return mark.line, found[0], found[1]
    return None


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[YamlDocument | None, list[ContentError]]:
    """Parse one YAML text. Returns the document (None on a syntax error) and the content errors.

    `line_offset` is added to every line number (front matter starts below the first `---`).
    """
    if _FastLoader is not None:
        fast = _FastLoader(text)
        try:
            node = fast.get_single_node()
        except yaml.YAMLError:
            pass  # parsed again below, for the same message as without libyaml
        else:
            return _document(node, text, path, fast, line_offset)
        finally:
            fast.dispose()
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = (mark.line + 1 if mark else 1) + line_offset
            col = mark.column + 1 if mark else 1
            message = exc.problem if isinstance(exc, _Refused) else _translate(exc.problem)
            if not isinstance(exc, _Refused) and (quoted := _quote_error(exc, text)):
                line, col, message = quoted[0] + 1 + line_offset, quoted[1] + 1, quoted[2]
            if exc.problem and "found another document" in str(exc.context or "") + exc.problem:
                message = "het bestand bevat meer dan één YAML-document ('---'); gebruik er één"
            return None, [ContentError(path, line, col, message)]
        except yaml.YAMLError:
            return None, [ContentError(path, 1 + line_offset, 1, _translate(None))]
    finally:
        loader.dispose()
    return _document(node, text, path, loader, line_offset)


def _document(node: Node | None, text: str, path: str, loader: SafeConstructor,
              line_offset: int) -> tuple[YamlDocument, list[ContentError]]:
    doc = YamlDocument(path, None)
    errors: list[ContentError] = []
    if node is not None:
        doc.data = _build(node, (), doc, errors, loader, line_offset, text.split("\n"))
    return doc, errors


def _tag_message(tag: str) -> str:
    return f"de YAML-tag '{_short(tag)}' is niet toegestaan; haal hem weg en schrijf de waarde zelf"


def _short(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _pos(node: Node, line_offset: int) -> Position:
    return Position(node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)


def _text_origin(node: ScalarNode, position: Position, lines: list[str],
                 line_offset: int) -> tuple[Position, bool]:
    if node.style == "|":  # the text starts on the next non-empty line, at its indentation
        for number in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(lines))):
            if lines[number].strip():
                indent = len(lines[number]) - len(lines[number].lstrip(" "))
                return Position(number + 1 + line_offset, indent + 1), True
        return position, False
    if node.style in ("'", '"'):
        return Position(position.line, position.col + 1), False
    return position, False


def _build(node: Node, path: Path, doc: YamlDocument, errors: list[ContentError],
           constructor: SafeConstructor, line_offset: int, lines: list[str]) -> Any:
    position = _pos(node, line_offset)
    doc.positions[path] = position
    if isinstance(node, ScalarNode):
        if node.tag not in _SCALAR_TAGS:
            errors.append(ContentError(doc.path, position.line, position.col,
                                       _tag_message(node.tag)))
            return None
        if node.tag == _STR:
            doc.texts[path] = _text_origin(node, position, lines, line_offset)
        problem: str | None
        try:
            value = constructor.construct_object(node, deep=True)
        except Exception:  # PyYAML raises ValueError, KeyError, TypeError... for a bad value
            value, problem = None, scalars.unreadable(node.tag, node.value)
        else:
            problem = scalars.problem(value, node.value)
        if problem is None:
            return value
        errors.append(ContentError(doc.path, position.line, position.col, problem))
        doc.refused.add(path)
        return None
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ:
            errors.append(ContentError(doc.path, position.line, position.col,
                                       _tag_message(node.tag)))
            return None
        return [_build(item, path + (i,), doc, errors, constructor, line_offset, lines)
                for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    if node.tag != _MAP:
        errors.append(ContentError(doc.path, position.line, position.col,
                                   _tag_message(node.tag)))
        return None
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_pos = _pos(key_node, line_offset)
        if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            errors.append(ContentError(doc.path, key_pos.line, key_pos.col,
                                       "een sleutel moet een woord zijn (geen lijst, tabel of '<<')"))
            continue
        key = key_node.value
        if key in result:
            first = doc.keys[path + (key,)]
            errors.append(ContentError(doc.path, key_pos.line, key_pos.col,
                                       f"de sleutel '{key}' staat er twee keer (eerder op regel {first.line})"))
            continue
        doc.keys[path + (key,)] = key_pos
        result[key] = _build(value_node, path + (key,), doc, errors, constructor, line_offset, lines)
    return result
