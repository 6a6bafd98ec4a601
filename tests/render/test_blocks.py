"""Blocks: one row each (core/blocks.py), the {{ documenten }} block, and a project's own blocks."""
from __future__ import annotations

import pytest

from generator.cli import main
from generator.core.blocks import BLOCKS
from generator.core.paths import THEME_DIR

from ..conftest import SMALL_PROJECT, write_project
from ..pdftext import pdf_text

NOTE = SMALL_PROJECT["content/documents/notitie.md"]
OWN_BLOCK = """\
    blocks:
      woordenlijst:
        description: de woordenlijst van de aanbesteding
        needs: organisation
        args: [titel]
    """
OWN_TEMPLATE = ('<dl class="woordenlijst"><dt>{{ args.titel }}</dt><dd>{{ project.organisation.name }} koopt in '
                'voor {{ project.organisation.municipalities|length }} gemeenten.</dd></dl>\n')


def test_every_block_has_its_template_in_the_theme():
    assert sorted(BLOCKS) == sorted(p.stem for p in (THEME_DIR / "blocks").glob("*.html"))


def test_the_documents_block_lists_every_document_with_version_and_status(tmp_path, capsys):
    body = NOTE + "\n# Documenten\n\n{{ documenten }}\n"
    project = write_project(tmp_path / "project", {
        "config.yaml": "pdf:\n  enabled: true\n", "content/documents/notitie.md": body,
        "content/documents/bijlage.md": '---\ntitle: Bijlage bij de notitie\nkind: notitie\nversion: "0.3"\n'
                                        "status: concept\ndate: 2025-02-01\n---\n\n# Inhoud\n\nTekst.\n"})
    assert main(["build", "--project", str(project), "--out", str(tmp_path / "uit"), "--quiet"]) == 0
    page = (tmp_path / "uit" / "site" / "documenten" / "notitie.html").read_text(encoding="utf-8")
    assert "<td>Notitie inkoop</td><td>1.0</td><td>definitief</td><td>15 januari 2025</td>" in page
    assert "<td>Bijlage bij de notitie</td><td>0.3</td><td>concept</td><td>1 februari 2025</td>" in page
    text = " ".join(pdf_text(tmp_path / "uit" / "pdf" / "notitie.pdf", project).split())
    assert "Bijlage bij de notitie 0.3 concept 1 februari 2025" in text


def test_a_project_block_is_a_declaration_and_a_template(tmp_path, capsys):
    body = NOTE + '\n# Begrippen\n\n{{ woordenlijst titel="Begrippen" }}\n'
    project = write_project(tmp_path / "project", {"config.yaml": OWN_BLOCK, "content/documents/notitie.md": body,
                                                   "templates/blocks/woordenlijst.html": OWN_TEMPLATE})
    assert main(["check", "--project", str(project)]) == 0
    assert main(["build", "--project", str(project), "--out", str(tmp_path / "uit"), "--quiet"]) == 0
    page = (tmp_path / "uit" / "site" / "documenten" / "notitie.html").read_text(encoding="utf-8")
    assert ('<dl class="woordenlijst"><dt>Begrippen</dt><dd>Regio Testland koopt in voor 2 gemeenten.</dd></dl>'
            in page)


@pytest.mark.parametrize(("files", "message"), [
    ({"config.yaml": OWN_BLOCK}, "config.yaml:2:3: het eigen blok 'woordenlijst' heeft een sjabloon nodig: "
                                 "templates/blocks/woordenlijst.html in het project"),
    ({"config.yaml": "blocks:\n  eisen:\n    description: eigen eisen\n", "templates/blocks/eisen.html": "x"},
     "config.yaml:2:3: 'eisen' is al een blok van Bestek; kies voor een eigen blok een andere naam (bijvoorbeeld "
     "'eisen-eigen')"),
    ({"config.yaml": OWN_BLOCK, "templates/blocks/woordenlijst.html": OWN_TEMPLATE,
      "content/documents/notitie.md": NOTE + '\n{{ woordenlijst kop="x" }}\n'},
     "content/documents/notitie.md:24:1: het blok 'woordenlijst' kent het argument 'kop' niet (toegestaan: titel)"),
    ({"config.yaml": OWN_BLOCK.replace("needs: organisation", "needs: risks"),
      "templates/blocks/woordenlijst.html": OWN_TEMPLATE, "content/documents/notitie.md": NOTE + "\n{{ woordenlijst }}\n"},
     "content/documents/notitie.md:24:1: het blok 'woordenlijst' toont de woordenlijst van de aanbesteding, maar "
     "content/risks.yaml ontbreekt"),
])
def test_mistakes_with_a_project_block(files, message, tmp_path, capsys):
    project = write_project(tmp_path / "project", files)
    assert main(["check", "--project", str(project)]) == 1
    assert capsys.readouterr().err == f"{message}\n1 fout gevonden.\n"
