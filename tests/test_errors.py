"""Every kind of content mistake gives one precise Dutch message at the right file, line and column."""
from __future__ import annotations

import pytest

from generator.core.errors import ContentErrors
from generator.pipeline import check
from generator.validate.schemas import TENDER


def errors_of(project) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        check(project)
    return caught.value.messages()


def test_small_project_is_valid(make_project):
    project, warnings = check(make_project())
    assert warnings == []
    assert [s.name for s in project.segments] == ["Crisis", "Wonen"]
    assert project.criteria[0].weight == 60


def test_yaml_syntax_error(make_project):
    project = make_project({"content/segments.yaml": """\
        segments:
          - id: crisis
            name: Crisis: acute hulp
        """})
    assert errors_of(project) == [
        "content/segments.yaml:3:17: hier mag geen ':' staan; zet tekst met een dubbele punt tussen aanhalingstekens",
    ]


def test_unknown_field_with_suggestion(make_project):
    project = make_project({"content/criteria.yaml": """\
        criteria:
          - id: g1
            title: Visie
            kind: kwaliteit
            wieght: 100
            description: De visie.
        """})
    assert errors_of(project) == [
        "content/criteria.yaml:5:5: onbekend veld 'wieght'; bedoelt u 'weight'?",
    ]


def test_wrong_type(make_project):
    project = make_project({"content/criteria.yaml": """\
        criteria:
          - id: g1
            title: Visie
            kind: kwaliteit
            weight: veel
            description: De visie.
        """})
    assert errors_of(project) == [
        "content/criteria.yaml:5:13: 'weight' moet een getal zijn, maar is tekst ('veel'); schrijf een getal, "
        "zoals 40",
    ]


def test_missing_required_field(make_project):
    project = make_project({"content/organisation.yaml": """\
        name: Regio Testland
        municipalities:
          - id: oost
        contact:
          name: Team Inkoop
          email: inkoop@example.nl
        """})
    assert errors_of(project) == ["content/organisation.yaml:3:5: verplicht veld 'name' ontbreekt; voeg een regel 'name: ...' toe"]


def test_value_outside_allowed_list(make_project):
    project = make_project({"content/tender.yaml": """\
        reference: TL-2026
        title: Inkoop
        domains: [jeugd, wmo, participatie]
        procedure: openhouse
        """})
    assert errors_of(project) == [
        "content/tender.yaml:3:23: 'domains' heeft de ongeldige waarde 'participatie' (toegestaan: jeugd, wmo)",
        "content/tender.yaml:4:12: 'procedure' heeft de ongeldige waarde 'openhouse'; bedoelt u 'open-house'? "
        "(toegestaan: open-house, sas, openbaar, niet-openbaar, dialoog, subsidie)",
    ]


def test_duplicate_id(make_project):
    project = make_project({"content/requirements.yaml": """\
        requirements:
          - id: eis-vog
            kind: minimumeis
            title: VOG
            text: Iedere medewerker heeft een VOG.
          - id: eis-vog
            kind: minimumeis
            title: VOG nogmaals
            text: Dubbel.
        """})
    assert errors_of(project) == [
        "content/requirements.yaml:6:9: dubbel id 'eis-vog': er is al een eis met dit id (regel 2); geef deze een ander id",
    ]


def test_reference_to_unknown_segment_in_yaml(make_project):
    project = make_project({"content/requirements.yaml": """\
        requirements:
          - id: eis-skj
            kind: minimumeis
            title: SKJ-registratie
            text: Jeugdprofessionals zijn SKJ-geregistreerd.
            segments: [crisis, wonne]
        """})
    assert errors_of(project) == [
        "content/requirements.yaml:6:24: onbekend segment 'wonne'; bedoelt u 'wonen'? (bekend: crisis, wonen)",
    ]


