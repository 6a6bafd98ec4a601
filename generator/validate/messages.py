"""Dutch messages for cerberus schema errors, each placed at the position of the offending value."""
from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from generator.core.characters import describe_unusual
from generator.core.errors import ContentError
from generator.core.text import count
from generator.load.yamlsource import YamlDocument

if TYPE_CHECKING:  # cerberus is imported when a schema found a mistake (validate/project.py schema_validator)
    from cerberus.errors import ValidationError

TYPE_NAMES = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "true of false",
    "date": "een datum (JJJJ-MM-DD)",
    "list": "een lijst (regels die beginnen met '- ')",
    "dict": "een verzameling velden (naam: waarde)",
}

_DATE_AND_TIME = re.compile(r"\d{4}-\d\d-\d\d[ T]+\d")
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
#: a section named by number ("3.2", "B1") or by its heading's id (planning); core/headings.py
SECTION_PATTERN = r"^(B?[0-9]+(\.[0-9]+)*|[a-z][a-z0-9]*(-[a-z0-9]+)*)$"
#: the number of a requirement as readers see it: 6.1.1, E1, GE3, 4.2a
REQUIREMENT_NUMBER = r"^[A-Z]{0,3}[0-9]+(\.[0-9]+)*[a-z]?$"

REGEX_HINTS = {
    r"^[a-z0-9][a-z0-9-]*$": "een id bestaat uit kleine letters, cijfers en '-', zoals 'crisis' of 'eis-vog'",
    r"^[^@\s\"'<>(),;:\\]+@[^@\s\"'<>(),;:\\]+\.[a-z]{2,}$": "verwacht een e-mailadres, zoals inkoop@gemeente.nl",
    r"^https://\S+$": "verwacht een webadres dat begint met https://",
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": "een kenmerk bestaat uit letters, cijfers, '.', '_' en '-'",
    r"^[0-9]+(\.[0-9]+)*$": "een versie bestaat uit cijfers en punten, zoals \"1.0\" (tussen aanhalingstekens)",
    r"^#[0-9a-fA-F]{6}$": "verwacht een kleur als #rrggbb, zoals \"#154273\" (tussen aanhalingstekens)",
    r"^[^/\\].*\.(svg|png)$": "verwacht een pad binnen het project naar een .svg- of .png-bestand",
    SECTION_PATTERN: "noem de paragraaf met het id van de kop, zoals planning, of met haar nummer tussen "
                     "aanhalingstekens, zoals \"3.2\"",
    r"^[a-z]+:[a-z0-9][a-z0-9-]*$": "noem wat er wijzigde als soort:id, zoals criterium:g2, perceel:perceel-1, "
                                    "eis:eis-vog of aanbesteding:procedure",
    r"^[0-9]{8}(-[0-9])?$": "een CPV-code bestaat uit acht cijfers, eventueel met een controlecijfer, zoals "
                            "\"85312000\" of \"85312000-9\" (tussen aanhalingstekens)",
    r"^[A-Z]{2}[0-9A-Z]{1,3}$": "een NUTS-code bestaat uit twee hoofdletters en één tot drie cijfers of letters, "
                                "zoals NL365",
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "verwacht een datum als JJJJ-MM-DD, zoals \"2024-03-01\"",
    r"^[0-9a-f]{64}$": "verwacht een SHA-256-controlegetal van 64 tekens 0-9 en a-f; een release verandert niet: "
                       "haal haar terug uit uw versiebeheer (git)",
    r"^[a-z0-9][a-z0-9-]*\.pdf$": "verwacht de naam van de PDF van het document, zoals aanbestedingsleidraad.pdf; "
                                  "een release verandert niet: haal haar terug uit uw versiebeheer (git)",
    r"^[A-Z]{2}$": "een landcode bestaat uit twee hoofdletters (ISO 3166), zoals NL, BE of DE",
    REQUIREMENT_NUMBER: "het nummer van een eis bestaat uit cijfers met punten ertussen, eventueel met "
                        "hoofdletters ervoor, zoals \"6.1.1\" of \"E1\" (tussen aanhalingstekens)",
    TIME_PATTERN: "schrijf de tijd als \"12:00\" (uren en minuten met een dubbele punt, tussen aanhalingstekens)",
}

#: '70%', '30 %', '12,5': a number written as text
_PERCENTAGE = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*%\s*")
_DECIMAL_COMMA = re.compile(r"\s*([0-9]+),([0-9]+)\s*")
#: '12.00', '9:00', '12u00': a time written almost right
_ALMOST_TIME = re.compile(r"\s*([0-9]{1,2})\s*[.:,hu]\s*([0-9]{2})\s*(?:uur)?\s*")


def describe(value: Any) -> str:
    """What kind of value the user wrote, in Dutch."""
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (ja/nee)"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"een datum ({value.isoformat()})"
    if isinstance(value, int):
        return f"een getal ({value})"
    if isinstance(value, float):
        return f"een kommagetal ({value})"
    if isinstance(value, str):
        return f"tekst ('{value}')"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een verzameling velden"
    return type(value).__name__


