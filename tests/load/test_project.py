"""The load stage alone: what load() reads of a project, and what it refuses, without validating or building."""
from __future__ import annotations

from generator.load.project import document_name_problem, load

from ..conftest import PNG_4X3, SMALL_PROJECT, write_project


def test_load_reads_data_documents_and_the_files_documents_point_at(tmp_path):
    body = SMALL_PROJECT["content/documents/notitie.md"] + "\n![kaart](kaart.png)\n"
    project = write_project(tmp_path / "p", {"content/documents/notitie.md": body,
                                             "templates/blocks/eigen.html": "x", "templates/.verborgen.html": "x"})
    (project / "content" / "documents" / "kaart.png").write_bytes(PNG_4X3)
    loaded = load(project)
    assert loaded.errors == []
    assert sorted(loaded.data) == ["criteria", "organisation", "requirements", "segments", "tender"]
    assert [d.id for d in loaded.documents] == ["notitie"]
    assert loaded.files == {"content/documents/kaart.png": PNG_4X3}
    assert loaded.templates == frozenset({"blocks/eigen.html"})  # hidden templates are not the project's


def test_load_keeps_every_position(tmp_path):
    loaded = load(write_project(tmp_path / "p", {}))
    segments = loaded.data["segments"]
    assert segments is not None
    position = segments.position(("segments", 1, "name"))
    assert (position.line, position.col) == (11, 11)


def test_hidden_documents_are_not_loaded_and_odd_names_are_refused(tmp_path):
    project = write_project(tmp_path / "p", {"content/documents/.concept.md": SMALL_PROJECT["content/documents/notitie.md"]})
    loaded = load(project)
    assert [d.id for d in loaded.documents] == ["notitie"] and loaded.errors == []
    assert document_name_problem("programma-van-eisen.md", set()) is None
    assert document_name_problem("Notitie.md", {"notitie.md"}) == (
        "de bestandsnaam 'Notitie.md' kan geen webadres en PDF-naam worden: gebruik alleen kleine letters, cijfers "
        "en '-', zoals 'notitie.md' (die naam bestaat al: kies een andere)")
    assert document_name_problem("lpt1.md", set()) == (
        "de bestandsnaam 'lpt1.md' kan op Windows niet bestaan; kies een andere naam, zoals 'lpt1-1.md'")
