"""Which characters content may hold, decided by one allow-list for every text Bestek reads.

Part of the load stage (applied to every file as it is read, and to every YAML text after its escapes
are decoded). Refused, each with a Dutch name that tells the officer what they are looking at:

* control characters other than tab and newline: NUL, the vertical tab Word leaves for Shift+Enter,
  form feed, escape, the C1 range (U+0080-U+009F, often Windows-1252 text decoded wrongly);
* invisible and direction-changing characters: zero-width space, left-to-right/right-to-left marks and
  overrides ("Trojan Source"), word joiners, a byte order mark inside the text, line/paragraph separators;
* lone surrogates (U+D800-U+DFFF), which only a YAML escape like "\\ud800" can produce.

Tab, newline, no-break space, soft hyphen and every printable letter of any script are allowed: a
look-alike letter (Cyrillic 'о' for Latin 'o') is legitimate in a text and is dealt with where it
matters, in ids (see `describe_unusual`).
"""
from __future__ import annotations

import re
import unicodedata

REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028\u2029\u202a-\u202e"
                      "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]")

#: what to call a refused character, and what to do about it
_NAMES = {
    0x00: "een NUL-teken",
    0x0B: "een verticale tab (Word zet die bij Shift+Enter)",
    0x0D: "een regelterugloop (carriage return, uit een escape zoals \\r)",
    0x0C: "een pagina-einde (form feed)",
    0x1B: "een escape-teken",
    0x7F: "een DEL-teken",
    0x200B: "een onzichtbare spatie (zero width space)",
    0x200E: "een onzichtbaar richtingsteken (left-to-right mark)",
    0x200F: "een onzichtbaar richtingsteken (right-to-left mark)",
    0x2028: "een regelscheidingsteken (line separator)",
    0x2029: "een alineascheidingsteken (paragraph separator)",
    0x202A: "een onzichtbaar richtingsteken (left-to-right embedding)",
    0x202B: "een onzichtbaar richtingsteken (right-to-left embedding)",
    0x202C: "een onzichtbaar richtingsteken (pop directional formatting)",
    0x202D: "een onzichtbaar richtingsteken (left-to-right override)",
    0x202E: "een onzichtbaar teken dat de leesrichting omkeert (right-to-left override)",
    0x2060: "een onzichtbaar verbindingsteken (word joiner)",
    0xFEFF: "een onzichtbaar BOM-teken midden in de tekst",
}


def code(char: str) -> str:
    """U+000B: how a character is named in messages."""
    return f"U+{ord(char):04X}"


def _name(char: str) -> str:
    point = ord(char)
    if point in _NAMES:
        return _NAMES[point]
    if 0xD800 <= point <= 0xDFFF:
        return "een losse surrogaat (half teken, uit een escape zoals \\ud800)"
    if 0x80 <= point <= 0x9F:
        return "een C1-stuurteken (vaak tekst uit Windows-1252 die verkeerd is omgezet)"
    if point < 0x20:
        return "een stuurteken"
    return "een onzichtbaar opmaakteken"


def _advice(char: str) -> str:
    point = ord(char)
    if point in (0x0B, 0x0C, 0x0D, 0x2028, 0x2029):
        return "vervang het door een spatie of een nieuwe regel"
    if 0xD800 <= point <= 0xDFFF:
        return "schrijf het teken zelf, of voor tekens buiten het basisvlak \\U0001F600 (acht cijfers)"
    return "verwijder het (het is onzichtbaar: typ dat stuk tekst opnieuw)"


def first_refused(text: str, start: int = 0) -> int | None:
    """The index of the first refused character in `text` at or after `start`, or None."""
    match = REFUSED.search(text, start)
    return match.start() if match else None


def refused_message(char: str, more: int = 0) -> str:
    """The Dutch message for a refused character; `more` counts the other places it stands in the same file."""
    again = f" (het staat nog {more} keer in dit bestand)" if more else ""
    return f"het teken {code(char)} is niet toegestaan: dit is {_name(char)}{again}; {_advice(char)}"


def refused_characters(text: str) -> list[tuple[int, int, str, int]]:
    """Every distinct refused character of a file's text, at its first place: (line, col, char, more).
    Linear in the length of the text."""
    first: dict[str, tuple[int, int]] = {}
    counts: dict[str, int] = {}
    for match in REFUSED.finditer(text):
        char = match.group()
        counts[char] = counts.get(char, 0) + 1
        if char not in first:
            index = match.start()
            line_start = text.rfind("\n", 0, index) + 1
            first[char] = (text.count("\n", 0, index) + 1, index - line_start + 1)
    return [(line, col, char, counts[char] - 1) for char, (line, col) in first.items()]


def describe_unusual(value: str) -> str | None:
    """For an id or a reference: the first character that is not plain ASCII, named with its code and
    Unicode name ("de letter 'о' (U+043E, CYRILLIC SMALL LETTER O)"), or None when all is ASCII."""
    for char in value:
        if char == "\n":
            return "er staat een regeleinde (U+000A) in"
        if ord(char) > 0x7E or ord(char) < 0x20:
            name = unicodedata.name(char, "")
            if unicodedata.category(char).startswith("L"):
                return (f"de letter '{char}' ({code(char)}{', ' + name if name else ''}) lijkt op een gewone letter "
                        "maar is dat niet")
            return f"het teken {code(char)}{' (' + name + ')' if name else ''}"
    return None
