"""Stage 4 of `bestek gunning`: the award letters (or, for an open house, the admission decisions), the
proces-verbaal and gunning.json, as bytes by file name; nothing is written here (write/confidential.py does).

The PDFs go the way of every document's PDF: templates/award/ through the project's Jinja environment, the
theme's print stylesheet (templates/pdf/print.css, with templates/award/award.css after it) and the same locked
down WeasyPrint path over worker processes (render/pdfpool.py), PDF/A-2a and PDF/UA-1. Their dates are the send
date's, so the same evaluation gives the same bytes.

How to object is quoted from the leidraad itself: its section on legal protection, rendered by the documents'
own body renderer, so the letter says exactly what the published leidraad says.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator.core.errors import ErrorList
from generator.core.paths import THEME_DIR
from generator.core.text import date_and_time, dutch_date
from generator.core.versions import dumps
from generator.model.evaluation import Award
from generator.model.types import Project
from generator.render.body import BodyRenderer
from generator.render.contexts import TemplateContext, doc
from generator.render.decision_record import BidderRow, LotRecord, bidder_rows, lot_record
from generator.render.decision_views import Letter, letter
from generator.render.environment import print_stylesheet
from generator.render.pdfpool import PdfResult, render_many
from generator.render.pdfs import report_blocked
from generator.validate.evaluation_schema import EEA, HOME, SME

AWARD_JSON = "gunning.json"
RECORD_PDF = "proces-verbaal.pdf"
COMPUTATION = ("De punten op een criterium zijn de score gedeeld door de hoogste score van de schaal (bij een "
               "prijscriterium: van de prijsformule), maal de weging van het criterium in het perceel; de totaalscore "
               "is de som van de punten, vastgesteld op twee decimalen (half naar boven afgerond).")


@dataclass(frozen=True)
class AwardContext(TemplateContext):
    """award/base.html: what every confidential document gets."""

    award: Award = doc("The award: send date, standstill period, committee, bidders, lots with every bid.")
    project: Project = doc("The whole validated model of the published tender.")
    stylesheet: Markup = doc("The print stylesheet of the theme with templates/award/award.css after it.")
    texts: dict[str, str] = doc("Formatted parts every document shares: region, deadline, final_award, "
                                "standstill_start, standstill_end, protection_label, computation.")
    protection: Markup = doc("The leidraad's section on legal protection, rendered as the leidraad renders it.")
    kind: str = doc("gunningsbeslissing, toelatingsbesluit or proces-verbaal.")
    title: str = doc("The title of the document.")
    label: str = doc("The line above the title: the reference and the addressee.")


@dataclass(frozen=True)
class LetterContext(AwardContext):
    """award/gunningsbeslissing.html and award/toelatingsbesluit.html: a letter to one bidder."""

    letter: Letter = doc("What the letter says, per lot, in formatted texts and rows (render/decision_views.py).")


@dataclass(frozen=True)
class RecordContext(AwardContext):
    """award/proces-verbaal.html: the record of the whole evaluation."""

    bidders: tuple[BidderRow, ...] = doc("Every bidder with its lots, parties and the outcome of its tests.")
    lots: tuple[LotRecord, ...] = doc("Per lot every score, the computation, ties and the ranking.")


#: the context of each template of templates/award/ (tests/test_template_context.py)
TEMPLATES: dict[str, type] = {"award/base.html": AwardContext, "award/gunningsbeslissing.html": LetterContext,
                              "award/toelatingsbesluit.html": LetterContext, "award/proces-verbaal.html": RecordContext}


@dataclass(frozen=True)
class Decisions:
    files: dict[str, bytes]  # file name -> bytes, for build/vertrouwelijk/
    warnings: tuple[str, ...]  # from the PDF renderer, as "file: text"


def protection_html(award: Award, env: Environment) -> Markup:
    """The leidraad's section on legal protection (without its own heading), rendered as the leidraad renders it,
    its headings moved up so they follow the letter's."""
    leidraad = award.leidraad
    sections = list(leidraad.sections)
    index = next(i for i, s in enumerate(sections) if s.anchor == award.protection)
    top = sections[index]
    end = next((i for i in range(index + 1, len(sections)) if sections[i].level <= top.level), len(sections))
    lines = leidraad.body.split("\n")
    stop = sections[end].line - 1 if end < len(sections) else len(lines)
    part = lines[top.line:stop]
    inner = sections[index + 1:end]
    shift = top.level - 1
    for section in inner:  # '### Klachten' under '## Rechtsbescherming' becomes '## Klachten'
        at = section.line - top.line - 1
        part[at] = re.sub(r"^(\s*)#+", "\\g<1>" + "#" * (section.level - shift), part[at])
    moved = tuple(dataclasses.replace(s, level=s.level - shift, line=s.line - top.line) for s in inner)
    quoted = dataclasses.replace(leidraad, body="\n".join(part), sections=moved)
    renderer = BodyRenderer(env, dataclasses.replace(award.project, documents=(quoted,)))
    return Markup(renderer.render(quoted, "pdf", "").html)


