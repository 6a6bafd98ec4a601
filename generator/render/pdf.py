"""PDF rendering with WeasyPrint, locked down: it may only read the theme's files and the project files
the load stage checked.

Part of the write stage. Every PDF is one file that is both PDF/A-2a (archival, ISO 19005-2 level a:
tagged) and PDF/UA-1 (accessible, ISO 14289-1): WeasyPrint's `pdf/a-2a` variant, plus the PDF/UA
identification in the same XMP packet (see docs/pdf.md for why one file can carry both).

WeasyPrint needs Pango and HarfBuzz from the system; when they are missing, `EnvironmentProblem`
says so in Dutch (exit code 2) instead of a traceback.
"""
from __future__ import annotations

import base64
import functools
import gc
import hashlib
import logging
import mimetypes
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse
from xml.etree import ElementTree

from generator.core.collector import collected_after
from generator.core.errors import EnvironmentProblem
from generator.render import pdfbreaks, pdfstyles, pdftags
from generator.render.body import PROJECT_SCHEME

_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif);base64,(.*)$", re.DOTALL)

#: WeasyPrint's variant: PDF/A-2 conformance level a (tagged, Unicode text), on PDF 1.7 like PDF/UA-1.
PDF_VARIANT = "pdf/a-2a"
#: The PDF/UA part the files conform to, written to the XMP metadata as pdfuaid:part.
PDF_UA_PART = 1
#: At most this many layouts of one document: the first, and one more for each chapter that runs on (pdfbreaks.py)
MAX_LAYOUTS = 12
#: The font families the theme ships (templates/fonts); any other font in a PDF came from the machine.
THEME_FONT_FAMILIES = frozenset({"Open Sans"})

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}


def load_weasyprint():  # returns the module
    try:
        import weasyprint
    except OSError as exc:  # missing shared libraries (libpango, libharfbuzz-subset)
        raise EnvironmentProblem(
            "PDF's maken lukt niet: een systeembibliotheek ontbreekt "
            f"({exc}). Voer 'make build' uit; dat installeert Pango en HarfBuzz."
        ) from exc
    pdftags.install(weasyprint)  # Bestek's structure tree: artifacts, one annotation per link (pdftags.py)
    pdfstyles.install(weasyprint)  # each stylesheet parsed once per process (pdfstyles.py)
    return weasyprint


def make_fetcher(theme_dir: Path, files: dict[str, bytes]):  # a WeasyPrint URLFetcher
    """A fetcher that serves only the theme's files (stylesheets, the shipped fonts) from disk, the
    project files the load stage checked and read (`files`: path in the project -> bytes, asked for as
    `bestek-project:<path>`), and images embedded in those as `data:image/...`. No network, no other
    file, no redirects. Every refused URL is kept in `blocked`: the caller must not let a PDF with a
    missing resource pass."""
    weasyprint = load_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

    theme = theme_dir.resolve()
    served = {posixpath.normpath(path): data for path, data in files.items()}

    class ProjectOnlyFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allow_redirects=False)
            self.blocked: list[str] = []
            self.fetched = 0  # how many URLs were asked for (render/pdfstyles.py)

        def fetch(self, url: str, headers=None):
            self.fetched += 1
            response = self._serve(url)
            if response is None:
                self.blocked.append(url)
                raise URLFetchingError(f"geblokkeerd: {url[:200]} (alleen bestanden uit het project en het thema)")
            return response

        def _serve(self, url: str):
            parsed = urlparse(url)
            if parsed.scheme == PROJECT_SCHEME:
                path = posixpath.normpath(unquote(url[len(PROJECT_SCHEME) + 1:]))
                return URLFetcherResponse(url, served[path], {"Content-Type": _mime(path)}) if path in served else None
            if parsed.scheme == "data":
                match = _DATA_IMAGE.match(url)
                if match is None:
                    return None
                try:
                    body = base64.b64decode(re.sub(r"\s", "", match.group(2)), validate=True)
                except ValueError:
                    return None
                return URLFetcherResponse(url, body, {"Content-Type": f"image/{match.group(1)}"})
            if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
                return None
            real = Path(unquote(parsed.path)).resolve()
            if real.is_relative_to(theme) and real.is_file():
                return URLFetcherResponse(real.as_uri(), real.read_bytes(), {"Content-Type": _mime(real.name)})
            return None

    del weasyprint
    return ProjectOnlyFetcher()


