"""Section references and heading ids: what survives editing, and what is reported when it does not.

A section is named by number (`[[paragraaf:3.2]]`, a question's `section: "3.2"`) or by the heading's id
(`[[paragraaf:planning]]`, `section: planning`; core/headings.py). An id stays right when a section is
inserted before it; a number does not. So every build records, for each reference written by number,
the title of the heading it meant (`numbered_references`, kept in the signed build record), and the
next build reports a reference whose number now carries another title, with both titles and the id to
write instead (`check_shifts`).

Also checked here: empty headings and skipped levels, heading ids written twice in one document, own numbers
(`{nummer=16}`) that do not count up, articles with both leden and numbered sections, and link fragments:
`[zie](#kop)` within a document and `[zie](andere.md#kop)` to another must name a heading there.
"""
from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from generator.core.errors import ErrorList
from generator.core.headings import Section, find, find_lid, is_number
from generator.core.references import REFERENCES, SECTION_KINDS
from generator.load.project import LoadedDocument, LoadedProject
from generator.load.yamlsource import YamlDocument
from generator.validate.messages import nearest_sections

#: reference kinds that link to what a block shows (core/blocks.py anchors): an anchor with this prefix
#: is written as the reference instead, which links to wherever the object is shown
REFERENCE_FOR_PREFIX = {kind.anchor_prefix: kind.name for kind in REFERENCES.values() if kind.anchor_prefix}


@dataclass(frozen=True)
class NumberedReference:
    """A reference that names a section by number, with where it is written."""

    path: str
    line: int
    col: int
    document: str  # the id of the document it points into
    number: str  # as HeadingNumbers numbers it: '3.2', 'B1'
    kind: str  # paragraaf, artikel or bijlage
    how: str  # how to write it by id instead, with '{id}' for the heading's id


def _ids_hint(ident: str, found: tuple[Section, ...]) -> str:
    anchors = [s.anchor for s in found]
    close = difflib.get_close_matches(ident, anchors, n=2, cutoff=0.6)
    by_anchor = {s.anchor: s for s in found}
    named = [f"{a} ({(by_anchor[a].number + ' ') if by_anchor[a].number else ''}{by_anchor[a].text})" for a in close]
    listed = ", ".join(anchors[:15]) + (f" en nog {len(anchors) - 15} andere" if len(anchors) > 15 else "")
    return (f"; bedoelt u {' of '.join(named)}?" if named else "") + f" (koppen: {listed or 'geen'})"


def section_problem(kind: str, written: str, target: LoadedDocument, where: str) -> str | None:
    """What is wrong with naming section `written` (number or id) of `target`, or None. `where` is
    " in 'document'" for another document, else ''."""
    found = target.sections()
    if kind == "bijlage":
        appendices = [s for s in found if s.appendix and s.level == 1]
        if find(appendices, written, appendix=True) is not None:
            return None
        if not is_number(written) and find(found, written) is not None:
            return f"de kop '{written}'{where} is geen bijlage; verwijs ernaar met [[paragraaf:{written}]]"
        shown = ", ".join(f"{s.number[1:]} ({s.text})" for s in appendices) or "geen"
        return f"bijlage {written} bestaat niet{where} (bijlagen: {shown})"
    if kind == "hoofdstuk":
        section = find(found, written)
        if section is not None and section.level == 1 and not section.appendix:
            if section.label.startswith("Artikel "):  # an agreement: its chapters are articles
                return (f"'{written}'{where} is artikel {section.number} van een overeenkomst; verwijs ernaar met "
                        f"[[artikel:{written}]]")
            return None
        if section is not None:
            shown = f"paragraaf {section.number}" if section.number else f"de kop '{section.text}'"
            other = "bijlage" if section.appendix else "paragraaf"
            return (f"'{written}'{where} is geen hoofdstuk maar {'een bijlage' if section.appendix else shown}; "
                    f"verwijs ernaar met [[{other}:{written}]]")
    elif find(found, written) is not None:
        return None
    if kind == "artikel" and (problem := _lid_problem(written, found, where)) is not False:
        return problem if isinstance(problem, str) else None
    if is_number(written):
        numbers = {s.number: s for s in found if s.number}
        return f"{kind} {written} bestaat niet{where}{nearest_sections(written, numbers)}"
    return f"er is geen kop met het id '{written}'{where}{_ids_hint(written, found)}"


