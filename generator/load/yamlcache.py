"""Parsed YAML kept in memory by its text while `bestek serve` runs (keep_parsed), so that a rebuild parses
only the files that changed. Part of the load stage; never in the project (whose files are not trusted to tell
what they hold). Without keep_parsed() a text parsed without a mistake comes from the user's cache folder when an
earlier command parsed it (parsecache.py), and every other text is parsed (yamlsource.py)."""
from __future__ import annotations

from generator.core.errors import ContentError
from generator.load.parsecache import remembered
from generator.load.yamlsource import YamlDocument
from generator.load.yamlsource import parse_yaml as parse

_parsed: dict[tuple[str, int, str], tuple[YamlDocument | None, list[ContentError]]] | None = None
LIMIT = 4096  # texts kept; past it, all are forgotten (files that changed since) rather than grow without end


def keep_parsed(on: bool = True) -> None:
    global _parsed
    _parsed = {} if on else None


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[YamlDocument | None, list[ContentError]]:
    """yamlsource.parse_yaml, or what keep_parsed() kept of the same text: the same data (nothing changes them
    after loading) with a fresh set of refused values (validation adds to it)."""
    if _parsed is None:
        return remembered("yaml", text, (path, line_offset), lambda: parse(text, path, line_offset), _clean)
    key = (path, line_offset, text)
    if key not in _parsed:
        if len(_parsed) >= LIMIT:
            _parsed.clear()
        _parsed[key] = parse(text, path, line_offset)
    found, errors = _parsed[key]
    if found is None:
        return None, list(errors)
    return YamlDocument(found.path, found.data, found.positions, found.keys, found.texts, set(found.refused)), \
        list(errors)


def _clean(parsed: tuple[YamlDocument | None, list[ContentError]]) -> bool:
    """A parse without any mistake: the only kind the user's cache keeps (messages are always made afresh)."""
    document, errors = parsed
    return document is not None and not errors and not document.refused
