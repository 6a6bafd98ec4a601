"""The content of a project as canonical data (core/versions.py): what a release keeps and what every build
compares with the latest release. Part of the validate stage; reads only what the load stage read, and
only files that passed their schema.

Also `shows`: which sections of a document show which data (a block over the requirements, a reference
to one milestone), so a change of data is attributed to every section that shows it.
"""
from __future__ import annotations

import bisect
from collections.abc import Mapping
from typing import Any

from generator.core.blocks import Block
from generator.core.facts import FACTS
from generator.core.references import REFERENCES
from generator.core.scoring import AWARD_RULES_ID
from generator.core.versions import canonical
from generator.load.project import LoadedDocument, LoadedProject
from generator.load.yamlsource import YamlDocument
from generator.validate.schemas import EXPORT_ONLY

#: data file -> the data kinds a block that needs it shows (core/blocks.py `needs`)
SHOWN_BY_FILE = {"requirements": ("eis",), "criteria": ("criterium",), "segments": ("segment",),
                 "tender": ("mijlpaal", "perceel", "aanbesteding"), "organisation": ("organisatie",),
                 "begrippen": ("begrip",)}
#: reference kind -> the data kind it shows one item of (core/references.py)
SHOWN_BY_REFERENCE = {kind.name: kind.shows for kind in REFERENCES.values() if kind.shows}
#: tender fields that are not content of the tender (the package's own version; the codes only the exports use)
NOT_CONTENT = ("version", "planning", "lots", *EXPORT_ONLY["aanbesteding"])
#: organisation fields only the exports use (the EU notice's identifiers)
ORGANISATION_NOT_CONTENT = ("notice",)


def section_texts(document: LoadedDocument) -> list[dict[str, Any]]:
    """Each heading's own text (up to the next heading), the text before the first heading as section ""."""
    lines = document.body.split("\n")
    headings = document.outline.headings
    sections = document.sections()
    starts = [h.line for h in headings]
    result = []
    prelude = "\n".join(lines[:starts[0] - 1] if starts else lines).strip()
    if prelude or not starts:
        result.append({"id": "", "number": "", "title": "", "text": prelude})
    for i, (heading, section) in enumerate(zip(headings, sections, strict=True)):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(lines)
        text = "\n".join(line.rstrip() for line in lines[heading.line:end]).strip()
        result.append({"id": section.anchor, "number": section.number, "title": section.text, "text": text})
    return result


def _by_id(items: Any, kind: str = "") -> dict[str, Any]:
    left_out = ("id", *EXPORT_ONLY.get(kind, ()))
    return {item["id"]: canonical({k: v for k, v in item.items() if k not in left_out})
            for item in items or [] if isinstance(item, dict) and "id" in item}


def snapshot(project: LoadedProject, valid: Mapping[str, YamlDocument],
             documents: list[LoadedDocument]) -> dict[str, Any]:
    """The canonical content of the project: its documents' sections and its data."""
    result: dict[str, Any] = {"documents": {}, "data": {}}
    for document in documents:
        front = document.front.data if isinstance(document.front.data, dict) else {}
        result["documents"][document.id] = {
            **{key: str(front.get(key, "")) for key in ("title", "version", "status", "kind")},
            **({"role": str(front["role"])} if "role" in front else {}),  # a project kind's role (core/kinds.py)
            "sections": section_texts(document)}
    data: dict[str, Any] = result["data"]

    def of(file: str, field: str) -> Any:
        return valid[file].data.get(field) if file in valid else None

    data["segment"] = _by_id(of("segments", "segments"))
    data["eis"] = _by_id(of("requirements", "requirements"), "eis")
    data["criterium"] = _by_id(of("criteria", "criteria"))
    rules = {key: of("criteria", key) for key in ("tie_break", "max_providers") if of("criteria", key) is not None}
    if rules:  # the award rules, recorded with the criteria that {{ gunningscriteria }} shows them with
        data["criterium"][AWARD_RULES_ID] = canonical({"title": "Regels van de gunning", **rules})
    data["mijlpaal"] = _by_id(of("tender", "planning"))
    data["perceel"] = _by_id(of("tender", "lots"), "perceel")
    data["begrip"] = _by_id(of("begrippen", "begrippen"))
    tender = valid["tender"].data if "tender" in valid else {}
    data["aanbesteding"] = {k: canonical(v) for k, v in tender.items() if k not in NOT_CONTENT}
    organisation = valid["organisation"].data if "organisation" in valid else {}
    data["organisatie"] = {k: canonical(v) for k, v in organisation.items() if k not in ORGANISATION_NOT_CONTENT}
    data["organisatie"]["municipalities"] = [
        canonical({k: v for k, v in m.items() if k not in ("identifier", "address")})
        for m in organisation.get("municipalities") or []]
    questions: dict[str, Any] = {}
    for round_ in of("questions", "rounds") or []:
        for question in round_["questions"]:
            questions[question["id"]] = canonical({"round": round_["id"], **{k: v for k, v in question.items()
                                                                             if k != "id"}})
    data["vraag"] = questions
    changes: dict[str, Any] = {}
    for entry in of("wijzigingen", "changes") or []:
        changes[f"{entry['document']}#{entry['section']}"] = canonical(entry)
    for entry in of("wijzigingen", "motivations") or []:
        changes[f"motivatie:{entry['about']}"] = canonical(entry)
    data["wijziging"] = changes
    return result


def shows(document: LoadedDocument, blocks: Mapping[str, Block]) -> dict[str, set[str]]:
    """Section id -> what it shows: data kinds ('eis': a block over every requirement; 'eis@minimumeis': over
    the requirements of one kind) and single items ('mijlpaal:inschrijving': a reference)."""
    starts = [h.line for h in document.outline.headings]
    ids = [s.anchor for s in document.sections()]

    def section_at(line: int) -> str:
        index = bisect.bisect_right(starts, line) - 1
        return ids[index] if index >= 0 else ""

    result: dict[str, set[str]] = {}
    for block in document.outline.blocks:
        spec = blocks.get(block.name)
        if spec is not None and spec.needs in SHOWN_BY_FILE:
            shown = set(SHOWN_BY_FILE[spec.needs])
            kind = dict(block.args).get("soort")
            if block.name == "eisen" and kind:  # {{ eisen soort="minimumeis" }} shows the requirements of one kind
                shown = (shown - {"eis"}) | {f"eis@{kind}"}
            result.setdefault(section_at(block.line), set()).update(shown)
    for ref in document.outline.references:
        if ref.kind in SHOWN_BY_REFERENCE and ref.id:
            result.setdefault(section_at(ref.line), set()).add(f"{SHOWN_BY_REFERENCE[ref.kind]}:{ref.id}")
        elif ref.kind in ("regio", "gemeenten", "subregio"):  # the organisation's name, its municipalities
            result.setdefault(section_at(ref.line), set()).add("organisatie")
        elif ref.kind in FACTS:  # a field of tender.yaml, or (publicatiedatum, sluitingsdatum) a milestone
            fact = FACTS[ref.kind]
            result.setdefault(section_at(ref.line), set()).add(
                "mijlpaal" if fact.milestone else f"aanbesteding:{fact.field}")
    return result