def test_references_to_unknown_ids_in_markdown(make_project):
    project = make_project({"content/documents/notitie.md": """\
        ---
        title: Notitie
        kind: notitie
        version: "1.0"
        status: concept
        date: 2025-01-15
        ---

        # Inleiding

        Zie [[segment:crises]] en [[eis:eis-bog]] en [[datum:gunning]].

        {{ eisen segment="jeugd" }}
        {{ segmentenlijst }}
        """})
    assert errors_of(project) == [
        "content/documents/notitie.md:11:5: onbekend segment 'crises'; bedoelt u 'crisis'? (bekend: crisis, wonen)",
        "content/documents/notitie.md:11:27: onbekende eis 'eis-bog'; bedoelt u 'eis-vog'? (bekend: eis-vog, eis-skj)",
        "content/documents/notitie.md:11:46: onbekende mijlpaal 'gunning' (bekend: publicatie, inschrijving)",
        "content/documents/notitie.md:13:1: onbekend segment 'jeugd' (bekend: crisis, wonen)",
        "content/documents/notitie.md:14:1: onbekend blok 'segmentenlijst'; bedoelt u 'segmenten'? (bekend: "
        "begrippen, begroting, bekostiging, beoordelingsformulier, contact, contract, contractvormen, documenten, "
        "eisen, formulier, gemeenten, gunningscriteria, participatie, percelen, planning, reikwijdte, risicos, "
        "segment-details, segmenten, segmentmatrix, segmenttabel, vragen, wijzigingen, wijzigingen-versie)",
    ]


def test_weights_must_add_up_to_100(make_project):
    project = make_project({"content/criteria.yaml": """\
        criteria:
          - id: g1
            title: Visie
            kind: kwaliteit
            weight: 60
            description: De visie.
          - id: g2
            title: Samenwerking
            kind: kwaliteit
            weight: 30
            description: Samenwerking.
        """})
    assert errors_of(project) == [
        "content/criteria.yaml:2:3: de wegingen van de gunningscriteria tellen op tot 90% in plaats van 100% "
        "(g1 60 + g2 30); pas de wegingen aan tot ze samen 100 zijn (Aw 2012 art. 2.115)",
    ]


def test_all_errors_at_once_sorted_by_file_and_line(make_project):
    project = make_project({
        "content/tender.yaml": """\
            reference: TL-2026
            title: Inkoop
            domains: [jeugd]
            procedure: sas
            colour: blue
            """,
        "content/criteria.yaml": """\
            criteria:
              - id: g1
                title: Visie
                kind: kwaliteit
                weight: 50
                description: De visie.
            """,
        "content/segments.yaml": "segments:\n  - id: Crisis\n",
        "config.yaml": "pdf:\n  enabled: misschien\n",
    })
    messages = errors_of(project)
    assert messages == [
        "config.yaml:2:12: 'enabled' moet true of false zijn, maar is tekst ('misschien'); schrijf true (ja) "
        "of false (nee)",
        "content/criteria.yaml:2:3: de wegingen van de gunningscriteria tellen op tot 50% in plaats van 100% (g1 50); pas de wegingen aan tot ze samen 100 zijn (Aw 2012 art. 2.115)",
        "content/segments.yaml:2:5: verplicht veld 'ambition' ontbreekt; voeg een regel 'ambition: ...' toe",
        "content/segments.yaml:2:5: verplicht veld 'description' ontbreekt; voeg een regel 'description: ...' toe",
        "content/segments.yaml:2:5: verplicht veld 'domains' ontbreekt; voeg een regel 'domains: ...' toe",
        "content/segments.yaml:2:5: verplicht veld 'name' ontbreekt; voeg een regel 'name: ...' toe",
        "content/segments.yaml:2:5: verplicht veld 'target_group' ontbreekt; voeg een regel 'target_group: ...' toe",
        "content/segments.yaml:2:9: 'id' heeft de ongeldige waarde 'Crisis': een id bestaat uit kleine letters, "
        "cijfers en '-', zoals 'crisis' of 'eis-vog'",
        f"content/tender.yaml:5:1: onbekend veld 'colour' (toegestaan: {', '.join(sorted(TENDER))})",
    ]