def _lid_problem(written: str, found: tuple[Section, ...], where: str) -> str | None | Literal[False]:
    """For [[artikel:13.2]] or [[artikel:betaling.2]]: None when it names a lid, a message when it names an
    article without that lid, False when it does not name an article at all."""
    if find_lid(found, written) is not None:
        return None
    article, _, lid = written.rpartition(".")
    section = find(found, article) if article and lid.isdigit() else None
    if section is None or not section.number or not section.leden and _numbered_below(found, found.index(section)):
        return False  # no article, or one with numbered headings under it: a section is meant
    name = f"artikel {section.number}"
    if not section.leden:
        return (f"{name}{where} ('{section.text}') heeft geen leden; leden zijn de punten van een genummerde lijst "
                f"(1., 2., ...) direct onder de kop van het artikel")
    listed = ", ".join(str(n) for n in section.leden)
    return f"{name}{where} ('{section.text}') heeft geen lid {lid} (leden: {listed})"


def _numbered_below(found: tuple[Section, ...], index: int) -> bool:
    """Whether the section at `index` has numbered headings under it (before the next one of its level)."""
    level = found[index].level
    for section in found[index + 1:]:
        if section.level <= level:
            return False
        if section.number:
            return True
    return False


def check_own_numbers(document: LoadedDocument, errors: ErrorList) -> None:
    """A heading's own number (`{nummer=16}`) is higher than the number before it at its level, so no number
    is there twice; and an article has leden or numbered headings under it, not both (a reference such as
    [[artikel:13.2]] would name either)."""
    found = document.sections()
    previous: dict[tuple[str, int], Section] = {}  # (parent number, level) -> the last numbered section there
    for index, (heading, section) in enumerate(zip(document.outline.headings, found, strict=True)):
        if not section.number or section.appendix and section.level == 1:
            continue
        parent = section.number.rpartition(".")[0]
        before = previous.get((parent, section.level))
        if heading.number is not None and before is not None and \
                int(before.number.rpartition(".")[2]) >= heading.number:
            same = section.number == before.number
            errors.add(document.path, document.file_line(heading.line), 1,
                       f"de kop '{heading.text}' krijgt met {{nummer={heading.number}}} het nummer {section.number}, "
                       + (f"dat al bij de kop '{before.text}' staat" if same else
                          f"lager dan dat van de kop '{before.text}' ervoor ({before.number})")
                       + f" (regel {document.file_line(before.line)}); geef een nummer hoger dan {before.number}")
        previous[(parent, section.level)] = section
        if section.leden and _numbered_below(found, index):
            errors.add(document.path, document.file_line(heading.line), 1,
                       f"artikel {section.number} ('{heading.text}') heeft leden (de genummerde lijst direct onder de "
                       f"kop) en ook genummerde koppen eronder; dan kan [[artikel:{section.number}.1]] beide "
                       "betekenen: maak van de lijst gewone alinea's, of van de koppen leden")


def check_headings(document: LoadedDocument, errors: ErrorList) -> None:
    """Every heading has text (an empty one is an empty line in the table of contents) and follows the level
    before it or a higher one (no level is skipped)."""
    previous = 0
    for heading in document.outline.headings:
        line = document.file_line(heading.line)
        if not heading.text:
            marks = "#" * heading.level
            errors.add(document.path, line, 1, f"de kop is leeg; schrijf de titel achter de {marks}, zoals "
                                               f"'{marks} Planning en termijnen', of haal de regel weg")
        if heading.level > previous + 1:
            after = f"volgt op niveau {previous}" if previous else "is de eerste kop van het document"
            errors.add(document.path, line, 1, f"kop '{heading.text}' is van niveau {heading.level} maar {after}; "
                                               f"gebruik {'#' * (previous + 1)}")
        previous = heading.level


def check_heading_ids(document: LoadedDocument, errors: ErrorList) -> None:
    """A heading id written twice in one document: the second is reported (the first keeps it)."""
    first: dict[str, int] = {}
    for heading in document.outline.headings:
        if heading.id is None:
            continue
        line = document.file_line(heading.line)
        if heading.id in first:
            errors.add(document.path, line, 1, f"het id '{heading.id}' staat al bij een andere kop (regel "
                                               f"{first[heading.id]}); geef elke kop een eigen id")
        else:
            first[heading.id] = line


