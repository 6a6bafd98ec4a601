"""Checks of the glossary (content/begrippen.yaml) and of the requirements' numbers, after the schemas passed.

A term is written once (two entries with the same term would make one definition list show it twice); a
term no document refers to (`[[begrip:id]]`) is a warning, since a glossary may define more than the
documents use but usually holds what they use; a reference to a term needs the glossary shown somewhere
({{ begrippen }}), or the link has nowhere to go. Requirement numbers (core/requirements.py) are unique:
a number written twice, or written as one that is derived for another requirement, is an error.
"""
from __future__ import annotations

from collections.abc import Mapping

from generator.core.errors import ErrorList
from generator.core.requirements import requirement_numbers
from generator.load.project import LoadedDocument
from generator.load.yamlsource import YamlDocument


def check_glossary(valid: Mapping[str, YamlDocument], documents: list[LoadedDocument], errors: ErrorList) -> None:
    if "begrippen" not in valid:
        return
    file = valid["begrippen"]
    terms = file.data["begrippen"]
    seen: dict[str, int] = {}
    for i, item in enumerate(terms):
        key = item["term"].strip().lower()
        pos = file.position(("begrippen", i, "term"))
        if key in seen:
            errors.add(file.path, pos.line, pos.col, f"het begrip '{item['term']}' staat al in de lijst (regel "
                                                     f"{seen[key]}); beschrijf elk begrip één keer")
        seen.setdefault(key, pos.line)
    used = {ref.id for d in documents for ref in d.outline.references if ref.kind == "begrip"}
    shown = any(block.name == "begrippen" for d in documents for block in d.outline.blocks)
    for i, item in enumerate(terms):
        if item["id"] not in used:
            pos = file.position(("begrippen", i, "id"))
            errors.warn(file.path, pos.line, pos.col, f"het begrip '{item['id']}' ({item['term']}) wordt in geen "
                                                      f"document gebruikt; verwijs ernaar met [[begrip:{item['id']}]] "
                                                      "of haal het weg")
    if shown:
        return
    for document in documents:
        for ref in document.outline.references:
            if ref.kind == "begrip" and ref.id:
                errors.add(document.path, document.file_line(ref.line), ref.col,
                           f"'{ref.raw}' linkt naar de begrippenlijst, maar geen document toont die; zet het blok "
                           "{{ begrippen }} in een document, bijvoorbeeld in een bijlage")


def check_requirement_numbers(valid: Mapping[str, YamlDocument], errors: ErrorList) -> None:
    if "requirements" not in valid:
        return
    file = valid["requirements"]
    items = file.data["requirements"]
    numbers = requirement_numbers(items)
    derived = {number: item["id"] for number, item in zip(numbers, items, strict=True) if "number" not in item}
    first: dict[str, tuple[int, str]] = {}
    for i, (number, item) in enumerate(zip(numbers, items, strict=True)):
        if "number" not in item:
            continue
        pos = file.position(("requirements", i, "number"))
        if number in first:
            line, other = first[number]
            errors.add(file.path, pos.line, pos.col, f"het nummer '{number}' staat al bij eis '{other}' (regel "
                                                     f"{line}); geef elke eis een eigen nummer")
        elif number in derived:
            errors.add(file.path, pos.line, pos.col,
                       f"het nummer '{number}' is ook het nummer dat eis '{derived[number]}' zonder eigen nummer "
                       "krijgt; geef die eis ook een 'number', of kies hier een ander nummer")
        first.setdefault(number, (pos.line, item["id"]))
