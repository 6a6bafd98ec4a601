"""A small tender with two lots, a price criterion, the tie-break rule and a confidential evaluation of three
bidders, for the tests of `bestek gunning` (issue 16). The numbers are chosen so a hand computation is easy:

    perceel-a (G1 50, G2 20, G3 prijs 30, ten hoogste 1 aanbieder)
      alfa: G1 8 -> 40, G2 6 -> 12, prijs 1.000.000 -> 10 x 800.000 / 1.000.000 = 8 -> 24; totaal 76,00
      beta: G1 6 -> 30, G2 8 -> 16, prijs   800.000 -> 10                         -> 30; totaal 76,00
      gamma: uitgesloten (geschiktheidseis geschikt-1)
      a tie, broken by the higher score on G1: alfa first, and alfa alone is awarded
    perceel-b (G1 60, G2 40, no maximum): alfa G1 6 -> 36, G2 8 -> 32; totaal 68,00
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.errors import ContentErrors
from generator.load.confidential import load_evaluation
from generator.load.project import load
from generator.render.environment import document_kinds, make_environment
from generator.validate.evaluation import validate_evaluation
from generator.validate.project import validate
from tests.conftest import write_project

EVALUATION = "vertrouwelijk/beoordeling.yaml"

AWARD_PROJECT = {
    "content/tender.yaml": """\
        reference: TL-2026
        title: Inkoop Jeugd en Wmo 2026
        domains: [jeugd, wmo]
        procedure: sas
        lots:
          - id: perceel-a
            name: Crisis
            segments: [crisis]
          - id: perceel-b
            name: Wonen
            segments: [wonen]
        contract:
          start: 2026-01-01
          initial_years: 3
          extensions: [2, 2]
        planning:
          - {id: publicatie, title: Publicatie op TenderNed, date: 2025-03-03, kind: publicatie}
          - {id: vragen, title: Uiterste datum voor vragen, date: 2025-03-20, kind: vragen}
          - {id: nvi, title: Nota van Inlichtingen, date: 2025-04-01, kind: nvi}
          - {id: inschrijving, title: Uiterste inschrijfdatum, date: 2025-04-22, time: "10:00", kind: inschrijving}
          - {id: gunningsbeslissing, title: Gunningsbeslissing, date: 2025-06-02, kind: gunningsbeslissing}
          - {id: einde-standstill, title: Einde opschortende termijn, date: 2025-06-23, kind: einde-standstill}
          - {id: definitieve-gunning, title: Definitieve gunning, date: 2025-06-30, kind: definitieve-gunning}
          - {id: start-contract, title: Start van de overeenkomsten, date: 2026-01-01, kind: start-contract}
        """,
    "content/requirements.yaml": """\
        requirements:
          - id: uitsl-1
            kind: uitsluitingsgrond
            title: Verplichte uitsluitingsgronden
            text: Er is geen grond voor uitsluiting.
            evidence: Gedragsverklaring aanbesteden.
            moment: verificatie
          - id: geschikt-1
            kind: geschiktheidseis
            title: Referentie
            text: Een referentie van een vergelijkbare opdracht.
            evidence: Een referentieverklaring.
            moment: verificatie
          - id: eis-vog
            kind: minimumeis
            title: VOG
            text: Iedere medewerker heeft een VOG.
        """,
    "content/criteria.yaml": """\
        tie_break: [g1, loting]
        max_providers: {perceel-a: 1}
        criteria:
          - id: g1
            title: Visie op passende hulp
            kind: kwaliteit
            weights: {perceel-a: 50, perceel-b: 60}
            description: De visie van de inschrijver.
            scoring: 0 - 2 - 4 - 6 - 8 - 10
            min_score: 4
          - id: g2
            title: Samenwerking
            kind: kwaliteit
            weights: {perceel-a: 20, perceel-b: 40}
            description: Samenwerking in de keten.
            scoring: 0 - 2 - 4 - 6 - 8 - 10
          - id: g3
            title: Prijs
            kind: prijs
            weights: {perceel-a: 30}
            description: De totaalprijs van de inschrijving.
            formula: {method: relatief}
        """,
    "content/documents/notitie.md": None,
    "content/documents/aanbestedingsleidraad.md": """\
        ---
        title: Aanbestedingsleidraad
        kind: aanbestedingsleidraad
        version: "1.0"
        status: definitief
        date: 2025-03-03
        ---

        # Procedure

        {{ percelen }}

        {{ contract }}

        {{ planning }}

        # Eisen

        {{ eisen }}

        # Gunning

        {{ gunningscriteria }}

        # Rechtsbescherming

        ## Opschortende termijn

        Wilt u de beslissing aanvechten, dan maakt u binnen de opschortende termijn een kort geding aanhangig bij
        de Rechtbank Den Haag.
        """,
    EVALUATION: """\
        send_date: 2025-06-03
        committee:
          - {id: a, name: A. Aalbers, role: Beleidsadviseur}
          - {id: b, name: B. Bos, role: Contractmanager}
        bidders:
          - id: alfa
            name: Stichting Alfa Zorg
            address: Postbus 1, 1000 AA Oostdorp
            lots: [perceel-a, perceel-b]
            exclusion: {met: true}
            suitability: {met: true}
            requirements: {met: true}
          - id: beta
            name: Beta Jeugdhulp B.V.
            address: Dorpsstraat 2, 1000 AB Oostdorp
            lots: [perceel-a]
            exclusion: {met: true}
            suitability: {met: true}
            requirements: {met: true}
          - id: gamma
            name: Gamma Groep
            address: Kerkplein 3, 1000 AC Westdorp
            lots: [perceel-a]
            exclusion: {met: true}
            suitability:
              met: false
              unmet:
                - requirement: geschikt-1
                  reason: De referentie gaat niet over jeugdhulp.
            requirements: {met: true}
        evaluations:
          - lot: perceel-a
            evaluators: [a, b]
            scores:
              alfa:
                g1: {individual: {a: 8, b: 8}, consensus: 8, motivation: Een concrete en goed onderbouwde aanpak.}
                g2: {individual: {a: 6, b: 6}, consensus: 6, motivation: De samenwerking is voldoende beschreven.}
              beta:
                g1: {individual: {a: 6, b: 6}, consensus: 6, motivation: De aanpak blijft op onderdelen algemeen.}
                g2: {individual: {a: 8, b: 8}, consensus: 8, motivation: Een overtuigend voorbeeld van een overdracht.}
            prices:
              alfa: {g3: 1000000}
              beta: {g3: 800000}
          - lot: perceel-b
            evaluators: [a, b]
            scores:
              alfa:
                g1: {individual: {a: 6, b: 6}, consensus: 6, motivation: Een passende aanpak voor beschermd wonen.}
                g2: {individual: {a: 8, b: 8}, consensus: 8, motivation: Heldere afspraken met de wijkteams.}
        """,
}


def award_project(root: Path, files: dict[str, str | None] | None = None) -> Path:
    return write_project(root, {**AWARD_PROJECT, **(files or {})})


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def evaluate(project: Path) -> list[str]:
    """What `bestek gunning` says before it renders anything: the errors, or else the warnings."""
    loaded = load(project)
    evaluation = load_evaluation(project.resolve(), project.resolve() / "build")
    try:
        validate(loaded, document_kinds(make_environment(loaded.root)))
        return [str(w) for w in validate_evaluation(loaded, evaluation.document, evaluation.errors)]
    except ContentErrors as errors:
        return errors.messages()


@pytest.fixture
def award(tmp_path) -> Path:
    return award_project(tmp_path / "project")
