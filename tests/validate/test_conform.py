"""validate/conform.py: its True must never disagree with cerberus. Checked on the real content of the default
project and every example, and on thousands of documents altered from them at every place, in every way a value
can go wrong (a field missing or unknown, a wrong type, empty, None, too long or short, out of range, off-pattern)."""
from __future__ import annotations

import copy
import datetime
from pathlib import Path
from typing import Any

import pytest
from cerberus import Validator

from generator.core import config as config_options
from generator.load.project import load
from generator.render.environment import document_kinds, make_environment
from generator.validate.conform import RULES, TYPES, conforming
from generator.validate.evaluation_schema import EVALUATION
from generator.validate.project import schema_validator
from generator.validate.schemas import DATA_SCHEMAS, RELEASE, front_matter_schema

REPO = Path(__file__).resolve().parents[2]
PROJECTS = [REPO, *sorted(p for p in (REPO / "examples").iterdir() if (p / "content").is_dir())]


def cases() -> list[tuple[str, dict[str, Any], Any]]:
    """(where, schema, data) for every file of every project that goes through check_schema."""
    found = []
    for root in PROJECTS:
        loaded = load(root)
        name = root.name if root != REPO else "default"
        if loaded.config is not None and loaded.config.data is not None:
            found.append((f"{name}/config.yaml", config_options.cerberus_schema(), loaded.config.data))
        for data_name, document in loaded.data.items():
            if document is not None:
                found.append((f"{name}/{data_name}", DATA_SCHEMAS[data_name], document.data))
        front = front_matter_schema(document_kinds(make_environment(loaded.root)))
        found += [(f"{name}/{d.path}", front, d.front.data) for d in loaded.documents]
        found += [(f"{name}/{r.path}", RELEASE, r.data.data) for r in loaded.releases]
    import yaml
    evaluation = yaml.safe_load((REPO / "vertrouwelijk" / "beoordeling.yaml").read_text(encoding="utf-8"))
    found.append(("default/vertrouwelijk/beoordeling.yaml", EVALUATION, evaluation))
    return found


CASES = cases()


def cerberus_valid(schema: dict[str, Any], data: Any) -> bool:
    return bool(schema_validator(schema).validate(data))


def test_the_types_are_cerberus_own():
    for name, (included, excluded) in TYPES.items():
        definition = Validator.types_mapping[name]
        for value in (True, 1, 1.5, "a", [], {}, (), datetime.date(2025, 1, 1), datetime.datetime(2025, 1, 1), None):
            expected = isinstance(value, definition.included_types) and not isinstance(value, definition.excluded_types)
            assert (isinstance(value, included) and not isinstance(value, excluded)) is expected, (name, value)


@pytest.mark.parametrize("where, schema, data", CASES, ids=[c[0] for c in CASES])
def test_valid_content_conforms_as_cerberus_says(where, schema, data):
    check = conforming(schema)
    assert check is not None, f"{where}: the schema uses a rule conform.py does not follow"
    assert cerberus_valid(schema, data), where
    assert check(data), where  # else every check of this file would pay for cerberus


WRONG_VALUES = [None, "", " ", "x" * 3000, "Ab\n", "-", 0, -1, 1.5, 10**6, True, [], [None], ["x"], {}, {"x": 1},
                datetime.date(2025, 1, 1)]


def paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value[:3]):  # the first items: the rest have the same rules
            found += paths(item, path + (i,))
    return found


def altered(data: Any, path: tuple):
    """Every way the value at `path` can be changed: replaced, removed, and a field added beside it."""
    def at(root: Any) -> tuple[Any, Any]:
        parent = root
        for part in path[:-1]:
            parent = parent[part]
        return parent, path[-1]
    for value in WRONG_VALUES:
        changed = copy.deepcopy(data)
        parent, key = at(changed)
        parent[key] = copy.deepcopy(value)
        yield changed
    changed = copy.deepcopy(data)
    parent, key = at(changed)
    if isinstance(parent, dict):
        del parent[key]
        yield changed
        changed = copy.deepcopy(data)
        at(changed)[0]["onbekend_veld"] = "x"
        yield changed
    else:
        parent.append(copy.deepcopy(parent[key]))
        yield changed
    original = at(data)
    if isinstance(original[0][original[1]], str):
        for text in (original[0][original[1]] + "\n", " " + original[0][original[1]], original[0][original[1]].upper()):
            changed = copy.deepcopy(data)
            parent, key = at(changed)
            parent[key] = text
            yield changed


def test_true_never_disagrees_with_cerberus_on_altered_documents():
    compared = refused = accepted = 0
    for where, schema, data in CASES:
        check = conforming(schema)
        assert check is not None
        every = paths(data)[1:]
        for path in every[::max(1, len(every) // 40)]:  # at most about 40 places per file, spread over it
            for variant in altered(data, path):
                compared += 1
                if check(variant):
                    assert cerberus_valid(schema, variant), f"{where} at {path}: conform.py said valid: {variant}"
                    accepted += 1
                else:
                    refused += 1  # cerberus decides these: the mistakes are found and worded there
    # not vacuous: many alterations were tried, most are mistakes, and the harmless ones were accepted
    assert compared > 15000 and refused > compared / 2 and accepted > 1000, (compared, refused, accepted)


def test_a_schema_with_another_rule_is_left_to_cerberus():
    assert conforming({"name": {"type": "string", "coerce": str}}) is None
    assert conforming({"name": {"type": "string", "allow_unknown": True}}) is None
    assert conforming({"name": {"type": "tekst"}}) is None
    assert set(RULES) == {"nullable", "type", "empty", "required", "allowed", "min", "max", "minlength",
                          "maxlength", "regex", "schema", "keysrules", "valuesrules"}


@pytest.mark.parametrize("schema, value, expected", [
    ({"t": {"type": "string", "empty": True, "minlength": 3}}, "", True),  # empty drops minlength, as in cerberus
    ({"t": {"type": "string", "minlength": 3}}, "", False),  # without `empty`, minlength applies
    ({"t": {"type": "string", "empty": False}}, "", False),
    ({"t": {"type": "string", "nullable": True, "regex": "a+"}}, None, True),
    ({"t": {"type": "string", "regex": "a+"}}, None, False),
    ({"t": {"type": "string", "regex": "a+"}}, "aa\n", False),  # the whole value, not up to a final newline
    ({"t": {"type": "integer", "min": 1}}, True, True),  # cerberus' integer takes a bool, and True >= 1
    ({"t": {"type": "integer", "min": 2}}, True, False),
    ({"t": {"type": "list", "schema": {"type": "string"}}}, ["a", 1], False),
    ({"t": {"type": "list", "allowed": ["a", "b"]}}, ["a", "b"], True),
    ({"t": {"type": "dict", "keysrules": {"type": "string", "regex": "[a-z]+"}}}, {"ab": 1, "C": 2}, False),
    ({"t": {"type": "dict", "valuesrules": {"type": "integer"}}}, {"a": 1, "b": "2"}, False),
    ({"t": {"type": "dict", "schema": {"a": {"required": True}}}}, {}, False),
    ({"t": {"type": "number", "max": 5}}, "zes", False),  # the type fails first
])
def test_cerberus_rules_in_their_order(schema, value, expected):
    check = conforming(schema)
    assert check is not None
    assert check({"t": value}) is expected
    assert cerberus_valid(schema, {"t": value}) is expected
