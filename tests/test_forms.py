"""Forms bidders fill in (content/formulieren.yaml, {{ formulier id="..." }}): their mistakes with positions, and
the read-only form of the site with its link to the PDF (the PDF's fillable fields: tests/test_forms_pdf.py)."""
from __future__ import annotations

import re

import pytest

from generator.core.errors import ContentErrors
from generator.pipeline import build

from .conftest import write_project
from .sitecheck import parse_page

FORMS = """\
    forms:
      - id: inschrijving
        title: Inschrijfformulier
        intro: Vul **alle** velden in.
        fields:
          - {id: naam, label: Statutaire naam, kind: tekst, required: true, help: Zoals in het Handelsregister.}
          - {id: toelichting, label: Toelichting, kind: tekst, lines: 4}
          - {id: akkoord, label: Akkoord met de voorwaarden, kind: ja-nee, required: true}
          - {id: datum, label: Datum van ondertekening, kind: datum}
          - {id: tarief, label: Uurtarief, kind: bedrag}
          - {id: domein, label: Domein, kind: keuze, options: [Jeugd, Wmo, Beide]}
    """

NOTE = """\
    ---
    title: Notitie inkoop
    kind: notitie
    version: "1.0"
    status: definitief
    date: 2025-01-15
    ---

    # Inschrijven

    {{ formulier id="inschrijving" }}
    """


def errors_of(project) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        build(project, project / "build")
    return caught.value.messages()


def test_form_mistakes_are_reported_at_their_place(make_project):
    broken = FORMS.replace("kind: bedrag", "kind: getal").replace(", options: [Jeugd, Wmo, Beide]", "") \
        .replace("id: datum,", "id: naam,")
    project = make_project({"content/formulieren.yaml": broken, "content/documents/notitie.md": NOTE})
    assert errors_of(project) == [
        "content/formulieren.yaml:10:46: 'kind' heeft de ongeldige waarde 'getal' (toegestaan: tekst, ja-nee, datum, "
        "bedrag, keuze)"]
    project = make_project({"content/formulieren.yaml": FORMS.replace(", options: [Jeugd, Wmo, Beide]", "")
                            .replace("id: datum,", "id: naam,"), "content/documents/notitie.md": NOTE})
    assert errors_of(project) == [
        "content/formulieren.yaml:9:14: dubbel id 'naam': formulier 'inschrijving' heeft al een veld met dit id "
        "(regel 6); geef dit veld een ander id",
        "content/formulieren.yaml:11:43: het veld 'domein' is een keuze, maar noemt geen keuzes; zet ze onder "
        "'options', zoals options: [Jeugd, Wmo]"]


def test_options_and_lines_belong_to_their_kinds(make_project):
    wrong = FORMS.replace("kind: ja-nee,", "kind: ja-nee, options: [Ja, Nee],").replace("kind: datum", "kind: datum, "
                                                                                        "lines: 2")
    project = make_project({"content/formulieren.yaml": wrong, "content/documents/notitie.md": NOTE})
    assert errors_of(project) == [
        "content/formulieren.yaml:8:81: 'options' hoort bij een veld met kind: keuze, maar 'akkoord' is een veld "
        "van kind ja-nee; haal 'options' weg of zet kind: keuze",
        "content/formulieren.yaml:9:73: 'lines' (de schrijfruimte in regels) hoort bij een veld met kind: tekst, maar "
        "'datum' is een veld van kind datum; haal 'lines' weg"]


def test_the_block_names_a_form_that_exists(make_project, tmp_path):
    project = make_project({"content/formulieren.yaml": FORMS,
                            "content/documents/notitie.md": NOTE.replace('id="inschrijving"', 'id="inschrijven"')})
    assert errors_of(project) == [
        "content/documents/notitie.md:11:1: onbekend formulier 'inschrijven'; bedoelt u 'inschrijving'? "
        "(bekend: inschrijving)"]
    project = write_project(tmp_path / "without", {"content/documents/notitie.md": NOTE})
    assert errors_of(project) == [
        "content/documents/notitie.md:11:1: het blok 'formulier' toont een formulier dat inschrijvers invullen, maar "
        "content/formulieren.yaml ontbreekt"]


def test_the_site_shows_the_form_read_only_with_a_link_to_the_pdf(make_project, tmp_path):
    project = make_project({"content/formulieren.yaml": FORMS, "content/documents/notitie.md": NOTE})
    build(project, tmp_path / "out", pdf=True)
    page = tmp_path / "out" / "site" / "documenten" / "notitie.html"
    html = page.read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", " ".join(parse_page(page).text))
    assert ("Inschrijfformulier Vraag In te vullen Statutaire naam (verplicht) Zoals in het Handelsregister. tekst "
            "Toelichting tekst Akkoord met de voorwaarden (verplicht) kruis ja of nee aan Datum van ondertekening "
            "datum (dd-mm-jjjj) Uurtarief bedrag in euro Domein kruis één keuze aan: Jeugd, Wmo, Beide") in text
    block = html[html.index('<div class="block block-formulier"'):html.index("</article>")]
    assert not re.search(r"<(input|textarea|select|form|button)\b", block)
    assert '<a href="../pdf/notitie.pdf">PDF van dit document</a>' in html
    assert (tmp_path / "out" / "site" / "pdf" / "notitie.pdf").is_file()


def test_without_pdfs_the_site_form_links_nowhere(make_project, tmp_path):
    project = make_project({"content/formulieren.yaml": FORMS, "content/documents/notitie.md": NOTE})
    build(project, tmp_path / "out", pdf=False)
    html = (tmp_path / "out" / "site" / "documenten" / "notitie.html").read_text(encoding="utf-8")
    assert "Dit formulier vult u in in de PDF van dit document" in html
    assert "../pdf/notitie.pdf" not in html