def check_fragments(document: LoadedDocument, documents: Mapping[str, LoadedDocument],
                    broken: frozenset[str], errors: ErrorList) -> None:
    """`[tekst](#kop)` and `[tekst](andere.md#kop)` name a heading of that document."""
    linked = {linked.href.partition("#")[0]: linked.document for linked in document.links if linked.document}
    for link in document.outline.links:
        if link.image or "#" not in link.href:
            continue
        address, _, fragment = link.href.partition("#")
        if address and address not in linked:
            continue  # a web address, or a file (the load stage checked it)
        target_id = linked.get(address, document.id)
        if target_id in broken or target_id not in documents:
            continue  # its own mistake is reported: one mistake, one message
        target = documents[target_id]
        if not fragment or any(s.anchor == fragment for s in target.sections()):
            continue
        where = f" in '{target_id}'" if address else ""
        prefix = next((p for p in REFERENCE_FOR_PREFIX if fragment.startswith(p)), None)
        if prefix is not None:
            kind = REFERENCE_FOR_PREFIX[prefix]
            problem = (f"de link '#{fragment}' gaat naar een onderdeel dat een blok toont; schrijf de verwijzing "
                       f"[[{kind}:{fragment[len(prefix):]}]], die zelf een link is naar waar het getoond wordt")
        else:
            problem = (f"de link '#{fragment}' gaat naar een kop die niet bestaat{where}"
                       f"{_ids_hint(fragment, target.sections())}")
        errors.add(document.path, document.file_line(link.line), link.col, problem)


def numbered_references(documents: list[LoadedDocument],
                        questions: YamlDocument | None) -> list[NumberedReference]:
    """Every reference written by number into a document of `documents` (which passed their checks): the
    section references of their bodies and the questions' `section`."""
    by_id = {d.id: d for d in documents}
    found: list[NumberedReference] = []
    for document in documents:
        for ref in document.outline.references:
            if ref.kind not in SECTION_KINDS or not ref.valid or not ref.id:
                continue
            target_id, _, written = ref.id.rpartition("#")
            if (target_id or document.id) not in by_id or not is_number(written):
                continue
            number = f"B{written}" if ref.kind == "bijlage" and not written.startswith("B") else written
            how = f"[[{ref.kind}:{target_id + '#' if target_id else ''}{{id}}]]"
            target = by_id[target_id or document.id].sections()
            if ref.kind == "artikel" and find(target, written) is None and (lid := find_lid(target, written)):
                number, how = lid[0].number, how.replace("{id}", f"{{id}}.{lid[1]}")  # a lid: its article's title
            found.append(NumberedReference(document.path, document.file_line(ref.line), ref.col,
                                           target_id or document.id, number, ref.kind, how))
    if questions is not None and isinstance(questions.data, dict):
        for i, round_ in enumerate(questions.data.get("rounds") or []):
            for j, question in enumerate(round_.get("questions") or []):
                written = question.get("section")
                if isinstance(written, str) and is_number(written) and question.get("document") in by_id:
                    pos = questions.position(("rounds", i, "questions", j, "section"))
                    found.append(NumberedReference(questions.path, pos.line, pos.col, question["document"],
                                                   written, "paragraaf", "section: {id}"))
    return found


def section_titles(project: LoadedProject) -> dict[str, str]:
    """'document#number' -> the title of the heading there, for every reference written by number: what
    the build record keeps, so the next build can tell when a number has come to mean another heading.
    Called after validation passed."""
    by_id = {d.id: d for d in project.documents}
    result: dict[str, str] = {}
    for ref in numbered_references(project.documents, project.data.get("questions")):
        section = find(by_id[ref.document].sections(), ref.number)
        if section is not None:
            result[f"{ref.document}#{ref.number}"] = section.text
    return dict(sorted(result.items()))


def check_shifts(documents: list[LoadedDocument], questions: YamlDocument | None, previous: Mapping[str, str],
                 errors: ErrorList) -> None:
    """A reference by number whose heading has another title than at the previous build: the numbering
    shifted (a section was inserted or removed before it) or the heading was renamed. Either way the
    reference may now point at another section: an error with both titles and the id to write instead."""
    if not previous:
        return
    by_id = {d.id: d for d in documents}
    for ref in numbered_references(documents, questions):
        before = previous.get(f"{ref.document}#{ref.number}")
        found = by_id[ref.document].sections()
        now = find(found, ref.number)
        if before is None or now is None or now.text == before:
            continue
        moved = next((s for s in found if s.text == before), None)
        shown = ref.number[1:] if ref.number.startswith("B") and "." not in ref.number else ref.number
        head = (f"{ref.kind} {shown} van '{ref.document}' heet nu '{now.text}', maar bij de vorige build was "
                f"dat '{before}'")
        if moved is not None:
            where = f" (die staat nu onder {moved.number})" if moved.number else ""
            problem = (f"{head}{where}: de nummering is verschoven. Verwijs met het id van de kop, dan blijft de "
                       f"verwijzing goed: {ref.how.format(id=moved.anchor)} voor '{before}', of "
                       f"{ref.how.format(id=now.anchor)} voor '{now.text}'")
        else:
            problem = (f"{head}; een verwijzing met een nummer kan nu naar een andere kop wijzen. Verwijs met het "
                       f"id van de bedoelde kop, zoals {ref.how.format(id=now.anchor)} voor '{now.text}'")
        errors.add(ref.path, ref.line, ref.col, problem)
