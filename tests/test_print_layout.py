"""The print layout of every PDF Bestek makes, read as pages (issue 18): the PDFs of test_pdf_ua.py's `pdfs` fixture
(the default project with its documentenlijst and award letters, every example).

* Page fill: no page ends up almost empty. A page's fill is how far down the text area its content (text that is
  not page furniture: outloud's content runs that are no artifact) reaches. A page fails when its fill is below
  `MIN_FILL` (a quarter of the text area), unless it is the document's last page, or a page that stands alone on
  purpose: the pages before the first bookmark (the cover and the table of contents). pdfbreaks.py lets a chapter
  run on after a page that would be less than half full, so a failure means a chapter (or appendix) broke after a
  page with only a few lines, or a block that is kept together left a page nearly empty.
* Table splits: a table on more than one page never has a page with only one of its body rows, or with only its
  total row; a table of up to 8 rows is on one page. Rows are found from the tagged structure (TR elements of a
  Table, with the pages of their content): the repeated header row is an artifact and does not count.
* Running headers are one line, and absent on the first page; the requirement ids of the PDFs are never hyphenated.
"""
from __future__ import annotations

import re

import pikepdf
import pytest
from outloud.model import Document as OutloudDocument
from pypdf import PdfReader

from generator.core.errors import ContentErrors
from generator.pipeline import build, check

from .conftest import REPO
from .pdftext import flat_outline, normalise
from .test_pdf_ua import TEXT_AREA, pdfs  # noqa: F401 - the fixture of every PDF

#: a page whose content reaches less than this share of the text area is near-empty
MIN_FILL = 0.25
#: tables of at most this many body rows are never split, when their rows take less than FITS of the text area
SMALL_TABLE = 8
FITS = 0.6


def page_fills(path) -> list[float]:
    """Per page, how far down the text area the content reaches (0: nothing, 1: to the bottom margin)."""
    document = OutloudDocument(str(path))
    fills = []
    for index in range(len(document.pages)):
        runs = [r for r in document.content(index).runs if not r.artifact and r.text.strip()]
        lowest = min((r.bbox[1] for r in runs), default=TEXT_AREA[3])
        fills.append((TEXT_AREA[3] - lowest) / (TEXT_AREA[3] - TEXT_AREA[1]))
    return fills


def first_bookmark_page(path) -> int:
    """0-based page of the first bookmark (the first chapter); 1 when there is none (page 1 is the first page)."""
    reader = PdfReader(path)
    pages = [reader.get_destination_page_number(item) for item in reader.outline if not isinstance(item, list)]
    return min(pages, default=1)


def near_empty_pages(path) -> list[tuple[int, float]]:
    fills = page_fills(path)
    start = max(1, first_bookmark_page(path))
    return [(number + 1, round(fill, 2)) for number, fill in enumerate(fills)
            if start <= number < len(fills) - 1 and fill < MIN_FILL]


def test_no_page_is_near_empty(pdfs):  # noqa: F811
    found = {name: near_empty_pages(path) for name, path in pdfs.items()}
    assert {name: pages for name, pages in found.items() if pages} == {}


# --- table splits, from the structure tree ---

def _marked(node, page, pages, found: list) -> None:
    """(page number, mcid) of the marked content under a structure element."""
    if isinstance(node, pikepdf.Array):
        for item in node:
            _marked(item, page, pages, found)
    elif isinstance(node, pikepdf.Dictionary):
        page = pages.get(node.Pg.objgen, page) if "/Pg" in node else page
        if "/MCID" in node:
            found.append((page, int(node.MCID)))
        elif "/K" in node and node.get("/Type") != "/OBJR":
            _marked(node.K, page, pages, found)
    elif isinstance(node, int) or (hasattr(node, "is_integer") and node.is_integer):
        found.append((page, int(node)))


