"""Versions of a tender: the content of a release as canonical data, and what changed between two of them.

A release (`bestek release`, kept in `releases/<version>/release.json`) holds a *snapshot*: plain JSON data,
so that any two versions can be compared without the Markdown or YAML they came from:

    {"documents": {id: {"title", "version", "status", "kind",
                        "sections": [{"id", "number", "title", "text"}, ...]}},
     "data": {kind: {id: {field: value}}}}

`sections` hold each heading's own text (up to the next heading), the text before the first heading as the
section with id "". `data` kinds are the ones in DATA_KINDS (segments, requirements, criteria, milestones,
lots, the tender's own fields, questions, changes). `diff(old, new)` lists the changes in Dutch; validation
decides which of them must be accounted for (validate/changes.py).
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

from generator.core.text import dutch_date, number

#: data kind -> (Dutch name of one item, Dutch title of the group in `bestek diff`)
DATA_KINDS = {
    "segment": ("segment", "segmenten"),
    "eis": ("eis", "eisen"),
    "criterium": ("criterium", "gunningscriteria"),
    "mijlpaal": ("mijlpaal", "planning"),
    "perceel": ("perceel", "percelen"),
    "begrip": ("begrip", "begrippen"),
    "aanbesteding": ("aanbesteding", "de aanbesteding"),
    "organisatie": ("organisatie", "de organisatie"),
    "vraag": ("vraag", "nota van inlichtingen"),
    "wijziging": ("wijziging", "wijzigingen"),
}
#: fields by their Dutch name in a change's description
FIELD_NAMES = {
    "text": "tekst", "title": "titel", "name": "naam", "weight": "weging", "weights": "weging per perceel",
    "date": "datum", "end": "einddatum", "time": "tijd", "kind": "soort", "segments": "segmenten",
    "description": "omschrijving", "evidence": "bewijs", "procedure": "procedure", "contract": "looptijd",
    "lots": "percelen", "estimated_value": "geraamde waarde", "cpv": "CPV-codes", "question": "vraag",
    "answer": "antwoord", "amendment": "wijziging", "min_score": "minimumscore", "scoring": "beoordeling",
    "short_name": "korte naam", "municipalities": "gemeenten", "website": "website",
    "formula": "prijsformule", "max_providers": "maximumaantal aanbieders",
    "tie_break": "beslisregel bij gelijke totaalscore",
    "term": "begrip", "definition": "omschrijving", "group": "groep", "number": "nummer",
}
#: what may be a "wezenlijke wijziging" after publication (PIANOo; art. 2.163a Aw 2012 as applied during the
#: procedure): every change of a lot or an award criterion, of a minimum requirement, and of these fields
SUBSTANTIAL_KINDS = ("perceel", "criterium")
SUBSTANTIAL_TENDER_FIELDS = ("procedure", "contract", "cpv", "estimated_value", "lots", "domains")
#: data kinds whose items are the fields of one file (tender.yaml, organisation.yaml), not items with ids
FIELD_KINDS = ("aanbesteding", "organisatie")
SHORT_TEXT = 80  # characters: longer old and new texts are named, not quoted, in a change's description


@dataclass(frozen=True)
class Change:
    """One change between two versions.

    A section change has `document` and `section` (its id; "" for the text before the first heading);
    a data change has `subject` ('eis:eis-vog', 'mijlpaal:inschrijving', 'aanbesteding:procedure')."""

    description: str  # Dutch: 'tekst gewijzigd', 'weging 40 -> 35', 'nieuw', 'vervallen'
    document: str | None = None
    section: str | None = None
    number: str = ""  # the section's number now (or in the old version, when it was removed)
    title: str = ""  # the section's title, or the item's name
    subject: str | None = None
    old: str | None = None  # the old and new text of a changed section, for a redline
    new: str | None = None

    @property
    def kind(self) -> str | None:
        return self.subject.partition(":")[0] if self.subject else None

    def label(self) -> str:
        """'3.3 Planning' or 'eis eis-vog': what changed, for messages and `bestek diff`."""
        if self.subject is not None:
            kind, _, ident = self.subject.partition(":")
            return f"{DATA_KINDS[kind][0]} {FIELD_NAMES.get(ident, ident) if kind in FIELD_KINDS else ident}"
        if self.section == "":
            return "het begin van het document"
        return f"{self.number} {self.title}".strip()


def canonical(value: Any) -> Any:
    """A YAML value as JSON data: dates as ISO text, everything else as it is."""
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def dumps(data: Any) -> bytes:
    """JSON as a release keeps it: sorted keys, one value per line, UTF-8, so a release diffs well in git
    and the same content always gives the same bytes."""
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _shown(field: str, value: Any) -> str:
    if value is None:
        return "geen"
    if field in ("date", "end") and isinstance(value, str):
        try:
            return dutch_date(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def describe_field(field: str, old: Any, new: Any, named: bool = True) -> str:
    """'weging 40 -> 35', 'datum 22 april 2024 -> 29 april 2024', "tekst gewijzigd ('a' -> 'b')"; without
    `named` the field's name is left out ('40 -> 35'), for a change whose label names it already."""
    name = FIELD_NAMES.get(field, field)
    if isinstance(old, dict) and isinstance(new, dict):  # 'weging per perceel: perceel-1 15 -> 20'
        parts = ", ".join(f"{key} {_shown(field, old.get(key))} -> {_shown(field, new.get(key))}"
                          for key in sorted(set(old) | set(new), key=str) if old.get(key) != new.get(key))
        return f"{name}: {parts}" if named else parts
    change = _change(field, old, new)
    return f"{name} {change}" if named else change