def _mime(path: str) -> str:
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


#: WeasyPrint's messages (English) and what the officer reads instead; group 1 names what it concerns
_DUTCH = [
    (re.compile(r"^Failed to load image at '?(.*?)'?: "), "de afbeelding '{}' kon niet worden geladen en ontbreekt in "
     "de PDF; open haar en sla haar opnieuw op, als PNG of JPEG"),
    (re.compile(r"^Failed to render SVG image (.*)$"), "de SVG-afbeelding '{}' kon niet worden getekend en "
     "ontbreekt in de PDF; sla haar opnieuw op als gewone SVG, of als PNG"),
    (re.compile(r"^Ignored `(.*)` at \d+:\d+, invalid value"), "de opmaakregel '{}' in een stylesheet of eigen "
     "sjabloon heeft een ongeldige waarde en is overgeslagen"),
    (re.compile(r"^Ignored `(.*)` at \d+:\d+, unknown property"), "de opmaakregel '{}' in een stylesheet of eigen "
     "sjabloon is onbekend en is overgeslagen"),
    (re.compile(r"^Ignored `(.*)` at \d+:\d+"), "de opmaakregel '{}' in een stylesheet of eigen sjabloon is "
     "overgeslagen"),
    (re.compile(r"^(?:Unsupported|.* (?:is|are) not supported|.* unsupported)"), "de PDF gebruikt opmaak die de "
     "PDF-maker niet ondersteunt; die opmaak is overgeslagen"),
]


#: a Dutch warning above that says an image is missing from the PDF: group 1 is its path in the project
FAILED_IMAGE = re.compile(r"^de (?:SVG-)?afbeelding '(.*)' kon niet worden (?:geladen|getekend) en ontbreekt in de PDF")


def dutch_warning(message: str) -> str:
    """WeasyPrint's warning in Dutch: the known ones translated, any other one as a Dutch text that says the
    PDF was made but should be looked at (no English reaches the officer)."""
    for pattern, text in _DUTCH:
        if (match := pattern.match(message)) is not None:
            shown = unquote(match.group(1).removeprefix(f"{PROJECT_SCHEME}:"))[:120] if pattern.groups else ""
            return text.format(shown)
    return ("de PDF-maker meldde een probleem dat Bestek niet kent; de PDF is gemaakt, maar kijk hem na "
            "(staat er opmaak of een afbeelding in die niet goed is?)")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# --- XMP metadata: PDF/UA identification and language next to WeasyPrint's PDF/A identification ---

def _pdfua_extension_schema() -> ElementTree.Element:
    """PDF/A-2 allows only predefined XMP schemas unless the file describes the others: this is the
    description of the pdfuaid schema (ISO 14289-1, 5), as PDF/A-2 clause 6.6.2.3 asks."""
    rdf, schema, prop = (f"{{{NS[n]}}}" for n in ("rdf", "pdfaSchema", "pdfaProperty"))
    description = ElementTree.Element(f"{rdf}Description", {f"{rdf}about": ""})
    schemas = ElementTree.SubElement(description, f"{{{NS['pdfaExtension']}}}schemas")
    bag = ElementTree.SubElement(schemas, f"{rdf}Bag")
    item = ElementTree.SubElement(bag, f"{rdf}li", {f"{rdf}parseType": "Resource"})
    for name, text in (("schema", "PDF/UA Universal Accessibility Schema"),
                       ("namespaceURI", NS["pdfuaid"]), ("prefix", "pdfuaid")):
        ElementTree.SubElement(item, f"{schema}{name}").text = text
    properties = ElementTree.SubElement(ElementTree.SubElement(item, f"{schema}property"), f"{rdf}Seq")
    part = ElementTree.SubElement(properties, f"{rdf}li", {f"{rdf}parseType": "Resource"})
    for name, text in (("name", "part"), ("valueType", "Integer"), ("category", "internal"),
                       ("description", "Indicates, which part of ISO 14289 standard is followed")):
        ElementTree.SubElement(part, f"{prop}{name}").text = text
    return description


