"""Visual regression of the default project's PDFs: fixed pages rendered to greyscale PNG at low resolution
with pdftoppm (poppler-utils; scripts/install-system-deps --test installs it) and compared with the stored
images in tests/golden/pdf/, so that a layout change (a table that moves, a cover that shifts, a page that
breaks elsewhere) fails with the document, the page and how much differs.

After an intended layout change run `make golden` (it rewrites tests/golden/pdf/ and tests/golden/site/) and
look at the images before committing. Each page also names a text it must show: when a change moves that
content to another page, the test says so, and PAGES needs the new page number.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from generator.pipeline import build, gunning

from .conftest import REPO

GOLDEN = Path(__file__).parent / "golden" / "pdf"
DPI = 30  # an A4 page is 249 x 351 pixels: layout is visible, the files stay small (greyscale)
#: a pixel differs when its grey value moves by more than this (anti-aliasing of another poppler stays below)
PIXEL_THRESHOLD = 48
#: the share of a page's pixels that may differ; one line of text shifted by 1 mm is far more
TOLERANCE = 0.003


@dataclass(frozen=True)
class Shown:
    pdf: str  # relative to the build folder
    page: int  # from 1
    what: str
    text: str  # a text the page shows (whitespace as extracted is normalised)

    @property
    def golden(self) -> Path:
        return GOLDEN / f"{Path(self.pdf).stem}-{self.page:02d}.png"


PAGES = [
    Shown("pdf/aanbestedingsleidraad.pdf", 1, "cover", "Aanbestedingsleidraad Inkoop Jeugd en Wmo 2025"),
    Shown("pdf/aanbestedingsleidraad.pdf", 2, "table of contents", "Inhoudsopgave"),
    Shown("pdf/aanbestedingsleidraad.pdf", 7, "planning table", "3 Planning"),
    Shown("pdf/aanbestedingsleidraad.pdf", 15, "weights per lot", "Weging per perceel"),
    Shown("pdf/programma-van-eisen.pdf", 5, "requirements table", "Kwaliteitskader Jeugd"),
    Shown("pdf/beoordelingsformulier.pdf", 6, "scoring scale", "5 Beoordelingsschaal"),
    Shown("pdf/beoordelingsformulier.pdf", 8, "scoring form", "7 Beoordelingsformulieren"),
    Shown("pdf/consultatiedocument.pdf", 1, "cover of a concept (watermark)", "CONSULTATIEDOCUMENT"),
    Shown("pdf/consultatiedocument.pdf", 15, "segment page with watermark", "Hoog specialistisch"),
    Shown("pdf/nota-van-inlichtingen.pdf", 4, "questions and answers table", "Vragen en antwoorden eerste ronde"),
    Shown("pdf/overeenkomst.pdf", 13, "signature blocks", "Ondertekening"),
    Shown("vertrouwelijk/gunningsbeslissing-de-brug.pdf", 1, "letter, first page", "Gunningsbeslissing Inkoop"),
]


def render_page(pdf: Path, page: int, target: Path) -> Image.Image:
    """One page as a greyscale image, as pdftoppm renders it at DPI."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.fail("pdftoppm is missing; run `make test` once: scripts/install-system-deps --test installs "
                    "poppler-utils")
    subprocess.run([pdftoppm, "-f", str(page), "-l", str(page), "-r", str(DPI), "-gray", "-png", "-singlefile",
                    str(pdf), str(target.with_suffix(""))], check=True, capture_output=True, timeout=120)
    with Image.open(target) as image:
        return image.convert("L")


def difference(expected: Image.Image, produced: Image.Image) -> float:
    """The share of pixels whose grey value differs by more than PIXEL_THRESHOLD (1.0 when the sizes differ)."""
    if expected.size != produced.size:
        return 1.0
    changed = ImageChops.difference(expected, produced).point(lambda v: 255 if v > PIXEL_THRESHOLD else 0)
    return changed.histogram()[255] / (expected.width * expected.height)


