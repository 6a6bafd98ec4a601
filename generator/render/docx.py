"""Stage 4, render: a Word copy of a document for reviewers (`bestek export --docx`), made with python-docx from the
document's print HTML, so it shows what the PDF shows.

Real Word headings (Heading 1-4, so the navigation pane works) with the numbers of the PDF, tables with their
header rows repeated on every page, footnotes as Word footnotes, lists, the cover data and "CONCEPT" in the header
of a concept. The first page says that the copy is for reading and commenting, never for editing back. The core
properties name the document's source file (identifier), so `bestek opmerkingen` (load/comments.py) can place
each comment in it. The same document gives the same bytes: fixed dates in the properties, fixed times in the zip.
"""
from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser

from docx import Document as new_document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from generator.model.types import Document

#: what the first page says, under the cover data
READ_ONLY_NOTE = ("Dit Word-bestand is alleen bedoeld om te lezen en van opmerkingen te voorzien. Wijzigingen in de "
                  "tekst komen niet terug in het document: de opsteller werkt in de bron ({source}) en maakt dit "
                  "bestand opnieuw. Zet uw opmerkingen in de kantlijn (Controleren > Nieuwe opmerking); de opsteller "
                  "leest ze met 'bestek opmerkingen'.")
SOURCE_PREFIX = "bestek:"  # the identifier property: bestek:content/documents/<id>.md
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FOOTNOTES = (f'<w:footnotes xmlns:w="{_W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r>'
              '</w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
              '<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>')