@functools.cache
def _metadata_class(base: type) -> type:
    """A subclass of WeasyPrint's DocumentMetadata whose XMP packet also carries the PDF/UA part,
    dc:language and the extension schema PDF/A needs for pdfuaid (WeasyPrint writes one
    identification per file; we need two in the same rdf:RDF, where readers look)."""
    for prefix, uri in NS.items():
        ElementTree.register_namespace(prefix, uri)

    class BestekMetadata(base):
        def include_in_pdf(self, pdf, variant, version, conformance, compress):
            # The XMP packet uncompressed: XMP (part 3, 1.1) wants it readable by tools that do not parse
            # PDF, and PDF/A-1 clause 6.7.2 forbids a Filter on it; PDF/A-2 allows one, but the page
            # validator applies the PDF/A-1 rule to PDF/A-2 as well (PDFA2A-METADATA-FILTER-001).
            return super().include_in_pdf(pdf, variant, version, conformance, False)

        def generate_rdf_metadata(self, *args, **kwargs) -> bytes:
            rdf_xml = super().generate_rdf_metadata(*args, **kwargs)
            root = ElementTree.fromstring(rdf_xml)
            rdf = f"{{{NS['rdf']}}}"
            ua = ElementTree.SubElement(root, f"{rdf}Description", {f"{rdf}about": ""})
            ElementTree.SubElement(ua, f"{{{NS['pdfuaid']}}}part").text = str(PDF_UA_PART)
            if self.lang:
                language = ElementTree.SubElement(root, f"{rdf}Description", {f"{rdf}about": ""})
                bag = ElementTree.SubElement(ElementTree.SubElement(language, f"{{{NS['dc']}}}language"),
                                             f"{rdf}Bag")
                ElementTree.SubElement(bag, f"{rdf}li").text = self.lang
            root.append(_pdfua_extension_schema())
            return ElementTree.tostring(root, encoding="utf-8")

    return BestekMetadata


# --- fonts: every glyph from the theme's fonts ---

class _TextCollector(HTMLParser):
    """The characters a page shows: text outside <head>, plus data-* attributes (shown via attr())."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: set[str] = set()
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("head", "style", "script"):
            self.skip += 1
        for name, value in attrs:
            if name.startswith("data-") and value:
                self.chars.update(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style", "script"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.chars.update(data)


@functools.cache
def theme_characters(font_dir: Path) -> frozenset[int]:
    """Code points every shipped font of the theme has a glyph for (the intersection of their cmaps)."""
    from fontTools.ttLib import TTFont  # WeasyPrint's own dependency, used for its cmap reader

    covered: frozenset[int] | None = None
    for path in sorted(font_dir.glob("*.ttf")):
        with TTFont(path, lazy=True) as font:
            points = frozenset(font["cmap"].getBestCmap())
        covered = points if covered is None else covered & points
    if covered is None:
        raise EnvironmentProblem(f"het thema heeft geen lettertypen in {font_dir}")
    return covered


def missing_characters(html: str, font_dir: Path) -> list[str]:
    """Shown characters (other than white space and controls) the theme's fonts have no glyph for."""
    collector = _TextCollector()
    collector.feed(html)
    covered = theme_characters(font_dir)
    return sorted(c for c in collector.chars if ord(c) not in covered and not c.isspace() and c.isprintable())


def _font_warnings(html: str, font_dir: Path, used_families: set[str]) -> list[str]:
    """At most one warning: shown characters the theme's fonts lack, else fonts that are not the theme's."""
    foreign = ", ".join(sorted(used_families - THEME_FONT_FAMILIES))
    missing = missing_characters(html, font_dir)
    if missing:
        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
        where = f"deze computer toont ze met {foreign}" if foreign else "deze computer toont ze als leeg vakje"
        return [f"deze tekens staan niet in het lettertype van het thema: {shown}; {where}, een andere computer "
                "misschien anders. Vervang ze door gewone tekens."]
    if foreign:
        return [f"de PDF gebruikt lettertypen van deze computer ({foreign}) in plaats van alleen die van het "
                "thema; op een andere computer ziet hij er anders uit."]
    return []