def mismatch(shown: Shown, expected: Image.Image, produced: Image.Image, saved: Path) -> str | None:
    """None when the page looks as stored, else what differs, naming the document and the page."""
    if expected.size != produced.size:
        return (f"{shown.pdf} page {shown.page} ({shown.what}): {produced.width} x {produced.height} pixels, "
                f"stored {expected.width} x {expected.height} (rendered: {saved})")
    share = difference(expected, produced)
    if share <= TOLERANCE:
        return None
    return (f"{shown.pdf} page {shown.page} ({shown.what}): {share:.2%} of the pixels differ from "
            f"{shown.golden.relative_to(REPO)} (tolerance {TOLERANCE:.2%}; rendered: {saved})")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[Shown, tuple[Image.Image, Path]]:
    """Every page of PAGES rendered from a fresh build of the default project (and its award letters)."""
    out = tmp_path_factory.mktemp("visual")
    build(REPO, out, pdf=True)
    gunning(REPO, out)
    rendered = {}
    for shown in PAGES:
        pdf = out / shown.pdf
        text = " ".join(PdfReader(pdf).pages[shown.page - 1].extract_text().split())
        assert shown.text in text, (f"{shown.pdf} page {shown.page} no longer shows {shown.text!r} "
                                    f"({shown.what}): choose its page anew in PAGES, then `make golden`")
        target = out / "png" / shown.golden.name
        target.parent.mkdir(exist_ok=True)
        rendered[shown] = (render_page(pdf, shown.page, target), target)
    return rendered


def test_pages_look_as_stored(pages):
    if os.environ.get("BESTEK_REGENERATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        GOLDEN.mkdir(parents=True)
        for shown, (image, _) in pages.items():
            image.save(shown.golden, optimize=True)
    missing = [str(s.golden.relative_to(REPO)) for s in PAGES if not s.golden.is_file()]
    assert missing == [], "no stored image: run `make golden`"
    problems = []
    for shown, (image, saved) in pages.items():
        with Image.open(shown.golden) as stored:
            if problem := mismatch(shown, stored.convert("L"), image, saved):
                problems.append(problem)
    assert problems == [], "the layout changed (make golden if intended):\n" + "\n".join(problems)
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(s.golden.name for s in PAGES)


def shifted(image: Image.Image, down: int) -> Image.Image:
    moved = Image.new("L", image.size, 255)
    moved.paste(image, (0, down))
    return moved


def test_a_shifted_or_changed_page_fails_and_names_document_page_and_difference(pages, tmp_path):
    """The comparison can fail: the page moved down by 2 pixels (1.7 mm), another page in its place, a black
    square on it; and it does not fail for the same page or for a few stray pixels."""
    shown = PAGES[2]  # the planning table
    image, saved = pages[shown]
    assert mismatch(shown, image, image.copy(), saved) is None
    speckled = image.copy()
    for x in range(0, image.width, 20):  # 13 pixels inverted: well within the tolerance
        speckled.putpixel((x, 100), 255 - speckled.getpixel((x, 100)))
    assert mismatch(shown, image, speckled, saved) is None
    message = mismatch(shown, image, shifted(image, 2), saved)
    assert message is not None and message.startswith(
        "pdf/aanbestedingsleidraad.pdf page 7 (planning table): ") and "% of the pixels differ from " \
        "tests/golden/pdf/aanbestedingsleidraad-07.png (tolerance 0.30%; rendered: " in message
    assert difference(image, shifted(image, 2)) > 10 * TOLERANCE
    other, _ = pages[PAGES[3]]
    assert difference(image, other) > 10 * TOLERANCE
    blotted = image.copy()
    blotted.paste(0, (100, 150, 140, 190))  # a black square of 40 x 40 pixels: 1.8 % of the page
    assert mismatch(shown, image, blotted, saved) is not None
    assert f"stored {image.width} x {image.height} " in (mismatch(shown, image, image.resize((300, 400)), saved) or "")
