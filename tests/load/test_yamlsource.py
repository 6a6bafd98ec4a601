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


def _every_yaml_text():
    """Every YAML text of the default project and the examples, front matter included."""
    from tests.conftest import REPO

    for root in [REPO, *sorted((REPO / "examples").iterdir())]:
        for path in sorted((root / "content").rglob("*.yaml")) + sorted((root / "vertrouwelijk").glob("*.yaml")):
            yield path.relative_to(REPO).as_posix(), path.read_text(encoding="utf-8"), 0
        for path in sorted((root / "content" / "documents").glob("*.md")):
            lines = path.read_text(encoding="utf-8").split("\n")
            close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
            yield path.relative_to(REPO).as_posix(), "\n".join(lines[1:close]), 1


@pytest.mark.skipif(yamlsource._FastLoader is None, reason="PyYAML without libyaml")
def test_libyaml_composing_gives_what_python_composing_gives(monkeypatch):
    """libyaml composes in C when the nesting is bounded (parse_yaml); the data, positions, keys and texts are the
    ones of PyYAML's Python composer, on every YAML text of the projects."""
    texts = list(_every_yaml_text())
    assert len(texts) > 40
    assert sum(yamlsource.bounded(text, text.split("\n")) for _, text, _ in texts) > 40  # most composed in C
    composed_in_c = [yamlsource.parse_yaml(text, path, offset) for path, text, offset in texts]
    monkeypatch.setattr(yamlsource, "_C_DEPTH", -1)  # every text composed in Python
    for (path, text, offset), (fast, errors) in zip(texts, composed_in_c, strict=True):
        slow, slow_errors = yamlsource.parse_yaml(text, path, offset)
        assert errors == slow_errors == [], path
        assert (fast.data, fast.positions, fast.keys, fast.texts) == (slow.data, slow.positions, slow.keys,
                                                                      slow.texts), path


@pytest.mark.parametrize("text, message", [
    ("a: &x [1, 2]\nb: *x\n", "x.yaml:2:4: YAML-verwijzingen (*naam) worden niet ondersteund; schrijf de waarde voluit"),
    ("a: &x tekst\nb: [*x]\n", "x.yaml:2:5: YAML-verwijzingen (*naam) worden niet ondersteund; schrijf de waarde voluit"),
    ("&k a: 1\n*k : 2\n", "x.yaml:2:1: YAML-verwijzingen (*naam) worden niet ondersteund; schrijf de waarde voluit"),
    ("a: " + "[" * 60 + "]" * 60 + "\n", "x.yaml:1:54: de gegevens zijn te diep genest (meer dan 50 niveaus)"),
    ("a:\n" + "".join("  " * i + "-\n" for i in range(60)), "x.yaml:52:101: de gegevens zijn te diep genest (meer "
                                                              "dan 50 niveaus)"),
])
def test_an_alias_or_deep_nesting_composed_by_libyaml_is_refused_as_python_refuses_it(text, message, monkeypatch):
    document, errors = yamlsource.parse_yaml(text, "x.yaml")
    assert document is None and [str(e) for e in errors] == [message]
    monkeypatch.setattr(yamlsource, "_FastLoader", None)  # the pure-Python loader says the same
    assert [str(e) for e in yamlsource.parse_yaml(text, "x.yaml")[1]] == [message]
