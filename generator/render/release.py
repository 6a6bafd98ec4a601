"""The bytes of a release (`bestek release`): release.json and the PDFs as published. Part of the render stage.

release.json records the date, the package's reference and version, per document its id, title, version,
status, date and the SHA-256 of its PDF, the content as canonical data (validate/snapshot.py) and the
sections that changed since the release before it (model/releases.py), so later builds can compare, show
the history and list what changed without the files of that time.
"""
from __future__ import annotations

import datetime
import hashlib
from typing import Any

from generator.core.versions import dumps
from generator.model.releases import section_change_data
from generator.model.types import Project

RELEASE_FORMAT = 1


def release_files(project: Project, version: str, date: datetime.date, content: dict[str, Any],
                  pdfs: dict[str, bytes]) -> dict[str, bytes]:
    """The files of the release folder: name -> bytes (release.json and one PDF per published document:
    every one but the concepts, which `content` leaves out too)."""
    documents = [{"id": d.id, "title": d.title, "version": d.version, "status": d.status, "kind": d.kind,
                  "date": d.date.isoformat(), "pdf": f"{d.id}.pdf", "sha256": hashlib.sha256(pdfs[d.id]).hexdigest()}
                 for d in project.documents if not d.is_concept]
    record = {"format": RELEASE_FORMAT, "version": version, "date": date.isoformat(),
              "reference": project.tender.reference, "documents": documents, "content": content,
              "changes": [section_change_data(s) for s in project.versions.sections]}
    return {"release.json": dumps(record),
            **{f"{d.id}.pdf": pdfs[d.id] for d in project.documents if not d.is_concept}}