def texts(award: Award) -> dict[str, str]:
    """The sentences' parts every confidential document shares."""
    project = award.project
    deadline = next((m for m in project.tender.planning if m.kind == "inschrijving"), None)
    final = next((m for m in project.tender.planning if m.kind == "definitieve-gunning"), None)
    section = next(s for s in award.leidraad.sections if s.anchor == award.protection)
    where = f"paragraaf {section.number} ({section.text})" if section.number else f"de paragraaf {section.text}"
    return {
        "region": project.organisation.name,
        "deadline": date_and_time(deadline.date, deadline.time) if deadline else "",
        "final_award": dutch_date(final.date, weekday=True) if final else "",
        "standstill_start": dutch_date(award.standstill_start, weekday=True),
        "standstill_end": dutch_date(award.standstill_end, weekday=True) if award.standstill_end else "",
        "protection_label": f"{where} van de aanbestedingsleidraad ({award.leidraad.title}, versie "
                            f"{award.leidraad.version})",
        "computation": COMPUTATION,
    }


def award_json(award: Award) -> bytes:
    """The result as data for the award notice (`bestek export`, docs/exports.md): per lot the number of tenders
    received and their kinds (BT-760, from the bidders' size and country), the awarded bidders with what the notice
    needs of them (from vertrouwelijk/beoordeling.yaml), and where in that file each comes from, so that `bestek
    export` can point there when something is missing. No scores, motivations or losing bidders."""
    lots = []
    for lot in award.lots:
        item: dict = {"tenders": len(lot.bids)}
        if lot.lot is not None:
            item = {"lot": lot.lot.id, **item}
        bidders = [bid.bidder for bid in lot.bids]
        unsized = [b for b in bidders if b.size is None]
        if not unsized:
            item["sme"] = sum(b.size in SME for b in bidders)
            item["large"] = sum(b.size == "large" for b in bidders)
        item["other_eea"] = sum(b.country in EEA and b.country != HOME for b in bidders)
        item["non_eea"] = sum(b.country not in EEA for b in bidders)
        source: dict = {"evaluation": list(lot.source)}
        if unsized:
            source["unsized"] = list(unsized[0].source)
        item["source"] = source
        item["winners"] = []
        for bid in lot.awarded:
            bidder = bid.bidder
            winner: dict = {"id": bidder.id, "name": bidder.name, "address": bidder.address}
            winner.update({k: v for k, v in (("identifier", bidder.identifier), ("nuts", bidder.nuts),
                                             ("size", bidder.size)) if v})
            if bidder.id in lot.values:
                winner["value"] = lot.values[bidder.id]
            if lot.concluded is not None:
                winner["concluded"] = lot.concluded.isoformat()
            if bidder.id in lot.subcontracting:
                winner["subcontracting"] = lot.subcontracting[bidder.id]
            winner["source"] = list(bidder.source)
            item["winners"].append(winner)
        lots.append(item)
    return dumps({"format": 1, "date": award.send_date.isoformat(), "lots": lots})


def render_decisions(award: Award, env: Environment, jobs: int = 1) -> Decisions:
    """Every file of build/vertrouwelijk/: a letter per bidder, the proces-verbaal and (with award criteria)
    gunning.json."""
    project = award.project
    stylesheet = Markup(print_stylesheet(project) + "\n" + (THEME_DIR / "award" / "award.css").read_text("utf-8"))
    shared: dict[str, Any] = {"award": award, "project": project, "stylesheet": stylesheet, "texts": texts(award),
                              "protection": protection_html(award, env)}
    pages: dict[str, str] = {}
    kind = "gunningsbeslissing" if award.ranked else "toelatingsbesluit"
    template = env.get_template(f"award/{kind}.html")
    for bidder in award.bidders:
        view = letter(award, bidder)
        title = f"{'Gunningsbeslissing' if award.ranked else 'Toelatingsbesluit'} {project.tender.title}"
        context = LetterContext(**shared, kind=kind, title=title, letter=view,
                                label=f"{project.tender.reference} · aan {bidder.name}")
        pages[view.file] = template.render(context.as_dict())
    record = RecordContext(**shared, kind="proces-verbaal",
                           title=f"Proces-verbaal van de beoordeling {project.tender.title}",
                           label=f"{project.tender.reference} · vertrouwelijk", bidders=bidder_rows(award),
                           lots=tuple(lot_record(award, lot) for lot in award.lots))
    pages[RECORD_PDF] = env.get_template("award/proces-verbaal.html").render(record.as_dict())
    files: dict[str, bytes] = {}
    warnings: list[str] = []
    errors = ErrorList()

    def done(name: str, result: PdfResult) -> None:
        files[name] = result.pdf
        warnings.extend(f"{name}: {w}" for w in result.warnings)
        report_blocked(list(result.blocked), f"templates/award/{kind if name != RECORD_PDF else 'proces-verbaal'}.html",
                       errors)

    served = {**project.files, **dict([project.logo] if project.logo else [])}
    render_many(pages, THEME_DIR, served, jobs, done)
    errors.raise_if_any()
    if award.ranked:
        files[AWARD_JSON] = award_json(award)
    return Decisions(dict(sorted(files.items())), tuple(warnings))
