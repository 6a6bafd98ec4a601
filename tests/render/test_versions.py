"""The documents, the site and the package show the versions (issue 15, items 5 and 6): the cover and the
footer say which published version a document replaces, the {{ wijzigingen-versie }} block lists what changed,
each published document has a history page with its released PDFs and a redline, and the documentenlijst
lists the superseded versions. Read from the real PDFs and pages of a project released with `bestek release`."""
from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import textwrap
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup
from pypdf import PdfReader

from generator.core.text import file_size
from generator.pipeline import build, release
from generator.render.site_history import redline

from ..conftest import NOTICE_ORGANISATION, NOTICE_TENDER, write_project
from ..pdftext import normalise, pdf_text
from ..sitecheck import broken_links
from ..test_rules import tender

LEIDRAAD = "content/documents/leidraad.md"
TOELICHTING = "content/documents/toelichting.md"
FILES = {
    "config.yaml": "pdf:\n  enabled: true\n",
    "content/tender.yaml": 'version: "1.0"\n' + NOTICE_TENDER + tender(),
    "content/organisation.yaml": NOTICE_ORGANISATION,
    "content/documents/notitie.md": None,
    LEIDRAAD: """\
        ---
        title: Aanbestedingsleidraad
        kind: aanbestedingsleidraad
        version: "1.0"
        status: definitief
        date: 2025-02-15
        ---

        # Procedure

        Inschrijvers dienen één inschrijving in per perceel.

        {{ contract }}

        # Planning

        {{ planning }}

        # Eisen

        {{ eisen }}

        # Gunning

        De regio gunt op de beste prijs-kwaliteitverhouding.

        {{ gunningscriteria }}

        # Wijzigingen ten opzichte van de vorige versie {bijlage}

        {{ wijzigingen-versie }}
        """,
    TOELICHTING: """\
        ---
        title: Toelichting op de leidraad
        kind: notitie
        version: "1.0"
        status: definitief
        date: 2025-02-15
        ---

        # Wat er in de leidraad veranderde

        {{ wijzigingen-versie document="leidraad" }}

        # Deze toelichting

        {{ wijzigingen-versie }}
        """,
}
QUESTIONS = """\
    rounds:
      - id: ronde-1
        date: 2025-03-20
        questions:
          - id: v-inschrijving
            document: leidraad
            section: procedure
            question: Mag een inschrijver meer dan één inschrijving per perceel indienen?
            answer: Nee; de leidraad zegt het nu duidelijker.
            amendment: Paragraaf 1 zegt nu dat een inschrijver per perceel ten hoogste één inschrijving indient.
            changes: [{document: leidraad, section: procedure}]
    """
CHANGES = """\
    changes:
      - document: leidraad
        section: gunning
        reason: De wettelijke grondslag is toegevoegd.
      - document: leidraad
        section: eisen
        reason: De eis VOG is aangescherpt.
    motivations:
      - about: eis:eis-vog
        motivation: Een recente VOG is in de branche gebruikelijk; dat trekt geen andere inschrijvers aan.
    """
REPLACES = "vervangt versie 1.0 (na Nota van Inlichtingen, ronde 1)"


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def version_1_1(project: Path) -> None:
    """After the Nota van Inlichtingen: two sections of the leidraad and a requirement it shows changed, each
    accounted for (a question, wijzigingen.yaml); the leidraad and the package become 1.1."""
    edit(project, LEIDRAAD, "Inschrijvers dienen één inschrijving in per perceel.",
         "Een inschrijver dient per perceel ten hoogste één inschrijving in.")
    edit(project, LEIDRAAD, "beste prijs-kwaliteitverhouding.", "beste prijs-kwaliteitverhouding (artikel 2.11 "
                                                                "Jeugdwet).")
    edit(project, LEIDRAAD, 'version: "1.0"', 'version: "1.1"')
    edit(project, LEIDRAAD, "date: 2025-02-15", "date: 2025-03-27")
    edit(project, "content/requirements.yaml", "heeft een VOG.", "heeft een VOG van ten hoogste drie jaar oud.")
    edit(project, "content/tender.yaml", 'version: "1.0"', 'version: "1.1"')
    (project / "content" / "questions.yaml").write_text(textwrap.dedent(QUESTIONS), encoding="utf-8")
    (project / "content" / "wijzigingen.yaml").write_text(textwrap.dedent(CHANGES), encoding="utf-8")


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    """The project released as 1.0 and then changed into 1.1, not yet released (made once: releases render
    PDFs)."""
    project = write_project(tmp_path_factory.mktemp("versions") / "project", FILES)
    release(project)
    version_1_1(project)
    return project


