"""Stage 3, model: build the typed objects of types.py from validated content.

Runs only after validation passed, so every id it looks up exists.
"""
from __future__ import annotations

from typing import Any

from generator.core import config as config_module
from generator.core.budget import compute, kind_of
from generator.core.forms import FIELD_KINDS
from generator.core.headings import NUMBERED_LEVELS, find
from generator.core.kinds import role_of, tenderned_of
from generator.core.requirements import requirement_numbers
from generator.core.scoring import formula_of
from generator.core.text import dutch_date, sort_key
from generator.load.project import LoadedDocument, LoadedProject
from generator.model.notice import build_notice
from generator.model.organisation import Contact, Municipality, Organisation, Subregion
from generator.model.parts import (
    BudgetColumn,
    BudgetRow,
    BudgetTable,
    Form,
    FormField,
    Instrument,
    Letter,
    Phase,
    Risk,
    Signature,
    Stakeholder,
    Term,
)
from generator.model.releases import build_versions
from generator.model.types import (
    Contract,
    Criterion,
    Document,
    Lot,
    Milestone,
    Project,
    Question,
    Requirement,
    Round,
    ScopeItem,
    Segment,
    Subsegment,
    Tender,
)


def _instruments(items: list[dict[str, Any]]) -> tuple[Instrument, ...]:
    return tuple(Instrument(i["id"], i["name"], i["description"]) for i in items)


def _data(project: LoadedProject, name: str) -> dict[str, Any]:
    document = project.data.get(name)
    return document.data if document is not None else {}


