"""HTML fragments through the real print stylesheet and render_pdf: footnotes, long tables, Dutch
hyphenation, and characters the theme's fonts lack. (The real PDFs of the projects: test_pdf.py.)"""
from __future__ import annotations

import io
import re

import pyphen
from pypdf import PdfReader

from generator.render.environment import THEME_DIR
from generator.render.pdf import load_weasyprint, make_fetcher, render_pdf
from generator.render.pdfbreaks import table_fragments

from .pdftext import fragments, normalise


def fragment_html(body: str) -> str:
    """`body` in a document page with the theme's print stylesheet."""
    css = (THEME_DIR / "pdf" / "print.css").read_text(encoding="utf-8")
    return (f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title>'
            f"<style>:root {{ --bestek-primary: #154273; --bestek-accent: #d52b1e; }}\n{css}</style></head>"
            f'<body><article class="document"><div class="document-body">{body}</div></article></body></html>')


def render_fragment(body: str, stats: dict[str, int] | None = None) -> tuple[PdfReader, list[str]]:
    """Render `body` in a document page with the theme's print stylesheet; the PDF and the warnings (and in
    `stats` the number of layouts and pages)."""
    warnings: list[str] = []
    pdf = render_pdf(fragment_html(body), THEME_DIR, make_fetcher(THEME_DIR, {}), warnings, stats)
    return PdfReader(io.BytesIO(pdf)), warnings


def pages_of_table_rows(html: str) -> list[int]:
    """WeasyPrint alone (no class of pdfbreaks.py), one layout: per page of the table, its body rows there."""
    document = load_weasyprint().HTML(string=html, base_url=str(THEME_DIR) + "/",
                                      url_fetcher=make_fetcher(THEME_DIR, {})).render(presentational_hints=True)
    ((_, pieces),) = table_fragments(document).values()
    return [len(body) for body, _ in pieces]


def pages_showing(reader: PdfReader, text: str) -> list[int]:
    return [number for number, page in enumerate(reader.pages, start=1) if text in normalise(page.extract_text())]


def test_a_small_table_that_would_break_is_held_together_in_the_first_layout():
    table = ('<div class="table-wrap"><table><caption>Kleine tabel</caption><thead><tr><th scope="col">Regel</th>'
             '</tr></thead><tbody>' + "".join(f"<tr><td>Tabelregel {n}</td></tr>" for n in range(1, 7))
             + "</tbody></table></div>")
    # enough paragraphs before it that WeasyPrint alone breaks the table after its first rows
    body = next(b for n in range(20, 45) if len(pages_of_table_rows(fragment_html(
        b := "".join(f"<p>Alinea {i} van de tekst.</p>" for i in range(n)) + table))) == 2)
    stats: dict[str, int] = {}
    reader, warnings = render_fragment(body, stats)
    assert warnings == []
    assert stats == {"layouts": 1, "pages": 2}  # held before the first layout: no second one
    assert {page for n in range(1, 7) for page in pages_showing(reader, f"Tabelregel {n}")} == {2}


def test_a_table_too_tall_to_hold_together_breaks_after_a_second_layout():
    cell = "Een lange cel met tekst die de rij hoog maakt. " * 60
    table = ('<div class="table-wrap"><table><caption>Hoge tabel</caption><tbody>'
             + "".join(f"<tr><td>Rij {n}. {cell}</td></tr>" for n in range(1, 4)) + "</tbody></table></div>")
    stats: dict[str, int] = {}
    reader, warnings = render_fragment("<p>Een korte alinea vooraf.</p>" + table, stats)
    assert warnings == []
    # on page 1 after the paragraph, not pushed to page 2 (leaving page 1 nearly empty) by being held together
    assert pages_showing(reader, "Een korte alinea vooraf.") == pages_showing(reader, "Rij 1.") == [1]
    assert stats["layouts"] == 2  # held together at first, let go when its rows turned out taller than 72% of a page


def test_footnotes_stand_at_the_foot_of_their_page():
    filler = "<p>" + "Gewone tekst van een alinea zonder bijzonderheden. " * 30 + "</p>"
    reader, warnings = render_fragment(
        '<h2 id="a">Hoofdstuk</h2><p>Eerste bewering<span class="footnote">Bron van de eerste bewering.</span> '
        'en een tweede<span class="footnote">Bron van de tweede.</span>.</p>'
        + filler * 3 + '<p>Op een latere pagina<span class="footnote">Derde voetnoot.</span>.</p>')
    assert warnings == []
    first = reader.pages[0]
    text = normalise(first.extract_text())
    assert "Eerste bewering1 en een tweede2." in text  # the calls
    positions = {t.strip(): y for y, _, t in fragments(first)}
    body_bottom = min(y for y, size, t in fragments(first) if "Gewone tekst" in t)
    for marker, note in (("1.", "Bron van de eerste bewering."), ("2.", "Bron van de tweede.")):
        assert f"{marker} {note}" in text
        assert positions[note] < body_bottom  # below the text of the page, in the footnote area
        assert positions[note] < 120
    later = next(i for i, page in enumerate(reader.pages) if "Op een latere pagina" in page.extract_text())
    assert later > 0
    assert "3. Derde voetnoot." in normalise(reader.pages[later].extract_text())  # numbered on


def test_long_tables_repeat_their_header_row_and_never_split_a_row():
    rows = "".join(f"<tr><td>{n}</td><td>Regel {n} met wat tekst die de cel vult.</td></tr>" for n in range(1, 121))
    reader, warnings = render_fragment(
        '<div class="table-wrap"><table><caption>Lange tabel</caption>'
        f'<thead><tr><th scope="col">Nummer</th><th scope="col">Omschrijving</th></tr></thead><tbody>{rows}'
        "</tbody></table></div>")
    assert warnings == []
    assert len(reader.pages) >= 3
    seen = []
    for page in reader.pages:
        text = normalise(page.extract_text())
        assert "Nummer Omschrijving" in text
        seen += [int(n) for n in re.findall(r"(\d+) Regel \1 met wat tekst die de cel vult\.", text)]
    assert seen == list(range(1, 121))  # every row whole, once, in order


def test_dutch_hyphenation_at_dictionary_points():
    words = ["kwaliteitsmanagementsysteem", "ondersteuningsaanbod", "jeugdbeschermingsmaatregelen"]
    reader, warnings = render_fragment(f'<p lang="nl" style="width: 32mm">{" ".join(words * 3)}</p>')
    assert warnings == []  # the hyphen is Open Sans' own "-"
    lines = [line.strip() for line in reader.pages[0].extract_text().split("\n")
             if line.strip() and not line.startswith("pagina")]
    text, breaks = "", []  # the words re-joined, and where a line ended inside one
    for line in lines:
        if line.endswith("-"):
            text += line[:-1]
            breaks.append(len(text))
        else:
            text += line + " "
    assert text.split() == words * 3
    dictionary = pyphen.Pyphen(lang="nl")
    for position in breaks:
        start = text.rfind(" ", 0, position) + 1
        word = text[start:text.find(" ", position)]
        assert position - start in dictionary.positions(word), (word, position - start)
    assert len(breaks) >= 3


def test_characters_outside_the_theme_fonts_are_reported():
    _, warnings = render_fragment("<p>Eerst dit → dan dat ✓</p>")
    assert any("'→' (U+2192)" in w and "'✓' (U+2713)" in w for w in warnings), warnings
