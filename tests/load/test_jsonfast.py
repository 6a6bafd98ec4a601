"""load/jsonfast.py gives exactly what the YAML loader gives for a release's JSON, or nothing: then the release is
parsed as YAML, which words the mistake at its place."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from generator.load.jsonfast import LazyPositions, read_json
from generator.load.project import load
from generator.load.yamlsource import parse_yaml

REPO = Path(__file__).resolve().parents[2]


def same_as_yaml(text: str) -> None:
    fast = read_json(text, "releases/1.0/release.json")
    slow, errors = parse_yaml(text, "releases/1.0/release.json")
    assert fast is not None and slow is not None and errors == []
    assert fast.data == slow.data
    assert [type(v) for v in walk(fast.data)] == [type(v) for v in walk(slow.data)]  # 1 stays 1, not 1.0 or True
    assert (fast.positions, fast.keys, fast.texts, fast.refused) == (slow.positions, slow.keys, slow.texts, set())


def walk(value):
    yield value
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def test_the_default_projects_release_reads_as_yaml_reads_it_and_its_positions_come_when_asked():
    text = (REPO / "releases" / "1.0" / "release.json").read_text(encoding="utf-8")
    fast = read_json(text, "releases/1.0/release.json")
    assert isinstance(fast, LazyPositions) and "positions" not in fast.__dict__  # not parsed as YAML yet
    same_as_yaml(text)
    release = load(REPO).releases[0]
    assert isinstance(release.data, LazyPositions)
    assert release.data.position(("content", "data")).line == 4  # found by parsing as YAML, on first use


@pytest.mark.parametrize("text", [
    '{"a": 1.5, "b": [true, false, null, -0, 12], "c": "x/y \\"z\\" \\\\ é ö", "d": {}, "e": []}',
    '{"date": "2025-01-01", "time": "10:30", "yes": "yes", "n": "1e5", "f": -2.5E+3}',
    json.dumps({"nested": [{"k": [[1, 2], {"x": "y"}]}]}, indent=1),
])
def test_json_that_yaml_reads_alike_is_read_fast(text):
    same_as_yaml(text)


@pytest.mark.parametrize("text, why", [
    ('{"a": 1e5}', "YAML reads 1e5 as text"),
    ('{"a": "caf\\u00e9"}', "a \\u escape: YAML does not join surrogate pairs"),
    ('{"a": 1, "a": 2}', "a key twice: YAML refuses it"),
    ('{"a": NaN}', "not JSON"),
    ('{"a":\t1}', "a tab"),
    ('{"a": "x\u2028y"}', "a line separator, folded by YAML"),
    ('{"a": "x\x85y"}', "NEL, folded by YAML"),
    ('{"a": "x\x7fy"}', "a character YAML refuses in a file"),
    ('{"' + "k" * 1001 + '": 1}', "a key YAML cannot read"),
    ('[' * 60 + ']' * 60, "deeper than the YAML loader allows"),
    ('{"a": "x\\by"}', "a control character load/scalars.py refuses"),
    ('{"a": 10000000000000000}', "a number too large for Bestek"),
    ('{"a": 1} {"b": 2}', "two documents"),
    ('', "empty"),
])
def test_json_that_yaml_might_read_otherwise_is_left_to_yaml(text, why):
    assert read_json(text, "r.json") is None, why


def test_generated_json_is_read_fast_only_where_yaml_agrees():
    """json.dumps of many small structures: where read_json answers, it answers what parse_yaml does."""
    atoms = [0, -7, 3.25, -0.5, 1e20, 2.0, True, False, None, "", "a: b", "- x", "#", "x\ty", "x\ny", "'q'", "é",
             "\u2028", "\\", "\u0000", "ÿ", "10:30", "2025-01-01", "null", "~", "  ", "%x", "@", "`", "*a", "&b"]
    fast = 0
    for a, b in itertools.product(atoms, repeat=2):
        for value in ({"k": a, "l": [b, {"m": a}]}, [a, b], {str(b): a}):
            text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
            if read_json(text, "r.json") is not None:
                fast += 1
                same_as_yaml(text)
    assert fast > 1500  # most are read fast: the test compares real answers
