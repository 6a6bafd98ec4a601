"""The published versions of a document for the site and the package: its history, the released PDFs the
site offers for download, and the redline of the sections that changed. Part of the render stage.

The model (model/releases.py) holds the releases and what changed; this module only shapes them. A
document version that several releases carry (a document that did not change in a later release) is
listed once, as the release that published it first did. Redlines compare the Markdown text of a section
word by word (difflib) and show it as escaped plain text: content never becomes HTML here.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from markupsafe import Markup, escape

from generator.core.text import file_size
from generator.model.releases import Release, ReleasedDocument, SectionChange
from generator.model.types import Document, Project
from generator.render.contexts import ChangedSection, PublishedVersion

#: the site folder that holds the released PDFs: versies/<release>/<file>
SITE_RELEASES_DIR = "versies"
#: a word with the white space after it: the unit of a redline
_WORD = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class Published:
    """A document version as the first release that holds it published it."""

    release: Release
    document: ReleasedDocument

    @property
    def site_path(self) -> str:
        """Where the site offers its PDF, from the site root."""
        return f"{SITE_RELEASES_DIR}/{self.release.version}/{self.document.pdf}"


def published(project: Project, document: str) -> list[Published]:
    """Every version of `document` that a release published, oldest first, each once."""
    seen: dict[str, Published] = {}
    for release, released in project.versions.history(document):
        seen.setdefault(released.version, Published(release, released))
    return list(seen.values())


def released_site_files(project: Project) -> dict[str, bytes]:
    """The released PDFs the history pages link, by their path in the site."""
    files = {}
    for document in project.documents:
        for item in published(project, document.id):
            data = project.versions.pdfs.get(item.document.path)
            if data is not None:
                files[item.site_path] = data
    return files


def superseded(project: Project, document: Document) -> list[Published]:
    """The published versions of `document` other than its current one: vervallen."""
    return [item for item in published(project, document.id) if item.document.version != document.version]


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def history(project: Project, document: Document, root: str, pdf_size: int | None) -> tuple[PublishedVersion, ...]:
    """The rows of the history page at `root` (the path to the site root). `pdf_size` is the size of the
    current PDF, None when the build makes no PDFs."""
    rows = []
    for item in published(project, document.id):
        data = project.versions.pdfs.get(item.document.path)
        rows.append(PublishedVersion(
            item.document.version, _date(item.document.date) or item.release.date, item.document.status,
            item.document.version == document.version, item.release.version, item.release.date,
            item.document.sha256, root + item.site_path if data is not None else None,
            file_size(len(data)) if data is not None else None))
    if not any(row.current for row in rows):  # the current version, not (yet) in a release
        rows.append(PublishedVersion(
            document.version, document.date, document.status, True, None, None, None,
            f"{root}pdf/{document.id}.pdf" if pdf_size is not None else None,
            file_size(pdf_size) if pdf_size is not None else None))
    return tuple(rows)


def section_label(change: SectionChange) -> str:
    """'3.3 Planning', or for the text before the first heading 'Begin van het document'."""
    if change.section == "":
        return "Begin van het document"
    return f"{change.number} {change.title}".strip()


def _marked(tag: str, hidden: str, words: list[str]) -> Markup:
    text = "".join(words)
    inner = text.rstrip()
    return Markup('<{0}><span class="visually-hidden">{1}: </span>{2}<span class="visually-hidden"> (einde {1})'
                  "</span></{0}>{3}").format(tag, hidden, inner, text[len(inner):])


def redline(old: str, new: str) -> Markup:
    """`new` with the words of `old` it no longer has in <del> and its new words in <ins>, escaped; changes
    of white space alone are not marked (the new text's white space is kept)."""
    before, after = _WORD.findall(old), _WORD.findall(new)
    matcher = SequenceMatcher(None, [w.rstrip() for w in before], [w.rstrip() for w in after], autojunk=False)
    parts: list[Markup] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(after[j1:j2])))
            continue
        if op in ("delete", "replace"):
            removed = _marked("del", "verwijderd", before[i1:i2])
            parts.append(Markup(removed.rstrip() + " ") if op == "replace" else removed)
        if op in ("insert", "replace"):
            parts.append(_marked("ins", "ingevoegd", after[j1:j2]))
    return Markup("").join(parts)


def changed_sections(project: Project, document: Document, page_ids: set[str],
                     document_href: str) -> tuple[str | None, tuple[ChangedSection, ...]]:
    """The version the current version of `document` replaces, and its changed sections for the history page;
    a section links into the document's page (`document_href`) when `page_ids` (its ids) hold its heading."""
    replaced, changes = project.versions.edition(document.id, document.version)
    order = {section.anchor: i for i, section in enumerate(document.sections)}
    sections = []
    for change in sorted(changes, key=lambda c: (c.section != "", order.get(c.section, len(order)))):
        href = f"{document_href}#{change.section}" if change.section and change.section in page_ids else None
        sections.append(ChangedSection(section_label(change), href, change.descriptions, change.sources,
                                       redline(change.old, change.new), change.old != change.new))
    return replaced, tuple(sections)
