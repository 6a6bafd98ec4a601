"""The model stage alone: build_model() on loaded, validated content gives typed, immutable objects that
carry everything later stages need (also the checked files and logo: no later stage reads the loader)."""
from __future__ import annotations

import dataclasses

import pytest

from generator.load.project import load
from generator.model.build import build_model
from generator.validate.project import validate

from ..conftest import PNG_4X3, SMALL_PROJECT, write_project


def test_the_model_is_typed_immutable_and_carries_the_checked_files(tmp_path):
    body = SMALL_PROJECT["content/documents/notitie.md"] + "\n![kaart](kaart.png)\n"
    project_dir = write_project(tmp_path / "p", {"content/documents/notitie.md": body})
    (project_dir / "content" / "documents" / "kaart.png").write_bytes(PNG_4X3)
    loaded = load(project_dir)
    validate(loaded, ["notitie"])
    project = build_model(loaded)
    assert [s.name for s in project.segments] == ["Crisis", "Wonen"]
    assert [c.weight for c in project.criteria] == [60, 40]
    assert project.tender.procedure == "sas" and project.documents[0].id == "notitie"
    assert project.files == {"content/documents/kaart.png": PNG_4X3} and project.logo is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        project.segments[0].name = "Anders"  # type: ignore[misc]
