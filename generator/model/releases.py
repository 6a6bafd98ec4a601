"""Stage 3, model: the published versions of a project and what changed since the latest one.

Built from the releases the load stage read and validation accepted (validate/changes.py compares, this
module only shapes the result for rendering): the releases with their documents and PDFs, every change
since the latest release (`bestek diff`, the exports), and per released document the sections that changed
with what changed, why (the question or reason that accounts for it) and their old and new text.
"""
from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.core.text import enumeration
from generator.core.versions import Change
from generator.load.project import LoadedProject
from generator.validate.blocks import project_blocks
from generator.validate.changes import compare, entries, sound_releases


@dataclass(frozen=True)
class ReleasedDocument:
    """A document as a release published it."""

    id: str
    title: str
    version: str
    status: str
    date: str  # ISO date of the document then
    pdf: str  # its file name in the release folder
    sha256: str
    path: str  # the PDF in the project: releases/1.0/aanbestedingsleidraad.pdf


@dataclass(frozen=True)
class SectionChange:
    """A section of a released document that changed since the latest release."""

    document: str
    section: str  # its heading's id ("" for the text before the first heading)
    number: str  # its number now ('' when unnumbered or removed)
    title: str
    descriptions: tuple[str, ...]  # what changed: 'tekst gewijzigd', 'mijlpaal inschrijving: datum ... -> ...'
    sources: tuple[str, ...]  # why: 'vraag 1.2' or the reason of wijzigingen.yaml
    rounds: tuple[int, ...]  # the rounds of the Nota van Inlichtingen among the sources
    old: str  # its Markdown text in the latest release ('' when it is new)
    new: str  # and now ('' when it was removed)


@dataclass(frozen=True)
class Release:
    version: str
    date: datetime.date
    documents: tuple[ReleasedDocument, ...]
    #: the sections that changed relative to the release before it, as recorded when it was made
    sections: tuple[SectionChange, ...] = ()

    def document(self, ident: str) -> ReleasedDocument | None:
        return next((d for d in self.documents if d.id == ident), None)


@dataclass(frozen=True)
class Versions:
    """The releases (oldest first) and the changes since the latest."""

    releases: tuple[Release, ...] = ()
    changes: tuple[Change, ...] = ()
    sections: tuple[SectionChange, ...] = ()
    #: the PDFs of every release: path in the project (releases/1.0/x.pdf) -> bytes
    pdfs: Mapping[str, bytes] = field(default_factory=dict, compare=False, hash=False)

    @property
    def latest(self) -> Release | None:
        return self.releases[-1] if self.releases else None

    def history(self, document: str) -> tuple[tuple[Release, ReleasedDocument], ...]:
        """The releases that published `document`, oldest first, with the document as published."""
        return tuple((r, d) for r in self.releases if (d := r.document(document)) is not None)

    def changes_for(self, document: str) -> tuple[SectionChange, ...]:
        return tuple(s for s in self.sections if s.document == document)

    def edition(self, document: str, version: str) -> tuple[str | None, tuple[SectionChange, ...]]:
        """The version that `version` of `document` replaces and the sections that changed with it: since the
        latest release for a version not yet published, else as recorded by the release that first published
        it. (None, ()) for a first version."""
        history = self.history(document)
        if not history:
            return None, ()
        if version not in {d.version for _, d in history}:
            return history[-1][1].version, self.changes_for(document)
        first = next(i for i, (_, d) in enumerate(history) if d.version == version)
        if first == 0:
            return None, ()
        release = history[first][0]
        return history[first - 1][1].version, tuple(s for s in release.sections if s.document == document)

    def replaces(self, document: str, version: str) -> str | None:
        """'vervangt versie 1.0 (na Nota van Inlichtingen, ronde 1)', or None for a first version."""
        replaced, sections = self.edition(document, version)
        if replaced is None:
            return None
        rounds = sorted({n for s in sections for n in s.rounds})
        after = f" (na Nota van Inlichtingen, {'ronde' if len(rounds) == 1 else 'rondes'} " \
            f"{enumeration([str(n) for n in rounds])})" if rounds else " (na wijzigingen)" if sections else ""
        return f"vervangt versie {replaced}{after}"


def build_versions(project: LoadedProject) -> Versions:
    """The versions of a project that passed validation."""
    releases = sound_releases(project.releases)
    valid = {name: document for name, document in project.data.items() if document is not None}
    comparison = compare(project, valid, project.documents, releases, project_blocks(project))
    built = tuple(_release(r.data.data, r.path.rsplit("/", 1)[0]) for r in releases)
    pdfs = {f"{r.path.rsplit('/', 1)[0]}/{name}": data for r in releases for name, data in r.pdfs.items()}
    if comparison is None:
        return Versions(built, pdfs=pdfs)
    why: dict[tuple[str, str], list[tuple[str, int | None]]] = {}
    for entry in entries(valid, comparison.old):
        section = comparison.section(entry.document, entry.section)
        if section is not None:
            why.setdefault((entry.document, section["id"]), []).append(
                (entry.reason or entry.source, entry.round))
    sections = []
    order = {d.id: i for i, d in enumerate(project.documents)}
    place = {(document, s["id"]): i for document, d in comparison.now["documents"].items()
             for i, s in enumerate(d["sections"])}
    for (document, ident), changes in sorted(comparison.changed.items(),
                                             key=lambda item: (order.get(item[0][0], 0),
                                                               place.get(item[0], len(place)), item[0][1])):
        section = comparison.section(document, ident) or {"number": "", "title": ident}
        text = next((c for c in changes if c.subject is None), None)
        old = next((s["text"] for s in comparison.old["documents"][document]["sections"] if s["id"] == ident), "")
        new = next((s["text"] for s in comparison.now["documents"].get(document, {}).get("sections", [])
                    if s["id"] == ident), "")
        descriptions = tuple(dict.fromkeys(c.description if c.subject is None else f"{c.label()}: {c.description}"
                                           for c in changes))
        reasons = why.get((document, ident), [])
        sections.append(SectionChange(document, ident, section["number"] if text is None or new else "",
                                      section["title"], descriptions, tuple(dict.fromkeys(r for r, _ in reasons)),
                                      tuple(sorted({n for _, n in reasons if n is not None})), old, new))
    return Versions(built, tuple(comparison.changes), tuple(sections), pdfs)


def section_change_data(change: SectionChange) -> dict:
    """A section change as a release records it (release.json 'changes')."""
    return {"document": change.document, "section": change.section, "number": change.number, "title": change.title,
            "descriptions": list(change.descriptions), "sources": list(change.sources), "rounds": list(change.rounds),
            "old": change.old, "new": change.new}


def _section_change(data: dict) -> SectionChange:
    return SectionChange(str(data["document"]), str(data["section"]), str(data["number"]), str(data["title"]),
                         tuple(map(str, data["descriptions"])), tuple(map(str, data["sources"])),
                         tuple(int(n) for n in data["rounds"]), str(data["old"]), str(data["new"]))


def _release(data: dict, folder: str) -> Release:
    return Release(data["version"], datetime.date.fromisoformat(data["date"]), tuple(
        ReleasedDocument(d["id"], d["title"], d["version"], d["status"], d["date"], d["pdf"], d["sha256"],
                         f"{folder}/{d['pdf']}") for d in data["documents"]),
        tuple(_section_change(c) for c in data.get("changes") or []))
