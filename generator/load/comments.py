"""Stage 1, load: the reviewers' comments in a Word copy (`bestek opmerkingen FILE.docx`), each placed in the source.

The file is the one the officer names on the command line, so it may lie anywhere, but it is untrusted: a zip of at
most MAX_DOCX bytes whose parts are read with a limit, XML without a DOCTYPE (no entities), only the parts named
here. Each comment (author, date, text) comes with the text it is attached to and the heading above it; the copy's
`identifier` property (render/docx.py) names the document's source file, which is read through the load stage
(never outside the project), so that each comment gets the line of the source it belongs to: the line in that
heading's section whose text holds the commented words, else the heading's own line.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from generator.core.errors import UsageError
from generator.load.project import LoadedDocument

MAX_DOCX = 50 * 1024 * 1024
MAX_PART = 30 * 1024 * 1024  # uncompressed, per part
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"
SOURCE = re.compile(r"bestek:(content/documents/[a-z0-9][a-z0-9-]*\.md)")
_HEADING_STYLE = re.compile(r"(Heading|Kop)([1-9])|Title|Titel", re.IGNORECASE)


@dataclass(frozen=True)
class Comment:
    author: str
    date: datetime.date | None
    text: str
    anchor: str  # the text the comment is attached to ('' for a comment on a point)
    heading: str  # the heading above it, as the copy shows it ('3.2 Planning'; '' before the first)
    paragraph: str  # the whole paragraph the comment starts in
    before: tuple[str, ...] = ()  # the paragraphs before it, nearest first: for text a block made (not in the source)


@dataclass(frozen=True)
class Placed:
    """A comment with its place in the source: the file and line, and the section it is in."""

    comment: Comment
    path: str
    line: int
    section: str


def _part(archive: zipfile.ZipFile, name: str, what: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise UsageError(f"'{what}' is te groot om te lezen ({name} is groter dan {MAX_PART // 1024 // 1024} MB)")
    with archive.open(info) as handle:
        data = handle.read(MAX_PART + 1)
    if len(data) > MAX_PART:
        raise UsageError(f"'{what}' is te groot om te lezen ({name} is groter dan {MAX_PART // 1024 // 1024} MB)")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UsageError(f"'{what}' is geen gewoon Word-bestand ({name} bevat een DOCTYPE); sla het opnieuw op in Word")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise UsageError(f"'{what}' is beschadigd ({name} is geen geldige XML); sla het opnieuw op in Word") from None


def _text(element: ElementTree.Element) -> str:
    parts = []
    for node in element.iter():
        if node.tag == f"{W}t" and node.text:
            parts.append(node.text)
        elif node.tag in (f"{W}tab", f"{W}br"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def _date(text: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def read_comments(path: Path) -> tuple[str | None, list[Comment]]:
    """The source file the copy names (None for another Word file) and its comments in the order of the text."""
    what = str(path)
    if not path.is_file():
        raise UsageError(f"'{what}' bestaat niet of is geen bestand; geef het Word-bestand met de opmerkingen op")
    if path.stat().st_size > MAX_DOCX:
        raise UsageError(f"'{what}' is groter dan {MAX_DOCX // 1024 // 1024} MB; is dit het Word-bestand van Bestek?")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise UsageError(f"'{what}' is geen Word-bestand (.docx); geef het bestand op dat 'bestek export --docx' "
                         "maakte, met de opmerkingen erin") from None
    with archive:
        document = _part(archive, "word/document.xml", what)
        if document is None:
            raise UsageError(f"'{what}' is geen Word-bestand (.docx): word/document.xml ontbreekt")
        comments = _part(archive, "word/comments.xml", what)
        core = _part(archive, "docProps/core.xml", what)
    identifier = core.findtext(f"{DC}identifier") if core is not None else None
    source = found.group(1) if identifier and (found := SOURCE.fullmatch(identifier.strip())) else None
    notes = {}
    for note in (comments.iter(f"{W}comment") if comments is not None else ()):
        notes[note.get(f"{W}id")] = (note.get(f"{W}author") or "onbekend", _date(note.get(f"{W}date")), _text(note))
    return source, _anchored(document, notes)


def _anchored(document: ElementTree.Element, notes: dict) -> list[Comment]:
    """Walk the paragraphs in order: which text each comment range holds, under which heading."""
    heading, found = "", []
    open_ranges: dict[str, list[str]] = {}
    started: dict[str, str] = {}  # comment id -> the paragraph it starts in
    preceding: dict[str, tuple[str, ...]] = {}
    done: dict[str, str] = {}
    recent: list[str] = []
    body = document.find(f"{W}body")
    for paragraph in (body.iter(f"{W}p") if body is not None else ()):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        text = _text(paragraph)
        if style is not None and _HEADING_STYLE.fullmatch(style.get(f"{W}val") or "") and text:
            heading = text
        for node in paragraph.iter():
            ident = node.get(f"{W}id") or ""
            if node.tag == f"{W}commentRangeStart":
                open_ranges[ident] = []
                started[ident], preceding[ident] = text, tuple(reversed(recent[-8:]))
                found.append((ident, heading))
            elif node.tag == f"{W}commentRangeEnd" and ident in open_ranges:
                done[ident] = "".join(open_ranges.pop(ident))
            elif node.tag == f"{W}commentReference" and ident not in started:
                started[ident], done[ident], preceding[ident] = text, "", tuple(reversed(recent[-8:]))
                found.append((ident, heading))
            elif node.tag == f"{W}t" and node.text:
                for parts in open_ranges.values():
                    parts.append(node.text)
        if text:
            recent.append(text)
    result = []
    for ident, under in found:
        if ident in notes:
            author, day, text = notes[ident]
            anchor = " ".join((done.get(ident) or "".join(open_ranges.get(ident, []))).split())
            result.append(Comment(author, day, text, anchor, under, started.get(ident, ""), preceding.get(ident, ())))
    return result


def _words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKC", text).lower()
    return re.findall(r"[0-9a-zà-ÿ]+", plain)


def place(comments: list[Comment], document: LoadedDocument) -> list[Placed]:
    """Each comment at its source line: the heading's section by its number and title, and in it the line that
    holds the commented words (or the start of the paragraph), else the heading's line."""
    lines = document.body.splitlines()
    sections = list(document.sections())
    placed = []
    for comment in comments:
        heading = _words(comment.heading)
        section = next((s for s in sections if heading in (_words(f"{s.label} {s.text}"), _words(s.text))), None)
        if section is not None:
            following = [s.line for s in sections if s.line > section.line]
            first, last = section.line, min(following, default=len(lines) + 1)
        else:  # before the first heading, or a heading the copy shows otherwise: the whole body
            first, last = 1, len(lines) + 1
        line = _line_of(lines, first, last, comment)
        where = f"{section.label} {section.text}".strip() if section is not None else ""
        placed.append(Placed(comment, document.path, document.file_line(line if line else first), where))
    return placed


