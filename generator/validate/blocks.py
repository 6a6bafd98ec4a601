"""Checks of the blocks in a document (`{{ name key="value" }}`), part of the validate stage.

Every block must exist, its data file must be there, and each argument must be one the block takes,
with a value that names something known: a segment, a requirement kind, a domain, a phase of the
planning, a segment attribute, a document, a criterion, a round or a budget table.
"""
from __future__ import annotations

from collections.abc import Callable

from generator.core.errors import ErrorList
from generator.load.project import LoadedDocument, LoadedProject
from generator.validate.documents import check_scope_block
from generator.validate.messages import suggestion, unknown
from generator.validate.schemas import BLOCKS, REQUIREMENT_KINDS, SEGMENT_ATTRIBUTES, BlockSpec

#: arguments whose value is one id of a kind (see crossref.ID_KINDS)
ID_ARGS = {"segment": "segment", "criterium": "gunningscriterium", "ronde": "ronde", "id": "begroting"}
#: arguments whose value is a comma-separated list: argument -> (what one item is, kind of the known values)
LIST_ARGS = {"kolommen": ("kolom", None), "rijen": ("rij", None), "segmenten": ("segment", "segment"),
             "fase": ("fase", "planningfase")}
REQUIRED_ARGS = {"begroting": "id", "segmenttabel": "kolommen", "segmentmatrix": "rijen"}

Known = Callable[[str], "list[str] | None"]


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(",")]


def _check_list(name: str, value: str, known: Known) -> list[str]:
    """Problems with the items of a list argument."""
    what, kind = LIST_ARGS[name]
    problems = []
    for item in _items(value):
        if kind is None:
            if item not in SEGMENT_ATTRIBUTES:
                problems.append(f"onbekende {what} '{item}'{suggestion(item, sorted(SEGMENT_ATTRIBUTES))} "
                                f"(toegestaan: {', '.join(SEGMENT_ATTRIBUTES)})")
            continue
        values = known(kind)
        if values is not None and item not in values:
            if kind == "planningfase":
                listed = ", ".join(values) or "geen: geef mijlpalen een 'phase' in content/tender.yaml"
                problems.append(f"onbekende fase '{item}'{suggestion(item, values)} (fasen in de planning: {listed})")
            else:
                problems.append(unknown(what, item, values))
    return problems


def _check_value(spec: BlockSpec, name: str, value: str, known: Known,
                 documents: dict[str, LoadedDocument]) -> str | None:
    """The problem with one single-valued argument, or None."""
    choices = dict(spec.choices)
    if name == "soort" and value not in REQUIREMENT_KINDS:
        return (f"onbekende soort eis '{value}'{suggestion(value, list(REQUIREMENT_KINDS))} "
                f"(toegestaan: {', '.join(REQUIREMENT_KINDS)})")
    if name in choices and value not in choices[name]:
        return (f"onbekende waarde '{value}' voor {name}{suggestion(value, list(choices[name]))} "
                f"(toegestaan: {', '.join(choices[name])})")
    if name == "document" and value not in documents:
        return unknown("document", value, sorted(documents))
    if name in ID_ARGS:
        values = known(ID_ARGS[name])
        if values is not None and value not in values:
            return unknown(ID_ARGS[name], value, values)
    return None


def check_blocks(project: LoadedProject, document: LoadedDocument, known: Known, valid: set[str],
                 errors: ErrorList, documents: dict[str, LoadedDocument]) -> None:
    """Report every problem with the blocks of one document at the block's position; `valid` are the data
    files that passed their schema."""
    path = document.path
    for block in document.outline.blocks:
        line, col = document.file_line(block.line), block.col
        if not block.valid:
            errors.add(path, line, col, f"onleesbaar blok '{block.raw}'; schrijf bijvoorbeeld "
                                        "{{ eisen soort=\"minimumeis\" }}")
            continue
        spec = BLOCKS.get(block.name)
        if spec is None:
            names = sorted(BLOCKS)
            errors.add(path, line, col, f"onbekend blok '{block.name}'{suggestion(block.name, names)} "
                                        f"(bekend: {', '.join(names)})")
            continue
        if spec.needs not in project.data:
            errors.add(path, line, col, f"het blok '{block.name}' toont {spec.description}, maar "
                                        f"content/{spec.needs}.yaml ontbreekt")
            continue
        given = dict(block.args)
        if block.name == "reikwijdte":
            check_scope_block(project, block, line, col, path, valid, errors)
        if block.name in REQUIRED_ARGS and REQUIRED_ARGS[block.name] not in given:
            errors.add(path, line, col, f"het blok '{block.name}' heeft het argument "
                                        f"{REQUIRED_ARGS[block.name]}=\"...\" nodig")
        for name, value in block.args:
            if name not in spec.args:
                allowed = ", ".join(spec.args) or "geen"
                errors.add(path, line, col, f"het blok '{block.name}' kent het argument '{name}' niet "
                                            f"(toegestaan: {allowed})")
                continue
            problems = _check_list(name, value, known) if name in LIST_ARGS else \
                [p for p in [_check_value(spec, name, value, known, documents)] if p]
            for problem in problems:
                errors.add(path, line, col, problem)
