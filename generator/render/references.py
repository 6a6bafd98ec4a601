"""How each kind of inline reference is written (render stage): one function per kind of core/references.py,
called by render/body.py with the body renderer, the reference's id and meta, and markdown-it's env (whose
`link` makes a link fitting the output: to the object in the same document, its site page, or plain text)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from markupsafe import Markup, escape

from generator.core.facts import FACTS
from generator.core.text import COUNT_NOUNS, count, date_and_time, enumeration, number
from generator.model.types import Project


class Writer(Protocol):
    """What a renderer uses of render/body.py's BodyRenderer."""

    project: Project

    def section_ref(self, kind: str, ident: str, env: dict) -> Markup: ...

def _segment(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    return env["link"]("segment", ident, r.project.segment(ident).name)


def _requirement(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    requirement = r.project.requirement(ident)
    return env["link"]("eis", ident, f"{requirement.number} ({requirement.title})")


def _term(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    return env["link"]("begrip", ident, r.project.term(ident).term)


def write_fact(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    return escape(FACTS[meta["kind"]].text(r.project.tender))


def _criterion(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    criterion = next(c for c in r.project.criteria if c.id == ident)
    weight = f" ({number(criterion.weight)}%)" if criterion.weight is not None else ""
    return env["link"]("criterium", ident, f"{criterion.title}{weight}")


def _lot(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    lot = r.project.lot(ident)
    return env["link"]("perceel", ident, f"perceel {lot.number} ({lot.name})")


def _question(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    return env["link"]("vraag", ident, f"vraag {r.project.question(ident).number}")


def _date(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    milestone = r.project.milestone(ident)
    return escape(date_and_time(milestone.date, milestone.time))


def _count(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    project = r.project
    counts = {"segmenten": project.tendered_segments, "gemeenten": project.organisation.municipalities,
              "eisen": project.requirements, "gunningscriteria": project.criteria,
              "percelen": project.tender.tendered_lots}  # what is bought (tendered: false is not)
    n = len(counts[ident])
    return count(n, COUNT_NOUNS[ident], ident) if meta.get("noun") else str(n)


def _section(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    return r.section_ref(meta["kind"], ident, env)


def _municipalities(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    return escape(enumeration([m.name for m in r.project.organisation.municipalities]))


def _subregion(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    """Its name and municipalities: 'Jeugdregio Oost (Oostdorp en Noorddorp)'."""
    organisation = r.project.organisation
    sub = organisation.subregion(ident)
    names = [m.name for m in organisation.municipalities_in(ident)]
    return escape(f"{sub.name} ({enumeration(names)})" if names else sub.name)


def _region(r: Writer, ident: str, meta: dict, env: dict) -> Any:
    return escape(r.project.organisation.name)


#: reference kind -> how it is written (the facts of core/facts.py: write_fact); tests/core/test_references.py checks
#: that every kind of core/references.py has one
RENDERERS: dict[str, Callable[[Writer, str, dict, dict], Any]] = {
    "segment": _segment, "eis": _requirement, "begrip": _term, "criterium": _criterion, "perceel": _lot,
    "vraag": _question, "datum": _date, "aantal": _count, "hoofdstuk": _section, "paragraaf": _section,
    "artikel": _section, "bijlage": _section, "gemeenten": _municipalities, "subregio": _subregion,
    "regio": _region,
}
