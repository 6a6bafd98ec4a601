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
from typing import Any, NamedTuple

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
from generator.load.yamlmessages import quote_error, translate

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


class Position(NamedTuple):
    """A 1-based line and column; a tuple, ordered by line then column (made for every value: a tuple is
    quicker to make than a frozen dataclass)."""

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


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[YamlDocument | None, list[ContentError]]:
    """Parse one YAML text. Returns the document (None on a syntax error) and the content errors.

    `line_offset` is added to every line number (front matter starts below the first `---`).
    """
    if _FastLoader is not None:
        lines = text.split("\n")
        fast = _FastLoader(text)
        try:
            # libyaml composes too (in C) when the nesting cannot exhaust the stack; then an alias, or nesting
            # deeper than MAX_DEPTH, shows in _build, and the text is composed again in Python, which refuses it
            shallow = bounded(text, lines)
            node = CParser.get_single_node(fast) if shallow else fast.get_single_node()
        except yaml.YAMLError:
            pass  # parsed again below, for the same message as without libyaml
        else:
            try:
                return _document(node, text, path, fast, line_offset, lines, set() if shallow else None)
            except _Shared:
                pass
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
            message = exc.problem if isinstance(exc, _Refused) else translate(exc.problem)
            if not isinstance(exc, _Refused) and (quoted := quote_error(exc, text)):
                line, col, message = quoted[0] + 1 + line_offset, quoted[1] + 1, quoted[2]
            if exc.problem and "found another document" in str(exc.context or "") + exc.problem:
                message = "het bestand bevat meer dan één YAML-document ('---'); gebruik er één"
            return None, [ContentError(path, line, col, message)]
        except yaml.YAMLError:
            return None, [ContentError(path, 1 + line_offset, 1, translate(None))]
    finally:
        loader.dispose()
    return _document(node, text, path, loader, line_offset)


def _document(node: Node | None, text: str, path: str, loader: SafeConstructor, line_offset: int,
              lines: list[str] | None = None, seen: set[int] | None = None) -> tuple[YamlDocument, list[ContentError]]:
    """The document of a composed node. `seen`: composed by libyaml, whose aliases are not refused yet: the ids
    of the nodes met, so that a node met twice (an alias) or too deep raises _Shared."""
    doc = YamlDocument(path, None)
    errors: list[ContentError] = []
    if node is not None:
        doc.data = _build(node, (), doc, errors, loader, line_offset, lines or text.split("\n"), seen)
    return doc, errors


def bounded(text: str, lines: list[str]) -> bool:
    """Whether libyaml may compose the text: its nesting is at most _C_DEPTH. A block collection inside another
    starts further right, or (a list under a key) at the same column once, so block nesting is at most twice the
    longest line; flow nesting at most the number of brackets."""
    return 3 * (max(map(len, lines)) + 1) + text.count("[") + text.count("{") <= _C_DEPTH


class _Shared(Exception):
    """libyaml composed an alias, or nesting deeper than MAX_DEPTH: compose again in Python, which refuses it."""


#: the largest bound on the nesting (see parse_yaml) that libyaml may compose: its recursion stays far within
#: the C stack of any thread
_C_DEPTH = 3000


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
           constructor: SafeConstructor, line_offset: int, lines: list[str], seen: set[int] | None) -> Any:
    if seen is not None:
        if id(node) in seen or len(path) > MAX_DEPTH:
            raise _Shared
        seen.add(id(node))
    position = _pos(node, line_offset)
    doc.positions[path] = position
    if isinstance(node, ScalarNode):
        if node.tag not in _SCALAR_TAGS:
            errors.append(ContentError(doc.path, position.line, position.col,
                                       _tag_message(node.tag)))
            return None
        problem: str | None
        if node.tag == _STR:  # what PyYAML's construct_yaml_str gives, without its bookkeeping
            doc.texts[path] = _text_origin(node, position, lines, line_offset)
            value = node.value
            problem = scalars.text_problem(value)
        else:
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
        return [_build(item, path + (i,), doc, errors, constructor, line_offset, lines, seen)
                for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    if node.tag != _MAP:
        errors.append(ContentError(doc.path, position.line, position.col,
                                   _tag_message(node.tag)))
        return None
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if seen is not None:  # a key may be an alias too
            if id(key_node) in seen:
                raise _Shared
            seen.add(id(key_node))
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
        result[key] = _build(value_node, path + (key,), doc, errors, constructor, line_offset, lines, seen)
    return result
