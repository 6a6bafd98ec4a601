"""The Dutch words for PyYAML's syntax errors, and for the quote that causes most of them. Part of the load
stage: load/yamlsource.py places them at the line and column of the mistake."""
from __future__ import annotations

import re

import yaml

_YAML_PROBLEMS = {
    "mapping values are not allowed here": ("hier mag geen ':' staan; zet tekst met een dubbele punt tussen "
                                            "aanhalingstekens"),
    "could not find expected ':'": "verwacht een ':' na de sleutel",
    "found character '\\t' that cannot start any token": "tabs zijn niet toegestaan; gebruik spaties om in te springen",
    "found undefined alias": "YAML-verwijzingen (*naam) worden niet ondersteund",
    "expected <block end>, but found '-'": "dit lijstitem springt niet goed in",
    "expected <block end>, but found '<block mapping start>'": "deze regel springt niet goed in",
    "expected <block end>, but found '<block sequence start>'": "deze regel springt niet goed in",
    "expected <block end>, but found '<scalar>'": "deze regel springt niet goed in",
    "found unexpected end of stream": "het bestand houdt onverwacht op (ontbreekt een afsluitend aanhalingsteken?)",
    "found unknown escape character": "onbekende escape-reeks met '\\' tussen dubbele aanhalingstekens",
    "expected ',' or ']', but got": "een lijst tussen [ ] is niet goed afgesloten",
    "expected ',' or '}', but got": "een tabel tussen { } is niet goed afgesloten",
    "found character that cannot start any token": ("dit teken kan hier niet staan; zet de tekst tussen "
                                                    "aanhalingstekens"),
    "expected <block end>, but found": "deze regel springt niet goed in",
    "expected '<document start>', but found": ("deze regel past niet bij wat erboven staat; controleer de inspringing "
                                               "en of elke regel de vorm 'naam: waarde' heeft"),
    "sequence entries are not allowed here": "hier kan geen lijstitem ('- ') staan; controleer de inspringing",
    "mapping keys are not allowed here": ("hier kan geen sleutel staan; controleer de inspringing, of zet tekst met "
                                          "een dubbele punt tussen aanhalingstekens"),
    "expected the node content, but found": "hier ontbreekt een waarde (of staat een teken te veel)",
    "expected chomping or indentation indicators": ("na '|' of '>' eindigt de regel; zet de tekst op de volgende "
                                                     "regels, verder ingesprongen"),
    "expected a comment or a line break": ("na '|' of '>' eindigt de regel; zet de tekst op de volgende regels, "
                                           "verder ingesprongen"),
}


def translate(problem: str | None) -> str:
    problem = problem or ""
    for english, dutch in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return dutch
    if problem.startswith("found character") and "cannot start any token" in problem:
        return _YAML_PROBLEMS["found character that cannot start any token"]
    # PyYAML's own words are English and speak of tokens: say where to look instead
    return ("deze regel is geen geldige YAML; controleer de inspringing (spaties, geen tabs), de dubbele punt na "
            "elke sleutel en de aanhalingstekens om tekst met bijzondere tekens")


#: a value that starts with a quote: `title: 'x'`, `- "x"`, `- naam: 'x'`
_QUOTED_VALUE = re.compile(r"\s*(?:-\s+)*(?:[^\s'\"#:-][^:#]*?:\s+)?(['\"])")
_QUOTE_PROBLEMS = {
    ("'", "early"): ("hier staat een aanhalingsteken dat de tekst te vroeg afsluit; zet de hele tekst tussen dubbele "
                     "aanhalingstekens (\"...\") of schrijf '' voor een apostrof binnen enkele"),
    ('"', "early"): ("hier staat een aanhalingsteken dat de tekst te vroeg afsluit; zet de hele tekst tussen enkele "
                     "aanhalingstekens ('...') of schrijf \\\" voor een aanhalingsteken binnen dubbele"),
    ("'", "open"): ("dit aanhalingsteken wordt niet afgesloten; zet de hele tekst tussen dubbele aanhalingstekens "
                    "(\"...\") of schrijf '' voor een apostrof binnen enkele"),
    ('"', "open"): "dit aanhalingsteken wordt niet afgesloten; zet aan het eind van de tekst ook een \"",
}


def quote_problem(line: str) -> tuple[int, str] | None:
    """(0-based column, Dutch message) when the quoted value of a YAML line is closed before the line ends
    (`title: 'Jeugd's zorg'`) or not closed on it (`title: 's-Hertogenbosch`), else None."""
    match = _QUOTED_VALUE.match(line)
    if match is None:
        return None
    quote, start = match.group(1), match.start(1)
    i = start + 1
    while i < len(line):
        if quote == '"' and line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            if quote == "'" and line[i + 1:i + 2] == "'":  # '' is an apostrophe inside single quotes
                i += 2
                continue
            rest = line[i + 1:].strip()
            return (i, _QUOTE_PROBLEMS[quote, "early"]) if rest and not rest.startswith("#") else None
        i += 1
    return start, _QUOTE_PROBLEMS[quote, "open"]


def quote_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str] | None:
    """(0-based line, column, message) when a YAML syntax error comes from a quote: on the line where it was
    found, or where the quoted text that never ends begins."""
    lines = text.split("\n")
    marks = [exc.problem_mark]
    if "quoted scalar" in str(exc.context or ""):
        marks.insert(0, exc.context_mark)
    for mark in marks:
        if mark is not None and mark.line < len(lines) and (found := quote_problem(lines[mark.line])):
            return mark.line, found[0], found[1]
    return None
