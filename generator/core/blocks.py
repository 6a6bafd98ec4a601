"""Every block a document can insert (`{{ name key="value" }}`), declared once, with all there is to it.

A block is a row of BLOCKS: the data file it needs, its arguments (each with what its value names),
the anchors it puts in the page (so references can point at them), whether it shows segments (so a
segment's page lists the document), and its template, `blocks/<name>.html` in the theme. The validate
stage checks a block against its row (validate/blocks.py), the render stage renders it with its
template and the row's anchors (render/body.py); nothing else names blocks.

A block over data that exists costs its row here and its template. A project may bring blocks of its
own: a template in its `templates/blocks/` and a declaration under `blocks:` in config.yaml (see
docs/content-model.md); those take text arguments and get the same context as every block.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

DOMAINS = ("jeugd", "wmo")
REQUIREMENT_KINDS = ("uitsluitingsgrond", "geschiktheidseis", "minimumeis", "contractvoorwaarde")
#: How {{ reikwijdte }} shows the scope: one table, or per domain a list in and a list out of scope.
SCOPE_VIEWS = ("tabel", "lijsten")

#: Segment attributes a segmenttabel or segmentmatrix can show: argument value -> (field, Dutch title).
SEGMENT_ATTRIBUTES = {
    "naam": ("name", "Segment"),
    "domein": ("domain_names", "Domein"),
    "doelgroep": ("target_group", "Doelgroep"),
    "ambitie": ("ambition", "Ambitie"),
    "omschrijving": ("description", "Omschrijving"),
    "subsegmenten": ("subsegment_names", "Subsegmenten"),
    "hoofdvorm": ("main_form", "Hoofdvorm"),
    "toegang": ("access", "Toegang"),
    "leveranciersmanagement": ("supplier_management", "Leveranciersmanagement"),
    "bekostiging": ("funding_text", "Bekostiging"),
    "contractvorm": ("contract_form_name", "Contractvorm"),
    "looptijd": ("contract_duration", "Contractduur"),
    "aantal-aanbieders": ("expected_providers", "Verwacht aantal aanbieders"),
    "budget": ("budget", "Budget"),
    "clienten": ("clients", "Cliënten"),
    "aanbiedersveld": ("provider_field", "Aanbiedersveld"),
}


@dataclass(frozen=True)
class Arg:
    """One argument of a block. `kind`: what its value is:

    * "keuze": one of `values`;
    * "id": the id of one thing of the kind `of` (see validate/crossref.py ID_KINDS, plus "document");
    * "ids": a comma-separated list of such ids;
    * "kenmerken": a comma-separated list of SEGMENT_ATTRIBUTES;
    * "regels": a comma-separated list of the block's lines (`values`), left out of it (`zonder`, see _without);
    * "tekst": any text (the arguments of a project's own blocks).
    """

    name: str
    kind: str
    of: str = ""
    values: tuple[str, ...] = ()
    required: bool = False
    item: str = ""  # what one item of a list is called in messages (default: `of`)


#: anchors(project, args) -> the anchor ids the block puts in the page
Anchors = Callable[[Any, dict[str, str]], Iterable[str]]


@dataclass(frozen=True)
class Block:
    """A block a document can insert; see the module doc."""

    name: str
    description: str  # what it shows, in Dutch, completing "het blok ... toont ..."
    needs: str | None  # the data file (content/<needs>.yaml) it needs, or None
    args: tuple[Arg, ...] = ()
    anchors: Anchors | None = None
    shows_segments: bool = False  # it lists every segment: a segment's page lists the document
    check: str | None = None  # an extra check in validate/blocks.py EXTRA_CHECKS, by name
    own: bool = False  # declared by the project (config.yaml), with a template of its own

    @property
    def template(self) -> str:
        return f"blocks/{self.name}.html"

    def arg(self, name: str) -> Arg | None:
        return next((arg for arg in self.args if arg.name == name), None)


def _requirements(project: Any, args: dict[str, str]) -> Iterable[str]:
    return (f"eis-{r.id}" for r in project.requirements_for(args.get("soort"), args.get("segment"),
                                                           args.get("groep"), args.get("ids")))


def _questions(project: Any, args: dict[str, str]) -> Iterable[str]:
    return (f"vraag-{q.id}" for r in project.rounds if args.get("ronde", r.id) == r.id for q in r.questions)


def _without(*lines: str) -> Arg:
    """The argument zonder="a, b" of a block with named lines: those lines are left out. The block's template
    asks shown("a") (render/contexts.py BlockContext); validate/blocks.py checks the names against `lines`."""
    return Arg("zonder", "regels", values=lines, item="regel")


def lines_shown(args: dict[str, str]) -> Callable[[str], bool]:
    """shown(line) of a block's template: False for a line its zonder argument names."""
    left_out = {item.strip() for item in args.get("zonder", "").split(",")}
    return lambda line: line not in left_out


_DOMAIN = Arg("domein", "keuze", values=DOMAINS)
_SEGMENT_LIST = Arg("segmenten", "ids", "segment")
_COLUMNS = Arg("kolommen", "kenmerken", required=True, item="kolom")
_ROWS = Arg("rijen", "kenmerken", required=True, item="rij")

BLOCKS: dict[str, Block] = {block.name: block for block in (
    Block("gemeenten", "de deelnemende gemeenten, per subregio als die er zijn", "organisation",
          (Arg("subregio", "id", "subregio"),)),
    Block("contact", "de aanbestedende dienst en de contactgegevens", "organisation",
          (_without("aanbestedende-dienst", "contact", "e-mail", "telefoon", "adres", "website"),)),
    Block("documenten", "de documenten van het traject met hun versie en status", None),
    Block("reikwijdte", "de reikwijdte per domein", "tender",
          (_DOMAIN, Arg("weergave", "keuze", values=SCOPE_VIEWS)), check="reikwijdte"),
    Block("contract", "de looptijd van de overeenkomst", "tender",
          (_without("ingangsdatum", "looptijd", "procedure"),)),
    Block("planning", "de planning", "tender", (Arg("fase", "ids", "planningfase", item="fase"),)),
    Block("segmenten", "de segmententabel", "segments", shows_segments=True),
    Block("segment-details", "de segmenten met ambitie en uitgangspunten", "segments",
          (_without("domein", "doelgroep", "ambitie", "bekostiging", "contractvorm", "omschrijving", "subsegmenten",
                    "uitgangspunten"),),
          anchors=lambda project, args: (f"segment-{s.id}" for s in project.segments), shows_segments=True),
    Block("bekostiging", "de bekostigingsvormen", "instruments"),
    Block("contractvormen", "de contractvormen", "instruments"),
    Block("eisen", "de eisen", "requirements",
          (Arg("soort", "keuze", values=REQUIREMENT_KINDS), Arg("segment", "id", "segment"),
           Arg("groep", "id", "eisgroep", item="groep"), Arg("ids", "ids", "eis")), anchors=_requirements),
    Block("gunningscriteria", "de gunningscriteria", "criteria",
          anchors=lambda project, args: (f"criterium-{c.id}" for c in project.criteria)),
    Block("participatie", "de participatiefasen", "participation"),
    Block("percelen", "de percelen met hun segmenten", "tender",
          anchors=lambda project, args: (f"perceel-{lot.id}" for lot in project.tender.lots)),
    Block("beoordelingsformulier", "de beoordelingsformulieren", "criteria",
          (Arg("criterium", "id", "gunningscriterium"),)),
    Block("vragen", "de vragen en antwoorden van de nota van inlichtingen", "questions",
          (Arg("ronde", "id", "ronde"),), anchors=_questions),
    Block("wijzigingen", "de wijzigingen van de aanbestedingsstukken", "questions",
          (Arg("document", "id", "document"),)),
    Block("wijzigingen-versie", "de wijzigingen van een document ten opzichte van zijn vorige gepubliceerde versie",
          None, (Arg("document", "id", "document"),)),
    Block("segmenttabel", "een tabel van segmenten met gekozen kolommen", "segments",
          (_COLUMNS, _SEGMENT_LIST, _DOMAIN)),
    Block("segmentmatrix", "een matrix van segmenten (kolommen) en kenmerken (rijen)", "segments",
          (_ROWS, _SEGMENT_LIST, _DOMAIN)),
    Block("risicos", "de risico's met beheersmaatregelen", "risks"),
    Block("begroting", "een begrotingstabel met berekende totalen", "budgets",
          (Arg("id", "id", "begroting", required=True),)),
    Block("formulier", "een formulier dat inschrijvers invullen", "formulieren",
          (Arg("id", "id", "formulier", required=True),),
          anchors=lambda project, args: (f"formulier-{args.get('id')}",)),
    Block("begrippen", "de begrippenlijst", "begrippen",
          anchors=lambda project, args: (f"begrip-{term.id}" for term in project.glossary)),
)}


def project_block(name: str, declaration: dict[str, Any]) -> Block:
    """A block a project declares in config.yaml (`blocks: {name: {description, needs, args}}`)."""
    return Block(name, declaration.get("description") or f"het blok '{name}' van dit project",
                 declaration.get("needs"), tuple(Arg(arg, "tekst") for arg in declaration.get("args") or ()),
                 own=True)


def all_blocks(declared: dict[str, Any] | None) -> dict[str, Block]:
    """The theme's blocks and those a project declares (a declared name that is a theme block is refused
    by validation and ignored here)."""
    own = {name: project_block(name, value or {}) for name, value in (declared or {}).items()
           if name not in BLOCKS and isinstance(value, dict | None)}
    return {**BLOCKS, **own}
