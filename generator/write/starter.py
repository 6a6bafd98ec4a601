"""Stage 5, write: `bestek new MAP`, a minimal project of one kind that builds at once, with a comment in every file.

The files are package data (write/starters/: common/ for every kind, then one folder per kind) with `${name}`
placeholders, filled from what the officer answered or gave as options: the region, its municipalities, the laws
(jeugd, wmo) and a title; dates are laid out from today so that the planning keeps the legal periods. `bestek new`
also writes the editor support of write/editor.py (.vscode/) and a .gitignore for build/. It writes only into a
folder that is new or empty, and only the files listed here.
"""
from __future__ import annotations

import datetime
import re
import string
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.core.errors import UsageError
from generator.write.editor import editor_files, theme_kinds

STARTERS = Path(__file__).with_name("starters")
#: the kinds of `bestek new --soort`, with what each gives (`bestek new --list`)
KINDS = {
    "consultatie": "een consultatiedocument met segmenten, participatie en planning, vóór de keuze van een procedure",
    "aanbesteding": "een SAS-procedure: aanbestedingsleidraad met eisen, gunningscriteria en een planning met de "
                    "wettelijke termijnen",
    "open-house": "een open house: toelatingsdocument met eisen, zonder gunningscriteria en rangschikking",
    "brief": "een raadsinformatiebrief met briefhoofd, planning en ondertekening",
}
DOMAIN_NAMES = {"jeugd": "Jeugd", "wmo": "Wmo"}
MAX_ANSWER = 120
#: what a name may hold: letters (any script Dutch names use), digits, spaces and common punctuation
_NAME = re.compile(r"[\w'’][\w .,'’()&/-]*", re.UNICODE)


@dataclass(frozen=True)
class Answers:
    kind: str
    region: str
    municipalities: tuple[str, ...]
    domains: tuple[str, ...]  # jeugd and/or wmo, in that order
    title: str | None = None  # default: 'Inkoop Jeugd en Wmo <next year>'


def kinds_listing() -> list[str]:
    return [f"{kind:<13} {text}" for kind, text in KINDS.items()]