def build_model(project: LoadedProject) -> Project:
    """Turn a validated LoadedProject into typed objects."""
    org = _data(project, "organisation")
    contact = org["contact"]
    subregions = {s["id"]: Subregion(s["id"], s["name"]) for s in org.get("subregions", [])}
    organisation = Organisation(
        name=org["name"], short_name=org.get("short_name", org["name"]),
        municipalities=tuple(Municipality(m["id"], m["name"], m.get("central", False),
                                          subregions.get(m.get("subregion", "")))
                             for m in org["municipalities"]),
        contact=Contact(contact["name"], contact["email"], contact.get("phone"), contact.get("address")),
        website=org.get("website"), subregions=tuple(subregions.values()),
    )
    ten = _data(project, "tender")
    contract = ten.get("contract")
    segment_list = _data(project, "segments").get("segments", [])
    segments = _segments(segment_list, _data(project, "instruments"))
    segment_by_id = {s.id: s for s in segments}
    most = _data(project, "criteria").get("max_providers")  # the maximum number of awarded bidders (award rules)
    tender = Tender(
        reference=ten["reference"], title=ten["title"], summary=ten.get("summary"), version=ten.get("version"),
        domains=tuple(ten["domains"]), procedure=ten.get("procedure"), estimated_value=ten.get("estimated_value"),
        electronic_submission=ten.get("electronic_submission", True),
        lots=tuple(Lot(lot["id"], i, lot["name"], tuple(segment_by_id[x] for x in lot["segments"]),
                       lot.get("description"), most.get(lot["id"]) if isinstance(most, dict) else None)
                   for i, lot in enumerate(ten.get("lots", []), start=1)),
        max_providers=most if isinstance(most, int) else None,
        procedure_label=ten.get("procedure_label"), standstill_exception=ten.get("standstill_exception"),
        contract=Contract(contract["start"], contract["initial_years"], tuple(contract.get("extensions", ())))
        if contract else None,
        scope=tuple(ScopeItem(s["domain"], s["service"], s["in_scope"], s.get("note")) for s in ten.get("scope", [])),
        planning=tuple(Milestone(m["id"], m["title"], m["date"], m.get("kind", "overig"), m.get("end"), m.get("time"),
                                 m.get("phase"), m.get("note")) for m in ten.get("planning", [])),
    )
    instruments = _data(project, "instruments")
    funding = _instruments(instruments.get("funding_models", []))
    forms = _instruments(instruments.get("contract_forms", []))
    requirement_list = _data(project, "requirements").get("requirements", [])
    requirements = tuple(
        Requirement(r["id"], r["kind"], r["title"], r["text"], r.get("evidence"), r.get("moment"),
                    tuple(segment_by_id[x] for x in r.get("segments", [])), number, r.get("group"))
        for r, number in zip(requirement_list, requirement_numbers(requirement_list), strict=True)
    )
    lot_ids: list[str | None] = [lot.id for lot in tender.lots] or [None]
    criteria = tuple(
        Criterion(c["id"], c["title"], c["kind"],
                  tuple((lot, c["weight"] if "weight" in c else c["weights"][lot]) for lot in lot_ids
                        if "weight" in c or lot in c["weights"]),
                  c["description"], c.get("submission"), c.get("max_pages"), c.get("scoring"), c.get("min_score"),
                  c.get("evaluators"), formula_of(c.get("formula")))
        for c in _data(project, "criteria").get("criteria", [])
    )
    phases = tuple(
        Phase(p["id"], p["title"], p["period"], p["description"],
              tuple(Stakeholder(x["name"], x["description"]) for x in p.get("stakeholders", [])))
        for p in _data(project, "participation").get("phases", [])
    )
    documents = tuple(sorted((_document(d, organisation.municipalities) for d in project.documents),
                             key=lambda d: (d.order, d.date, d.id)))
    rounds = _rounds(_data(project, "questions"), documents)
    return Project(
        config=config_module.from_data(project.config.data if project.config else None),
        organisation=organisation, tender=tender, funding_models=funding, contract_forms=forms,
        segments=segments, requirements=requirements, criteria=criteria, phases=phases, documents=documents,
        rounds=rounds, present=frozenset(project.data),
        risks=tuple(Risk(r["id"], r["risk"], r["measure"], r.get("likelihood"), r.get("impact"))
                    for r in _data(project, "risks").get("risks", [])),
        budgets=tuple(_budget(b) for b in _data(project, "budgets").get("budgets", [])),
        files=dict(project.files), logo=project.logo, versions=build_versions(project),
        notice=build_notice(org, ten, _data(project, "requirements").get("requirements", [])),
        tie_break=tuple(_data(project, "criteria").get("tie_break", ())),
        forms=tuple(_form(f) for f in _data(project, "formulieren").get("forms", [])),
        glossary=tuple(sorted((Term(t["id"], t["term"], t["definition"])
                               for t in _data(project, "begrippen").get("begrippen", [])),
                              key=lambda t: (sort_key(t.term), t.id))),
    )


def _form(data: dict[str, Any]) -> Form:
    return Form(data["id"], data["title"], data.get("intro"), tuple(
        FormField(f["id"], f["label"], f["kind"], bool(f.get("required", False)), f.get("help"),
                  tuple(f.get("options", ())), f.get("lines", FIELD_KINDS[f["kind"]].lines))
        for f in data["fields"]))


def _segments(items: list[dict[str, Any]], instruments: dict[str, Any]) -> tuple[Segment, ...]:
    funding = {i.id: i for i in _instruments(instruments.get("funding_models", []))}
    forms = {i.id: i for i in _instruments(instruments.get("contract_forms", []))}
    return tuple(
        Segment(
            id=s["id"], name=s["name"], domains=tuple(s["domains"]), target_group=s["target_group"],
            ambition=s["ambition"], description=s["description"], principles=tuple(s.get("principles", [])),
            subsegments=tuple(Subsegment(x["id"], x["name"], x.get("description"),
                                         funding.get(x.get("funding_model", "")))
                              for x in s.get("subsegments", [])),
            funding_model=funding.get(s.get("funding_model", "")), contract_form=forms.get(s.get("contract_form", "")),
            main_form=s.get("main_form"), access=s.get("access"), supplier_management=s.get("supplier_management"),
            contract_duration=s.get("contract_duration"), expected_providers=s.get("expected_providers"),
            budget=s.get("budget"), clients=s.get("clients"), provider_field=s.get("provider_field"),
            funding_note=s.get("funding_note"), tendered=s.get("tendered", True),
        )
        for s in items
    )


