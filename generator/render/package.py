"""The tender package for TenderNed: PDFs in TenderNed's folders, a documentenlijst with SHA-256
checksums, a JSON manifest and planning.ics, zipped reproducibly. Part of the write stage.

Building twice from the same input gives a byte-identical zip: entries are sorted, timestamps come
from the content (the newest document date), permissions are fixed.
"""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

from generator.model.types import Document, Project
from generator.render.site_history import superseded
from generator.validate.schemas import TENDERNED_FOLDERS


@dataclass(frozen=True)
class PackageEntry:
    """One file of the package as listed in the documentenlijst and the manifest."""

    path: str  # inside the zip
    title: str
    kind: str
    version: str
    date: str
    status: str
    sha256: str
    size: int


@dataclass(frozen=True)
class SupersededEntry:
    """An earlier version of a packaged document, published by a release and vervallen now: listed in the
    documentenlijst and the manifest, not in the zip. TenderNed keeps every published document itself and
    marks it superseded; the package is what to upload now, so listing the old version with its checksum
    and date is enough to tell it apart (its PDF stays in the project's releases/ folder and on the site)."""

    title: str
    kind: str
    version: str
    date: str
    status: str  # the document's status in that version
    release: str  # the release that published it
    release_date: str
    pdf: str  # the PDF in the project: releases/1.0/aanbestedingsleidraad.pdf
    sha256: str


def superseded_entries(project: Project) -> list[SupersededEntry]:
    """The vervallen versions of the packaged documents, oldest first per document, in the project's order."""
    return [SupersededEntry(item.document.title, document.kind, item.document.version, item.document.date,
                            item.document.status, item.release.version, item.release.date.isoformat(),
                            item.document.path, item.document.sha256)
            for document in packaged_documents(project) for item in superseded(project, document)]


def packaged_documents(project: Project) -> list[Document]:
    """The documents that go to TenderNed, in the project's order."""
    return [d for d in project.documents if d.tenderned is not None]


def document_entries(project: Project, pdfs: dict[str, bytes]) -> list[PackageEntry]:
    entries = []
    for document in packaged_documents(project):
        assert document.tenderned is not None  # packaged_documents keeps only these
        pdf = pdfs[document.id]
        entries.append(PackageEntry(
            path=f"{TENDERNED_FOLDERS[document.tenderned]}/{document.id}.pdf", title=document.title,
            kind=document.kind, version=document.version, date=document.date.isoformat(), status=document.status,
            sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf)))
    return entries


def extra_entry(path: str, title: str, kind: str, project: Project, data: bytes, date: str) -> PackageEntry:
    return PackageEntry(path, title, kind, project.tender.version or "", date, "definitief",
                        hashlib.sha256(data).hexdigest(), len(data))


def manifest(project: Project, entries: list[PackageEntry]) -> bytes:
    data = {
        "reference": project.tender.reference,
        "title": project.tender.title,
        "version": project.tender.version,
        "organisation": project.organisation.name,
        "files": [entry.__dict__ for entry in sorted(entries, key=lambda e: e.path)],
    }
    if old := superseded_entries(project):  # published earlier, vervallen now: listed, not in the zip
        data["superseded"] = [entry.__dict__ for entry in old]
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


#: characters Windows refuses in a file name, and the device names it reserves (with any extension)
_WINDOWS_FORBIDDEN = set('<>:"\\|?*') | {chr(c) for c in range(32)}
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def entry_name_problems(names: list[str]) -> list[str]:
    """Zip entry names that would not unpack on Windows (forbidden characters, device names, a trailing
    dot or space) or that differ only in case from another entry (they overwrite each other there).
    The load stage keeps document names safe; this guards every name that reaches the zip."""
    problems: list[str] = []
    seen: dict[str, str] = {}  # casefolded name -> the first name written so
    for name in names:
        for part in name.split("/"):
            if set(part) & _WINDOWS_FORBIDDEN or part.split(".")[0].lower() in _WINDOWS_DEVICES \
                    or part.endswith((".", " ")):
                problems.append(f"{name}: geen geldige bestandsnaam op Windows")
                break
        key = name.casefold()
        if key in seen:
            problems.append(f"{name}: verschilt alleen in hoofdletters van {seen[key]}")
        seen.setdefault(key, name)
    return problems


def zip_bytes(files: dict[str, bytes], date: tuple[int, int, int]) -> bytes:
    """A reproducible zip: sorted entries, fixed timestamp and permissions, fixed compression."""
    problems = entry_name_problems(sorted(files))
    if problems:  # a defect of Bestek: every name in the package comes from a checked id
        raise RuntimeError("package entry names: " + "; ".join(problems))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(*date, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def package_name(project: Project) -> str:
    return f"{project.tender.reference}-{project.tender.version}.zip"
