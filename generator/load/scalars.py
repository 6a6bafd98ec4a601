"""What a single YAML value may be, once PyYAML has read it. Part of the load stage.

Every number is finite and small enough to compute with; every date is a plain date (no time, no time
zone) within the years Bestek can print, count with and put in a calendar file; every text is free of
the characters `characters.py` refuses (after its escapes are decoded). A value that breaks one of
these is a content error at its position, in Dutch, never a Python reason.
"""
from __future__ import annotations

import datetime
import math
from typing import Any

from generator.core import characters

#: the largest number Bestek accepts: more than any budget in euros, far below where floats lose whole units
MAX_NUMBER = 10**15
#: the first and last year a date may have: the calendar file, the timeline and contract periods
#: (start plus years) stay far inside what Python's dates can hold
FIRST_YEAR, LAST_YEAR = 1900, 2199
_TAG_PREFIX = "tag:yaml.org,2002:"


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def unreadable(tag: str, written: str) -> str:
    """The message for a value PyYAML could not turn into its type (`!!bool misschien`, `2025-02-30`)."""
    kind = tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else tag
    shown = _shown(written)
    if kind == "bool":
        return f"'{shown}' is geen ja/nee-waarde; schrijf true of false"
    if kind == "int":
        return f"'{shown}' is geen geheel getal; schrijf cijfers, zoals 12"
    if kind == "float":
        return f"'{shown}' is geen getal; schrijf cijfers met een punt, zoals 12.5"
    if kind == "timestamp":
        return (f"'{shown}' is geen bestaande datum; schrijf de datum als JJJJ-MM-DD, zoals 2025-04-22, "
                "en controleer dag en maand")
    if kind == "null":
        return f"'{shown}' is geen lege waarde; laat de waarde weg of schrijf gewone tekst"
    return f"'{shown}' is geen geldige waarde; schrijf gewone tekst"


def problem(value: Any, written: str) -> str | None:
    """What is wrong with a value PyYAML did read, or None."""
    shown = _shown(written)
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return (f"'{shown}' is geen gewoon getal (oneindig of 'geen getal'); schrijf een getal, zoals 60 of "
                "12.5")
    if isinstance(value, (int, float)) and abs(value) >= MAX_NUMBER:
        return f"het getal '{shown}' is te groot; Bestek rekent met getallen kleiner dan 1.000.000.000.000.000"
    if isinstance(value, datetime.datetime):
        return (f"'{shown}' is een datum met een tijd; schrijf alleen de datum als JJJJ-MM-DD, zoals "
                f"{value.date().isoformat() if FIRST_YEAR <= value.year <= LAST_YEAR else '2025-04-22'} "
                "(een tijdstip staat, waar dat kan, in een eigen veld: time: \"10:00\")")
    if isinstance(value, datetime.date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        return (f"de datum {value.isoformat()} ligt buiten de jaren {FIRST_YEAR}-{LAST_YEAR}; schrijf de echte "
                "datum, of laat het veld weg als er (nog) geen einddatum is")
    if isinstance(value, str):
        return text_problem(value)
    return None


def text_problem(value: str) -> str | None:
    """What is wrong with a text value, or None: a character core/characters.py refuses (after escapes)."""
    if "\r" in value:  # only an escape ("\r") makes one: files have their line ends normalised
        return characters.refused_message("\r")
    index = characters.first_refused(value)
    return characters.refused_message(value[index]) if index is not None else None
