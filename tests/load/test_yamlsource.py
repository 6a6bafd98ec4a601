"""The two YAML loaders (libyaml for speed, pure Python for diagnostics) give the same data and positions."""
from __future__ import annotations

import pytest
import yaml

from generator.load import yamlsource

SAMPLE = """\
name: Regio
list: [a, "b: c", 3, 4.5, true, null, 2024-01-02]
nested:
  - id: x
    text: |
      Regel een
      Regel twee
    quoted: 'it''s'
  - {id: y, time: "10:30", plain: 10:30, yes: yes}
"""


@pytest.mark.skipif(yamlsource._FastLoader is None, reason="PyYAML without libyaml")
def test_fast_and_python_loaders_agree(monkeypatch):
    fast, fast_errors = yamlsource.parse_yaml(SAMPLE, "x.yaml")
    monkeypatch.setattr(yamlsource, "_FastLoader", None)
    slow, slow_errors = yamlsource.parse_yaml(SAMPLE, "x.yaml")
    assert fast_errors == slow_errors == []
    assert fast.data == slow.data
    assert fast.positions == slow.positions and fast.keys == slow.keys
    assert fast.data["nested"][1] == {"id": "y", "time": "10:30", "plain": "10:30", "yes": "yes"}


def test_syntax_errors_use_the_python_diagnostics():
    document, errors = yamlsource.parse_yaml("a: b: c\n", "x.yaml")
    assert document is None
    assert [str(e) for e in errors] == [
        "x.yaml:1:5: hier mag geen ':' staan; zet tekst met een dubbele punt tussen aanhalingstekens"]
    assert yaml.__with_libyaml__ is True  # the project's PyYAML wheel ships libyaml: the fast path is used
