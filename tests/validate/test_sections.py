"""validate/sections.py: references to sections survive editing (by id) or fail the build with both titles
(by number); heading ids written twice and link fragments to headings that do not exist are errors."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from generator.core.errors import ContentErrors
from generator.pipeline import build, check
from tests.conftest import write_project

FRONT = textwrap.dedent("""\
    ---
    title: Notitie inkoop
    kind: notitie
    version: "1.0"
    status: definitief
    date: 2025-01-15
    ---

    """)
DOC = "content/documents/notitie.md"
#: body lines start on file line 9
BODY = textwrap.dedent("""\
    # Inleiding

    Zie {ref}.

    # Planning {{#planning}}

    De planning.

    # Inschrijven

    Zo schrijft u in.

    {{{{ vragen }}}}
    """)
NEW_SECTION = "# Nieuwe paragraaf\n\nIngevoegd na de nota van inlichtingen.\n\n"
QUESTIONS = textwrap.dedent("""\
    rounds:
      - id: r1
        date: 2025-03-20
        questions:
          - id: v1
            document: notitie
            section: {section}
            question: Wanneer is de planning bekend?
            answer: Zie de planning.
    """)


def project_with(root: Path, ref: str, section: str, inserted: bool = False) -> Path:
    body = BODY.format(ref=ref)
    if inserted:
        body = body.replace("# Planning", NEW_SECTION + "# Planning")
    return write_project(root, {DOC: FRONT + body, "content/questions.yaml": QUESTIONS.format(section=section)})


def messages(project: Path, out: Path | None = None) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        check(project, out=out)
    return caught.value.messages()


def page(out: Path) -> str:
    return (out / "site" / "documenten" / "notitie.html").read_text(encoding="utf-8")


def test_references_by_id_keep_pointing_at_their_heading_when_a_section_is_inserted(tmp_path):
    out = tmp_path / "uit"
    build(project_with(tmp_path / "p", "[[paragraaf:planning]]", "planning"), out=out)
    assert re.search(r'<a class="xref" href="#planning">paragraaf 2</a>', page(out))
    assert "Notitie inkoop, paragraaf 2 (Planning)" in page(out)
    build(project_with(tmp_path / "p", "[[paragraaf:planning]]", "planning", inserted=True), out=out)
    assert re.search(r'<a class="xref" href="#planning">paragraaf 3</a>', page(out))
    assert "Notitie inkoop, paragraaf 3 (Planning)" in page(out)
    assert '<h2 id="nieuwe-paragraaf"><span class="heading-number">2</span> Nieuwe paragraaf</h2>' in page(out)


def test_references_by_number_fail_with_both_titles_when_the_numbering_shifts(tmp_path):
    out = tmp_path / "uit"
    build(project_with(tmp_path / "p", "[[paragraaf:2]]", '"2"'), out=out)
    assert "Notitie inkoop, paragraaf 2 (Planning)" in page(out)
    project = project_with(tmp_path / "p", "[[paragraaf:2]]", '"2"', inserted=True)
    expected = [
        f"{DOC}:11:5: paragraaf 2 van 'notitie' heet nu 'Nieuwe paragraaf', maar bij de vorige build was dat "
        "'Planning' (die staat nu onder 3): de nummering is verschoven. Verwijs met het id van de kop, dan blijft "
        "de verwijzing goed: [[paragraaf:planning]] voor 'Planning', of [[paragraaf:nieuwe-paragraaf]] voor "
        "'Nieuwe paragraaf'",
        "content/questions.yaml:7:18: paragraaf 2 van 'notitie' heet nu 'Nieuwe paragraaf', maar bij de vorige "
        "build was dat 'Planning' (die staat nu onder 3): de nummering is verschoven. Verwijs met het id van de "
        "kop, dan blijft de verwijzing goed: section: planning voor 'Planning', of section: nieuwe-paragraaf voor "
        "'Nieuwe paragraaf'"]
    assert messages(project, out) == expected  # bestek check says so too: it reads the same record
    with pytest.raises(ContentErrors) as caught:
        build(project, out=out)
    assert caught.value.messages() == expected
    assert "Notitie inkoop, paragraaf 2 (Planning)" in page(out)  # the published build stays as it was
    # written by id, the reference is right again and the build succeeds
    build(project_with(tmp_path / "p", "[[paragraaf:planning]]", "planning", inserted=True), out=out)
    assert "Notitie inkoop, paragraaf 3 (Planning)" in page(out)


def test_a_renamed_heading_under_a_reference_by_number_is_reported(tmp_path):
    out = tmp_path / "uit"
    build(project_with(tmp_path / "p", "[[paragraaf:3]]", '"3"'), out=out)
    project = project_with(tmp_path / "p", "[[paragraaf:3]]", '"3"')
    (project / DOC).write_text((project / DOC).read_text().replace("# Inschrijven", "# Aanmelden"))
    assert messages(project, out) == [
        f"{DOC}:11:5: paragraaf 3 van 'notitie' heet nu 'Aanmelden', maar bij de vorige build was dat "
        "'Inschrijven'; een verwijzing met een nummer kan nu naar een andere kop wijzen. Verwijs met het id van "
        "de bedoelde kop, zoals [[paragraaf:aanmelden]] voor 'Aanmelden'",
        "content/questions.yaml:7:18: paragraaf 3 van 'notitie' heet nu 'Aanmelden', maar bij de vorige build was "
        "dat 'Inschrijven'; een verwijzing met een nummer kan nu naar een andere kop wijzen. Verwijs met het id "
        "van de bedoelde kop, zoals section: aanmelden voor 'Aanmelden'"]


def test_without_a_trusted_record_references_by_number_are_checked_from_this_build_on(tmp_path):
    out = tmp_path / "uit"
    build(project_with(tmp_path / "p", "[[paragraaf:2]]", '"2"'), out=out)
    record = out / ".bestek-record.json"
    record.write_text(record.read_text().replace('"Planning"', '"Iets anders"'))  # no longer signed right
    check(project_with(tmp_path / "p", "[[paragraaf:2]]", '"2"', inserted=True), out=out)


@pytest.mark.parametrize("ref, section, expected", [
    ("[[paragraaf:planing]]", "planning",
     f"{DOC}:11:5: er is geen kop met het id 'planing'; bedoelt u planning (2 Planning)? (koppen: inleiding, "
     "planning, inschrijven)"),
    ("[[paragraaf:inleiding]]", "inschrijf",
     "content/questions.yaml:7:18: er is geen kop met het id 'inschrijf' in 'notitie'; bedoelt u inschrijven "
     "(3 Inschrijven)? (koppen: inleiding, planning, inschrijven)"),
    ("[[bijlage:planning]]", "planning",
     f"{DOC}:11:5: de kop 'planning' is geen bijlage; verwijs ernaar met [[paragraaf:planning]]"),
    ("[[paragraaf:notitie#]]", "planning",
     f"{DOC}:11:5: de verwijzing '[[paragraaf:notitie#]]' mist een nummer of id: schrijf "
     "[[paragraaf:notitie#3.2]]"),
    ("[[paragraaf:1]]", "Planning",
     "content/questions.yaml:7:18: 'section' heeft de ongeldige waarde 'Planning': noem de paragraaf met het id "
     "van de kop, zoals planning, of met haar nummer tussen aanhalingstekens, zoals \"3.2\""),
])
def test_section_reference_mistakes(tmp_path, ref, section, expected):
    assert messages(project_with(tmp_path / "p", ref, section)) == [expected]


def test_an_unnumbered_section_is_named_by_its_title(tmp_path):
    out = tmp_path / "uit"
    project = project_with(tmp_path / "p", "[[paragraaf:planning]]", "planning")
    (project / DOC).write_text((project / DOC).read_text().replace("{#planning}", "{- #planning}"))
    build(project, out=out)
    assert '<a class="xref" href="#planning">paragraaf Planning</a>' in page(out)
    assert "Notitie inkoop, Planning</td>" in page(out)


def test_a_heading_id_written_twice(tmp_path):
    project = project_with(tmp_path / "p", "[[paragraaf:planning]]", "planning")
    (project / DOC).write_text((project / DOC).read_text().replace("# Inschrijven", "# Inschrijven {#planning}"))
    assert messages(project) == [
        f"{DOC}:17:1: het id 'planning' staat al bij een andere kop (regel 13); geef elke kop een eigen id"]


@pytest.mark.parametrize("link, expected", [
    ("[de planning](#planing)",
     f"{DOC}:11:5: de link '#planing' gaat naar een kop die niet bestaat; bedoelt u planning (2 Planning)? "
     "(koppen: inleiding, planning, inschrijven)"),
    ("[de eis](#eis-vog)",
     f"{DOC}:11:5: de link '#eis-vog' gaat naar een onderdeel dat een blok toont; schrijf de verwijzing "
     "[[eis:vog]], die zelf een link is naar waar het getoond wordt"),
    ("[de brief](brief.md#slot)",
     f"{DOC}:11:5: de link '#slot' gaat naar een kop die niet bestaat in 'brief'; bedoelt u slotwoord "
     "(2 Slotwoord)? (koppen: aanhef, slotwoord)"),
])
def test_link_fragments_name_an_existing_heading(tmp_path, link, expected):
    project = project_with(tmp_path / "p", link, "planning")
    (project / "content/documents/brief.md").write_text(
        FRONT.replace("Notitie inkoop", "Brief") + "# Aanhef\n\nTekst.\n\n# Slotwoord\n\nTekst.\n")
    assert messages(project) == [expected]


def test_link_fragments_to_existing_headings_work_in_the_site(tmp_path):
    out = tmp_path / "uit"
    project = project_with(tmp_path / "p", "[de planning](#planning) en [het slot](brief.md#slotwoord)", "planning")
    (project / "content/documents/brief.md").write_text(
        FRONT.replace("Notitie inkoop", "Brief") + "# Aanhef\n\nTekst.\n\n# Slotwoord\n\nTekst.\n")
    build(project, out=out)
    assert '<a href="#planning">de planning</a> en <a href="../documenten/brief.html#slotwoord">het slot</a>' \
        in page(out)
