"""Whether data certainly pass a cerberus schema, decided without cerberus (issue 19: `check` of a large tender
spent most of its validation building cerberus' validators, one per nested schema and list item).

`conforming(schema)` compiles a schema once into a predicate. True means cerberus would accept the data too: the
rules Bestek's schemas use are followed exactly as cerberus 1.3 applies them (`nullable` first, then `type`, then
`empty`, which on an empty value skips `allowed`, `minlength`, `maxlength` and `regex`; unknown fields refused;
`regex` over the whole value, as validate/project.py's validator). False means "not certain": the caller asks
cerberus, which finds the mistakes and words them. A schema with any other rule compiles to None, and cerberus
decides alone. tests/validate/test_conform.py checks, on every schema and thousands of altered documents, that
True never disagrees with cerberus.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence, Sized
from datetime import date, datetime
from typing import Any

Check = Callable[[Any], bool]

#: cerberus' types_mapping for the type names Bestek's schemas use: (included types, excluded types)
TYPES: dict[str, tuple[tuple[type, ...], tuple[type, ...]]] = {
    "boolean": ((bool,), ()),
    "date": ((date,), ()),
    "datetime": ((datetime,), ()),
    "dict": ((Mapping,), ()),
    "float": ((float, int), ()),
    "integer": ((int,), ()),
    "list": ((Sequence,), (str,)),
    "number": ((int, float), (bool,)),
    "string": ((str,), ()),
}
RULES = frozenset({"nullable", "type", "empty", "required", "allowed", "min", "max", "minlength", "maxlength",
                   "regex", "schema", "keysrules", "valuesrules"})
_EMPTY_SKIPS = ("allowed", "minlength", "maxlength", "regex")  # what cerberus' `empty` drops on an empty value


class _Unsupported(Exception):
    """A rule or form this module does not follow exactly: cerberus decides alone."""


_compiled: dict[int, tuple[Any, Check | None]] = {}


def conforming(schema: Mapping[str, Any]) -> Check | None:
    """The predicate of a mapping schema (kept per schema object), or None when cerberus must decide alone."""
    known = _compiled.get(id(schema))
    if known is None or known[0] is not schema:
        try:
            check: Check | None = _mapping(schema)
        except _Unsupported:
            check = None
        known = _compiled[id(schema)] = (schema, check)  # the schema is held, so its id is not reused
    return known[1]


def _mapping(schema: Mapping[str, Any]) -> Check:
    if not isinstance(schema, Mapping) or not all(isinstance(rules, Mapping) for rules in schema.values()):
        raise _Unsupported
    fields = {name: _rules(rules) for name, rules in schema.items()}
    required = tuple(name for name, rules in schema.items() if rules.get("required") is True)

    def check(value: Any) -> bool:
        if not isinstance(value, Mapping):
            return False
        for name in required:
            if name not in value:
                return False
        for name, item in value.items():
            field = fields.get(name) if isinstance(name, str) else None
            if field is None or not field(item):
                return False
        return True
    return check


def _rules(rules: Mapping[str, Any]) -> Check:
    if not set(rules) <= RULES:
        raise _Unsupported
    nullable = rules.get("nullable", False) is True
    types = _types(rules.get("type"))
    has_empty, empty = "empty" in rules, rules.get("empty") is True
    skippable = [_rule(name, rules[name]) for name in rules if name in _EMPTY_SKIPS]
    always = [_rule(name, rules[name]) for name in rules if name in ("min", "max", "schema", "keysrules",
                                                                      "valuesrules")]

    included, excluded = types[0] if len(types) == 1 else ((), ())  # one type: the usual case, checked inline

    def check(value: Any) -> bool:
        if value is None:
            return nullable
        if included:
            if not isinstance(value, included) or (excluded and isinstance(value, excluded)):
                return False
        elif types and not any(isinstance(value, inc) and not isinstance(value, exc) for inc, exc in types):
            return False
        if has_empty and isinstance(value, Sized) and len(value) == 0:
            if not empty:
                return False
        else:
            for rule in skippable:
                if not rule(value):
                    return False
        for rule in always:
            if not rule(value):
                return False
        return True
    return check


def _types(declared: Any) -> tuple[tuple[tuple[type, ...], tuple[type, ...]], ...]:
    if declared is None or declared == [] or declared == "":
        return ()
    names = (declared,) if isinstance(declared, str) else tuple(declared)
    if not all(isinstance(name, str) and name in TYPES for name in names):
        raise _Unsupported
    return tuple(TYPES[name] for name in names)


def _rule(name: str, argument: Any) -> Check:
    if name == "allowed":
        if not isinstance(argument, (list, tuple, set, frozenset)):
            raise _Unsupported
        allowed = argument
        return lambda value: all(x in allowed for x in value) if isinstance(value, Iterable) and not isinstance(
            value, str) else value in allowed
    if name in ("min", "max"):
        return _bound(argument, name == "min")
    if name in ("minlength", "maxlength"):
        if not isinstance(argument, int) or isinstance(argument, bool):
            raise _Unsupported
        length = argument
        if name == "minlength":
            return lambda value: not (isinstance(value, Iterable) and len(value) < length)  # type: ignore[arg-type]
        return lambda value: not (isinstance(value, Iterable) and len(value) > length)  # type: ignore[arg-type]
    if name == "regex":
        if not isinstance(argument, str):
            raise _Unsupported
        full = re.compile(argument).fullmatch
        return lambda value: not isinstance(value, str) or full(value) is not None
    if name == "schema":
        return _schema(argument)
    item = _rules(argument) if isinstance(argument, Mapping) else None
    if item is None:
        raise _Unsupported
    if name == "keysrules":
        return lambda value: not isinstance(value, Mapping) or all(item(key) for key in value)
    return lambda value: not isinstance(value, Mapping) or all(item(v) for v in value.values())  # valuesrules


def _bound(limit: Any, lower: bool) -> Check:
    def check(value: Any) -> bool:
        try:
            return not (value < limit if lower else value > limit)
        except TypeError:  # cerberus ignores a bound it cannot compare with
            return True
    return check


def _schema(argument: Any) -> Check:
    """cerberus reads `schema` by the value: for a list, the rules of every item; for a mapping, its fields."""
    if not isinstance(argument, Mapping):
        raise _Unsupported
    try:
        items: Check | None = _rules(argument)
    except _Unsupported:
        items = None
    try:
        fields: Check | None = _mapping(argument)
    except _Unsupported:
        fields = None
    if items is None and fields is None:
        raise _Unsupported

    def check(value: Any) -> bool:
        if isinstance(value, Sequence) and not isinstance(value, str):
            return items is not None and all(items(item) for item in value)
        if isinstance(value, Mapping):
            return fields is not None and fields(value)
        return True
    return check