def _noon_utc(date: str | None) -> str | None:
    """A page's date (dcterms.created/modified) as a full timestamp, which PDF/A wants in both the
    document information and the XMP: a bare date becomes 12:00 UTC, the same calendar day in every
    time zone. Dates come from the content, never from the clock."""
    if date is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return f"{date}T12:00:00Z"
    return date


def render_pdf(html: str, base_dir: Path, fetcher, warnings: list[str] | None = None,
               stats: dict[str, int] | None = None) -> bytes:
    """Render one HTML page to a PDF/A-2a + PDF/UA-1 file. WeasyPrint's warnings (in Dutch), and the use of any font
    that is not the theme's, are appended to `warnings`; `stats` gets the number of layouts and pages (`make bench`).
    The same `html` gives the same bytes: the file identifier is a hash of the HTML and every date comes from the
    HTML (the document's date). Cycles are collected once, after the file is written (core/collector.py)."""
    with collected_after():
        return _render_pdf(html, base_dir, fetcher, warnings, stats)


def _render_pdf(html: str, base_dir: Path, fetcher, warnings: list[str] | None,
                stats: dict[str, int] | None) -> bytes:
    weasyprint = load_weasyprint()
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    options = {"pdf_variant": PDF_VARIANT, "pdf_identifier": identifier}
    try:
        # presentational hints: WeasyPrint honours <ol start="5"> (a list that continues a numbering) only with them
        page = weasyprint.HTML(string=html, base_url=str(base_dir) + "/", url_fetcher=fetcher)
        pdfbreaks.running_heads(page.etree_element)  # one-line running headers (shortened with "…")
        presumed = pdfbreaks.presume_holds(page.etree_element)  # tables held together where they would break
        document = page.render(presentational_hints=True, **options)
        layouts = 1
        # a chapter after a page that would stay almost empty runs on instead (pdfbreaks.py); one at a time, since
        # each changes where the later chapters fall; a table held together whose rows are too tall for that is
        # let go; and a table that breaks where it should not is held together (each table's fix is its own)
        for _ in range(MAX_LAYOUTS - 1):
            late = pdfbreaks.chapters_after_short_pages(document)
            dropped = pdfbreaks.presumptions_to_drop(document, presumed)
            let_go = {id(element) for element, _ in dropped}  # decided on in the next layout, without them
            tables = [(e, name) for e, name in pdfbreaks.tables_to_hold(document) if id(e) not in let_go]
            if not late and not dropped and not tables:
                break
            for element, name in dropped:
                pdfbreaks.remove_class(element, name)
                presumed.remove((element, name))
            for element, name in tables:
                pdfbreaks.add_class(element, name)
            if late:
                pdfbreaks.run_on(late[0])
            # the same HTML warns and is refused the same again: keep what the first layout said, once
            messages, blocked = list(collect.messages), len(getattr(fetcher, "blocked", ()))
            del document
            gc.collect(0)  # the layout before (all it made is in the youngest generation): its cycles go now
            document = page.render(presentational_hints=True, **options)
            layouts += 1
            collect.messages[:] = messages
            del getattr(fetcher, "blocked", [])[blocked:]
        base: type = type(document.metadata)  # WeasyPrint's DocumentMetadata
        extended: Any = object.__new__(_metadata_class(base))
        extended.__dict__.update(vars(document.metadata))  # the same metadata, with the extended XMP
        extended.created, extended.modified = _noon_utc(extended.created), _noon_utc(extended.modified)
        document.metadata = extended
        pdftags.prepare(document)
        pdf = document.write_pdf(**options)
        if stats is not None:
            stats.update(layouts=layouts, pages=len(document.pages))
    finally:
        logger.removeHandler(collect)
    if warnings is not None:
        warnings.extend(dutch_warning(message) for message in collect.messages)
        warnings.extend(_font_warnings(html, base_dir / "fonts", {font.family for font in document.fonts.values()}))
    return pdf