def table_rows(path) -> list[list[tuple[int, bool, float, float]]]:
    """Per table, its body and total rows in order: (page number, is the total row, top, bottom) from the boxes
    of their text; the header row repeated on a later page is an artifact, outside the tree."""
    document = OutloudDocument(str(path))
    boxes: dict[tuple[int, int], tuple[float, float]] = {}
    for index in range(len(document.pages)):
        for run in document.content(index).runs:
            if run.mcid is not None and run.text.strip():
                low, high = boxes.get((index + 1, run.mcid), (run.bbox[1], run.bbox[3]))
                boxes[(index + 1, run.mcid)] = (min(low, run.bbox[1]), max(high, run.bbox[3]))
    tables = []
    with pikepdf.open(path) as pdf:
        pages = {p.objgen: n for n, p in enumerate(pdf.pages, start=1)}

        def rows(node, total: bool, found: list) -> None:
            for kid in (node.K if isinstance(node.get("/K"), pikepdf.Array) else [node.get("/K")]):
                if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
                    continue
                if kid.S == "/TR" and not any(isinstance(c, pikepdf.Dictionary) and c.get("/S") == "/TH" and
                                              c.get("/A", {}).get("/Scope") == "/Column"
                                              for c in (kid.K if isinstance(kid.K, pikepdf.Array) else [kid.K])):
                    marked: list = []
                    _marked(kid.K, pages.get(kid.Pg.objgen) if "/Pg" in kid else None, pages, marked)
                    spans = [(page, boxes[(page, mcid)]) for page, mcid in marked if (page, mcid) in boxes]
                    if spans:
                        first = spans[0][0]
                        found.append((first, total, max(b[1] for p, b in spans if p == first),
                                      min(b[0] for p, b in spans if p == first)))
                elif kid.S in ("/TBody", "/TFoot"):
                    rows(kid, total or kid.S == "/TFoot", found)

        stack = [pdf.Root.StructTreeRoot.K]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node and node.get("/Type") != "/OBJR":
                if node.S == "/Table":
                    found: list = []
                    rows(node, False, found)
                    tables.append(found)
                elif "/K" in node:
                    stack.append(node.K)
    return tables


def bad_splits(path) -> list[str]:
    """A table over pages with a page holding one body row or only the total; a small table over pages that
    would have fitted on one (its rows together take less than FITS of the text area)."""
    problems = []
    area = TEXT_AREA[3] - TEXT_AREA[1]
    for rows in table_rows(path):
        pages = sorted({page for page, *_ in rows})
        if len(pages) < 2:
            continue
        body = [row for row in rows if not row[1]]
        name = f"table on p. {pages[0]}-{pages[-1]}"
        height = sum(top - bottom for _, _, top, bottom in rows)
        if len(body) <= SMALL_TABLE and height < FITS * area:
            problems.append(f"{name}: {len(body)} rows split")
            continue
        for page in pages:
            here = [row for row in rows if row[0] == page]
            if sum(1 for row in here if not row[1]) <= 1 and len(body) > 1:
                problems.append(f"{name}: page {page} holds {len(here)} row(s)")
    return problems


def test_tables_split_only_where_they_may(pdfs):  # noqa: F811
    found = {name: bad_splits(path) for name, path in pdfs.items()}
    assert {name: problems for name, problems in found.items() if problems} == {}


def test_running_header_is_one_line_and_absent_on_page_one(pdfs):  # noqa: F811
    for name, path in pdfs.items():
        document = OutloudDocument(str(path))
        for index in range(len(document.pages)):
            top = [r for r in document.content(index).runs if r.artifact and r.text.strip()
                   and r.bbox[1] >= TEXT_AREA[3] - 1]
            baselines = {round(r.bbox[1]) for r in top if not set(r.text.strip()) <= {"C", "O", "N", "E", "P", "T"}}
            if index == 0:
                assert not baselines, f"{name}: running header on page 1"
            else:
                assert len(baselines) <= 1, f"{name} p. {index + 1}: header on {len(baselines)} lines"


def test_concept_mark_is_painted_behind_the_text(pdfs):  # noqa: F811
    """The CONCEPT mark (96 pt) is the first text painted on a concept's page, so the body's text lies over it."""
    seen = 0
    for name, path in pdfs.items():
        with pikepdf.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                sizes = [float(operands[1]) for operands, op in pikepdf.parse_content_stream(page, "Tf")]
                if any(size >= 90 for size in sizes):
                    seen += 1
                    assert sizes[0] >= 90, f"{name} p. {number}: the CONCEPT mark is painted over the text"
    assert seen > 0  # the default project has concept documents


def test_letter_header_names_the_appendices_as_their_headings_do(pdfs):  # noqa: F811
    reader = PdfReader(pdfs["haarlem/raadsinformatiebrief.pdf"])
    first = normalise(reader.pages[0].extract_text())
    assert "Bijlagen Bijlage 1: Reactie op door de gemeenteraden in de regio veelgestelde vragen Bijlage 2: Reactie " \
           "op motie ChristenUnie" in first
    headings = [title for _, title, _, _ in flat_outline(reader) if title.startswith("Bijlage")]
    assert [h.split(" ", 2)[:2] for h in headings] == [["Bijlage", "1"], ["Bijlage", "2"]]
    assert headings[0] == "Bijlage 1 Reactie op door de gemeenteraden in de regio veelgestelde vragen"


def test_documentenlijst_writes_dates_in_words_and_checksums_in_groups(pdfs):  # noqa: F811
    text = normalise(" ".join(page.extract_text() for page in PdfReader(pdfs["package/documentenlijst.pdf"]).pages))
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no ISO date left
    assert re.search(r"\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
                     r"december) 20\d\d\b", text)
    # every checksum as 8 groups of 8 hexadecimal characters
    assert text.count("SHA-256:") == len(re.findall(r"SHA-256: (?:[0-9a-f]{8} ){7}[0-9a-f]{8}\b", text)) > 0