def suggestion(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        return ""
    unusual = describe_unusual(word)
    if unusual and describe_unusual(close[0]) is None:  # the difference may be invisible on screen
        return (f"; bedoelt u '{close[0]}'? (de twee schrijfwijzen verschillen in een onzichtbaar of "
                f"gelijkend teken: {unusual})")
    return f"; bedoelt u '{close[0]}'?"


#: the kinds of things that are 'de' words in Dutch: 'onbekende eis', but 'onbekend segment'
_DE_WORDS = {"eis", "mijlpaal", "gemeente", "kolom", "rij", "ronde", "vraag", "begroting", "fase", "paragraaf",
             "bijlage", "verzameling", "planningfase", "subregio"}


#: how many known values a message lists; a longer list shows the nearest ones and counts the others
LISTED = 12


def nearest_first(word: str, options: list[str], listed: int = LISTED) -> str:
    """'a, b, c' (all options, in their order) or, for a long list, 'x, y, ... en nog 28 andere': the options
    most like `word` first, so the one meant is never cut off."""
    if len(options) <= listed:
        return ", ".join(options)
    shown = sorted(options, key=lambda option: -difflib.SequenceMatcher(None, word, option).ratio())[:listed]
    return f"{', '.join(shown)} en nog {len(options) - listed} andere"


def unknown(kind: str, ident: str, known: list[str]) -> str:
    """'onbekend segment 'x'; bedoelt u 'y'? (bekend: ...)': an id that is not there."""
    adjective = "onbekende" if kind in _DE_WORDS else "onbekend"
    return f"{adjective} {kind} '{ident}'{suggestion(ident, known)} (bekend: {nearest_first(ident, known) or 'geen'})"


def _number_parts(number: str) -> tuple[str, int | None]:
    """'6.4' -> ('6', 4); 'B2' -> ('B', 2); '3' -> ('', 3)."""
    parent, _, last = number.rpartition(".")
    if not parent and last[:1] == "B":
        parent, last = "B", last[1:]
    return parent, int(last) if last.isdigit() else None


def nearest_sections(number: str, headings: Mapping[str, Any]) -> str:
    """'; bedoelt u 6.3 (Titel) of 6.2.4 (Titel)?' for a section number that does not exist, then the numbers
    there are (a long list counted): the section before or after it, or its parent, and the most alike number."""
    parent, last = _number_parts(number)
    siblings = [n for n in headings if _number_parts(n)[0] == parent and _number_parts(n)[1] is not None]
    near: list[str] = []
    if siblings and last is not None:
        near.append(min(siblings, key=lambda n: (abs((_number_parts(n)[1] or 0) - last), n)))
    elif parent in headings:
        near.append(parent)
    same_part = [n for n in headings if n.startswith("B") == number.startswith("B")]  # body or appendices
    near += [n for n in difflib.get_close_matches(number, same_part, n=2, cutoff=0.6) if n not in near]
    named = [f"{n} ({_title(headings[n])})" for n in near[:2]]
    numbers = list(headings)
    listed = ", ".join(numbers[:15]) + (f" en nog {len(numbers) - 15} andere" if len(numbers) > 15 else "")
    hint = f"; bedoelt u {' of '.join(named)}?" if named else ""
    return f"{hint} (genummerd: {listed or 'geen'})"


def _title(heading: Any) -> str:
    text = str(getattr(heading, "text", heading))
    return text if len(text) <= 50 else text[:49] + "…"


def _time_hint(hours: int, minutes: int) -> str:
    """'schrijf "09:30"' for a time that exists, else the general hint."""
    if 0 <= hours < 24 and 0 <= minutes < 60:
        return f'schrijf "{hours:02d}:{minutes:02d}"'
    return REGEX_HINTS[TIME_PATTERN]


def _number_hint(value: Any) -> str:
    """What to write instead of a number written as text ('70%', '12,5'), or ''."""
    if not isinstance(value, str):
        return ""
    if match := _PERCENTAGE.fullmatch(value):
        return f"; schrijf {match.group(1).replace(',', '.')}, zonder %"
    if match := _DECIMAL_COMMA.fullmatch(value):
        return f"; schrijf {match.group(1)}.{match.group(2)}, met een punt in plaats van een komma"
    return ""


def _rules(schema: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    """The schema rules of the value at `path`."""
    current: Any = {"schema": schema, "type": "dict"}
    for part in path:
        current = current.get("schema", {}) if isinstance(part, int) else current.get("schema", {}).get(part, {})
    return current if isinstance(current, dict) else {}


def leaf_errors(errors: list[ValidationError]) -> list[ValidationError]:
    result = []
    for error in errors:
        if error.is_group_error:
            result.extend(leaf_errors(error.child_errors))
        else:
            result.append(error)
    return result


def _field_name(path: tuple[Any, ...]) -> str:
    names = [part for part in path if isinstance(part, str)]
    return names[-1] if names else "waarde"


def _allowed_fields(schema: dict[str, Any], path: tuple[Any, ...]) -> list[str]:
    """The field names allowed in the mapping at `path` of a document validated by `schema`."""
    return sorted(_rules(schema, path).get("schema", {}).keys())


def translate(error: ValidationError, document: YamlDocument, schema: dict[str, Any]) -> ContentError:
    """One cerberus error as a Dutch content error at the position of the value it concerns."""
    from cerberus import errors as cerberus_errors
    path = tuple(error.document_path)
    name = _field_name(path)
    value = error.value
    code = error.code
    if code == cerberus_errors.UNKNOWN_FIELD.code:
        allowed = _allowed_fields(schema, path[:-1])
        pos = document.key_position(path)
        hint = suggestion(str(path[-1]), allowed)
        message = f"onbekend veld '{path[-1]}'{hint}" + (
            "" if hint else f" (toegestaan: {', '.join(allowed)})" if allowed else "")
        return ContentError(document.path, pos.line, pos.col, message)
    if code == cerberus_errors.REQUIRED_FIELD.code:
        pos = document.position(path[:-1])
        return ContentError(document.path, pos.line, pos.col,
                            f"verplicht veld '{name}' ontbreekt; voeg een regel '{name}: ...' toe")
    pos = document.position(path)
    if code == cerberus_errors.BAD_TYPE.code:
        expected = TYPE_NAMES.get(str(error.constraint), str(error.constraint))
        extra = ""
        if error.constraint == "string" and isinstance(value, (int, float)) and \
                _rules(schema, path).get("regex") == TIME_PATTERN:
            expected = "een tijd"  # time: 12.00 is read as the number 12.0
            hours, minutes = divmod(round(float(value) * 100), 100)
            extra = "; " + _time_hint(hours, minutes)
        elif error.constraint == "string" and isinstance(value, (int, float)):
            extra = "; zet de waarde tussen aanhalingstekens"
        elif error.constraint in ("number", "integer"):
            extra = _number_hint(value) or ("; schrijf een geheel getal, zoals 3" if error.constraint == "integer"
                                            else "; schrijf een getal, zoals 40")
        elif error.constraint == "date" and isinstance(value, str) and _DATE_AND_TIME.match(value):
            extra = "; een tijd hoort niet in een datum: schrijf alleen JJJJ-MM-DD, zoals " + value[:10]
        elif error.constraint == "date" and isinstance(value, str):
            extra = "; schrijf de datum als JJJJ-MM-DD, zonder aanhalingstekens"
        elif error.constraint == "boolean":
            extra = "; schrijf true (ja) of false (nee)"
        elif error.constraint == "list":
            extra = "; schrijf elke waarde op een eigen regel die begint met '- '"
        elif error.constraint == "dict":
            extra = f"; schrijf de velden op de regels onder '{name}:', ingesprongen"
        message = f"'{name}' moet {expected} zijn, maar is {describe(value)}{extra}"
    elif code == cerberus_errors.NOT_NULLABLE.code:
        message = f"'{name}' heeft geen waarde; schrijf een waarde na '{name}:' of haal de regel weg"
    elif code == cerberus_errors.EMPTY_NOT_ALLOWED.code:
        message = f"'{name}' mag niet leeg zijn; schrijf een tekst of haal de regel weg"
    elif code in (cerberus_errors.UNALLOWED_VALUE.code, cerberus_errors.UNALLOWED_VALUES.code):
        allowed = [str(option) for option in error.constraint]
        message = (f"'{name}' heeft de ongeldige waarde '{value}'{suggestion(str(value), allowed)} "
                   f"(toegestaan: {', '.join(allowed)})")
    elif code == cerberus_errors.REGEX_MISMATCH.code:
        hint = REGEX_HINTS[str(error.constraint)]  # tests/test_errors.py: every pattern has its hint
        almost = _ALMOST_TIME.fullmatch(value) if isinstance(value, str) else None
        if error.constraint == TIME_PATTERN and almost:
            hint = _time_hint(int(almost.group(1)), int(almost.group(2)))
        unusual = describe_unusual(value) if isinstance(value, str) else None
        message = f"'{name}' heeft de ongeldige waarde '{value}': " + (f"{unusual}; " if unusual else "") + hint
    elif code == cerberus_errors.MIN_LENGTH.code:
        message = (f"'{name}' moet minstens {count(error.constraint, 'item', 'items')} bevatten; zet eronder een "
                   "regel die begint met '- '")
    elif code == cerberus_errors.MAX_LENGTH.code:
        over = len(value) - error.constraint if isinstance(value, list) else None
        message = (f"'{name}' mag hoogstens {count(error.constraint, 'item', 'items')} bevatten; haal er "
                   f"{over if over else 'een paar'} weg")
    elif code == cerberus_errors.MIN_VALUE.code:
        message = f"'{name}' moet minstens {error.constraint} zijn, maar is {value}; schrijf {error.constraint} of meer"
    elif code == cerberus_errors.MAX_VALUE.code:
        message = (f"'{name}' mag hoogstens {error.constraint} zijn, maar is {value}; schrijf {error.constraint} of "
                   "minder")
    else:  # pragma: no cover - every rule our schemas use is translated above
        message = f"'{name}' is ongeldig ({error.rule})"
    return ContentError(document.path, pos.line, pos.col, message)