def _rounds(data: dict[str, Any], documents: tuple[Document, ...]) -> tuple[Round, ...]:
    by_id = {d.id: d for d in documents}
    rounds = []
    for n, round_ in enumerate(data.get("rounds", []), start=1):
        questions = []
        for m, q in enumerate(round_["questions"], start=1):
            document = by_id[q["document"]]
            # by number or by id (validation found it); the number shown is derived from its place
            section = find(document.sections, q["section"]) if "section" in q else None
            word = "artikel" if document.numbering == "artikelen" else "paragraaf"
            label = None if section is None else f"{word} {section.number}" if section.number else section.text
            questions.append(Question(q["id"], f"{n}.{m}", document, section.number or None if section else None,
                                      label, section.text if section else None, section.anchor if section else None,
                                      q["question"], q["answer"], q.get("amendment")))
        rounds.append(Round(round_["id"], n, round_["date"], tuple(questions)))
    return tuple(rounds)


def _budget(table: dict[str, Any]) -> BudgetTable:
    columns = table["columns"]
    order = [c["id"] for c in columns]
    values, computed_totals = compute(columns, table["rows"])
    return BudgetTable(
        id=table["id"], title=table["title"], note=table.get("note"), row_title=table.get("row_title", ""),
        columns=tuple(BudgetColumn(c["id"], c["title"], c["unit"], kind_of(c) is not None, c.get("total", True))
                      for c in columns),
        rows=tuple(BudgetRow(r["label"], tuple(v[k] for k in order))
                   for r, v in zip(table["rows"], values, strict=True)),
        totals=tuple(computed_totals[k] for k in order),
    )


LETTER_LABELS = (
    ("onderwerp", "Onderwerp"), ("nummer", "Nummer"), ("datum", "Datum"), ("datum_college", "Datum collegebesluit"),
    ("portefeuillehouder", "Portefeuillehouder"), ("programma", "Programma / beleidsveld"), ("afdeling", "Afdeling"),
    ("auteur", "Auteur"), ("telefoon", "Telefoonnummer"), ("email", "E-mailadres"), ("aan", "Aan"),
    ("bestemd_voor", "Bestemd voor"),
)


def _letter(data: dict[str, Any] | None, appendices: list[str],
            municipalities: tuple[Municipality, ...]) -> Letter | None:
    """The letter header; without `bijlagen` it lists the document's own appendices ({bijlage} headings)."""
    if not data:
        return None
    rows = tuple((label, dutch_date(data[key]) if key.startswith("datum") else str(data[key]))
                 for key, label in LETTER_LABELS if key in data)
    sender = next((f"Gemeente {m.name}" for m in municipalities if m.id == data.get("gemeente")), None)
    return Letter(rows, tuple(data.get("bijlagen", appendices)), sender)


def _document(loaded: LoadedDocument, municipalities: tuple[Municipality, ...]) -> Document:
    front = loaded.front.data
    kind = front["kind"]
    tenderned = tenderned_of(front)
    return Document(
        id=loaded.id, source=loaded.path, title=front["title"], subtitle=front.get("subtitle"), kind=kind,
        role=role_of(front),
        version=front["version"], status=front["status"], date=front["date"], order=front.get("order", 0),
        body=loaded.body, body_line=loaded.body_line, numbering=front.get("numbering", "hoofdstukken"),
        numbering_depth=front.get("numbering_depth", NUMBERED_LEVELS),
        tenderned=None if tenderned == "nee" else tenderned,
        letter=_letter(front.get("letter"), [h.text for h in loaded.outline.headings if h.appendix], municipalities),
        signatures=tuple(Signature(x.get("name"), x["role"]) for x in front.get("signatures", [])),
        closing=front.get("closing"),
        short_title=front.get("short_title"),
        chapter_break=front.get("chapter_break", True),
        links=tuple(loaded.links),
        sections=loaded.sections(),
    )
