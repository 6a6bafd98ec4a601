"""The quick rebuild of `bestek serve` (render/site_update.py): after an edit it renders exactly the site
pages that show what changed, and those pages are byte for byte what a full build writes."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.errors import ContentErrors
from generator.pipeline import build
from generator.render.site_update import prepare, quick
from generator.write.site_copy import copy_site

SECOND = """\
    ---
    title: Bijlage zonder segmenten
    kind: notitie
    version: "1.0"
    status: definitief
    date: 2025-01-10
    ---

    # Achtergrond

    Een tekst die geen segment noemt.

    # Werkwijze

    Nog een alinea.
    """


def pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*.html")}


def edited(tmp_path: Path, project: Path, path: str, old: str, new: str) -> tuple[frozenset[str], dict, dict, Path]:
    """Build in full, edit one file, rebuild quickly and in full: (pages written, the pages before, the full
    build's pages after, the quick site)."""
    build(project, tmp_path / "before", pdf=False)
    state = prepare(project, tmp_path / "before" / "site")
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    done = quick(state, project, tmp_path / "quick" / "site")
    assert done is not None
    copy_site(state.site, tmp_path / "quick" / "site", done[1])
    build(project, tmp_path / "after", pdf=False)
    return frozenset(done[1]), pages(tmp_path / "before" / "site"), pages(tmp_path / "after" / "site"), tmp_path / "quick" / "site"


def changed_pages(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {path for path in after if after[path] != before.get(path)}


@pytest.fixture
def project(make_project):
    return make_project({"content/documents/bijlage.md": SECOND})


def test_a_paragraph_edit_renders_only_that_documents_page(tmp_path, project):
    written, before, after, site = edited(tmp_path, project, "content/documents/bijlage.md", "Nog een alinea.",
                                          "Nog een alinea, nu langer.")
    assert written == {"documenten/bijlage.html"} == changed_pages(before, after)
    assert pages(site) == after  # the other pages are the served ones, unchanged


def test_a_segment_edit_renders_exactly_the_pages_that_show_it(tmp_path, project):
    written, before, after, site = edited(tmp_path, project, "content/segments.yaml", "name: Crisis",
                                          "name: Acute hulp")
    # its page, the segment list, the overview and search pages, the requirements (they name segments), the
    # document that shows the segments, and not the document that does not
    assert written == changed_pages(before, after)
    assert {"segmenten/crisis.html", "segmenten.html", "index.html", "eisen.html", "documenten/notitie.html"} <= \
        written
    assert not written & {"documenten/bijlage.html", "segmenten/wonen.html", "colofon.html"}
    assert pages(site) == after


def test_a_new_title_renders_the_pages_that_name_the_document(tmp_path, project):
    written, before, after, site = edited(tmp_path, project, "content/documents/bijlage.md",
                                          "title: Bijlage zonder segmenten", "title: Bijlage B")
    assert {"documenten/bijlage.html", "index.html", "colofon.html", "zoeken.html"} <= written
    assert changed_pages(before, after) <= written
    assert pages(site) == after


def test_what_it_cannot_place_is_left_to_a_full_build(tmp_path, project):
    build(project, tmp_path / "before", pdf=False)
    state = prepare(project, tmp_path / "before" / "site")
    (project / "content" / "documents" / "derde.md").write_text(SECOND.replace("    ", "").replace(
        "Bijlage zonder segmenten", "Derde"), encoding="utf-8")
    assert quick(state, project, tmp_path / "quick" / "site") is None  # a new document: a new page in every menu
    assert not (tmp_path / "quick").exists()


def test_a_content_error_is_raised_as_the_build_raises_it(tmp_path, project):
    build(project, tmp_path / "before", pdf=False)
    state = prepare(project, tmp_path / "before" / "site")
    notes = project / "content" / "documents" / "notitie.md"
    notes.write_text(notes.read_text(encoding="utf-8").replace("[[segment:crisis]]", "[[segment:crises]]"),
                     encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        quick(state, project, tmp_path / "quick" / "site")
    assert raised.value.messages() == ["content/documents/notitie.md:11:65: onbekend segment 'crises'; bedoelt u "
                                       "'crisis'? (bekend: crisis, wonen)"]


def test_check_of_a_project_without_templates_knows_the_theme_kinds_without_jinja(project):
    """`check` skips the render stage for a project without templates of its own (pipeline.check): the
    document kinds it validates against are the theme's, the same that Jinja lists."""
    from generator.pipeline import theme_document_kinds
    from generator.render.environment import document_kinds, make_environment

    assert theme_document_kinds() == document_kinds(make_environment(project)) != []