def test_broken_file_does_not_cascade(make_project):
    """A syntax error in segments.yaml is one message, not one per reference to a segment."""
    project = make_project({"content/segments.yaml": "segments:\n  - id: crisis\n   name: x\n"})
    assert errors_of(project) == ["content/segments.yaml:3:4: deze regel springt niet goed in"]


def test_front_matter_errors_point_into_the_markdown_file(make_project):
    project = make_project({"content/documents/notitie.md": """\
        ---
        title: Notitie
        kind: notitia
        version: 1.0
        status: klaar
        date: 15-01-2025
        ---

        # Inleiding
        """})
    assert errors_of(project) == [
        "content/documents/notitie.md:3:7: 'kind' heeft de ongeldige waarde 'notitie'".replace("'notitie'", "'notitia'")
        + "; bedoelt u 'notitie'? (toegestaan: aanbestedingsleidraad, beleidsuitgangspunten, beoordelingsformulier, "
        "consultatiedocument, informatiebrief, inkoopdocument, inkoopstrategie, kaderdocument, nota-van-inlichtingen, "
        "notitie, offerteaanvraag, overeenkomst, programma-van-eisen, raadsinformatiebrief)",
        "content/documents/notitie.md:4:10: 'version' moet tekst zijn, maar is een kommagetal (1.0); zet de waarde "
        "tussen aanhalingstekens",
        "content/documents/notitie.md:5:9: 'status' heeft de ongeldige waarde 'klaar' (toegestaan: concept, definitief)",
        "content/documents/notitie.md:6:7: 'date' moet een datum (JJJJ-MM-DD) zijn, maar is tekst ('15-01-2025'); "
        "schrijf de datum als JJJJ-MM-DD, zonder aanhalingstekens",
    ]


def test_heading_levels_may_not_be_skipped(make_project):
    project = make_project({"content/documents/notitie.md": """\
        ---
        title: Notitie
        kind: notitie
        version: "1.0"
        status: concept
        date: 2025-01-15
        ---

        # Inleiding

        ### Detail
        """})
    assert errors_of(project) == [
        "content/documents/notitie.md:11:1: kop 'Detail' is van niveau 3 maar volgt op niveau 1; gebruik ##",
    ]


def test_planning_must_be_in_date_order(make_project):
    project = make_project({"content/tender.yaml": """\
        reference: TL-2026
        title: Inkoop
        domains: [jeugd]
        procedure: sas
        planning:
          - id: publicatie
            title: Publicatie
            date: 2025-03-03
            kind: publicatie
          - id: inschrijving
            title: Inschrijving
            date: 2025-02-01
            kind: inschrijving
        """})
    assert errors_of(project) == [  # one mistake, one message: not also the rule on the order of the kinds
        "content/tender.yaml:12:11: mijlpaal 'inschrijving' (1 februari 2025) ligt vóór de vorige mijlpaal "
        "'publicatie' (3 maart 2025); zet de planning in volgorde van datum",
    ]


def test_block_needing_an_absent_file(make_project):
    project = make_project({"content/criteria.yaml": None})
    assert errors_of(project) == [
        "content/documents/notitie.md:22:1: het blok 'gunningscriteria' toont de gunningscriteria, maar "
        "content/criteria.yaml ontbreekt",
    ]


def test_unsafe_yaml_is_refused(make_project):
    project = make_project({"content/criteria.yaml": """\
        criteria:
          - id: g1
            title: !!python/object/apply:os.system ["echo hacked"]
            weight: &w 100
            description: *w
        """})
    assert errors_of(project) == ["content/criteria.yaml:5:18: YAML-verwijzingen (*naam) worden niet ondersteund; "
                                  "schrijf de waarde voluit"]


def test_python_tags_are_refused(make_project):
    project = make_project({"content/criteria.yaml": """\
        criteria:
          - id: g1
            title: !!python/object/apply:os.system ["echo hacked"]
            weight: 100
            description: De visie.
        """})
    assert errors_of(project) == [
        "content/criteria.yaml:3:12: de YAML-tag '!!python/object/apply:os.system' is niet toegestaan; haal hem weg en schrijf de waarde zelf",
    ]
