"""Checks of the blocks in a document (`{{ name key="value" }}`), part of the validate stage.

Every block must be one of core/blocks.py (or declared by the project in config.yaml, with its
template in templates/blocks/), its data file must be there, and each argument must be one the block
takes, with a value that names something known: a segment, a requirement kind, a domain, a phase of
the planning, a segment attribute, a document, a criterion, a round or a budget table. All of that is
read from the block's row; nothing here names a block.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

from generator.core.blocks import BLOCKS, SEGMENT_ATTRIBUTES, Arg, Block, all_blocks
from generator.core.errors import ErrorList
from generator.core.markdown import Block as WrittenBlock
from generator.core.text import enumeration
from generator.load.project import LoadedDocument, LoadedProject
from generator.load.yamlsource import YamlDocument
from generator.validate.documents import check_scope_block
from generator.validate.messages import suggestion, unknown

Known = Callable[[str], "list[str] | None"]
#: the extra checks a block's row can name (Block.check)
EXTRA_CHECKS = {"reikwijdte": check_scope_block}


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(",")]


def _check_list(arg: Arg, value: str, known: Known) -> list[str]:
    """Problems with the items of a list argument."""
    what = arg.item or arg.of
    problems = []
    if arg.kind == "regels" and set(_items(value)) >= set(arg.values):
        problems.append(f"{arg.name}=\"{value}\" laat alle regels van het blok weg; laat dan het hele blok weg, "
                        "of noem alleen de regels die niet getoond worden")
    for item in _items(value):
        if arg.kind == "regels":
            if item not in arg.values:
                problems.append(f"onbekende regel '{item}' voor {arg.name}{suggestion(item, list(arg.values))} "
                                f"(regels van dit blok: {', '.join(arg.values)})")
            continue
        if arg.kind == "kenmerken":
            if item not in SEGMENT_ATTRIBUTES:
                problems.append(f"onbekende {what} '{item}'{suggestion(item, sorted(SEGMENT_ATTRIBUTES))} "
                                f"(toegestaan: {', '.join(SEGMENT_ATTRIBUTES)})")
            continue
        values = known(arg.of)
        if values is not None and item not in values:
            if arg.of == "planningfase":
                listed = ", ".join(values) or "geen: geef mijlpalen een 'phase' in content/tender.yaml"
                problems.append(f"onbekende fase '{item}'{suggestion(item, values)} (fasen in de planning: {listed})")
            else:
                problems.append(unknown(what, item, values))
    return problems


def _check_value(arg: Arg, value: str, known: Known, documents: dict[str, LoadedDocument]) -> str | None:
    """The problem with one single-valued argument, or None."""
    if arg.kind == "keuze" and value not in arg.values:
        if arg.name == "soort":
            return (f"onbekende soort eis '{value}'{suggestion(value, list(arg.values))} "
                    f"(toegestaan: {', '.join(arg.values)})")
        return (f"onbekende waarde '{value}' voor {arg.name}{suggestion(value, list(arg.values))} "
                f"(toegestaan: {', '.join(arg.values)})")
    if arg.kind == "id" and arg.of == "document":  # a document with errors of its own is known (crossref.py)
        names = known("document") or sorted(documents)
        return unknown("document", value, names) if value not in names else None
    if arg.kind == "id":
        values = known(arg.of)
        if values is not None and value not in values:
            if arg.of == "eisgroep":
                listed = ", ".join(f"'{v}'" for v in values) or "geen: geef eisen een 'group' in " \
                                                                "content/requirements.yaml"
                return f"onbekende groep '{value}'{suggestion(value, values)} (groepen van de eisen: {listed})"
            return unknown(arg.item or arg.of, value, values)
    return None


def project_blocks(project: LoadedProject) -> dict[str, Block]:
    """The theme's blocks and the ones the project declares in config.yaml (checked by check_declared_blocks)."""
    data = project.config.data if project.config is not None else None
    declared = data.get("blocks") if isinstance(data, dict) else None
    return all_blocks(declared if isinstance(declared, dict) else None)


def check_declared_blocks(project: LoadedProject, errors: ErrorList) -> None:
    """A block a project declares must not reuse a theme block's name and needs its template."""
    config = project.config
    declared = config.data.get("blocks") if config is not None and isinstance(config.data, dict) else None
    if config is None or not isinstance(declared, dict):
        return
    for name in declared:
        pos = config.key_position(("blocks", name))
        if name in BLOCKS:
            errors.add(config.path, pos.line, pos.col, f"'{name}' is al een blok van Bestek; kies voor een eigen "
                                                       f"blok een andere naam (bijvoorbeeld '{name}-eigen')")
        elif f"blocks/{name}.html" not in project.templates:
            errors.add(config.path, pos.line, pos.col, f"het eigen blok '{name}' heeft een sjabloon nodig: "
                                                       f"templates/blocks/{name}.html in het project")


def check_blocks(project: LoadedProject, document: LoadedDocument, known: Known, valid: Mapping[str, YamlDocument],
                 errors: ErrorList, documents: dict[str, LoadedDocument], blocks: dict[str, Block]) -> None:
    """Report every problem with the blocks of one document at the block's position; `valid` are the data
    files that passed their schema, `blocks` the theme's blocks and the project's own (project_blocks)."""
    path = document.path
    for block in document.outline.blocks:
        line, col = document.file_line(block.line), block.col
        if not block.valid:
            errors.add(path, line, col, f"onleesbaar blok '{block.raw}'; schrijf bijvoorbeeld "
                                        "{{ eisen soort=\"minimumeis\" }}")
            continue
        spec = blocks.get(block.name)
        if spec is None:
            names = sorted(blocks)
            errors.add(path, line, col, f"onbekend blok '{block.name}'{suggestion(block.name, names)} "
                                        f"(bekend: {', '.join(names)})")
            continue
        if spec.needs is not None and spec.needs not in project.data:
            errors.add(path, line, col, f"het blok '{block.name}' toont {spec.description}, maar "
                                        f"content/{spec.needs}.yaml ontbreekt")
            continue
        _check_arguments(project, spec, block, line, col, path, known, valid, errors, documents)


def _check_arguments(project: LoadedProject, spec: Block, block: WrittenBlock, line: int, col: int, path: str,
                     known: Known, valid: Mapping[str, YamlDocument], errors: ErrorList,
                     documents: dict[str, LoadedDocument]) -> None:
    given = dict(block.args)
    names = [name for name, _ in block.args]
    for name in dict.fromkeys(n for n in names if names.count(n) > 1):  # the last one would silently win
        values = enumeration([f'{name}="{value}"' for n, value in block.args if n == name])
        errors.add(path, line, col, f"het blok '{block.name}' krijgt het argument {name} {names.count(name)} keer "
                                    f"({values}); geef elk argument één keer")
    if spec.check is not None:
        EXTRA_CHECKS[spec.check](project, block, line, col, path, valid, errors)
    for required in spec.args:
        if required.required and required.name not in given:
            errors.add(path, line, col, f"het blok '{block.name}' heeft het argument {required.name}=\"...\" nodig")
    for name, value in block.args:
        arg = spec.arg(name)
        if arg is None:
            allowed = ", ".join(a.name for a in spec.args) or "geen"
            errors.add(path, line, col, f"het blok '{block.name}' kent het argument '{name}' niet "
                                        f"(toegestaan: {allowed})")
            continue
        problems = _check_list(arg, value, known) if arg.kind in ("ids", "kenmerken", "regels") else \
            [p for p in [_check_value(arg, value, known, documents)] if p]
        for problem in problems:
            errors.add(path, line, col, problem)