_SKIP = {"nav", "script", "style", "colgroup", "col", "head", "title", "meta"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "dl", "dt", "dd", "div", "section",
           "blockquote", "pre", "figure", "figcaption", "hr", "article", "caption", "thead", "tbody", "tr"}
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class Node:
    """An element of the print HTML: tag, attributes and children (text as str)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children
                       if isinstance(c, str) or "footnote" not in c.classes)

    def find(self, predicate) -> Node | None:
        for child in self.children:
            if isinstance(child, Node):
                if predicate(child):
                    return child
                found = child.find(predicate)
                if found is not None:
                    return found
        return None


class _Tree(HTMLParser):
    _VOID = {"br", "col", "img", "meta", "link", "hr", "input", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self._VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


class _Writer:
    """Walks the print HTML into a python-docx document."""

    def __init__(self, document) -> None:
        self.doc = document
        self.footnotes = parse_xml(_FOOTNOTES)
        self.next_footnote = 1

    # inline content ---------------------------------------------------------------------------------------------
    def inline(self, paragraph: Paragraph, node: Node | str, bold: bool = False, italic: bool = False,
               mono: bool = False) -> None:
        if isinstance(node, str):
            text = re.sub(r"\s+", " ", node)
            if text:
                run = paragraph.add_run(text)
                run.bold, run.italic = bold or None, italic or None
                if mono:
                    run.font.name = "Courier New"
            return
        if node.tag in _SKIP or "visually-hidden" in node.classes:
            return
        if "footnote" in node.classes:
            self.footnote(paragraph, node.text().strip())
            return
        if node.tag == "br":
            paragraph.add_run().add_break()
            return
        if node.tag == "img":
            paragraph.add_run(f"[afbeelding: {node.attrs.get('alt') or 'zonder beschrijving'}]").italic = True
            return
        bold = bold or node.tag in ("strong", "b", "th")
        italic = italic or node.tag in ("em", "i")
        mono = mono or node.tag == "code"
        for child in node.children:
            self.inline(paragraph, child, bold, italic, mono)
        href = node.attrs.get("href", "")
        if node.tag == "a" and href.startswith(("http://", "https://")) and href != node.text().strip():
            paragraph.add_run(f" ({href})")

    def footnote(self, paragraph: Paragraph, text: str) -> None:
        number = self.next_footnote
        self.next_footnote += 1
        reference = paragraph.add_run()
        reference.font.superscript = True
        reference._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{_W}" w:id="{number}"/>'))
        note = parse_xml(
            f'<w:footnote xmlns:w="{_W}" w:id="{number}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            '<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>')
        note.findall(qn("w:p"))[0].findall(qn("w:r"))[1].find(qn("w:t")).text = " " + text
        self.footnotes.append(note)

    # blocks -----------------------------------------------------------------------------------------------------
    def blocks(self, node: Node, level: int = 0) -> None:
        pending: Paragraph | None = None  # loose text between blocks gathers in one paragraph
        for child in node.children:
            if isinstance(child, Node) and (child.tag in _BLOCKS or child.tag in _SKIP):
                pending = None
                self.block(child, level)
            elif isinstance(child, str) and not child.strip() and pending is None:
                continue
            else:
                if pending is None:
                    pending = self.doc.add_paragraph()
                self.inline(pending, child)

    def block(self, node: Node, level: int) -> None:
        tag = node.tag
        if tag in _SKIP or "visually-hidden" in node.classes:
            return
        if re.fullmatch(r"h[1-6]", tag):
            # h1 is the title (of a letter: the cover has its own), h2 a chapter: Word's Title, Heading 1, ...
            heading = self.doc.add_heading(level=min(int(tag[1]) - 1, 4))
            for child in node.children:
                self.inline(heading, child)
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        elif tag in ("p", "dt", "figcaption", "caption", "pre"):
            style = {"caption": "Caption", "figcaption": "Caption"}.get(tag)
            paragraph = self.doc.add_paragraph(style=style)
            for child in node.children:
                self.inline(paragraph, child, bold=tag == "dt", mono=tag == "pre")
        elif tag in ("ul", "ol"):
            number = self.restart(level) if tag == "ol" else None
            for item in (c for c in node.children if isinstance(c, Node) and c.tag == "li"):
                self.item(item, "List Number" if tag == "ol" else "List Bullet", level, number)
        elif tag == "table":
            self.table(node)
        elif tag == "dl":
            self.definitions(node)
        elif tag == "blockquote":
            for child in (c for c in node.children if isinstance(c, Node)):
                if child.tag == "p":
                    paragraph = self.doc.add_paragraph(style="Quote")
                    for part in child.children:
                        self.inline(paragraph, part)
                else:
                    self.block(child, level)
        elif tag == "hr":
            self.doc.add_paragraph()
        else:  # div, section, figure, article: their content
            self.blocks(node, level)

    def restart(self, level: int) -> int:
        """A numbering of its own for one numbered list, starting at 1 (Word's List Number style alone would go on
        counting from the list before it)."""
        name = "List Number" if level == 0 else f"List Number {min(level + 1, 3)}"
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles[name].element.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def item(self, item: Node, style: str, level: int, number: int | None = None) -> None:
        name = style if level == 0 else f"{style} {min(level + 1, 3)}"
        paragraph = self.doc.add_paragraph(style=name)
        if number is not None:
            paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = number
        for child in item.children:
            if isinstance(child, Node) and child.tag in ("ul", "ol"):
                self.block(child, level + 1)
            elif isinstance(child, Node) and child.tag == "p":
                for part in child.children:
                    self.inline(paragraph, part)
            elif isinstance(child, Node) and child.tag in _BLOCKS:
                self.block(child, level + 1)
            else:
                self.inline(paragraph, child)

    def definitions(self, node: Node) -> None:
        """A definition list (contract data, contact, letter header) as a two-column table without header."""
        rows: list[tuple[Node, Node | None]] = []
        for child in (c for c in node.children if isinstance(c, Node)):
            if child.tag == "dt":
                rows.append((child, None))
            elif child.tag == "dd" and rows:
                rows[-1] = (rows[-1][0], child)
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for term, value in rows:
            cells = table.add_row().cells
            self.cell(cells[0], term, bold=True)
            if value is not None:
                self.cell(cells[1], value)
        self.doc.add_paragraph()

    def table(self, node: Node) -> Table:
        caption = node.find(lambda n: n.tag == "caption")
        if caption is not None:
            self.block(caption, 0)
        rows: list[tuple[Node, bool]] = []
        for part in (c for c in node.children if isinstance(c, Node)):
            if part.tag in ("thead", "tbody", "tfoot"):
                rows += [(r, part.tag == "thead") for r in part.children if isinstance(r, Node) and r.tag == "tr"]
            elif part.tag == "tr":
                rows.append((part, False))
        width = max((sum(int(c.attrs.get("colspan", "1") or 1) for c in r.children
                         if isinstance(c, Node) and c.tag in ("td", "th")) for r, _ in rows), default=1)
        table = self.doc.add_table(rows=0, cols=max(width, 1))
        table.style = "Table Grid"
        for row, header in rows:
            word_row = table.add_row()
            if header:  # repeated at the top of every page, and read as a header by screen readers
                word_row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{_W}"/>'))
            column = 0
            for cell in (c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")):
                span = int(cell.attrs.get("colspan", "1") or 1)
                target = word_row.cells[column]
                if span > 1:
                    target = target.merge(word_row.cells[min(column + span, width) - 1])
                self.cell(target, cell, bold=header or cell.tag == "th")
                column += span
        self.doc.add_paragraph()
        return table

    def cell(self, cell, node: Node, bold: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        for child in node.children:
            if isinstance(child, Node) and child.tag in ("p", "ul", "ol", "div", "dl", "table"):
                if paragraph.text or paragraph.runs:
                    paragraph = cell.add_paragraph()
                if child.tag in ("ul", "ol"):
                    for item in (c for c in child.children if isinstance(c, Node) and c.tag == "li"):
                        self.inline(paragraph, item, bold)
                        paragraph = cell.add_paragraph()
                    continue
                self.inline(paragraph, child, bold)
            else:
                self.inline(paragraph, child, bold)


def _note(doc, source: str) -> None:
    """The first lines: what the copy is for."""
    run = doc.add_paragraph().add_run(READ_ONLY_NOTE.format(source=source))
    run.italic = True
    run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _cover(writer: _Writer, cover: Node) -> None:
    doc = writer.doc
    for child in (c for c in cover.children if isinstance(c, Node)):
        text = re.sub(r"\s+", " ", child.text()).strip()
        if "cover-title" in child.classes:
            doc.add_heading(text, level=0)
        elif child.tag == "dl":
            writer.definitions(child)
        elif text:
            paragraph = doc.add_paragraph(text)
            if "cover-kind" in child.classes or "cover-organisation" in child.classes:
                paragraph.runs[0].bold = True
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def render_docx(document: Document, pdf_html: str, organisation: str) -> bytes:
    """The Word copy of one document, from its print HTML (render/environment.py render_documents)."""
    root = parse_html(pdf_html)
    doc = new_document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    writer = _Writer(doc)
    for empty in doc.paragraphs:  # the template's empty first paragraph
        empty._p.getparent().remove(empty._p)
    source = f"content/documents/{document.id}.md"
    _note(doc, source)
    article = root.find(lambda n: n.tag == "article") or root
    for child in article.children:  # the cover, then the text; a letter's header is part of its text
        if isinstance(child, Node) and child.tag == "section" and "cover" in child.classes:
            _cover(writer, child)
        elif isinstance(child, Node) and child.tag != "nav":  # the table of contents: Word's navigation pane
            writer.block(child, 0)
    header = doc.sections[0].header.paragraphs[0]
    header.text = f"CONCEPT — {document.title}" if document.is_concept else document.title
    if document.is_concept:
        header.runs[0].bold = True
    part = Part(PackURI("/word/footnotes.xml"), _FOOTNOTES_CT, etree.tostring(writer.footnotes, xml_declaration=True,
                                                                     encoding="UTF-8", standalone=True),
                doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    properties = doc.core_properties
    when = datetime.datetime.combine(document.date, datetime.time())
    properties.title, properties.author, properties.subject = document.title, organisation, document.kind
    properties.identifier, properties.last_modified_by = SOURCE_PREFIX + source, "Bestek"
    properties.created = properties.modified = when
    properties.revision, properties.keywords, properties.comments = 1, "", "alleen om te lezen en te becommentariëren"
    properties.language = "nl-NL"
    raw = io.BytesIO()
    doc.save(raw)
    return _reproducible(raw.getvalue())


def _reproducible(data: bytes) -> bytes:
    """The zip again with a fixed time on every member, in the same order (python-docx stamps the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
