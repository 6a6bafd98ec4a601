"""The render stage alone: render() returns every byte of a build by its output path, writing nothing."""
from __future__ import annotations

import datetime

import pytest

from generator.core.errors import DuplicateOutput
from generator.load.project import load
from generator.model.build import build_model
from generator.render.environment import make_environment
from generator.render.outputs import _Files, render
from generator.render.site import BuildDate
from generator.validate.project import validate

from ..conftest import write_project


def test_render_returns_every_file_of_the_site_and_writes_nothing(tmp_path):
    project_dir = write_project(tmp_path / "p", {})
    loaded = load(project_dir)
    validate(loaded, ["notitie"])
    project = build_model(loaded)
    output = render(project, make_environment(project_dir), BuildDate(datetime.date(2025, 1, 15), "test"),
                    with_pdf=False)
    assert {"site/index.html", "site/documenten/notitie.html", "site/segmenten/crisis.html",
            "site/assets/style.css"} <= set(output.files)
    assert not any(path.startswith("pdf/") for path in output.files)
    assert (output.pages, output.pdfs, output.package) == (11, 0, None)
    assert b"Regio Testland" in output.files["site/index.html"]
    assert sorted(p.name for p in project_dir.iterdir()) == ["config.yaml", "content"]


def test_two_things_may_not_want_the_same_output_path():
    files = _Files()
    files.add("site/index.html", "een")
    with pytest.raises(DuplicateOutput, match="'site/index.html' zou twee keer geschreven worden"):
        files.add("site/index.html", "twee")