def _name(text: str, what: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise UsageError(f"{what} is leeg; geef een naam op")
    if len(text) > MAX_ANSWER or not _NAME.fullmatch(text):
        raise UsageError(f"{what} '{text[:MAX_ANSWER]}' kan Bestek niet gebruiken: schrijf een naam van hoogstens "
                         f"{MAX_ANSWER} tekens met letters, cijfers, spaties en leestekens als - ' , . ( )")
    return text


def answers(kind: str | None, region: str | None, municipalities: str | None, jeugd: bool, wmo: bool,
            title: str | None = None, ask: Callable[[str], str] | None = None) -> Answers:
    """The answers from the options; what is missing is asked with `ask` (input() on a terminal), or is a usage error
    without one. Without --jeugd and --wmo both laws are bought, as a region mostly does."""
    def missing(option: str, question: str) -> str:
        if ask is None:
            what, _, flag = option.partition(" met ")
            raise UsageError(f"geef {what} op met {flag} (zie 'bestek new --help')")
        return ask(question)

    if kind is None:
        listing = "\n".join(f"  {line}" for line in kinds_listing())
        kind = missing("de soort met --soort", f"Welke soort project?\n{listing}\nSoort: ").strip()
    if kind not in KINDS:
        raise UsageError(f"onbekende soort '{kind}'; kies uit {', '.join(KINDS)} (zie 'bestek new --list')")
    region = _name(region if region is not None else
                   missing("de regio met --regio", "Naam van de regio (zoals Regio Midden-Holland): "), "de regio")
    given = municipalities if municipalities is not None else missing(
        "de gemeenten met --gemeenten (gescheiden door komma's)",
        "Deelnemende gemeenten, gescheiden door komma's (de eerste is de centrumgemeente): ")
    names = tuple(_name(name, "een gemeente") for name in given.split(",") if name.strip())
    if not names:
        raise UsageError("geef minstens één gemeente op, zoals --gemeenten \"Gouda, Waddinxveen\"")
    if len({_slug(name) for name in names}) < len(names):
        raise UsageError("een gemeente staat twee keer in --gemeenten; noem elke gemeente één keer")
    if not jeugd and not wmo and ask is not None:
        laws = ask("Welke wetten: jeugd, wmo of beide? [beide]: ").strip().lower() or "beide"
        if laws not in ("jeugd", "wmo", "beide"):
            raise UsageError(f"'{laws}' is geen keuze; antwoord jeugd, wmo of beide (of geef --jeugd of --wmo op)")
        jeugd, wmo = laws in ("jeugd", "beide"), laws in ("wmo", "beide")
    domains = tuple(d for d, chosen in (("jeugd", jeugd), ("wmo", wmo)) if chosen) or ("jeugd", "wmo")
    return Answers(kind, region, names, domains, _name(title, "de titel") if title else None)


def _slug(name: str) -> str:
    """An id for a name: 'Súdwest-Fryslân' -> 'sudwest-fryslan', "'s-Hertogenbosch" -> 's-hertogenbosch'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "gemeente"


def _scalar(text: str) -> str:
    """`text` as a YAML value: plain when YAML reads it back unchanged, else between double quotes."""
    try:
        plain = yaml.safe_load(f"k: {text}") == {"k": text} and "#" not in text
    except yaml.YAMLError:
        plain = False
    return text if plain else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _weekday(day: datetime.date) -> datetime.date:
    """The day itself, or the Monday after it when it falls in a weekend."""
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _reference(region: str, year: int) -> str:
    words = [w for w in re.split(r"[\s-]+", _slug(region).replace("-", " ")) if w not in ("regio", "gemeente", "")]
    initials = "".join(w[0] for w in words).upper()[:6]
    return f"{initials or 'INKOOP'}-{year}"


def values(given: Answers, today: datetime.date) -> dict[str, str]:
    """The placeholders of the starter files: YAML values (quoted where needed) and the Markdown text of the title."""
    def day(offset: int) -> str:
        return _weekday(today + datetime.timedelta(days=offset)).isoformat()

    start_year = (today + datetime.timedelta(days=150)).year + 1
    laws = " en ".join(DOMAIN_NAMES[d] for d in given.domains)
    title = given.title or f"Inkoop {laws} {start_year}"
    lines = []
    for number, name in enumerate(given.municipalities):
        central = "" if number else "\n    central: true"  # the first is the centrumgemeente
        lines.append(f"  - id: {_slug(name)}\n    name: {_scalar(name)}{central}")
    return {
        "regio": _scalar(given.region), "titel": _scalar(title), "titel_tekst": title,
        "site_titel": _scalar(f"{title} – {given.region}"), "onderwerp": _scalar(f"Voortgang {title}"),
        "kenmerk": _reference(given.region, start_year), "gemeenten": "\n".join(lines),
        "domeinen": f"[{', '.join(given.domains)}]", "datum": today.isoformat(),
        "start": day(14), "consultatie_einde": day(56), "kaderdocument": day(90),
        "publicatie": day(28), "vragen": day(42), "nvi": day(52), "inschrijving": day(70),
        "gunningsbeslissing": day(98), "standstill": day(119), "contract_start": f"{start_year}-01-01",
    }


def starter_files(given: Answers, today: datetime.date) -> dict[str, bytes]:
    """Project path -> bytes of the new project: the same answers and day give the same bytes."""
    fill = values(given, today)
    files: dict[str, bytes] = {}
    for folder in (STARTERS / "common", STARTERS / given.kind):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            text = string.Template(path.read_text(encoding="utf-8")).substitute(fill)
            files[path.relative_to(folder).as_posix()] = text.encode("utf-8")
    files.update(editor_files(theme_kinds()))
    files[".gitignore"] = b"# what bestek build makes; it is made again from the content at every build\nbuild/\n"
    return dict(sorted(files.items()))


def write_starter(folder: Path, files: dict[str, bytes]) -> None:
    """Write the new project into `folder`, which must be new or empty (an existing file is never replaced)."""
    if folder.exists() or folder.is_symlink():
        if not folder.is_dir():
            raise UsageError(f"'{folder}' bestaat al en is geen map; kies een nieuwe map voor het project")
        if any(folder.iterdir()):
            raise UsageError(f"de map '{folder}' is niet leeg; bestek new schrijft alleen in een nieuwe of lege map "
                             "(kies een nieuwe naam, zoals 'bestek new mijn-aanbesteding')")
    folder.mkdir(parents=True, exist_ok=True)
    for relative, data in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as handle:  # 'x': never over a file that appeared meanwhile
            handle.write(data)


def next_steps(folder: Path, given: Answers) -> list[str]:
    """What `bestek new` prints after writing: where the project is and what to do next."""
    first = {"consultatie": "content/documents/consultatiedocument.md", "brief": "content/documents/"
             "raadsinformatiebrief.md"}.get(given.kind, "content/documents/aanbestedingsleidraad.md")
    return [f"Nieuw project ({given.kind}) gemaakt in {folder}.",
            "Verder:",
            f"  cd {folder}",
            "  bestek serve                  # de website op http://127.0.0.1:8000/, bijgewerkt bij elke wijziging",
            f"  open {first} of content/tender.yaml en pas de tekst aan",
            "  bestek check                  # controleert alles; 'In orde' betekent: bestek build lukt",
            "In VS Code met de extensie YAML (redhat.vscode-yaml) ziet u bij elk veld wat erin hoort."]
