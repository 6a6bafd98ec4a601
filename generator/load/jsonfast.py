"""A release's JSON read at the speed of Python's json, with exactly the data the YAML loader gives. Part of the
load stage (issue 19: parsing releases/<version>/release.json as YAML took longer than all the content).

JSON is YAML, and release.json is read as YAML for positions in messages (load/releases.py). `read_json` returns
the same data as load/yamlsource.py `parse_yaml`, but only when that is certain: no escape, character, number,
key, depth or duplicate that YAML reads differently or refuses, and no value load/scalars.py refuses. Otherwise
it returns None and the caller parses the text as YAML, which words the mistake. The positions, which only a
message needs, are found when first asked for, by parsing the text as YAML then (`LazyPositions`).
tests/load/test_jsonfast.py compares both readers on real releases and on texts made to differ.
"""
from __future__ import annotations

import json
import re
from typing import Any

from yaml.reader import Reader

from generator.core import characters
from generator.load import scalars
from generator.load.yamlsource import MAX_DEPTH, YamlDocument, parse_yaml

#: what YAML reads otherwise than JSON: line breaks YAML folds inside a quoted text (NEL, LS, PS, CR), tabs, a
#: byte-order mark, a character YAML refuses in a file; and a character core/characters.py refuses, which
#: load/scalars.py would refuse in a text (one character class, one pass: the checks below are linear and fast)
_CHARACTERS = re.compile("[\t\r\x85\u2028\u2029\ufeff" + characters.REFUSED.pattern[1:])
_UNPRINTABLE = Reader.NON_PRINTABLE
#: escapes YAML reads otherwise (\\u: YAML does not join surrogate pairs), or that write a character load/scalars.py
#: refuses (\\b, \\f, \\r). With these, no text needs a check of its own.
_ESCAPES = re.compile(r"\\[ubfr]")
#: YAML's float: digits, a point, an optional exponent (load/yamlsource.py _Resolver); JSON's 1e5 is text in YAML
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+(?:[eE][-+]?[0-9]+)?")
_KEY_LENGTH = 1000  # YAML allows a key of at most 1024 characters on one line, quotes and all


class _Doubt(Exception):
    """The JSON might not read as this YAML reads it."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs) or any(len(key) > _KEY_LENGTH for key in result):
        raise _Doubt  # YAML refuses a key written twice, and a key that long
    return result


def _float(written: str) -> float:
    if not _FLOAT.fullmatch(written):
        raise _Doubt
    return float(written)


def _refuse(written: str) -> Any:
    raise _Doubt  # NaN, Infinity: not JSON, and not what YAML reads


def _plain(value: Any, depth: int) -> bool:
    """Nothing the YAML loader would refuse: not too deep, every number acceptable (load/scalars.py; texts
    were checked as a whole, see _CHARACTERS)."""
    if depth >= MAX_DEPTH - 2:
        return False
    if isinstance(value, dict):
        return all(_plain(item, depth + 1) for item in value.values())
    if isinstance(value, list):
        return all(_plain(item, depth + 1) for item in value)
    return not isinstance(value, (int, float)) or scalars.problem(value, str(value)) is None


class LazyPositions(YamlDocument):
    """A YamlDocument whose positions (and keys and texts) are found by parsing its text as YAML when first
    used: a message needs them, reading the data does not."""

    def __init__(self, path: str, data: Any, text: str):
        super().__init__(path, data)
        del self.positions, self.keys, self.texts  # looked up in __getattr__, on first use
        self._text = text

    def __getattr__(self, name: str) -> Any:
        if name not in ("positions", "keys", "texts"):
            raise AttributeError(name)
        parsed, _ = parse_yaml(self._text, self.path)
        for part in ("positions", "keys", "texts"):
            setattr(self, part, getattr(parsed, part) if parsed is not None else {})
        return self.__dict__[name]


def read_json(text: str, path: str) -> YamlDocument | None:
    """The document parse_yaml would give for this JSON text, or None when that is not certain (see above)."""
    if _CHARACTERS.search(text) or _UNPRINTABLE.search(text) or ("\\" in text and _ESCAPES.search(text)):
        return None
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_float=_float, parse_constant=_refuse)
    except (ValueError, _Doubt, RecursionError):
        return None
    if not _plain(data, 0):
        return None
    return LazyPositions(path, data, text)
