"""Dutch formatting of dates, numbers and amounts, shared by blocks, references and templates."""
from __future__ import annotations

import datetime
import unicodedata

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def dutch_date(value: datetime.date | str, weekday: bool = False) -> str:
    """1 maart 2024 (or: vrijdag 1 maart 2024); also from an ISO date ("2024-03-01", as the package's entries keep
    it), so that every date a document shows is written the same way."""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def dutch_time(time: str) -> str:
    """'12:00' (as written in tender.yaml) -> '12.00 uur', the Dutch government style."""
    return f"{time.replace(':', '.')} uur"


def date_and_time(value: datetime.date, time: str | None = None) -> str:
    """'22 april 2024, 12.00 uur' (or '22 april 2024' without a time): the government's notation, one in every
    document, the site and the messages."""
    return f"{dutch_date(value)}, {dutch_time(time)}" if time else dutch_date(value)


def number(value: float, decimals: int | None = None) -> str:
    """A number with Dutch separators: 1.234,5 ; whole numbers without decimals."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


#: what [[aantal:...]] counts: plural -> singular (core/markdown.py gives the noun after a count its form)
COUNT_NOUNS = {"segmenten": "segment", "gemeenten": "gemeente", "eisen": "eis", "gunningscriteria": "gunningscriterium",
               "percelen": "perceel"}


def count(n: int, singular: str, plural: str) -> str:
    """'1 segment', '2 segmenten', '0 segmenten': a count with the noun in the form that goes with it."""
    return f"{n} {singular if n == 1 else plural}"


def sort_key(text: str) -> str:
    """How Dutch lists sort a word: without case and accents ('Één' next to 'een'), so the order is the same on
    every machine (no locale)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()


def enumeration(items: list[str] | tuple[str, ...]) -> str:
    """'A', 'A en B', 'A, B en C'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def contract_duration(initial_years: int, extensions: tuple[int, ...]) -> str:
    """'3 jaar met 2 opties tot verlenging van 1 jaar (maximaal 5 jaar)'."""
    if not extensions:
        return f"{initial_years} jaar, zonder verlengingsopties"
    if len(set(extensions)) == 1:
        options = f"{count(len(extensions), 'optie', 'opties')} tot verlenging van {extensions[0]} jaar"
    else:
        options = "opties tot verlenging van " + ", ".join(f"{e}" for e in extensions[:-1]) + \
                  f" en {extensions[-1]} jaar"
    return f"{initial_years} jaar met {options} (maximaal {initial_years + sum(extensions)} jaar)"


def file_size(n_bytes: int) -> str:
    if n_bytes < 1024 * 1024:
        return f"{max(1, round(n_bytes / 1024))} kB"
    return f"{number(n_bytes / (1024 * 1024), 1)} MB"


def spreadsheet_text(cell: str) -> str:
    """A text for a CSV cell that a spreadsheet shows as text: one it would take for a formula ('=HYPERLINK(...)',
    '+', '-', '@', or a tab or carriage return first) gets an apostrophe before it (the OWASP advice on CSV
    injection). For texts from content or a reviewer, never for numbers or dates Bestek writes itself."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
