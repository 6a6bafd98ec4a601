"""Issue 13, the structure of real tender documents: requirements grouped and numbered for readers, a glossary,
articles with leden and their own numbers, references to chapters and to the single facts of tender.yaml, and
empty headings refused. Exact messages with their positions; the site pages as built."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from generator.core.errors import ContentErrors
from generator.pipeline import build, check
from tests.conftest import SMALL_PROJECT

REQUIREMENTS = """\
    requirements:
      - id: eis-vog
        kind: minimumeis
        group: Integriteit
        title: VOG
        text: Iedere medewerker heeft een VOG.
      - id: eis-skj
        kind: minimumeis
        group: Beroepsbevoegdheid
        number: "6.1.1"
        title: SKJ-registratie
        text: Jeugdprofessionals zijn SKJ-geregistreerd.
        segments: [crisis]
      - id: eis-big
        kind: minimumeis
        group: Beroepsbevoegdheid
        title: BIG-registratie
        text: Zorgverleners zijn BIG-geregistreerd.
      - id: geschikt-kvk
        kind: geschiktheidseis
        title: Handelsregister
        text: De inschrijver staat in het Handelsregister.
        evidence: Uittreksel.
        moment: verificatie
    """

GLOSSARY = """\
    begrippen:
      - id: werkdag
        term: werkdag
        definition: Maandag tot en met vrijdag, behalve feestdagen.
      - id: client
        term: Cliënt
        definition: Een jeugdige of inwoner met een **toewijzing**.
      - id: aanbieder
        term: aanbieder
        definition: Wie de hulp levert.
    """

TENDER = SMALL_PROJECT["content/tender.yaml"].replace("procedure: sas", "procedure: sas\n        estimated_value: 12500000")


def document(body: str, kind: str = "notitie", numbering: str | None = None) -> str:
    front = f"---\ntitle: Testdocument\nkind: {kind}\nversion: \"1.0\"\nstatus: definitief\ndate: 2025-01-15\n"
    front += f"numbering: {numbering}\n" if numbering else ""
    return front + "---\n\n" + textwrap.dedent(body)


def errors_of(project: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        check(project)
    return caught.value.messages()


def page(out: Path, document_id: str) -> str:
    return (out / "site" / "documenten" / f"{document_id}.html").read_text(encoding="utf-8")


# Requirements: groups, selection by id, display numbers

REQUIREMENT_BODY = """\
    # Geschiktheid

    ## Beroepsbevoegdheid

    {{ eisen groep="Beroepsbevoegdheid" }}

    ## Gekozen eisen

    {{ eisen ids="geschikt-kvk, eis-vog" }}

    Zie de eis [[eis:eis-skj]] en de eis [[eis:eis-big]].
    """


def test_requirements_are_selected_by_group_and_by_ids_and_show_their_numbers(make_project, tmp_path):
    project = make_project({"content/requirements.yaml": REQUIREMENTS,
                            "content/documents/eisen.md": document(REQUIREMENT_BODY)})
    build(project, tmp_path / "out", pdf=False)
    html = page(tmp_path / "out", "eisen")
    tables = re.findall(r"<table class=\"block block-eisen\">(.*?)</table>", html, re.DOTALL)
    rows = [re.findall(r'<td class="requirement-number">([^<]*)</td><td><strong>([^<]*)</strong>', t) for t in tables]
    # the group, in the file's order; then the ids, in the order written; own number 6.1.1, derived E2, G1, E1
    assert rows == [[("6.1.1", "SKJ-registratie"), ("E2", "BIG-registratie")],
                    [("G1", "Handelsregister"), ("E1", "VOG")]]
    assert "<caption>Beroepsbevoegdheid</caption>" in tables[0] or "<caption>Beroepsbevoegdheid</caption>" in html
    assert '<a href="#eis-eis-skj">6.1.1 (SKJ-registratie)</a>' in html
    assert '<a href="#eis-eis-big">E2 (BIG-registratie)</a>' in html
    # the id is never printed: not in a table cell, not on the site's requirement page
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", html)
    assert not [c for c in cells if c.startswith(("eis-", "geschikt-"))]
    site = (tmp_path / "out" / "site" / "eisen.html").read_text(encoding="utf-8")
    assert '<p class="requirement-id muted">Nr. 6.1.1 · Beroepsbevoegdheid</p>' in site
    assert '<p class="requirement-id muted">Nr. G1</p>' in site
    assert "Nr. eis-" not in site
    segment = (tmp_path / "out" / "site" / "segmenten" / "crisis.html").read_text(encoding="utf-8")
    assert '<a href="../eisen.html#eis-eis-skj">6.1.1 SKJ-registratie</a>' in segment


def test_unknown_groups_and_ids_name_the_known_ones(make_project):
    body = """\
        # Eisen

        {{ eisen groep="Beroepsbevoegheid" }}

        {{ eisen ids="eis-vog, eis-vgo" }}
        """
    project = make_project({"content/requirements.yaml": REQUIREMENTS,
                            "content/documents/notitie.md": document(body)})
    assert errors_of(project) == [
        "content/documents/notitie.md:11:1: onbekende groep 'Beroepsbevoegheid'; bedoelt u 'Beroepsbevoegdheid'? "
        "(groepen van de eisen: 'Integriteit', 'Beroepsbevoegdheid')",
        "content/documents/notitie.md:13:1: onbekende eis 'eis-vgo'; bedoelt u 'eis-vog'? "
        "(bekend: eis-vog, eis-skj, eis-big, geschikt-kvk)",
    ]


def test_groups_without_any_group_say_how_to_give_one(make_project):
    project = make_project({"content/documents/notitie.md": document('# Eisen\n\n{{ eisen groep="Integriteit" }}\n')})
    assert errors_of(project) == [
        "content/documents/notitie.md:11:1: onbekende groep 'Integriteit' (groepen van de eisen: geen: geef eisen een "
        "'group' in content/requirements.yaml)",
    ]


def test_requirement_numbers_are_unique(make_project):
    requirements = REQUIREMENTS.replace('group: Integriteit\n', 'group: Integriteit\n        number: "6.1.1"\n') \
        .replace("        title: BIG-registratie", '        number: "G1"\n        title: BIG-registratie')
    project = make_project({"content/requirements.yaml": requirements})
    assert errors_of(project) == [
        "content/requirements.yaml:11:13: het nummer '6.1.1' staat al bij eis 'eis-vog' (regel 5); geef elke eis "
        "een eigen nummer",
        "content/requirements.yaml:18:13: het nummer 'G1' is ook het nummer dat eis 'geschikt-kvk' zonder eigen "
        "nummer krijgt; geef die eis ook een 'number', of kies hier een ander nummer",
    ]


def test_a_requirement_number_is_written_as_readers_know_it(make_project):
    project = make_project({"content/requirements.yaml": REQUIREMENTS.replace('"6.1.1"', '"eis 6"')})
    assert errors_of(project) == [
        "content/requirements.yaml:10:13: 'number' heeft de ongeldige waarde 'eis 6': het nummer van een eis bestaat "
        "uit cijfers met punten ertussen, eventueel met hoofdletters ervoor, zoals \"6.1.1\" of \"E1\" (tussen "
        "aanhalingstekens)",
    ]


# Glossary

GLOSSARY_BODY = """\
    # Inleiding

    Een [[begrip:client]] krijgt hulp op elke [[begrip:werkdag]].

    # Begrippen {bijlage}

    {{ begrippen }}
    """


def test_the_glossary_is_a_sorted_definition_list_and_terms_link_to_it(make_project, tmp_path):
    project = make_project({"content/begrippen.yaml": GLOSSARY, "content/documents/notitie.md": document(
        "# Inleiding\n\nZie de [[begrip:aanbieder]].\n"), "content/documents/bijlage.md": document(GLOSSARY_BODY)})
    result = build(project, tmp_path / "out", pdf=False)
    assert result.warnings == ()
    html = page(tmp_path / "out", "bijlage")
    glossary = re.search(r'<dl class="block block-begrippen definitions">(.*?)</dl>', html, re.DOTALL).group(1)
    assert re.findall(r'<dt id="([^"]+)">([^<]+)</dt>', glossary) == [
        ("begrip-aanbieder", "aanbieder"), ("begrip-client", "Cliënt"), ("begrip-werkdag", "werkdag")]
    assert "<dd>Een jeugdige of inwoner met een <strong>toewijzing</strong>.</dd>" in glossary
    assert 'Een <a href="#begrip-client">Cliënt</a> krijgt hulp op elke <a href="#begrip-werkdag">werkdag</a>.' \
        in html
    other = page(tmp_path / "out", "notitie")  # another document links to the page that holds the glossary
    assert 'Zie de <a href="../documenten/bijlage.html#begrip-aanbieder">aanbieder</a>.' in other


def test_unknown_terms_are_errors_and_unused_terms_warnings(make_project):
    body = GLOSSARY_BODY.replace("[[begrip:werkdag]]", "[[begrip:werkdg]]")
    project = make_project({"content/begrippen.yaml": GLOSSARY, "content/documents/notitie.md": document(body)})
    assert errors_of(project) == [
        "content/documents/notitie.md:11:43: onbekend begrip 'werkdg'; bedoelt u 'werkdag'? "
        "(bekend: werkdag, client, aanbieder)",
    ]
    project = make_project({"content/documents/notitie.md": document(GLOSSARY_BODY)})
    _, warnings = check(project)
    assert [str(w) for w in warnings] == [
        "content/begrippen.yaml:8:9: waarschuwing: het begrip 'aanbieder' (aanbieder) wordt in geen document "
        "gebruikt; verwijs ernaar met [[begrip:aanbieder]] of haal het weg",
    ]


def test_a_term_needs_the_glossary_shown_and_is_written_once(make_project):
    glossary = GLOSSARY.rstrip(" ") + "      - id: werkdagen\n        term: Werkdag\n        definition: Dubbel.\n"
    project = make_project({"content/begrippen.yaml": glossary, "content/documents/notitie.md": document(
        "# Inleiding\n\nElke [[begrip:werkdag]], [[begrip:werkdagen]], [[begrip:client]], [[begrip:aanbieder]].\n")})
    assert errors_of(project) == [
        "content/begrippen.yaml:12:11: het begrip 'Werkdag' staat al in de lijst (regel 3); beschrijf elk begrip "
        "één keer",
        "content/documents/notitie.md:11:6: '[[begrip:werkdag]]' linkt naar de begrippenlijst, maar geen document "
        "toont die; zet het blok {{ begrippen }} in een document, bijvoorbeeld in een bijlage",
        "content/documents/notitie.md:11:26: '[[begrip:werkdagen]]' linkt naar de begrippenlijst, maar geen document "
        "toont die; zet het blok {{ begrippen }} in een document, bijvoorbeeld in een bijlage",
        "content/documents/notitie.md:11:48: '[[begrip:client]]' linkt naar de begrippenlijst, maar geen document "
        "toont die; zet het blok {{ begrippen }} in een document, bijvoorbeeld in een bijlage",
        "content/documents/notitie.md:11:67: '[[begrip:aanbieder]]' linkt naar de begrippenlijst, maar geen document "
        "toont die; zet het blok {{ begrippen }} in een document, bijvoorbeeld in een bijlage",
    ]


# Articles with leden and their own numbers

AGREEMENT = """\
    # Definities

    Begrippen.

    # Looptijd {nummer=5}

    1. De overeenkomst gaat in op [[ingangsdatum]].
    2. Zij kan worden verlengd; [[artikel:5.1]] blijft gelden, en [[artikel:betaling.3]].

    # Betaling

    1. De gemeente betaalt binnen dertig dagen.
    2. Een factuur noemt het [[kenmerk]].
    3. Rente is niet verschuldigd.

    # Slot {nummer=16}

    Zie [[artikel:5.2]], [[artikel:betaling]] en [[artikel:looptijd]].
    """


def test_leden_are_numbered_and_referred_to_as_artikel_and_lid(make_project, tmp_path):
    project = make_project({"content/documents/overeenkomst.md": document(AGREEMENT, "overeenkomst", "artikelen")})
    build(project, tmp_path / "out", pdf=False)
    html = page(tmp_path / "out", "overeenkomst")
    assert re.findall(r'<span class="heading-number">([^<]+)</span> ([^<]+)</h2>', html) == [
        ("Artikel 1", "Definities"), ("Artikel 5", "Looptijd"), ("Artikel 6", "Betaling"), ("Artikel 16", "Slot")]
    assert '<ol class="leden">\n<li id="lid-looptijd-1">De overeenkomst gaat in op 1 januari 2026.</li>' in html
    assert '<li id="lid-betaling-3">Rente is niet verschuldigd.</li>' in html
    assert '<a class="xref" href="#lid-looptijd-1">artikel 5 lid 1</a> blijft gelden, en ' \
           '<a class="xref" href="#lid-betaling-3">artikel 6 lid 3</a>' in html
    assert 'Zie <a class="xref" href="#lid-looptijd-2">artikel 5 lid 2</a>, <a class="xref" href="#betaling">' \
           'artikel 6</a> en <a class="xref" href="#looptijd">artikel 5</a>.' in html
    assert "Een factuur noemt het TL-2026." in html


def test_a_lid_that_does_not_exist_and_numbers_that_clash_are_errors(make_project):
    body = textwrap.dedent(AGREEMENT).replace("{nummer=16}", "{nummer=6}").replace("[[artikel:looptijd]]",
                                                                                       "[[hoofdstuk:looptijd]]").replace("[[artikel:5.2]]", "[[artikel:5.3]]") \
        .replace("[[artikel:betaling]]", "[[artikel:1.2]], [[artikel:betaling.4]]") + "\n# Bijlagen\n\n1. a\n\n## Eén\n"
    project = make_project({"content/documents/overeenkomst.md": document(body, "overeenkomst", "artikelen")})
    assert errors_of(project) == [
        "content/documents/overeenkomst.md:25:1: de kop 'Slot' krijgt met {nummer=6} het nummer 6, dat al bij de kop "
        "'Betaling' staat (regel 19); geef een nummer hoger dan 6",
        "content/documents/overeenkomst.md:27:5: artikel 5 ('Looptijd') heeft geen lid 3 (leden: 1, 2)",
        "content/documents/overeenkomst.md:27:22: artikel 1 ('Definities') heeft geen leden; leden zijn de punten van "
        "een genummerde lijst (1., 2., ...) direct onder de kop van het artikel",
        "content/documents/overeenkomst.md:27:39: artikel 6 ('Betaling') heeft geen lid 4 (leden: 1, 2, 3)",
        "content/documents/overeenkomst.md:27:65: 'looptijd' is artikel 5 van een overeenkomst; verwijs ernaar met "
        "[[artikel:looptijd]]",
        "content/documents/overeenkomst.md:29:1: artikel 7 ('Bijlagen') heeft leden (de genummerde lijst direct onder "
        "de kop) en ook genummerde koppen eronder; dan kan [[artikel:7.1]] beide betekenen: maak van de lijst gewone "
        "alinea's, of van de koppen leden",
    ]


def test_an_own_number_lower_than_the_one_before(make_project):
    body = "# Een\n\n# Twee\n\n# Drie {nummer=1}\n"
    project = make_project({"content/documents/overeenkomst.md": document(body, "overeenkomst", "artikelen")})
    assert errors_of(project) == [
        "content/documents/overeenkomst.md:14:1: de kop 'Drie' krijgt met {nummer=1} het nummer 1, lager dan dat van "
        "de kop 'Twee' ervoor (2) (regel 12); geef een nummer hoger dan 2",
    ]


# References to chapters and to the facts of tender.yaml; unknown kinds; empty headings

FACTS_BODY = """\
    # Inleiding

    De waarde is [[waarde]], de looptijd [[looptijd]], ingang [[ingangsdatum]], kenmerk [[kenmerk]].
    Procedure: [[procedure]]; titel: [[titel]]; publicatie [[publicatiedatum]]; sluiting [[sluitingsdatum]].

    # Planning

    ## Termijnen

    Zie [[hoofdstuk:1]] en [[hoofdstuk:planning]].
    """


def test_the_facts_of_tender_yaml_are_written_in_prose(make_project, tmp_path):
    project = make_project({"content/tender.yaml": TENDER, "content/documents/notitie.md": document(FACTS_BODY)})
    build(project, tmp_path / "out", pdf=False)
    html = page(tmp_path / "out", "notitie")
    assert ("De waarde is € 12.500.000, de looptijd 3 jaar met 2 opties tot verlenging van 2 jaar (maximaal 7 jaar), "
            "ingang 1 januari 2026, kenmerk TL-2026.\nProcedure: SAS-procedure (sociale en andere specifieke "
            "diensten); titel: Inkoop Jeugd en Wmo 2026; publicatie 3 maart 2025; sluiting 22 april 2025.") in html
    assert 'Zie <a class="xref" href="#inleiding">hoofdstuk 1</a> en <a class="xref" href="#planning">hoofdstuk 2</a>.' \
        in html


def test_a_fact_without_its_field_and_a_chapter_that_is_a_section(make_project):
    body = FACTS_BODY.replace("[[hoofdstuk:planning]]", "[[hoofdstuk:termijnen]], [[hoofdstuk:2.1]], [[waarde:x]]")
    project = make_project({"content/documents/notitie.md": document(body)})
    assert errors_of(project) == [
        "content/documents/notitie.md:11:14: [[waarde]] toont de geraamde waarde van de opdracht, maar "
        "content/tender.yaml heeft die niet; schrijf daar estimated_value: 12500000",
        "content/documents/notitie.md:18:24: 'termijnen' is geen hoofdstuk maar paragraaf 2.1; verwijs ernaar met "
        "[[paragraaf:termijnen]]",
        "content/documents/notitie.md:18:49: '2.1' is geen hoofdstuk maar paragraaf 2.1; verwijs ernaar met "
        "[[paragraaf:2.1]]",
        "content/documents/notitie.md:18:68: [[waarde]] neemt geen id: schrijf alleen [[waarde]]",
    ]


def test_an_unknown_reference_kind_says_which_was_meant(make_project):
    body = "# Inleiding\n\nZie [[hoofdstk:1]], [[begrp:x]] en [[onzin:1]].\n"
    project = make_project({"content/documents/notitie.md": document(body)})
    kinds = ("aantal, artikel, begrip, bijlage, criterium, datum, eis, gemeenten, hoofdstuk, ingangsdatum, kenmerk, "
             "looptijd, paragraaf, perceel, procedure, publicatiedatum, regio, segment, sluitingsdatum, subregio, titel, "
             "vraag, waarde")
    assert errors_of(project) == [
        f"content/documents/notitie.md:11:5: onbekende verwijzing '[[hoofdstk:1]]'; bedoelt u [[hoofdstuk:1]]? "
        f"(soorten: {kinds})",
        f"content/documents/notitie.md:11:21: onbekende verwijzing '[[begrp:x]]'; bedoelt u [[begrip:x]]? "
        f"(soorten: {kinds})",
        f"content/documents/notitie.md:11:36: onbekende verwijzing '[[onzin:1]]'; schrijf [[soort:id]] met soort een "
        f"van: {kinds}",
    ]


def test_empty_headings_are_errors(make_project):
    body = "# Inleiding\n\nTekst.\n\n##\n\n# {-}\n\nMeer.\n"
    project = make_project({"content/documents/notitie.md": document(body)})
    assert errors_of(project) == [
        "content/documents/notitie.md:13:1: de kop is leeg; schrijf de titel achter de ##, zoals '## Planning en "
        "termijnen', of haal de regel weg",
        "content/documents/notitie.md:15:1: de kop is leeg; schrijf de titel achter de #, zoals '# Planning en "
        "termijnen', of haal de regel weg",
    ]


# The examples of docs/content-model.md build as they are written

def doc_section(heading: str) -> str:
    """The text of a section of docs/content-model.md, up to the next heading of its level or higher (headings
    inside code examples do not count)."""
    lines = (Path(__file__).resolve().parent.parent / "docs" / "content-model.md").read_text(encoding="utf-8") \
        .splitlines()
    level = heading.index(" ")
    start = lines.index(heading)
    fenced = False
    for end in range(start + 1, len(lines)):
        fenced ^= lines[end].startswith("```")
        if not fenced and re.match(rf"#{{1,{level}}} ", lines[end]):
            break
    else:
        end = len(lines)
    return "\n".join(lines[start:end]) + "\n"


def examples(section: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)


GROUPED = """\
    requirements:
      - id: eis-vog
        kind: minimumeis
        title: VOG
        text: Iedere medewerker heeft een VOG.
      - id: eis-skj-big
        kind: minimumeis
        group: Beroepsbevoegdheid
        title: SKJ- of BIG-registratie
        text: Professionals zijn geregistreerd.
      - id: geschikt-omzet
        kind: geschiktheidseis
        group: Financieel-economische draagkracht
        title: Omzet
        text: De inschrijver heeft een jaaromzet van ten minste een ton.
        evidence: Jaarrekening.
        moment: verificatie
    """


def test_the_documented_examples_of_leden_glossary_and_groups_build(make_project, tmp_path):
    glossary = doc_section("## begrippen.yaml")
    groups = examples(doc_section("## requirements.yaml"), "markdown")[0]
    project = make_project({
        "content/tender.yaml": TENDER,
        "content/requirements.yaml": GROUPED,
        "content/begrippen.yaml": examples(glossary, "yaml")[0],
        "content/documents/overeenkomst.md": document(examples(doc_section("### Articles and leden"), "markdown")[0],
                                                      "overeenkomst", "artikelen"),
        "content/documents/notitie.md": document(examples(glossary, "markdown")[0] + "\n" + groups),
    })
    result = build(project, tmp_path / "out", pdf=False)
    assert result.warnings == ()
    agreement = page(tmp_path / "out", "overeenkomst")
    assert '<a class="xref" href="#lid-looptijd-3">artikel 1 lid 3</a>' in agreement
    assert '<a class="xref" href="#lid-looptijd-2">artikel 1 lid 2</a>' in agreement
    assert '<span class="heading-number">Artikel 16</span> Betaling' in agreement
    notes = page(tmp_path / "out", "notitie")
    assert '<a href="#begrip-lokale-toegang">lokale toegang</a>' in notes
    assert '<a href="#begrip-werkdag">werkdag</a>en' in notes
    captions = re.findall(r"<caption>([^<]+)</caption>", notes)
    assert captions == ["Beroepsbevoegdheid", "Financieel-economische draagkracht", "Eisen"]
    assert re.findall(r'<td class="requirement-number">([^<]*)</td>', notes) == ["E2", "G1", "E1", "E2"]


def test_a_changed_fact_or_term_counts_for_the_sections_that_state_it(make_project):
    """After a release, a change of the estimated value counts as a change of every section with [[waarde]],
    of a term as one of every section with [[begrip:...]] or {{ begrippen }} (validate/snapshot.py shows)."""
    from generator.load.project import load
    from generator.validate.blocks import project_blocks
    from generator.validate.snapshot import shows

    body = textwrap.dedent(FACTS_BODY) + "\n# Begrippen {bijlage}\n\nDe [[begrip:werkdag]].\n\n{{ begrippen }}\n"
    loaded = load(make_project({"content/tender.yaml": TENDER, "content/begrippen.yaml": GLOSSARY,
                                        "content/documents/notitie.md": document(body)}))
    shown = shows(next(d for d in loaded.documents if d.id == "notitie"), project_blocks(loaded))
    assert shown["inleiding"] == {"aanbesteding:estimated_value", "aanbesteding:contract", "aanbesteding:reference",
                                  "aanbesteding:procedure", "aanbesteding:title", "mijlpaal"}
    assert shown["begrippen"] == {"begrip", "begrip:werkdag"}


def test_a_lid_referred_to_by_number_is_kept_when_articles_shift(make_project, tmp_path):
    """[[artikel:2.2]] names lid 2 of artikel 2: when an article is inserted before it, the next build says so,
    with the reference by id that keeps pointing at the lid (validate/sections.py check_shifts)."""
    out = tmp_path / "uit"
    body = "# Een\n\nTekst.\n\n# Looptijd\n\n1. Een.\n2. Twee.\n\n# Slot\n\nZie [[artikel:2.2]].\n"
    project = make_project({"content/documents/overeenkomst.md": document(body, "overeenkomst", "artikelen")})
    build(project, out, pdf=False)
    assert '<a class="xref" href="#lid-looptijd-2">artikel 2 lid 2</a>' in page(out, "overeenkomst")
    inserted = body.replace("# Looptijd", "# Nieuw\n\n1. Ander.\n2. Anders.\n\n# Looptijd")
    (project / "content/documents/overeenkomst.md").write_text(document(inserted, "overeenkomst", "artikelen"),
                                                                encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        check(project, out=out)
    assert caught.value.messages() == [
        "content/documents/overeenkomst.md:26:5: artikel 2 van 'overeenkomst' heet nu 'Nieuw', maar bij de vorige "
        "build was dat 'Looptijd' (die staat nu onder 3): de nummering is verschoven. Verwijs met het id van de "
        "kop, dan blijft de verwijzing goed: [[artikel:looptijd.2]] voor 'Looptijd', of [[artikel:nieuw.2]] voor "
        "'Nieuw'"]


def test_a_glossary_or_a_milestone_that_is_not_there(make_project):
    body = "# Inleiding\n\nZie [[begrip:werkdag]]; publicatie [[publicatiedatum]].\n\n{{ begrippen }}\n"
    tender = SMALL_PROJECT["content/tender.yaml"].replace("kind: publicatie", "kind: overig")
    project = make_project({"content/tender.yaml": tender, "content/documents/notitie.md": document(body)})
    assert errors_of(project) == [
        "content/documents/notitie.md:11:5: '[[begrip:werkdag]]' verwijst naar content/begrippen.yaml (de "
        "begrippenlijst), maar dat bestand ontbreekt",
        "content/documents/notitie.md:11:36: [[publicatiedatum]] toont de datum van de publicatie (de mijlpaal met "
        "kind: publicatie), maar content/tender.yaml heeft die niet; schrijf daar een mijlpaal met kind: publicatie "
        "in de planning",
        "content/documents/notitie.md:13:1: het blok 'begrippen' toont de begrippenlijst, maar content/begrippen.yaml "
        "ontbreekt",
    ]
