"""The write stage refuses to write one output twice; projects can override theme templates."""
from __future__ import annotations

import pytest

from generator.pipeline import build
from generator.write.writer import DuplicateOutput, Writer


def test_writer_refuses_the_same_path_twice(tmp_path):
    writer = Writer(tmp_path)
    writer.write("site/index.html", "een")
    with pytest.raises(DuplicateOutput, match="'site/index.html' zou twee keer geschreven worden"):
        writer.write("site/./index.html", "twee")
    assert (tmp_path / "site" / "index.html").read_text() == "een"


def test_writer_refuses_paths_outside_the_output(tmp_path):
    with pytest.raises(DuplicateOutput, match="valt buiten de uitvoermap"):
        Writer(tmp_path / "out").write("../elders.html", "x")


def test_project_template_overrides_the_theme(make_project, tmp_path):
    project = make_project({
        "templates/documents/notitie.html": """\
            {% extends "documents/base.html" %}
            {% set label = "Interne notitie" %}
            {% block back %}<p class="eigen">Vastgesteld door het college.</p>{% endblock %}
            """,
        "templates/documents/memo.html": '{% extends "documents/base.html" %}{% set label = "Memo" %}',
    })
    (project / "content" / "documents" / "notitie.md").write_text(
        (project / "content" / "documents" / "notitie.md").read_text().replace("kind: notitie", "kind: memo"))
    (project / "content" / "documents" / "tweede.md").write_text(
        '---\ntitle: Tweede\nkind: notitie\nversion: "1"\nstatus: concept\ndate: 2025-02-01\n---\n\n# Kop\n')
    build(project, tmp_path / "out")
    memo = (tmp_path / "out" / "site" / "documenten" / "notitie.html").read_text()
    second = (tmp_path / "out" / "site" / "documenten" / "tweede.html").read_text()
    assert '<p class="document-kind">Memo</p>' in memo
    assert '<p class="document-kind">Interne notitie</p>' in second
    assert '<p class="eigen">Vastgesteld door het college.</p>' in second
