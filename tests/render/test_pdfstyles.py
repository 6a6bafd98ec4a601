"""render/pdfstyles.py: a stylesheet parsed once per process gives the same PDFs, the same warnings and the same
refused URLs as parsing it for every document."""
from __future__ import annotations

import io

from pypdf import PdfReader

from generator.render import pdfstyles
from generator.render.environment import THEME_DIR
from generator.render.pdf import make_fetcher, render_pdf
from tests.test_print_fragments import fragment_html

BODY = ("<h2>Perceel 1</h2><p>De opdrachtnemer levert jeugdhulp volgens het programma van eisen.</p>"
        "<table><thead><tr><th>Criterium</th><th class='number'>Weging</th></tr></thead>"
        "<tbody><tr><th>Kwaliteit</th><td class='number'>60%</td></tr></tbody></table>")


def rendered(html: str) -> tuple[bytes, list[str], list[str]]:
    """The PDF of `html` with a fresh fetcher, WeasyPrint's warnings and the URLs the fetcher refused."""
    fetcher = make_fetcher(THEME_DIR, {})
    warnings: list[str] = []
    pdf = render_pdf(html, THEME_DIR, fetcher, warnings)
    return pdf, warnings, list(fetcher.blocked)


def test_a_kept_stylesheet_gives_the_bytes_of_a_fresh_parse():
    html = fragment_html(BODY)
    pdfstyles.forget()
    fresh = rendered(html)  # parsed by WeasyPrint, and kept
    assert len(pdfstyles._parsed) == 1
    kept = rendered(html)  # made of the kept parts
    assert kept == fresh
    fonts = {str(font.get("/BaseFont")) for page in PdfReader(io.BytesIO(kept[0])).pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("Open-Sans" in name for name in fonts)  # the @font-face rules replayed: the theme's fonts
    pdfstyles.forget()
    assert rendered(html) == fresh


def test_a_stylesheet_that_warns_is_parsed_and_warns_in_every_document():
    html = fragment_html(BODY).replace("</style>", "p { colour: red; }</style>")
    pdfstyles.forget()
    first, second = rendered(html), rendered(html)
    assert pdfstyles._parsed == {}
    assert first[1] == second[1] == ["de opmaakregel 'colour: red' in een stylesheet of eigen sjabloon is onbekend "
                                     "en is overgeslagen"]
    assert first[0] == second[0]


def test_an_import_is_fetched_and_refused_in_every_document():
    html = fragment_html(BODY).replace("<style>", "<style>@import url(https://example.org/x.css);\n")
    pdfstyles.forget()
    first, second = rendered(html), rendered(html)
    assert pdfstyles._parsed == {}
    assert first[2] == second[2] == ["https://example.org/x.css"]