def _change(field: str, old: Any, new: Any) -> str:
    """What happened to one value: 'toegevoegd: x', 'weggehaald', "gewijzigd ('a' -> 'b')", '40 -> 35'."""
    before, after = _shown(field, old), _shown(field, new)
    if old is None:
        return f"toegevoegd: {after}" if len(after) <= SHORT_TEXT else "toegevoegd"
    if new is None:
        return "weggehaald"
    if isinstance(old, str) and isinstance(new, str) and (len(before) > SHORT_TEXT or len(after) > SHORT_TEXT):
        return "gewijzigd"
    if isinstance(old, str) and isinstance(new, str) and field not in ("date", "end", "time"):
        return f"gewijzigd ('{before}' -> '{after}')"
    return f"{before} -> {after}"


def _diff_sections(document: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[Change]:
    changes = []
    before = {s["id"]: s for s in old}
    now = {s["id"]: s for s in new}
    for section in new:
        previous = before.get(section["id"])
        base = {"document": document, "section": section["id"], "number": section["number"],
                "title": section["title"]}
        if previous is None:
            changes.append(Change("nieuw", new=section["text"], old="", **base))
            continue
        parts = []
        if previous["title"] != section["title"]:
            parts.append(f"titel gewijzigd ('{previous['title']}' -> '{section['title']}')")
        if previous["text"] != section["text"]:
            parts.append("tekst gewijzigd")
        if parts:
            changes.append(Change("; ".join(parts), old=previous["text"], new=section["text"], **base))
    for section in old:
        if section["id"] not in now:
            changes.append(Change("vervallen", document, section["id"], section["number"], section["title"],
                                  old=section["text"], new=""))
    return changes


def _title(kind: str, ident: str, item: Any) -> str:
    if kind in FIELD_KINDS:
        return FIELD_NAMES.get(ident, ident)
    return str(item.get("title") or item.get("name") or ident) if isinstance(item, dict) else ident


def _diff_items(kind: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes = []
    for ident, item in new.items():
        title = _title(kind, ident, item)
        subject = f"{kind}:{ident}"
        if ident not in old:
            changes.append(Change("nieuw", subject=subject, title=title))
            continue
        previous = old[ident]
        if previous == item:
            continue
        if kind in FIELD_KINDS or not isinstance(item, dict) or not isinstance(previous, dict):
            field = ident if kind in FIELD_KINDS else "value"
            changes.append(Change(describe_field(field, previous, item, named=kind not in FIELD_KINDS),
                                  subject=subject, title=title))
            continue
        for field in sorted(set(previous) | set(item)):
            if previous.get(field) != item.get(field):
                changes.append(Change(describe_field(field, previous.get(field), item.get(field)), subject=subject,
                                      title=title))
    for ident, item in old.items():
        if ident not in new:
            title = _title(kind, ident, item)
            changes.append(Change("vervallen", subject=f"{kind}:{ident}", title=title))
    return changes


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every change from snapshot `old` to snapshot `new`: the sections of the documents both have (a document
    that is new or gone is one change), then the data, kind by kind."""
    changes: list[Change] = []
    old_documents, new_documents = old.get("documents", {}), new.get("documents", {})
    for ident, document in new_documents.items():
        if ident not in old_documents:
            what = "concept, nog niet uitgebracht" if document.get("status") == "concept" else "nieuw document"
            changes.append(Change(what, ident, None, title=document["title"]))
        else:
            changes += _diff_sections(ident, old_documents[ident]["sections"], document["sections"])
    for ident, document in old_documents.items():
        if ident not in new_documents:
            changes.append(Change("vervallen document", ident, None, title=document["title"]))
    old_data, new_data = old.get("data", {}), new.get("data", {})
    for kind in DATA_KINDS:
        if kind in old_data:  # a release made before Bestek recorded a kind is compared on what it has
            changes += _diff_items(kind, old_data[kind], new_data.get(kind, {}))
    return changes


def substantial(change: Change, old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether a data change may be a 'wezenlijke wijziging' of the tender (see SUBSTANTIAL_KINDS)."""
    kind, _, ident = (change.subject or "").partition(":")
    if kind in SUBSTANTIAL_KINDS:
        return True
    if kind == "aanbesteding":
        return ident in SUBSTANTIAL_TENDER_FIELDS
    if kind == "eis":
        items = [data.get("data", {}).get("eis", {}).get(ident) for data in (old, new)]
        return any(isinstance(item, dict) and item.get("kind") == "minimumeis" for item in items)
    return False


def version_key(version: str) -> tuple[int, ...]:
    """'1.10' -> (1, 10): versions compare by their numbers, not as text."""
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def next_version(version: str) -> str:
    """'1.0' -> '1.1', '2' -> '2.1': the version to suggest after `version`."""
    parts = version.split(".")
    if len(parts) == 1:
        return f"{version}.1"
    return ".".join(parts[:-1] + [str(int(parts[-1]) + 1)])
