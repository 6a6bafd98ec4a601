"""docs/meldingen.md lists every message kind Bestek can give, and only those (scripts/message_kinds.py finds
them in the code); each entry has a real example that fits its pattern and a fix. No build: an AST scan."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.message_kinds import HOLE, Kind, key_of, scan

from .conftest import REPO

DOCS = REPO / "docs" / "meldingen.md"
#: an entry of the page: '- `skeleton`' (several joined by ' / '), then lines '  Voorbeeld: ...', '  Oplossing: ...'
ENTRY = re.compile(r"^- (`[^`]+`(?:\s*/\s*`[^`]+`)*)")


def entries(path: Path = DOCS) -> list[tuple[int, list[str], list[str]]]:
    """(line, skeletons, the lines that follow up to the next entry or heading) of every entry of the page."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for number, line in enumerate(lines, 1):
        if match := ENTRY.match(line):
            rest = []
            for following in lines[number:]:
                if ENTRY.match(following) or following.startswith("#") or not following.strip():
                    break
                rest.append(following.strip())
            found.append((number, re.findall(r"`([^`]+)`", match.group(1)), rest))
    return found


def documented(path: Path = DOCS) -> dict[str, int]:
    """The keys the page lists, each with the line of its entry."""
    return {key_of(skeleton): number for number, skeletons, _ in reversed(entries(path)) for skeleton in skeletons}


def missing_from(kinds: list[Kind], docs: dict[str, int]) -> list[str]:
    return [f"{kind.path}:{kind.line}: {kind.skeleton}" for kind in kinds if kind.key not in docs]


@pytest.fixture(scope="module")
def kinds() -> list[Kind]:
    return scan()


def test_every_message_kind_of_the_code_is_on_the_page(kinds):
    """A message added to generator/ needs an entry in docs/meldingen.md: its skeleton (with `…` for what varies,
    as `python scripts/message_kinds.py` prints it), an example and the fix."""
    missing = missing_from(kinds, documented())
    assert not missing, "docs/meldingen.md has no entry for these messages:\n" + "\n".join(missing)


def test_the_page_lists_no_kind_the_code_no_longer_gives(kinds):
    keys = {kind.key for kind in kinds}
    extra = [f"docs/meldingen.md:{line}: {key}" for key, line in documented().items() if key not in keys]
    assert not extra, "docs/meldingen.md lists messages the code no longer gives:\n" + "\n".join(extra)


def _pattern(skeleton: str) -> re.Pattern[str]:
    """A skeleton as a regular expression: its literal parts in order, anything for each hole."""
    return re.compile(".*?".join(re.escape(part) for part in skeleton.replace("...", HOLE).split(HOLE)), re.DOTALL)


def test_every_entry_has_an_example_that_fits_it_and_a_fix():
    problems = []
    for line, skeletons, rest in entries():
        examples = [re.sub(r"^``? ?|`? ?`\\?$", "", r.removeprefix("Voorbeeld: ")) for r in rest
                    if r.startswith("Voorbeeld: ")]
        if not examples or not any(r.startswith("Oplossing: ") for r in rest):
            problems.append(f"docs/meldingen.md:{line}: an entry needs a line 'Voorbeeld: `...`' and 'Oplossing: ...'")
        elif not any(_pattern(s).search(examples[0]) for s in skeletons):
            problems.append(f"docs/meldingen.md:{line}: the example does not fit {skeletons[0]!r}: {examples[0]}")
    assert not problems, "\n".join(problems)


def test_the_keys_of_the_page_are_distinct():
    seen: dict[str, int] = {}
    twice = [f"docs/meldingen.md:{line}: {key_of(s)} (also line {seen[key_of(s)]})"
             for line, skeletons, _ in entries() for s in skeletons if seen.setdefault(key_of(s), line) != line]
    assert not twice, "\n".join(twice)


NEW_MODULE = '''\
from generator.core.errors import ContentError, UsageError


class KapotError(Exception):
    pass


NIEUWE_HINTS = {"a": "schrijf een getal in de vijfde melding"}
ENGLISH = "rules.yaml names unknown procedures"


def meld(errors, where, message):
    errors.add(where, 1, 1, message)


def check(errors, found, value):
    errors.add("a.yaml", 1, 1, f"de eerste nieuwe melding over '{value}'; schrijf iets anders")
    problem = "de tweede nieuwe melding" if value else None
    errors.append(ContentError("a.yaml", 1, 1, problem))
    what = "de afbeelding" if found else "de bijlage"
    errors.warn("a.yaml", 1, 1, f"{what} is zoekgeraakt in de derde melding")
    meld(errors, "a.yaml", "de vierde melding komt via een eigen functie")
    if not value:
        raise UsageError(f"de zesde melding: '{value}' bestaat niet")
    raise ValueError(ENGLISH)


def waarde_problem(value):
    return f"de zevende melding: '{value}' is geen getal"


def boom():
    raise KapotError("de achtste melding zegt dat het kapot is")
'''


def test_the_scanner_finds_a_message_added_in_a_new_module(tmp_path, kinds):
    """Messages added in the usual ways are found, with the file and line that give them, and the page then
    misses them (so the first test fails until they have an entry); an English defect message is no kind."""
    package = tmp_path / "generator"
    package.mkdir()
    (package / "nieuw.py").write_text(NEW_MODULE, encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - id: x\n    message: 'de negende melding noemt {dagen} dagen'\n", encoding="utf-8")
    found = {kind.skeleton: kind.line for kind in scan(package, rules)}
    lines = {text: number for number, text in enumerate(NEW_MODULE.splitlines(), 1)}

    def line_of(fragment: str) -> int:
        return next(number for text, number in lines.items() if fragment in text)

    assert found == {
        "de eerste nieuwe melding over '…'; schrijf iets anders": line_of("de eerste nieuwe melding"),
        "de tweede nieuwe melding": line_of("de tweede nieuwe melding"),
        "de afbeelding is zoekgeraakt in de derde melding": line_of('"de afbeelding"'),
        "de bijlage is zoekgeraakt in de derde melding": line_of('"de afbeelding"'),
        "de vierde melding komt via een eigen functie": line_of("de vierde melding"),
        "schrijf een getal in de vijfde melding": line_of("de vijfde melding"),
        "de zesde melding: '…' bestaat niet": line_of("de zesde melding"),
        "de zevende melding: '…' is geen getal": line_of("de zevende melding"),
        "de achtste melding zegt dat het kapot is": line_of("de achtste melding"),
        "de negende melding noemt … dagen": 3,
    }
    assert len(missing_from(scan(package, rules), documented())) == len(found)
    assert not any("rules.yaml names" in kind.skeleton for kind in kinds)


def test_keys_ignore_what_varies_and_how_it_is_quoted():
    assert key_of("'…' heeft de ongeldige waarde '…': …") == "… heeft de ongeldige waarde …"
    assert key_of("waarschuwing: de cachemap '…' is niet te gebruiken") == "de cachemap … is niet te gebruiken"
    assert key_of("onbekend veld '…'…; bedoelt u '…'? (toegestaan: …)") == "onbekend veld … bedoelt u … toegestaan …"