def test_requirement_ids_never_reach_the_print_and_numbers_stay_whole(pdfs):  # noqa: F811
    """A requirement's YAML id (requirements.yaml) is printed nowhere, not even broken over two lines: readers see
    its number (E1, G2, issue 13), which breaks nowhere either."""
    ids = set(re.findall(r"^  - id: (\S+)", (REPO / "content" / "requirements.yaml").read_text(encoding="utf-8"),
                         re.MULTILINE))
    text = "\n".join(page.extract_text() for page in PdfReader(pdfs["default/programma-van-eisen.pdf"]).pages)
    joined = re.sub(r"-\n", "-", text)
    assert len(ids) >= 10 and [i for i in sorted(ids) if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", joined)] == []
    numbers = re.findall(r"^([UGEC]\d+) ", text, re.MULTILINE)  # a row starts with the number
    assert len(numbers) >= len(ids) // 2
    assert not re.search(r"^[UGEC]\d*-?\n\d", text, re.MULTILINE)


# --- front matter: chapter_break and short_title ---

NOTE = """\
    ---
    title: Notitie over de inkoop van jeugdhulp en Wmo-maatwerkvoorzieningen in de regio voor de komende jaren
    kind: notitie
    version: "1.0"
    status: definitief
    date: 2025-01-15
    {extra}
    ---

    # Inleiding

    {intro}

    # Aanleiding

    Een korte aanleiding.

    # Vervolg

    Een kort vervolg.
    """


def _note(make_project, tmp_path, extra: str, intro: str = "Een korte inleiding.") -> PdfReader:
    project = make_project({"config.yaml": "pdf:\n  enabled: true\n",
                            "content/documents/notitie.md": NOTE.format(extra=extra, intro=intro)})
    assert build(project, tmp_path / "out", pdf=True).warnings == ()
    return PdfReader(tmp_path / "out" / "pdf" / "notitie.pdf")


def _chapter_pages(reader: PdfReader) -> list[int]:
    return [page for level, _, page, _ in flat_outline(reader) if level == 1]


def test_short_chapters_run_on_and_chapter_break_false_runs_them_all_on(make_project, tmp_path):
    # chapters of two lines: each would leave the page before it almost empty, so they run on (pdfbreaks.py)
    reader = _note(make_project, tmp_path / "a", "")
    assert len(set(_chapter_pages(reader))) == 1
    assert near_empty_pages(tmp_path / "a" / "out" / "pdf" / "notitie.pdf") == []
    # a first chapter that fills most of its page: the second starts a new page, the third runs on after it ...
    long = "Een zin over de inkoop van hulp en ondersteuning in de regio. " * 40
    first, second, third = _chapter_pages(_note(make_project, tmp_path / "b", "", long))
    assert second == first + 1 and third == second
    # ... unless the front matter says chapter_break: false
    assert len(set(_chapter_pages(_note(make_project, tmp_path / "c", "chapter_break: false", long)))) == 1


def test_running_header_shows_the_short_title_and_the_chapter_on_one_line(make_project, tmp_path):
    reader = _note(make_project, tmp_path / "a", "short_title: Notitie inkoop")
    last = normalise(reader.pages[-1].extract_text())
    assert "Notitie inkoop" in last and "Notitie over de inkoop" not in last
    _note(make_project, tmp_path / "b", "")
    # without a short title the long title is shortened after a word and ends in "…" (pdfbreaks.py), on one line
    # in the left half
    document = OutloudDocument(str(tmp_path / "b" / "out" / "pdf" / "notitie.pdf"))
    last = len(document.pages) - 1
    top = [r for r in document.content(last).runs if r.artifact and r.bbox[1] >= TEXT_AREA[3] - 1 and r.text.strip()]
    assert len({round(r.bbox[1]) for r in top}) == 1
    title = next(r for r in top if r.text.startswith("Notitie over"))
    assert title.text.strip() == "Notitie over de inkoop van jeugdhulp en…"
    assert title.bbox[2] <= (TEXT_AREA[0] + TEXT_AREA[2]) / 2


@pytest.mark.parametrize(("line", "message"), [
    ("chapter_break: nee", "content/documents/notitie.md:7:16: 'chapter_break' moet true of false zijn, maar is "
     "tekst ('nee'); schrijf true (ja) of false (nee)"),
    ("short_title: ''", "content/documents/notitie.md:7:14: 'short_title' mag niet leeg zijn; schrijf een tekst of "
     "haal de regel weg"),
])
def test_a_wrong_chapter_break_or_short_title_gets_a_positioned_message(make_project, line, message):
    project = make_project({"content/documents/notitie.md": NOTE.format(extra=line, intro="Tekst.")})
    with pytest.raises(ContentErrors) as caught:
        check(project)
    assert caught.value.messages() == [message]