@pytest.fixture(scope="module")
def out(released, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert build(released, out).warnings == ()
    return out


class _Marks(HTMLParser):
    """The text of a page (hidden words included) and the visible text of each <ins> and <del>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.marks: list[tuple[str, str, str]] = []  # (tag, visible text, hidden text)
        self._open: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ins", "del"):
            self._open.append(tag)
            self.marks.append((tag, "", ""))
        if tag == "span":
            self._hidden = self._hidden * 2 + ("visually-hidden" in (dict(attrs).get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ins", "del"):
            self._open.pop()
        if tag == "span":
            self._hidden //= 2

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open:
            tag, visible, hidden = self.marks[-1]
            self.marks[-1] = (tag, visible, normalise(hidden + data)) if self._hidden % 2 else \
                (tag, visible + data, hidden)


#: the self-link next to every heading of a page ("# Link naar kop ..."), left out of a page's text
HEADING_LINK = re.compile(r'<a class="heading-link".*?</a>', re.DOTALL)


def read(page: Path) -> _Marks:
    """The main content of a site page, without the headings' self-links."""
    html = page.read_text(encoding="utf-8")
    parsed = _Marks()
    parsed.feed(HEADING_LINK.sub("", html[html.index("<main"):html.index("</main>")]))
    return parsed


def page_text(page: Path) -> str:
    return normalise(" ".join(read(page).text))


def pdf_pages(path: Path) -> list[str]:
    return [normalise(page.extract_text()) for page in PdfReader(path).pages]



def old_and_new(redline_html: str) -> tuple[str, str]:
    """The old text (without what was inserted) and the new text (without what was removed) a redline shows."""
    shown = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", str(redline_html))

    def without(tag: str) -> str:
        return normalise(unescape(re.sub(r"<[^>]+>", "", re.sub(rf"<{tag}>.*?</{tag}>", "", shown, flags=re.DOTALL))))
    return without("ins"), without("del")


def marks(html: Markup) -> list[tuple[str, str, str]]:
    parsed = _Marks()
    parsed.feed(str(html))
    return parsed.marks


def test_redline_marks_removed_and_added_words_with_words_for_screen_readers():
    html = redline("De regio koopt twee segmenten in.", "De regio koopt vanaf 2026 drie segmenten in.")
    assert marks(html) == [("del", "twee", "verwijderd: (einde verwijderd)"),
                           ("ins", "vanaf 2026 drie", "ingevoegd: (einde ingevoegd)")]
    assert old_and_new(html) == ("De regio koopt twee segmenten in.", "De regio koopt vanaf 2026 drie segmenten in.")


def test_redline_of_a_new_and_a_removed_section_and_of_white_space_alone():
    assert marks(redline("", "Nieuwe tekst.")) == [("ins", "Nieuwe tekst.", "ingevoegd: (einde ingevoegd)")]
    assert marks(redline("Oude tekst.", "")) == [("del", "Oude tekst.", "verwijderd: (einde verwijderd)")]
    assert redline("Een\nregel  tekst.", "Een regel\ntekst.") == "Een regel\ntekst."


def test_redline_is_escaped_text_never_html():
    """The old text comes from release.json, which nothing but its shape protects: markup in it stays text."""
    html = redline("Zie <script>alert(1)</script> & meer.", "Zie <b>dit</b> & meer.")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;dit&lt;/b&gt;" in html and "&amp;" in html
    assert old_and_new(html) == ("Zie <script>alert(1)</script> & meer.", "Zie <b>dit</b> & meer.")



def test_a_first_version_says_so_and_has_no_history_page(tmp_path):
    project = write_project(tmp_path / "project", {**FILES, "config.yaml": "pdf:\n  enabled: false\n"})
    build(project, tmp_path / "out")
    site = tmp_path / "out" / "site"
    text = page_text(site / "documenten" / "leidraad.html")
    assert "Versie 1.0 · definitief · 15 februari 2025" in text and "vervangt" not in text
    assert "Dit is de eerste versie van Aanbestedingsleidraad; er is geen eerdere versie gepubliceerd." in text
    assert "Versies en wijzigingen" not in text
    assert not (site / "documenten" / "leidraad").exists() and not (site / "versies").exists()



def test_the_cover_and_every_footer_say_which_version_is_replaced(released, out):
    pages = pdf_pages(out / "pdf" / "leidraad.pdf")
    assert f"1.1 — {REPLACES}" in pages[0]  # the cover's version
    assert all(f"Versie 1.1 — {REPLACES} pagina {n} van {len(pages)}" in page
               for n, page in enumerate(pages[1:], start=2))
    unchanged = pdf_pages(out / "pdf" / "toelichting.pdf")
    assert "vervangt" not in unchanged[0]
    assert all(page.endswith(f"Versie 1.0 pagina {n} van {len(unchanged)}")
               for n, page in enumerate(unchanged[1:], start=2))


def test_the_change_list_names_each_changed_section_what_changed_and_its_source(released, out):
    text = pdf_text(out / "pdf" / "leidraad.pdf", released)
    appendix = text[text.index("Bijlage 1 Wijzigingen ten opzichte van de vorige versie Versie 1.1 van"):]
    assert f"Versie 1.1 van Aanbestedingsleidraad {REPLACES}." in appendix
    assert "Wijzigingen ten opzichte van versie 1.0 Paragraaf Wijziging Bron" in appendix
    rows = re.findall(r"(\d) (Procedure|Eisen|Gunning), pagina (\d+) (.+?) (vraag 1\.1|De [^.]+\.)", appendix)
    assert [(number, title, what, source) for number, title, _, what, source in rows] == [
        ("1", "Procedure", "tekst gewijzigd", "vraag 1.1"),
        ("3", "Eisen", "eis eis-vog: tekst gewijzigd ('Iedere medewerker heeft een VOG.' -> 'Iedere medewerker "
                       "heeft een VOG van ten hoogste drie jaar oud.')", "De eis VOG is aangescherpt."),
        ("4", "Gunning", "tekst gewijzigd", "De wettelijke grondslag is toegevoegd.")]
    pages = pdf_pages(out / "pdf" / "leidraad.pdf")
    for number, title, page, _, _ in rows:  # each with the page its heading is on
        assert f"{number} {title}" in pages[int(page) - 1]  # a short chapter runs on after the text before it


def test_the_block_shows_another_documents_changes_and_a_first_version(released, out):
    page = out / "site" / "documenten" / "toelichting.html"
    text = page_text(page)
    assert f"Versie 1.1 van Aanbestedingsleidraad {REPLACES}." in text
    assert "Dit is de eerste versie van Toelichting op de leidraad; er is geen eerdere versie gepubliceerd." in text
    html = page.read_text(encoding="utf-8")
    assert '<a href="../documenten/leidraad.html#procedure">1 Procedure</a>' in html



def test_the_document_page_says_what_it_replaces_and_links_its_history(out):
    page = out / "site" / "documenten" / "leidraad.html"
    assert f"Versie 1.1 — {REPLACES} · definitief · 27 maart 2025" in page_text(page)
    assert '<a href="../documenten/leidraad/versies.html">Versies en wijzigingen</a>' in page.read_text("utf-8")


def test_the_history_page_lists_every_version_with_its_checksum_and_pdf(released, out):
    site = out / "site"
    page = site / "documenten" / "leidraad" / "versies.html"
    published = (released / "releases" / "1.0" / "leidraad.pdf").read_bytes()
    digest = hashlib.sha256(published).hexdigest()
    rows = re.findall(r"<tr[^>]*><th scope=\"row\">(.*?)</tr>", page.read_text(encoding="utf-8"))
    cells = [normalise(re.sub(r"<[^>]+>", " ", row)) for row in rows]
    assert cells == [
        f"1.0 15 februari 2025 definitief vervallen 1.0, 15 februari 2025 {digest} PDF van versie 1.0 "
        f"({file_size(len(published))})",
        "1.1 27 maart 2025 definitief geldend nog niet vastgelegd – "
        f"PDF van versie 1.1 ({file_size((site / 'pdf' / 'leidraad.pdf').stat().st_size)})"]
    assert '<a href="../../versies/1.0/leidraad.pdf" download>' in page.read_text(encoding="utf-8")
    assert (site / "versies" / "1.0" / "leidraad.pdf").read_bytes() == published  # as published, byte for byte
    assert f"Deze website toont versie 1.1; die {REPLACES}." in page_text(page)


def test_the_redline_shows_old_and_new_text_per_changed_section(out):
    page = out / "site" / "documenten" / "leidraad" / "versies.html"
    text = page_text(page)
    assert "Wijzigingen ten opzichte van versie 1.0" in text
    assert "Legenda: ingevoegde tekst is onderstreept, verwijderde tekst is doorgestreept." in text
    assert "1 Procedure Gewijzigd tekst gewijzigd Bron vraag 1.1" in text
    assert "4 Gunning Gewijzigd tekst gewijzigd Bron De wettelijke grondslag is toegevoegd." in text
    assert "De tekst van deze paragraaf is niet gewijzigd; wel de gegevens die zij toont" in text  # 3 Eisen
    found = read(page).marks
    assert found[:2] == [("ins", "ingevoegde tekst", ""), ("del", "verwijderde tekst", "")]  # the legend
    assert [(tag, visible) for tag, visible, _ in found[2:]] == [
        ("del", "Inschrijvers dienen"), ("ins", "Een inschrijver dient per perceel ten hoogste"),  # één inschrijving
        ("del", "in per perceel."), ("ins", "in."),
        ("del", "prijs-kwaliteitverhouding."), ("ins", "prijs-kwaliteitverhouding (artikel 2.11 Jeugdwet).")]
    assert {hidden for _, _, hidden in found[2:]} == {"verwijderd: (einde verwijderd)", "ingevoegd: (einde ingevoegd)"}
    redlines = re.findall(r'<div class="redline"[^>]*>(.*?)</div>', page.read_text(encoding="utf-8"), re.DOTALL)
    assert [old_and_new(r) for r in redlines] == [
        ("Inschrijvers dienen één inschrijving in per perceel. {{ contract }}",
         "Een inschrijver dient per perceel ten hoogste één inschrijving in. {{ contract }}"),
        ("De regio gunt op de beste prijs-kwaliteitverhouding. {{ gunningscriteria }}",
         "De regio gunt op de beste prijs-kwaliteitverhouding (artikel 2.11 Jeugdwet). {{ gunningscriteria }}")]
    html = page.read_text(encoding="utf-8")
    assert '<a href="../leidraad.html#procedure">1 Procedure</a>' in html


def test_every_link_of_the_history_pages_resolves(out):
    """The released PDFs are in the site where the pages link them, and every section link finds its heading
    (axe and the Nu Html Checker see these pages in the default project: tests/test_site_quality.py)."""
    assert broken_links(out / "site") == []


def test_an_unchanged_document_lists_its_one_version_as_current(out):
    text = page_text(out / "site" / "documenten" / "toelichting" / "versies.html")
    assert "1.0 15 februari 2025 definitief geldend 1.0, 15 februari 2025" in text
    assert "vervallen 1.0" not in text and "Wijzigingen ten opzichte van" not in text



@pytest.fixture(scope="module")
def released_twice(released, tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("twice") / "project"
    shutil.copytree(released, project, ignore=shutil.ignore_patterns("build"))
    release(project)
    return project


def test_a_released_version_keeps_what_it_replaced(released_twice, tmp_path):
    build(released_twice, tmp_path / "out", pdf=False)
    page = tmp_path / "out" / "site" / "documenten" / "leidraad" / "versies.html"
    text = page_text(page)
    digest = hashlib.sha256((released_twice / "releases" / "1.1" / "leidraad.pdf").read_bytes()).hexdigest()
    assert "1.0 15 februari 2025 definitief vervallen 1.0, 15 februari 2025" in text
    assert "1.1 27 maart 2025 definitief geldend 1.1, " in text and digest in text
    assert "1 Procedure Gewijzigd tekst gewijzigd Bron vraag 1.1" in text  # as release 1.1 recorded it
    assert '<a href="../../versies/1.1/leidraad.pdf" download>' in page.read_text(encoding="utf-8")
    leidraad = tmp_path / "out" / "site" / "documenten" / "leidraad.html"
    assert f"Versie 1.1 — {REPLACES}" in page_text(leidraad)


def test_the_documentenlijst_lists_current_and_superseded_versions(released_twice, tmp_path):
    result = build(released_twice, tmp_path / "out", package=True)
    assert result.package is not None
    archive = zipfile.ZipFile(result.package)
    assert "Aanbestedingsdocumenten/leidraad.pdf" in archive.namelist()
    assert not any("releases" in name or "versies" in name for name in archive.namelist())  # listed, not packed
    old = hashlib.sha256((released_twice / "releases" / "1.0" / "leidraad.pdf").read_bytes()).hexdigest()
    current = hashlib.sha256(archive.read("Aanbestedingsdocumenten/leidraad.pdf")).hexdigest()
    text = normalise(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(archive.read("documentenlijst.pdf")))
                              .pages))
    assert "Aanbestedingsleidraad 1.1 27 maart 2025 definitief" in text
    assert "Vervallen versies" in text
    assert "Aanbestedingsleidraad 1.0 15 februari 2025 definitief, vervallen release 1.0 (" in text
    flat = text.replace(" ", "")
    assert current in flat and old in flat
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["superseded"] == [{
        "title": "Aanbestedingsleidraad", "kind": "aanbestedingsleidraad", "version": "1.0", "date": "2025-02-15",
        "status": "definitief", "release": "1.0", "release_date": manifest["superseded"][0]["release_date"],
        "pdf": "releases/1.0/leidraad.pdf", "sha256": old}]
