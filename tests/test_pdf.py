"""The real PDFs of the default project, a sample project and the examples, read back with pypdf:
PDF/A-2a + PDF/UA-1 identification and metadata, the structure tree, embedded fonts, the outline
against the headings, the table of contents against the pages, page furniture, footnotes,
cross-references, and reproducibility. (HTML fragments through the print stylesheet:
test_print_fragments.py.)"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from generator.load.project import load
from generator.model.build import build_model
from generator.model.types import Document, Project
from generator.pipeline import build
from generator.render.environment import make_environment, render_documents
from generator.render.pdfbreaks import shortened

from .conftest import REPO, write_project
from .pdftext import flat_outline, normalise, page_fragments, page_text

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}
A4 = (595, 842)  # points
BODY_TOP, BODY_BOTTOM = 768, 62  # page area in points from the bottom: margins 26 mm and 22 mm

SAMPLE_NOTE = """\
    ---
    title: Notitie inkoop
    subtitle: Een kleine notitie
    kind: notitie
    version: "1.0"
    status: definitief
    date: 2025-01-15
    ---

    # Inleiding

    De [[regio]] koopt [[aantal:segmenten]] segmenten in. Zie [paragraaf 2.1](#eisen) voor de eisen.

    ## Aanleiding

    Publicatie volgt op [[datum:publicatie]].

    ### Eerdere inkoop

    De vorige inkoop liep tot 2025.

    # Segmenten

    {{ segmenten }}

    {{ segment-details }}

    ## Eisen

    {{ eisen soort="minimumeis" }}

    {{ gunningscriteria }}
    """


EXAMPLES = tuple(sorted(path.name for path in (REPO / "examples").iterdir() if (path / "config.yaml").is_file()))


@pytest.fixture(scope="module")
def sample_project(tmp_path_factory) -> Path:
    return write_project(tmp_path_factory.mktemp("sample"), {
        "config.yaml": "pdf:\n  enabled: true\n", "content/documents/notitie.md": SAMPLE_NOTE})


@pytest.fixture(scope="module")
def roots(sample_project) -> dict[str, Path]:
    return {"default": REPO, "sample": sample_project, **{name: REPO / "examples" / name for name in EXAMPLES}}


@pytest.fixture(scope="module")
def outputs(roots, tmp_path_factory) -> dict[str, Path]:
    """Every project built once: its pdf/ folder. WeasyPrint warnings are errors."""
    folders = {}
    for name, root in roots.items():
        out = tmp_path_factory.mktemp(name)
        assert build(root, out, pdf=True).warnings == ()
        folders[name] = out / "pdf"
    return folders


@pytest.fixture(scope="module")
def default_pdfs(outputs) -> Path:
    return outputs["default"]


@pytest.fixture(scope="module")
def sample_pdfs(outputs) -> Path:
    return outputs["sample"]


@pytest.fixture(scope="module")
def projects(roots) -> dict[str, tuple[Project, dict[str, str]]]:
    """The model and the print HTML of every document, per project."""
    result = {}
    for name, root in roots.items():
        loaded = load(root)
        env = make_environment(loaded.root)
        project = build_model(loaded)
        result[name] = project, {r.document.id: r.pdf_html for r in render_documents(project, env)}
    return result


@dataclass(frozen=True)
class Opened:
    """One PDF as read back, with the document and the print HTML it was made from."""

    reader: PdfReader
    project: Project
    document: Document
    html: str

    @property
    def version(self) -> str:  # as the footer shows it, with the version it replaces after a release
        replaces = self.project.versions.replaces(self.document.id, self.document.version)
        return f"Versie {self.document.version}" + (" (concept)" if self.document.is_concept else "") + \
            (f" — {replaces}" if replaces else "")

    @property
    def has_cover(self) -> bool:
        return 'class="cover"' in self.html

    @property
    def has_toc(self) -> bool:
        return re.search(r'<nav class="toc\b', self.html) is not None


#: every PDF the tests read: every document of the default project, the sample's note and the examples
PDFS = [("default", path.stem) for path in sorted((REPO / "content" / "documents").glob("*.md"))] + [
    ("sample", "notitie")] + [(name, path.stem) for name in EXAMPLES
                              for path in sorted((REPO / "examples" / name / "content" / "documents").glob("*.md"))]


@pytest.fixture(scope="module", params=PDFS, ids=[f"{p[0]}-{p[1]}" for p in PDFS])
def pdf(request, projects, outputs) -> Opened:
    which, document_id = request.param
    project, html = projects[which]
    document = next(d for d in project.documents if d.id == document_id)
    return Opened(PdfReader(outputs[which] / f"{document_id}.pdf"), project, document, html[document_id])


class _Headings(HTMLParser):
    """The headings of a document's print HTML that belong in the outline: h2-h4, without the
    cover title and the heading of the table of contents."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("h2", "h3", "h4") and "toc-title" not in classes:
            self.current, self.level = [], int(tag[1]) - 1

    def handle_endtag(self, tag) -> None:
        if tag in ("h2", "h3", "h4") and self.current is not None:
            self.headings.append((self.level, normalise("".join(self.current))))
            self.current = None

    def handle_data(self, data) -> None:
        if self.current is not None:
            self.current.append(data)


def xmp(reader: PdfReader) -> ElementTree.Element:
    return ElementTree.fromstring(reader.trailer["/Root"]["/Metadata"].get_object().get_data())


# --- standards and metadata ---

def test_xmp_identifies_pdfa2a_and_pdfua1_with_title_and_language(pdf):
    root = xmp(pdf.reader)
    attributes = {key: value for d in root.findall(".//rdf:Description", NS) for key, value in d.attrib.items()}
    assert attributes[f"{{{NS['pdfaid']}}}part"] == "2"
    assert attributes[f"{{{NS['pdfaid']}}}conformance"] == "A"
    assert root.find(".//pdfuaid:part", NS).text == "1"
    assert root.find(".//dc:title/rdf:Alt/rdf:li", NS).text == pdf.document.title
    assert [li.text for li in root.findall(".//dc:language/rdf:Bag/rdf:li", NS)] == ["nl"]
    # PDF/A-2 accepts the pdfuaid property only with a description of its schema
    schema = root.find(".//pdfaExtension:schemas/rdf:Bag/rdf:li", NS)
    assert schema.find("pdfaSchema:namespaceURI", NS).text == NS["pdfuaid"]
    assert schema.find("pdfaSchema:prefix", NS).text == "pdfuaid"


def test_document_information_comes_from_the_content(pdf):
    document, tender = pdf.document, pdf.project.tender
    info = pdf.reader.metadata
    assert info.title == document.title
    assert info.author == pdf.project.organisation.name
    assert info.subject == f"{document.subtitle or document.title} – {tender.title}"
    assert info.keywords == f"{document.kind}, {tender.reference}, {tender.title}, {', '.join(tender.domains)}"
    day = document.date.isoformat()
    assert info["/CreationDate"] == info["/ModDate"] == f"D:{day.replace('-', '')}120000Z"  # not the clock
    root = xmp(pdf.reader)  # PDF/A: the XMP packet repeats the document information
    assert root.find(".//xmp:CreateDate", NS).text == root.find(".//xmp:ModifyDate", NS).text == f"{day}T12:00:00Z"
    assert root.find(".//dc:creator/rdf:Seq/rdf:li", NS).text == info.author
    assert root.find(".//pdf:Keywords", NS).text == info.keywords
    assert root.find(".//dc:description/rdf:Alt/rdf:li", NS).text == info.subject


def test_structure_tree_language_and_output_intent(pdf):
    catalog = pdf.reader.trailer["/Root"]
    assert pdf.reader.pdf_header == "%PDF-1.7"
    assert catalog["/Lang"] == "nl"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert catalog["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"
    tags: set[str] = set()

    def walk(element) -> None:
        element = element.get_object()
        if isinstance(element, dict) and "/S" in element:
            tags.add(element["/S"])
        kids = element.get("/K") if isinstance(element, dict) else None
        for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
            if not isinstance(kid, int):
                walk(kid)
    walk(catalog["/StructTreeRoot"])
    assert {"/Document", "/H1", "/H2", "/P"} <= tags
    if "<table" in pdf.html:
        assert {"/Table", "/TR", "/TD"} <= tags


def test_every_font_is_an_embedded_subset_of_the_theme_fonts(pdf):
    fonts = {}

    def collect(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for name, font in (resources.get("/Font") or {}).items():
            fonts[name] = font.get_object()
        for xobject in (resources.get("/XObject") or {}).values():
            collect(xobject.get_object().get("/Resources"))
    for page in pdf.reader.pages:
        collect(page.get("/Resources"))
    assert fonts
    for font in fonts.values():
        assert re.fullmatch(r"/[A-Z]{6}\+Open-Sans(-[A-Za-z-]+)?", font["/BaseFont"]), font["/BaseFont"]
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]


def test_every_page_is_a4(pdf):
    for page in pdf.reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4


# --- reading: outline, table of contents, page furniture ---

def test_outline_matches_the_headings(pdf):
    parser = _Headings()
    parser.feed(pdf.html)
    assert parser.headings
    assert [(level, title) for level, title, _, _ in flat_outline(pdf.reader)] == parser.headings


def test_consultation_outline_as_a_reader_sees_it(default_pdfs):
    reader = PdfReader(default_pdfs / "consultatiedocument.pdf")
    outline = flat_outline(reader)
    assert [title for level, title, _, _ in outline if level == 1] == [
        "Samenvatting", "1 Inleiding", "2 Randvoorwaarden voor de regionale inkoop",
        "3 Gezamenlijke visie op het ondersteuningsaanbod vanuit de Jeugdwet en de Wmo",
        "4 Inhoudelijke uitgangspunten voor de inkoop", "5 Segmenten", "6 Visie op inkoop",
        "7 Participatietraject", "Bijlage 1 Begrippen"]
    segment = [(level, title) for level, title, _, _ in outline if title == "Crisis"]
    assert segment == [(3, "Crisis")]  # the segment headings of the block, under 5.1
    assert "Strategische kaders inkoop 2025" not in [title for _, title, _, _ in outline]  # cover
    assert "Inhoudsopgave" not in [title for _, title, _, _ in outline]


def toc_entries(reader: PdfReader, title: str) -> list[tuple[str, int]]:
    """(text with number, printed page) of each entry of the table of contents, which runs from
    page 2 up to the first page a bookmark points at."""
    first_body_page = min(page for _, _, page, _ in flat_outline(reader))
    text = "\n".join(page_text(reader, index) for index in range(1, first_body_page))
    text = text.removeprefix("CONCEPT\n")  # the CONCEPT mark is painted first, behind the text (print.css)
    assert text.startswith("Inhoudsopgave")
    # header (the title, shortened to one line), footer and mark follow the page's content
    furniture = (shortened(title).removesuffix("…"), "Versie ", "CONCEPT")
    entries, pending = [], ""
    for line in text.split("\n")[1:]:
        if line.startswith(furniture):
            continue
        line = pending + " " + line if pending else line
        match = re.fullmatch(r"\s*(.+?)\s*(?:\. )+\.?\s*(\d+)\s*", line.replace("\xa0", " "))
        if match:
            entries.append((normalise(match.group(1)), int(match.group(2))))
            pending = ""
        else:
            pending = line
    assert not pending, pending
    return entries


def heading_page(reader: PdfReader, heading: str, first: int) -> int:
    """The 1-based page from `first` on where `heading` stands on lines of its own."""
    for index in range(first, len(reader.pages)):
        lines = [normalise(line) for line in page_text(reader, index).split("\n")]
        for start in range(len(lines)):
            for end in range(start + 1, min(start + 4, len(lines) + 1)):
                if " ".join(lines[start:end]) == heading:
                    return index + 1
    raise AssertionError(f"heading {heading!r} not found")


def test_toc_page_numbers_are_the_pages_of_the_headings(pdf):
    if not pdf.has_toc:
        assert "Inhoudsopgave" not in page_text(pdf.reader, 0)
        return
    reader = pdf.reader
    entries = toc_entries(reader, pdf.document.title)
    outline = {title: page + 1 for level, title, page, _ in flat_outline(reader) if level <= 2}
    listed = [text for text, _ in entries]
    # the contents list the document's own headings of levels 1 and 2 (not the headings of data blocks)
    assert listed == [title for title in outline if title in listed]
    assert {title for title in outline if re.match(r"\d|Artikel|Bijlage", title)} <= set(listed)
    for text, printed in entries:
        assert heading_page(reader, text, first=2) == printed == outline[text], text


def test_running_header_and_footer(pdf):
    reader, pages = pdf.reader, len(pdf.reader.pages)
    chapters = [(page, name) for level, name, page, _ in flat_outline(reader) if level == 1]
    first = 1 if pdf.has_cover else 0
    if pdf.has_cover:
        assert "pagina" not in page_text(reader, 0)  # the cover has no furniture
    for index in range(first, pages):
        text = normalise(page_text(reader, index))
        assert f"{pdf.version} pagina {index + 1} van {pages}" in text  # the footer
        # the header: the title, and the first chapter that starts on the page, else the current one, each
        # shortened to one line; none on page 1 (a letter's first page: test_print_layout.py checks that)
        starting = [name for page, name in chapters if page == index]
        current = starting[:1] or [name for page, name in chapters if page < index][-1:]
        title = shortened(pdf.document.short_title or pdf.document.title)
        if index == 0:
            continue
        assert normalise(f"{title} {shortened(' '.join(current))}") in text, index + 1


def test_concept_mark_on_every_page_while_concept(pdf):
    reader = pdf.reader
    for index in range(len(reader.pages)):
        marks = [text for _, size, text in page_fragments(reader, index) if text.strip() == "CONCEPT" and size > 50]
        assert len(marks) == (1 if pdf.document.is_concept else 0), index + 1


def test_no_heading_stands_alone_at_the_foot_of_a_page(pdf):
    reader = pdf.reader
    for _level, title, page_index, top in flat_outline(reader):
        body = sorted(((y, size, text) for y, size, text in page_fragments(reader, page_index)
                       if BODY_BOTTOM < y < BODY_TOP and size < 50), key=lambda f: -f[0])
        below = [f for f in body if f[0] < top]
        heading_size = below[0][1]
        lines = [f for f in below if f[1] < heading_size - 0.5]
        assert lines, f"heading {title!r} is the last thing on page {page_index + 1}"


def test_table_headers_repeat_on_every_page_of_a_table(default_pdfs, projects):
    project, _ = projects["default"]
    pages_with_rows = 0
    for name in ("aanbestedingsleidraad", "programma-van-eisen"):
        for page in PdfReader(default_pdfs / f"{name}.pdf").pages[2:]:
            text = page.extract_text()
            # a row starts with the requirement's number (E1, G2: readers never see the YAML id, issue 13)
            if any(re.search(rf"(?m)^{re.escape(r.number)} {re.escape(r.title.split()[0])}", text)
                   for r in project.requirements):
                pages_with_rows += 1
                assert "Nr. Eis Bewijs Geldt voor" in normalise(text)
            assert not [r.id for r in project.requirements if re.search(rf"(?<![\w-]){re.escape(r.id)}(?![\w-])", text)]
    assert pages_with_rows >= 3


def test_cross_reference_shows_the_page(sample_pdfs):
    reader = PdfReader(sample_pdfs / "notitie.pdf")
    page = {title: page + 1 for _, title, page, _ in flat_outline(reader)}["2.1 Eisen"]
    text = normalise(" ".join(p.extract_text() for p in reader.pages))
    assert f"Zie paragraaf 2.1, pagina {page} voor de eisen." in text


def test_leden_of_an_article_and_references_to_them_with_the_page_after_the_whole_reference(default_pdfs):
    """Artikel 13 of the default overeenkomst has leden; [[artikel:geschillen.1]] and [[artikel:13.2]] print
    "artikel 13 lid 1, pagina N": the page of the lid, after the whole reference (issue 13)."""
    reader = PdfReader(default_pdfs / "overeenkomst.pdf")
    texts = [normalise(page_text(reader, index)) for index in range(len(reader.pages))]
    lid_1 = next(i for i, text in enumerate(texts) if "Partijen proberen een geschil eerst" in text) + 1
    lid_2 = next(i for i, text in enumerate(texts) if "dan kunnen partijen in onderling overleg besluiten" in text) + 1
    text = " ".join(texts)
    assert f"Leidt het overleg van artikel 13 lid 1, pagina {lid_1} niet binnen acht weken" in text
    assert (f"Geschillen die niet volgens artikel 13 lid 1, pagina {lid_1} of artikel 13 lid 2, pagina {lid_2} zijn "
            "opgelost") in text
    assert "13.1 Overleg" not in text and "Artikel 13 Geschillen" in text


def test_the_glossary_is_a_sorted_definition_list_in_print(default_pdfs):
    reader = PdfReader(default_pdfs / "consultatiedocument.pdf")
    start = {title: page for _, title, page, _ in flat_outline(reader)}["Bijlage 1 Begrippen"]
    text = normalise(" ".join(page_text(reader, index) for index in range(start, len(reader.pages))))
    terms = [text.index(f"{term} {definition}") for term, definition in (
        ("lokale toegang", "Het team of loket van een gemeente"), ("open house", "Een manier van contracteren"),
        ("P x Q", "Bekostiging per geleverde eenheid"))]
    assert terms == sorted(terms)
    body = normalise(" ".join(page_text(reader, index) for index in range(start)))
    assert "bekostiging volgens P x Q en een contract volgens open house biedt" in body


def test_footnotes_of_an_example_stand_at_the_foot_of_their_page(outputs):
    """The Westfriesland example has two footnotes: each on the page of its call, below all the text."""
    reader = PdfReader(outputs["westfriesland"] / "beleidsuitgangspunten.pdf")
    notes = [("regio's.1", "1. Uit: Propositie 'De winst van het Sociaal Domein' van de VNG."),
             ("huishouden.2", "2. ECLI:NL:CRVB:2021:1381")]
    for call, note in notes:
        index = next(i for i in range(len(reader.pages)) if note in normalise(page_text(reader, i)))
        assert call in normalise(page_text(reader, index))
        body = [(y, size) for y, size, _ in page_fragments(reader, index) if BODY_BOTTOM < y < BODY_TOP]
        note_y, note_size = min(body)  # the lowest line of the page is the note's, in its smaller size
        assert note_size < 9
        assert [y for y, size in body if size > note_size + 0.5 and y <= note_y] == [], note


def test_references_to_appendices_show_their_page(outputs):
    """[[bijlage:N]] in the Haarlem letter: in print, "bijlage 1, pagina 7", the page of that appendix."""
    reader = PdfReader(outputs["haarlem"] / "raadsinformatiebrief.pdf")
    pages = {title.split()[1]: page + 1 for _, title, page, _ in flat_outline(reader) if title.startswith("Bijlage ")}
    text = normalise(" ".join(page_text(reader, index) for index in range(len(reader.pages))))
    assert sorted(pages) == ["1", "2"]
    for number, page in pages.items():
        assert f"bijlage {number}, pagina {page}" in text


def test_builds_are_byte_identical(outputs, roots, tmp_path):
    """The same content in another folder, without the PDF cache of incremental builds, renders to the
    same bytes: nothing depends on the clock, the machine's fonts or where the project is."""
    for name, root in roots.items():
        copy = tmp_path / name
        copy.mkdir()
        shutil.copy(root / "config.yaml", copy / "config.yaml")
        shutil.copytree(root / "content", copy / "content")
        if (root / "releases").is_dir():  # what the documents replace is part of their content
            shutil.copytree(root / "releases", copy / "releases")
        assert not (copy / ".bestek-cache").exists()
        build(copy, tmp_path / f"{name}-out", pdf=True)
        again = tmp_path / f"{name}-out" / "pdf"
        names = sorted(p.name for p in outputs[name].iterdir())
        assert names and names == sorted(p.name for p in again.iterdir())
        for file in names:
            assert (outputs[name] / file).read_bytes() == (again / file).read_bytes(), f"{name}/{file}"


def test_a_character_outside_the_fonts_is_reported_with_its_document(make_project, tmp_path):
    project = make_project({"config.yaml": "pdf:\n  enabled: true\n",
                            "content/documents/notitie.md": SAMPLE_NOTE.replace("voor de eisen.", "→ de eisen.")})
    warnings = build(project, tmp_path / "out").warnings
    assert len(warnings) == 1
    assert warnings[0].startswith("waarschuwing (PDF): content/documents/notitie.md: deze tekens staan niet in het lettertype van "
                                  "het thema: '→' (U+2192);"), warnings
