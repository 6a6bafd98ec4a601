"""Images, attachments and links in documents work in the real site and PDF; nothing unsafe gets through
the renderer even when it is handed content the load stage would refuse; heading ids never take an id
of the page itself."""
from __future__ import annotations

import dataclasses
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.core.headings import RESERVED_PREFIXES
from generator.pipeline import build, check
from generator.render.body import BodyRenderer
from generator.render.environment import THEME_DIR, make_environment, render_documents
from generator.render.fields import markdown_filter

from .conftest import PNG_4X3
from .sitecheck import broken_links, parse_page

DIAGRAM_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="40">
  <defs><linearGradient id="verloop"><stop offset="0" stop-color="#123456"/></linearGradient></defs>
  <rect width="200" height="40" style="fill: url(#verloop)"/>
  <image width="4" height="3" xlink:href="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAFElEQVR4nGMUMgljgAEmBiSAwgEAFuQAoqaZIAYAAAAASUVORK5CYII="/>
  <text x="10" y="25" font-family="Open Sans" font-size="14">Zorgketen in beeld</text>
</svg>
"""

DOCUMENT = """\
    ---
    title: Notitie inkoop
    kind: notitie
    version: "1.0"
    status: definitief
    date: 2025-01-15
    ---

    # Inleiding

    ![Kaart van de regio](afbeeldingen/kaart.png)

    ![Ketenschema](../../assets/schema.svg)

    Zie de [lijst van aanbieders](bijlagen/aanbieders.pdf#page=2), de [tweede notitie](tweede.md#kop)
    en [de website](https://example.nl/inkoop).
    """
SECOND = '---\ntitle: Tweede notitie\nkind: notitie\nversion: "1"\nstatus: concept\ndate: 2025-02-01\n---\n\n# Kop\n'


@pytest.fixture
def with_files(make_project) -> Path:
    project = make_project({"config.yaml": "pdf:\n  enabled: true\n", "content/documents/notitie.md": DOCUMENT,
                            "content/documents/tweede.md": SECOND, "assets/schema.svg": DIAGRAM_SVG})
    (project / "content" / "documents" / "afbeeldingen").mkdir()
    (project / "content" / "documents" / "afbeeldingen" / "kaart.png").write_bytes(PNG_4X3)
    (project / "content" / "documents" / "bijlagen").mkdir()
    (project / "content" / "documents" / "bijlagen" / "aanbieders.pdf").write_bytes(b"%PDF-1.4 aanbieders\n")
    return project


def test_images_and_attachments_work_in_the_site(with_files, tmp_path):
    result = build(with_files, tmp_path / "uit")
    assert result.warnings == ()
    site = tmp_path / "uit" / "site"
    page = parse_page(site / "documenten" / "notitie.html")
    assert [link for link in page.links if "bestanden" in link or "documenten/" in link] == [
        "../bestanden/content/documents/afbeeldingen/kaart.png",
        "../bestanden/assets/schema.svg",
        "../bestanden/content/documents/bijlagen/aanbieders.pdf#page=2",
        "../documenten/tweede.html#kop",
    ]
    assert "https://example.nl/inkoop" in page.links
    html = (site / "documenten" / "notitie.html").read_text(encoding="utf-8")
    assert '<img src="../bestanden/content/documents/afbeeldingen/kaart.png" alt="Kaart van de regio" />' in html
    files = sorted(p.relative_to(site / "bestanden").as_posix() for p in (site / "bestanden").rglob("*") if p.is_file())
    assert files == ["assets/schema.svg", "content/documents/afbeeldingen/kaart.png",
                     "content/documents/bijlagen/aanbieders.pdf"]
    assert (site / "bestanden/content/documents/afbeeldingen/kaart.png").read_bytes() == PNG_4X3
    assert broken_links(site) == []


def test_images_are_drawn_in_the_pdf(with_files, tmp_path):
    build(with_files, tmp_path / "uit")
    reader = PdfReader(tmp_path / "uit" / "pdf" / "notitie.pdf")
    body = next(page for page in reader.pages if "Zorgketen in beeld" in page.extract_text())  # the SVG's text
    pixels = sorted({image.image.size for image in body.images})
    assert pixels == [(4, 3)]  # the PNG (the SVG's embedded PNG is drawn as part of the SVG)
    assert any(image.image.getpixel((0, 0))[:3] == (0x12, 0x34, 0x56) for image in body.images)
    text = re.sub(r"\s+", " ", body.extract_text())
    assert "Ketenschema" not in text  # the alt text, shown only when an image fails
    assert "Zie de lijst van aanbieders (bijlage: aanbieders.pdf), de tweede notitie en de website." in text
    links = [annotation.get_object()["/A"].get("/URI") for annotation in body.get("/Annots", [])]
    assert "https://example.nl/inkoop" in links
    assert not [link for link in links if link and link.startswith("file:")]


def test_builds_with_images_are_byte_identical_wherever_the_project_is(with_files, tmp_path):
    """The PDF asks for project files by their path in the project, not on disk: moving the project
    changes no byte of the output."""
    (with_files / "config.yaml").write_text("pdf:\n  enabled: true\ntheme:\n  logo: assets/schema.svg\n",
                                            encoding="utf-8")
    moved = tmp_path / "elders" / "project"
    shutil.copytree(with_files, moved)
    build(with_files, tmp_path / "een")
    build(moved, tmp_path / "twee")
    first = {p.relative_to(tmp_path / "een"): p.read_bytes() for p in (tmp_path / "een").rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "twee"): p.read_bytes() for p in (tmp_path / "twee").rglob("*") if p.is_file()}
    assert Path("site/assets/schema.svg") in first
    # the build record is Bestek's state, not output: its signature binds the project folder on purpose
    # (a record copied along with a project is not trusted there)
    assert first.pop(Path(".bestek-record.json")) != second.pop(Path(".bestek-record.json"))
    assert first == second


def test_the_renderer_never_outputs_raw_html(make_project):
    """Defence in depth: a body the load stage would refuse still renders its HTML as text."""
    project, _ = check(make_project())
    hostile = dataclasses.replace(project.documents[0], body='<script>alert(1)</script>\n\n'
                                  'Tekst <img src=x onerror="alert(1)"> en [klik](javascript:alert(1)).\n',
                                  sections=())
    project = dataclasses.replace(project, documents=(hostile,))
    html = str(BodyRenderer(make_environment(Path(".")), project).render(hostile, "site", "../").html)
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[klik](javascript:alert(1))" in html


def test_markdown_in_yaml_fields_renders_only_web_links():
    """What a project template renders with |md can hold no HTML, image or link to a file."""
    render = markdown_filter()
    html = str(render("Zie [site](https://example.nl), [mail](mailto:a@example.nl), [anker](#kop), "
                      "![foto](foto.png), [bijlage](lijst.pdf), [js](javascript:x) en <b>vet</b>."))
    assert html == ('<p>Zie <a href="https://example.nl">site</a>, <a href="mailto:a@example.nl">mail</a>, '
                    '<a href="#kop">anker</a>, ![foto](foto.png), [bijlage](lijst.pdf), [js](javascript:x) en '
                    '&lt;b&gt;vet&lt;/b&gt;.</p>\n')


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.headings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        value = dict(attrs).get("id")
        if value:
            self.ids[value] += 1
            if re.fullmatch(r"h[2-6]", tag):
                self.headings.append(value)


def test_heading_ids_never_take_the_pages_own_ids(make_project, tmp_path):
    """Headings named like the ids of the page's chrome and of blocks get ids of their own."""
    names = ["Site main", "Toc title", "Segment crisis", "Eis eis-vog", "Criterium g1", "Mijlpaal publicatie",
             "Site document title", "Fn1"]
    body = "\n\n".join(f"# {name}" for name in names) + "\n\nTekst met een voetnoot.[^1]\n\n[^1]: De voetnoot."
    project = make_project({"content/documents/notitie.md": f"""\
---
title: Notitie
kind: notitie
version: "1.0"
status: concept
date: 2025-01-15
---

{body}

{{{{ segment-details }}}}

{{{{ eisen }}}}

{{{{ gunningscriteria }}}}

{{{{ planning }}}}
"""})
    build(project, tmp_path / "uit")
    model, _ = check(project)
    pdf_html = render_documents(model, make_environment(project))[0].pdf_html
    site_html = (tmp_path / "uit" / "site" / "documenten" / "notitie.html").read_text(encoding="utf-8")
    for html, own in ((site_html, {"site-main", "site-document-title", "fn1", "fnref1"}), (pdf_html, {"toc-title"})):
        parser = _Ids()
        parser.feed(html)
        assert [name for name, count in parser.ids.items() if count > 1] == []
        assert [i for i in parser.headings if i.startswith("h-")] == [
            "h-site-main", "h-toc-title", "h-segment-crisis", "h-eis-eis-vog", "h-criterium-g1",
            "h-mijlpaal-publicatie", "h-site-document-title", "h-fn1"]
        assert own | {"segment-crisis", "eis-eis-vog", "criterium-g1", "mijlpaal-publicatie"} <= set(parser.ids)


def test_every_template_id_has_a_reserved_prefix():
    """The guarantee above holds only while every id a template of a document's page (site or PDF) writes
    starts with a reserved prefix. Other site pages (the requirements index, ...) hold no headings."""
    templates = [THEME_DIR / "site" / "base.html", THEME_DIR / "site" / "document.html",
                 *(THEME_DIR / "documents").glob("*.html"), *(THEME_DIR / "blocks").glob("*.html"),
                 *(THEME_DIR / "pdf").glob("*.html")]
    ids = {plain or anchored for path in templates
           for plain, anchored in re.findall(r'\bid="([^"]*)|anchor\("([^"]*)"', path.read_text(encoding="utf-8"))}
    assert {"site-main", "toc-title", "segment-", "vraag-"} <= ids, "the pattern misses ids"
    assert sorted(i for i in ids if not i.startswith(RESERVED_PREFIXES)) == []
