"""Cross-reference checks and content rules, run after the schemas passed.

Ids are unique per kind; every reference (in YAML and in Markdown blocks and inline references)
points to a known id; award criteria weights add up to 100; milestones are in date order;
headings do not skip levels. Only files that passed their schema take part, so a broken file
does not cause a cascade of follow-up messages.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import Any

from generator.core.blocks import Block
from generator.core.budget import KINDS, compute, differs, kind_of, operands
from generator.core.errors import ErrorList
from generator.core.facts import FACTS, missing
from generator.core.references import REFERENCES, SECTION_KINDS
from generator.core.text import dutch_date, number
from generator.load.project import DATA_FILES, LoadedDocument, LoadedProject
from generator.load.yamlsource import Path, YamlDocument
from generator.validate.blocks import check_blocks, project_blocks
from generator.validate.documents import check_front
from generator.validate.glossary import check_glossary, check_requirement_numbers
from generator.validate.messages import suggestion
from generator.validate.messages import unknown as _unknown
from generator.validate.schemas import COUNTABLE
from generator.validate.sections import (
    check_fragments,
    check_heading_ids,
    check_headings,
    check_own_numbers,
    section_problem,
)

#: kind of id -> (data file, list field, Dutch name)
ID_KINDS = {
    "gemeente": ("organisation", "municipalities"),
    "subregio": ("organisation", "subregions"),
    "mijlpaal": ("tender", "planning"),
    "bekostigingsvorm": ("instruments", "funding_models"),
    "contractvorm": ("instruments", "contract_forms"),
    "segment": ("segments", "segments"),
    "eis": ("requirements", "requirements"),
    "gunningscriterium": ("criteria", "criteria"),
    "fase": ("participation", "phases"),
    "perceel": ("tender", "lots"),
    "ronde": ("questions", "rounds"),
    "risico": ("risks", "risks"),
    "begroting": ("budgets", "budgets"),
    "formulier": ("formulieren", "forms"),
    "begrip": ("begrippen", "begrippen"),
}


class Ids:
    """The ids of every kind, from the files that passed their schema."""

    def __init__(self, project: LoadedProject, valid: Mapping[str, YamlDocument], errors: ErrorList):
        self.valid = valid
        self.by_kind: dict[str, list[str]] = {}
        #: documents with errors of their own: known by id, but references into them are not checked
        self.broken_documents: frozenset[str] = frozenset()
        for kind, (file, field) in ID_KINDS.items():
            if file not in valid:
                continue
            document = valid[file]
            items = document.data.get(field) or []
            self.by_kind[kind] = self._collect(document, field, items, kind, errors)
        if "requirements" in valid:  # the groups of the requirements, for {{ eisen groep="..." }}
            items = valid["requirements"].data["requirements"]
            self.by_kind["eisgroep"] = list(dict.fromkeys(r["group"] for r in items if "group" in r))
        if "tender" in valid:  # the phases of the planning, for {{ planning fase="..." }}
            planning = valid["tender"].data.get("planning") or []
            self.by_kind["planningfase"] = list(dict.fromkeys(m["phase"] for m in planning if "phase" in m))
        if "segments" in valid:
            document = valid["segments"]
            names = list(self.by_kind["segment"])
            for i, segment in enumerate(document.data["segments"]):
                for j, sub in enumerate(segment.get("subsegments") or []):
                    if sub["id"] in names:
                        pos = document.position(("segments", i, "subsegments", j, "id"))
                        errors.add(document.path, pos.line, pos.col,
                                   f"het id '{sub['id']}' is al in gebruik als (sub)segment")
                    names.append(sub["id"])

    @staticmethod
    def _collect(document: YamlDocument, field: str, items: list[dict[str, Any]], kind: str,
                 errors: ErrorList) -> list[str]:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            ident = item["id"]
            pos = document.position((field, i, "id"))
            if ident in seen:
                errors.add(document.path, pos.line, pos.col,
                           f"dubbel id '{ident}': er is al een {kind} met dit id (regel {seen[ident]}); geef deze een "
                           "ander id")
            else:
                seen[ident] = pos.line
        return list(seen)

    def known(self, kind: str) -> list[str] | None:
        """The ids of a kind, or None when its file is absent or broken (then nothing is checked)."""
        return self.by_kind.get(kind)


def _check_link(document: YamlDocument, path: tuple[Any, ...], kind: str, ident: str, ids: Ids,
                errors: ErrorList) -> None:
    known = ids.known(kind)
    if known is not None and ident not in known:
        pos = document.position(path)
        errors.add(document.path, pos.line, pos.col, _unknown(kind, ident, known))


def _check_segment_lists(project: LoadedProject, document: YamlDocument, field: str, what: str, ids: Ids,
                         errors: ErrorList) -> None:
    """The `segments` lists of the items under `field` (lots, requirements) name known segments."""
    for i, item in enumerate(document.data.get(field) or []):
        for j, segment in enumerate(item.get("segments") or []):
            path = (field, i, "segments", j)
            if "segments" not in project.data:
                pos = document.position(path)
                errors.add(document.path, pos.line, pos.col,
                           f"{what} noemt segmenten, maar content/segments.yaml ontbreekt")
            else:
                _check_link(document, path, "segment", segment, ids, errors)


def _check_data_links(project: LoadedProject, ids: Ids, errors: ErrorList) -> None:
    valid = ids.valid
    if "segments" in valid:
        document = valid["segments"]
        for i, segment in enumerate(document.data["segments"]):
            links: list[tuple[Path, str, str]] = [
                (("segments", i, field), kind, segment[field])
                for field, kind in (("funding_model", "bekostigingsvorm"), ("contract_form", "contractvorm"))
                if field in segment]
            links += [(("segments", i, "subsegments", j, "funding_model"), "bekostigingsvorm", sub["funding_model"])
                      for j, sub in enumerate(segment.get("subsegments") or []) if "funding_model" in sub]
            for path, kind, ident in links:
                if "instruments" not in project.data:
                    pos = document.position(path)
                    errors.add(document.path, pos.line, pos.col,
                               f"'{path[-1]}' verwijst naar content/instruments.yaml, maar dat bestand ontbreekt")
                else:
                    _check_link(document, path, kind, ident, ids, errors)
    for file, field, what in (("tender", "lots", "dit perceel"), ("requirements", "requirements", "deze eis")):
        if file in valid:
            _check_segment_lists(project, valid[file], field, what, ids, errors)
    if "organisation" in valid:
        _check_subregions(valid["organisation"], ids, errors)


def _check_subregions(document: YamlDocument, ids: Ids, errors: ErrorList) -> None:
    """A municipality's subregion is one of organisation.yaml's subregions (one message when there are none)."""
    named = [i for i, m in enumerate(document.data["municipalities"]) if "subregion" in m]
    if named and "subregions" not in document.data:
        pos = document.position(("municipalities", named[0], "subregion"))
        errors.add(document.path, pos.line, pos.col, "de gemeenten noemen een subregio, maar organisation.yaml heeft "
                                                     "geen subregions; voeg ze toe (subregions: - id, name)")
        return
    for i in named:
        _check_link(document, ("municipalities", i, "subregion"), "subregio",
                    document.data["municipalities"][i]["subregion"], ids, errors)


def _check_planning(project: LoadedProject, ids: Ids, errors: ErrorList) -> None:
    if "tender" not in ids.valid:
        return
    document = ids.valid["tender"]
    planning = document.data.get("planning") or []
    for i in range(1, len(planning)):
        previous, milestone = planning[i - 1], planning[i]
        if milestone["date"] < previous["date"]:
            pos = document.position(("planning", i, "date"))
            errors.add(document.path, pos.line, pos.col,
                       f"mijlpaal '{milestone['id']}' ({dutch_date(milestone['date'])}) ligt vóór de "
                       f"vorige mijlpaal '{previous['id']}' ({dutch_date(previous['date'])}); zet de "
                       "planning in volgorde van datum")
    for i, milestone in enumerate(planning):
        if "end" in milestone and milestone["end"] < milestone["date"]:
            pos = document.position(("planning", i, "end"))
            errors.add(document.path, pos.line, pos.col,
                       f"mijlpaal '{milestone['id']}' eindigt ({dutch_date(milestone['end'])}) vóór hij begint "
                       f"({dutch_date(milestone['date'])}); zet de einddatum (end) na de datum (date)")


def _check_questions(project: LoadedProject, ids: Ids, documents: list[LoadedDocument],
                     errors: ErrorList) -> None:
    """Question ids are unique over all rounds; each names an existing document and section."""
    if "questions" not in ids.valid:
        return
    file = ids.valid["questions"]
    by_id = {d.id: d for d in documents}
    broken = ids.broken_documents
    seen: dict[str, int] = {}
    for i, round_ in enumerate(file.data["rounds"]):
        for j, question in enumerate(round_["questions"]):
            pos = file.position(("rounds", i, "questions", j, "id"))
            if question["id"] in seen:
                errors.add(file.path, pos.line, pos.col, f"dubbel id '{question['id']}': er is al een vraag met "
                                                         f"dit id (regel {seen[question['id']]})")
            seen.setdefault(question["id"], pos.line)
            target = by_id.get(question["document"])
            if question["document"] in broken:
                pass  # its own mistake is reported: one mistake, one message
            elif target is None:
                pos = file.position(("rounds", i, "questions", j, "document"))
                errors.add(file.path, pos.line, pos.col,
                           _unknown("document", question["document"], sorted(by_id.keys() | broken)))
            elif "section" in question and \
                    (problem := section_problem("paragraaf", question["section"], target, f" in '{target.id}'")):
                pos = file.position(("rounds", i, "questions", j, "section"))
                errors.add(file.path, pos.line, pos.col, problem)
    ids.by_kind["vraag"] = list(seen)


def _check_budget_columns(file: YamlDocument, i: int, table: dict[str, Any], errors: ErrorList) -> bool:
    """Computed columns have one kind and use columns to their left; True when the columns are sound."""
    ok, seen = True, []
    for j, column in enumerate(table["columns"]):
        kinds = [kind for kind in KINDS if kind in column]
        if len(kinds) > 1:
            ok = False
            pos = file.key_position(("budgets", i, "columns", j, kinds[1]))
            errors.add(file.path, pos.line, pos.col, f"de kolom '{column['id']}' heeft meer dan één berekening "
                                                     f"({', '.join(kinds)}); kies er één")
            seen.append(column["id"])
            continue
        kind = kind_of(column)
        for k, part in enumerate(operands(column)):
            special: dict[str | None, Path] = {"scale": ("budgets", i, "columns", j, "scale", "column"),
                                               "share": ("budgets", i, "columns", j, "share")}
            path = special.get(kind, ("budgets", i, "columns", j, kind, k))
            if part not in seen:
                ok = False
                pos = file.position(path)
                all_ids = [c["id"] for c in table["columns"]]
                problem = (f"de kolom '{column['id']}' rekent met '{part}', die er niet links van staat; zet "
                           f"'{part}' eerder in de tabel") if part in all_ids else _unknown("kolom", part, seen)
                errors.add(file.path, pos.line, pos.col, problem)
        seen.append(column["id"])
    return ok


def _check_budgets(project: LoadedProject, ids: Ids, errors: ErrorList) -> None:
    """Computed columns use columns to their left; rows give every given column; stated totals add up."""
    if "budgets" not in ids.valid:
        return
    file = ids.valid["budgets"]
    for i, table in enumerate(file.data["budgets"]):
        columns = {c["id"]: c for c in table["columns"]}
        given = [c["id"] for c in table["columns"] if kind_of(c) is None]
        ok = _check_budget_columns(file, i, table, errors)
        for j, row in enumerate(table["rows"]):
            for key in row["values"]:
                if key not in given:
                    ok = False
                    pos = file.key_position(("budgets", i, "rows", j, "values", key))
                    errors.add(file.path, pos.line, pos.col,
                               f"de kolom '{key}' wordt berekend; geef er geen waarde voor" if key in columns
                               else _unknown("kolom", key, given))
            missing = [c for c in given if c not in row["values"]]
            if missing:
                ok = False
                pos = file.position(("budgets", i, "rows", j, "values"))
                errors.add(file.path, pos.line, pos.col,
                           f"de rij '{row['label']}' mist een waarde voor {', '.join(missing)}")
        if not ok:
            continue
        _, computed = compute(table["columns"], table["rows"])
        for key, stated in (table.get("stated_totals") or {}).items():
            pos = file.key_position(("budgets", i, "stated_totals", key))
            if key not in columns:
                errors.add(file.path, pos.line, pos.col, _unknown("kolom", key, list(columns)))
                continue
            total = computed[key]
            if differs(stated, total):
                errors.add(file.path, pos.line, pos.col,
                           f"het opgegeven totaal van '{columns[key]['title']}' ({number(stated)}) wijkt af van "
                           f"het berekende totaal ({number(total) if total is not None else 'geen'})")


def _check_document(project: LoadedProject, document: LoadedDocument, ids: Ids, errors: ErrorList,
                    documents: dict[str, LoadedDocument], blocks: dict[str, Block],
                    valid_documents: dict[str, LoadedDocument]) -> None:
    path = document.path
    check_blocks(project, document, ids.known, ids.valid, errors, documents, blocks)
    for ref in document.outline.references:
        _check_reference(project, document, ref, ids, errors, documents)
    check_front(project, document, ids.valid, errors)
    check_heading_ids(document, errors)
    check_own_numbers(document, errors)
    check_fragments(document, valid_documents, ids.broken_documents, errors)
    sender = (document.front.data.get("letter") or {}).get("gemeente")
    if sender is not None:
        _check_link(document.front, ("letter", "gemeente"), "gemeente", sender, ids, errors)
    for line, col, text in document.outline.undefined_footnotes:
        errors.add(path, document.file_line(line), col,
                   f"voetnoot {text} heeft geen tekst; voeg een regel '{text}: ...' toe aan het document")
    check_headings(document, errors)


def _check_section(document: LoadedDocument, ref, documents: dict[str, LoadedDocument],
                   broken: frozenset[str] = frozenset()) -> str | None:
    """The problem with a [[paragraaf:3.2]], [[artikel:aanbestedingsleidraad#planning]] or [[bijlage:1]]
    reference (a section by number or by its heading's id), or None."""
    target_id, _, written = ref.id.rpartition("#")
    target = documents.get(target_id) if target_id else document
    if target_id in broken:
        return None  # its own mistake is reported: one mistake, one message
    if target is None:
        return _unknown("document", target_id, sorted(documents))
    if not written:
        return f"de verwijzing '{ref.raw}' mist een nummer of id: schrijf [[{ref.kind}:{target_id}#3.2]]"
    return section_problem(ref.kind, written, target, f" in '{target.id}'" if target_id else "")


def _check_reference(project: LoadedProject, document: LoadedDocument, ref, ids: Ids,
                     errors: ErrorList, documents: dict[str, LoadedDocument]) -> None:
    path, line, col = document.path, document.file_line(ref.line), ref.col
    kinds = sorted(REFERENCES)
    if not ref.valid or ref.kind not in REFERENCES:
        close = difflib.get_close_matches(ref.kind, kinds, n=1, cutoff=0.6) if ref.valid else []
        if close:
            meant = f"[[{close[0]}{':' + ref.id if ref.id else ''}]]"
            errors.add(path, line, col, f"onbekende verwijzing '{ref.raw}'; bedoelt u {meant}? (soorten: "
                                        f"{', '.join(kinds)})")
        else:
            errors.add(path, line, col, f"onbekende verwijzing '{ref.raw}'; schrijf [[soort:id]] met soort een van: "
                                        f"{', '.join(kinds)}")
        return
    file, id_kind = REFERENCES[ref.kind].file, REFERENCES[ref.kind].names
    if not id_kind:  # [[regio]], [[gemeenten]], a fact: no id
        if ref.id:
            errors.add(path, line, col, f"[[{ref.kind}]] neemt geen id: schrijf alleen [[{ref.kind}]]")
        elif ref.kind in FACTS and "tender" in ids.valid and missing(FACTS[ref.kind], ids.valid["tender"].data):
            fact = FACTS[ref.kind]
            errors.add(path, line, col, f"[[{ref.kind}]] toont {fact.description}, maar content/tender.yaml heeft "
                                        f"die niet; schrijf daar {fact.example}")
        return
    if ref.kind in SECTION_KINDS:
        problem = _check_section(document, ref, documents, ids.broken_documents) if ref.id else \
            f"de verwijzing '{ref.raw}' mist een nummer of id: schrijf [[{ref.kind}:3.2]] of [[{ref.kind}:planning]]"
        if problem:
            errors.add(path, line, col, problem)
        return
    if ref.kind == "aantal":
        if ref.id not in COUNTABLE:
            errors.add(path, line, col, f"onbekende telling '{ref.id}'{suggestion(ref.id, sorted(COUNTABLE))} "
                                        f"(toegestaan: {', '.join(sorted(COUNTABLE))})")
        elif COUNTABLE[ref.id] not in project.data:
            errors.add(path, line, col, f"[[aantal:{ref.id}]] telt uit content/{COUNTABLE[ref.id]}.yaml, "
                                        "maar dat bestand ontbreekt")
        return
    if not ref.id:
        errors.add(path, line, col, f"de verwijzing '{ref.raw}' mist een id: schrijf [[{ref.kind}:id]]")
        return
    if file not in project.data:
        errors.add(path, line, col, f"'{ref.raw}' verwijst naar content/{file}.yaml ({DATA_FILES[file]}), "
                                    "maar dat bestand ontbreekt")
        return
    known = ids.known(id_kind)
    if known is not None and ref.id not in known:
        errors.add(path, line, col, _unknown(id_kind, ref.id, known))


def broken_documents(project: LoadedProject, valid: Iterable[LoadedDocument]) -> frozenset[str]:
    """The ids of the documents that exist but have errors in their file or front matter: they are known
    (a reference to them is not 'onbekend document'), but not checked further."""
    ids = {d.id for d in project.documents} | {PurePosixPath(e.path).stem for e in project.errors
                                               if e.path.startswith("content/documents/") and e.path.endswith(".md")}
    return frozenset(ids - {d.id for d in valid})


def check_references(project: LoadedProject, valid: Mapping[str, YamlDocument], documents: list[LoadedDocument],
                     errors: ErrorList) -> None:
    ids = Ids(project, valid, errors)
    ids.broken_documents = broken_documents(project, documents)
    _check_data_links(project, ids, errors)
    _check_planning(project, ids, errors)
    _check_questions(project, ids, documents, errors)
    _check_budgets(project, ids, errors)
    check_requirement_numbers(valid, errors)
    check_glossary(valid, documents, errors)
    by_id = {d.id: d for d in project.documents}  # a block may name a document with errors of its own
    ids.by_kind["document"] = sorted(set(by_id) | ids.broken_documents)
    blocks = project_blocks(project)  # the theme's and the project's own, once for every document
    valid_by_id = {d.id: d for d in documents}
    for document in documents:
        _check_document(project, document, ids, errors, by_id, blocks, valid_by_id)
