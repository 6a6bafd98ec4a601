"""vertrouwelijk/ is read by `bestek gunning` only (load/confidential.py): the public stages refuse every way a
document, an image or a template could pull it in, content/vertrouwelijk/ is an error, and an output folder inside
vertrouwelijk/ is refused (issue 16)."""
from __future__ import annotations

import os
import textwrap

import pytest

from generator.core.errors import ContentErrors, UsageError
from generator.load.confidential import load_evaluation
from generator.pipeline import build, check
from tests.conftest import SMALL_PROJECT, write_project

NOTE = "content/documents/notitie.md"


def messages(project) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        check(project)
    return caught.value.messages()


@pytest.fixture
def project(tmp_path):
    root = write_project(tmp_path / "project", {})
    (root / "vertrouwelijk").mkdir()
    (root / "vertrouwelijk" / "notities.pdf").write_bytes(b"%PDF-1.4 geheim")
    (root / "vertrouwelijk" / "logo.png").write_bytes(b"\x89PNG geheim")
    return root


def test_a_document_cannot_link_or_show_a_file_of_vertrouwelijk(project):
    body = SMALL_PROJECT[NOTE].replace("# Segmenten", "Zie [de notities](../../vertrouwelijk/notities.pdf) en "
                                                      "![logo](afbeeldingen/logo.png).\n\n        # Segmenten")
    (project / NOTE).write_text(textwrap.dedent(body), encoding="utf-8")
    (project / "content" / "documents" / "afbeeldingen").mkdir()
    os.symlink("../../../vertrouwelijk/logo.png", project / "content" / "documents" / "afbeeldingen" / "logo.png")
    assert messages(project) == [
        "content/documents/notitie.md:14:5: de bijlage '../../vertrouwelijk/notities.pdf' ligt in vertrouwelijk/, de "
        "vertrouwelijke beoordeling; daaruit komt nooit iets op de website, in een PDF of in het pakket: zet een "
        "bestand dat gepubliceerd mag worden in content/",
        "content/documents/notitie.md:14:56: de afbeelding 'afbeeldingen/logo.png' is een snelkoppeling (symlink) naar "
        "vertrouwelijk/, de vertrouwelijke beoordeling; daaruit komt nooit iets op de website, in een PDF of in het "
        "pakket: zet een bestand dat gepubliceerd mag worden in content/"]


def test_vertrouwelijk_under_content_is_refused(project):
    (project / "content" / "vertrouwelijk").mkdir()
    (project / "content" / "documents" / "vertrouwelijk").mkdir()
    assert messages(project) == [
        "content/documents/vertrouwelijk/:1:1: een map vertrouwelijk/ hoort niet in content/: alles daarin kan in de "
        "documenten terechtkomen; zet de vertrouwelijke beoordeling in vertrouwelijk/ naast content/ (docs/award.md)",
        "content/vertrouwelijk/:1:1: een map vertrouwelijk/ hoort niet in content/: alles daarin kan in de documenten "
        "terechtkomen; zet de vertrouwelijke beoordeling in vertrouwelijk/ naast content/ (docs/award.md)"]


def test_a_template_from_vertrouwelijk_is_refused(project):
    (project / "templates" / "blocks").mkdir(parents=True)
    (project / "vertrouwelijk" / "segmenten.html").write_text("{{ project }}", encoding="utf-8")
    os.symlink("../../vertrouwelijk/segmenten.html", project / "templates" / "blocks" / "segmenten.html")
    assert messages(project) == [
        "templates/blocks/segmenten.html:1:1: het sjabloon ligt in vertrouwelijk/ (of is een snelkoppeling (symlink) "
        "daarheen), de vertrouwelijke beoordeling; daaruit komt nooit iets op de website of in een PDF"]


def test_an_output_folder_inside_vertrouwelijk_is_refused(project):
    with pytest.raises(UsageError) as caught:
        build(project, project / "vertrouwelijk" / "site")
    assert str(caught.value) == (
        f"de uitvoermap '{project / 'vertrouwelijk' / 'site'}' ligt in vertrouwelijk/ van het project, dat Bestek als "
        "invoer leest; kies met --out een map buiten vertrouwelijk/ (standaard: build/ in de projectmap)")
    assert sorted(p.name for p in (project / "vertrouwelijk").iterdir()) == ["logo.png", "notities.pdf"]


def test_the_evaluation_folder_may_not_be_a_symlink(project, tmp_path):
    elsewhere = tmp_path / "elders"
    (project / "vertrouwelijk").rename(elsewhere)
    os.symlink(elsewhere, project / "vertrouwelijk")
    loaded = load_evaluation(project, project / "build")
    assert loaded.document is None and [str(e) for e in loaded.errors] == [
        "vertrouwelijk/beoordeling.yaml:1:1: vertrouwelijk/ is een snelkoppeling (symlink); zet de map met de "
        "beoordeling zelf in het project, naast content/, zodat Bestek weet dat zij niet in de uitvoer of elders "
        "terechtkomt"]


def test_the_evaluation_file_may_not_lead_out_of_its_folder(project):
    os.symlink("../content/segments.yaml", project / "vertrouwelijk" / "beoordeling.yaml")
    loaded = load_evaluation(project, project / "build")
    assert [str(e) for e in loaded.errors] == [
        "vertrouwelijk/beoordeling.yaml:1:1: het bestand is een snelkoppeling (symlink) naar een plek buiten "
        "het project; Bestek leest alleen bestanden binnen het project: zet het bestand zelf in het project in "
        "plaats van de snelkoppeling"]