def _line_of(lines: list[str], first: int, last: int, comment: Comment) -> int | None:
    """The body line (1-based) in [first, last) of the commented text; for text a block or reference made (so not in
    the source), the first line after the nearest paragraph before it that is in the source."""
    found = _find(lines, first, last, comment.anchor) or _find(lines, first, last, comment.paragraph)
    if found is not None:
        return found
    for earlier in comment.before:
        line = _find(lines, first - 1, last, earlier)
        if line is not None:  # past the end of that paragraph, then its first non-blank line
            line += 1
            while line < last and line <= len(lines) and lines[line - 1].strip():
                line += 1
            while line < last and line <= len(lines) and not lines[line - 1].strip():
                line += 1
            return line if line < last and line <= len(lines) else None
    return None


def _find(lines: list[str], first: int, last: int, wanted: str) -> int | None:
    """The line whose words hold the most of the first words of `wanted`, in order (at least two of them)."""
    words = _words(wanted)[:8]
    best, score = None, 0
    for number in range(max(first, 1), min(last, len(lines) + 1)):
        joined = " ".join(_words(lines[number - 1]))
        hits = next((n for n in range(len(words), 0, -1) if " ".join(words[:n]) in joined), 0)
        if hits > score:
            best, score = number, hits
    return best if words and score >= min(2, len(words)) else None
