"""Messages that lead to the fix (issue 14): one mistake gives one message, no pattern is shown, the likely
value is named first, quote problems in YAML are named as such, and counts and dates read as Dutch."""
from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from generator.core.errors import ContentErrors
from generator.core.text import contract_duration, count, date_and_time
from generator.pipeline import build, check
from generator.validate.messages import REGEX_HINTS, TIME_PATTERN
from tests.conftest import SMALL_PROJECT

REPO = Path(__file__).resolve().parent.parent

QUESTIONS = """\
    rounds:
      - id: r1
        date: 2025-03-20
        questions:
          - id: v1
            document: notitie
            section: "1"
            question: Wat?
            answer: Dit.
          - id: v2
            document: notitie
            section: "2"
            question: Wat?
            answer: Dit.
    """


def errors_of(project: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        check(project)
    return caught.value.messages()


def default_project(tmp_path: Path) -> Path:
    """A copy of the default project (config.yaml and content/, with its Nota van Inlichtingen questions)."""
    project = tmp_path / "project"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "config.yaml", project / "config.yaml")
    return project


# 1. One mistake gives one message

def test_a_front_matter_mistake_in_the_default_project_gives_one_message(tmp_path):
    project = default_project(tmp_path)
    path = project / "content" / "documents" / "aanbestedingsleidraad.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: definitief", "status: definitef", 1),
                    encoding="utf-8")
    assert errors_of(project) == [
        "content/documents/aanbestedingsleidraad.md:6:9: 'status' heeft de ongeldige waarde 'definitef'; "
        "bedoelt u 'definitief'? (toegestaan: concept, definitief)",
    ]


def test_a_front_matter_mistake_gives_no_message_about_the_questions_and_references_to_it(make_project):
    project = make_project({
        "content/questions.yaml": QUESTIONS,
        "content/documents/notitie.md": """\
            ---
            title: Notitie inkoop
            kind: notitie
            version: "1.0"
            status: definitief
            date: 2025-01-15
            wrong: 1
            ---

            # Inleiding
            """,
        "content/documents/brief.md": """\
            ---
            title: Andere notitie
            kind: notitie
            version: "1.0"
            status: definitief
            date: 2025-01-15
            ---

            # Inleiding

            Zie [[artikel:notitie#7]].
            """,
    })
    assert errors_of(project) == ["content/documents/notitie.md:7:1: onbekend veld 'wrong' (toegestaan: "
                                  "chapter_break, closing, date, kind, letter, numbering, numbering_depth, order, "
                                  "role, short_title, signatures, status, subtitle, tenderned, title, version)"]


def test_front_matter_that_is_no_yaml_gives_one_message(make_project):
    project = make_project({
        "content/questions.yaml": QUESTIONS,
        "content/documents/notitie.md": """\
            ---
            title: Notitie inkoop
              kind: notitie
            ---

            # Inleiding
            """,
    })
    messages = errors_of(project)
    assert len(messages) == 1 and messages[0].startswith("content/documents/notitie.md:"), messages


def test_a_block_naming_a_document_with_its_own_errors_gives_no_second_message(make_project):
    """`{{ wijzigingen document="brief" }}` where brief.md cannot be read: one message, about brief.md."""
    note = SMALL_PROJECT["content/documents/notitie.md"] + '\n        {{ wijzigingen document="brief" }}\n'
    project = make_project({"content/questions.yaml": QUESTIONS, "content/documents/notitie.md": note})
    (project / "content/documents/brief.md").write_bytes(b"---\ntitle: Brief \xff\n---\n")
    messages = errors_of(project)
    assert messages == ["content/documents/brief.md:2:14: het bestand is geen UTF-8 maar waarschijnlijk Windows-1252 "
                        "(uit Word of Excel); sla het op als UTF-8"]


def test_a_question_about_a_document_that_does_not_exist_is_still_reported(make_project):
    project = make_project({"content/questions.yaml": QUESTIONS.replace("document: notitie", "document: notite", 1)})
    assert errors_of(project) == ["content/questions.yaml:6:19: onbekend document 'notite'; bedoelt u 'notitie'? "
                                  "(bekend: notitie)"]


# 2 and 3. No pattern is shown; a number or time written almost right is answered with what to write

CRITERIA = SMALL_PROJECT["content/criteria.yaml"]
TENDER = SMALL_PROJECT["content/tender.yaml"]


def with_time(time: str) -> dict[str, str]:
    return {"content/tender.yaml": TENDER.replace("kind: publicatie", f"kind: publicatie\n            time: {time}")}


@pytest.mark.parametrize("written, message", [
    ("70%", "content/criteria.yaml:5:13: 'weight' moet een getal zijn, maar is tekst ('70%'); schrijf 70, zonder %"),
    ('"30 %"', "content/criteria.yaml:5:13: 'weight' moet een getal zijn, maar is tekst ('30 %'); schrijf 30, "
               "zonder %"),
    ("62,5", "content/criteria.yaml:5:13: 'weight' moet een getal zijn, maar is tekst ('62,5'); schrijf 62.5, met "
             "een punt in plaats van een komma"),
])
def test_a_weight_written_with_a_percent_sign_or_comma(make_project, written, message):
    project = make_project({"content/criteria.yaml": CRITERIA.replace("weight: 60", f"weight: {written}")})
    assert errors_of(project)[0] == message


@pytest.mark.parametrize("written, message", [
    ("12.00", "content/tender.yaml:14:11: 'time' moet een tijd zijn, maar is een kommagetal (12.0); "
              "schrijf \"12:00\""),
    ("9.30", "content/tender.yaml:14:11: 'time' moet een tijd zijn, maar is een kommagetal (9.3); schrijf \"09:30\""),
    ('"12.00"', "content/tender.yaml:14:11: 'time' heeft de ongeldige waarde '12.00': schrijf \"12:00\""),
    ('"9:00"', "content/tender.yaml:14:11: 'time' heeft de ongeldige waarde '9:00': schrijf \"09:00\""),
    ('"24:00"', "content/tender.yaml:14:11: 'time' heeft de ongeldige waarde '24:00': schrijf de tijd als "
                "\"12:00\" (uren en minuten met een dubbele punt, tussen aanhalingstekens)"),
])
def test_a_time_written_almost_right_is_answered_with_the_time_to_write(make_project, written, message):
    assert errors_of(make_project(with_time(written))) == [message]


def test_no_message_shows_a_regular_expression():
    assert all("^" not in hint and "$" not in hint and "[" not in hint for hint in REGEX_HINTS.values())
    assert REGEX_HINTS[TIME_PATTERN].startswith('schrijf de tijd als "12:00"')


# 4. Lists of known values are never cut off before the likely one

def many_segments(n: int) -> str:
    names = ["crisis"] + [f"segment-{i:02d}" for i in range(1, n)]
    return "segments:\n" + "".join(f"  - id: {name}\n    name: {name}\n    domains: [wmo]\n    target_group: Iedereen."
                                   f"\n    ambition: Goed.\n    description: Hulp.\n" for name in names)


def test_a_long_list_of_known_ids_shows_the_nearest_first_and_counts_the_others(make_project):
    project = make_project({"content/segments.yaml": many_segments(40),
                            "content/requirements.yaml": SMALL_PROJECT["content/requirements.yaml"].replace(
                                "segments: [crisis]", "segments: [crises]")})
    assert errors_of(project) == [
        "content/requirements.yaml:10:16: onbekend segment 'crises'; bedoelt u 'crisis'? (bekend: crisis, "
        "segment-01, segment-02, segment-03, segment-04, segment-05, segment-06, segment-07, segment-08, segment-09, "
        "segment-10, segment-11 en nog 28 andere)"]


def test_the_likely_id_is_listed_even_at_the_end_of_a_long_list(make_project):
    segments = many_segments(40) + "  - id: wonen\n    name: Wonen\n    domains: [wmo]\n    target_group: Iedereen.\n    ambition: Goed." \
                "\n    description: Hulp.\n"
    project = make_project({"content/segments.yaml": segments,
                            "content/requirements.yaml": SMALL_PROJECT["content/requirements.yaml"].replace(
                                "segments: [crisis]", "segments: [woenn]")})
    [message] = errors_of(project)
    assert message.startswith("content/requirements.yaml:10:16: onbekend segment 'woenn'; bedoelt u 'wonen'? "
                              "(bekend: wonen, ")
    assert message.endswith(" en nog 29 andere)")


SECTIONS = """\
    ---
    title: Notitie inkoop
    kind: notitie
    version: "1.0"
    status: definitief
    date: 2025-01-15
    numbering_depth: 3
    ---

    # Inleiding

    Zie [[paragraaf:6.4]] en [[paragraaf:9]].

    # Twee
    # Drie
    # Vier
    # Vijf
    # Zes
    ## Zes een
    ## Zes twee
    ### Zes twee een
    ### Zes twee twee
    ### Zes twee drie
    ### Zes twee vier
    ## Zes drie
    """


def test_a_missing_section_names_the_nearest_sections_with_their_titles(make_project):
    project = make_project({"content/documents/notitie.md": SECTIONS,
                            "content/questions.yaml": QUESTIONS.replace('section: "2"', 'section: "6.4"')})
    listed = "(genummerd: 1, 2, 3, 4, 5, 6, 6.1, 6.2, 6.2.1, 6.2.2, 6.2.3, 6.2.4, 6.3)"
    assert errors_of(project) == [
        f"content/documents/notitie.md:12:5: paragraaf 6.4 bestaat niet; bedoelt u 6.3 (Zes drie) of 6.2.4 "
        f"(Zes twee vier)? {listed}",
        f"content/documents/notitie.md:12:26: paragraaf 9 bestaat niet; bedoelt u 6 (Zes)? {listed}",
        f"content/questions.yaml:12:18: paragraaf 6.4 bestaat niet in 'notitie'; bedoelt u 6.3 (Zes drie) of 6.2.4 "
        f"(Zes twee vier)? {listed}",
    ]


# 5. An apostrophe or quote problem in YAML is named as such

EARLY_SINGLE = ("hier staat een aanhalingsteken dat de tekst te vroeg afsluit; zet de hele tekst tussen dubbele "
                "aanhalingstekens (\"...\") of schrijf '' voor een apostrof binnen enkele")


@pytest.mark.parametrize("file, text, message", [
    ("content/segments.yaml", SMALL_PROJECT["content/segments.yaml"].replace(
        "name: Crisis", "name: 'Crisis' en nood'"), f"content/segments.yaml:3:18: {EARLY_SINGLE}"),
    ("content/tender.yaml", SMALL_PROJECT["content/tender.yaml"].replace(
        "title: Inkoop Jeugd en Wmo 2026", "title: 'Jeugd's zorg'"), f"content/tender.yaml:2:14: {EARLY_SINGLE}"),
    ("content/tender.yaml", SMALL_PROJECT["content/tender.yaml"].replace(
        "title: Inkoop Jeugd en Wmo 2026", 'title: "Het "beste" plan"'),
     "content/tender.yaml:2:13: hier staat een aanhalingsteken dat de tekst te vroeg afsluit; zet de hele tekst "
     "tussen enkele aanhalingstekens ('...') of schrijf \\\" voor een aanhalingsteken binnen dubbele"),
    ("content/tender.yaml", SMALL_PROJECT["content/tender.yaml"].replace(
        "title: Inkoop Jeugd en Wmo 2026", 'title: "Inkoop Jeugd en Wmo 2026'),
     "content/tender.yaml:2:8: dit aanhalingsteken wordt niet afgesloten; zet aan het eind van de tekst ook een \""),
    ("content/organisation.yaml", SMALL_PROJECT["content/organisation.yaml"].replace(
        "name: Oostdorp", "name: 's-Hertogenbosch"),
     "content/organisation.yaml:4:11: dit aanhalingsteken wordt niet afgesloten; zet de hele tekst tussen dubbele "
     "aanhalingstekens (\"...\") of schrijf '' voor een apostrof binnen enkele"),
    ("content/documents/notitie.md", SMALL_PROJECT["content/documents/notitie.md"].replace(
        "title: Notitie inkoop", "title: 'Notitie's inkoop'"), f"content/documents/notitie.md:2:16: {EARLY_SINGLE}"),
])
def test_a_quote_that_ends_the_text_too_early_or_never_is_named(make_project, file, text, message):
    assert errors_of(make_project({file: text})) == [message]


def test_an_apostrophe_in_unquoted_text_or_doubled_in_single_quotes_is_fine(make_project):
    project, _ = check(make_project({
        "content/tender.yaml": SMALL_PROJECT["content/tender.yaml"].replace("title: Inkoop", "title: Jeugd's inkoop"),
        "content/organisation.yaml": SMALL_PROJECT["content/organisation.yaml"].replace(
            "name: Oostdorp", "name: '''s-Hertogenbosch' # met een apostrof"),
    }))
    assert project.tender.title == "Jeugd's inkoop Jeugd en Wmo 2026"
    assert project.organisation.municipalities[0].name == "'s-Hertogenbosch"


# 6. Every count with its singular

def test_count_uses_the_singular_for_one():
    assert [count(n, "segment", "segmenten") for n in (0, 1, 2)] == ["0 segmenten", "1 segment", "2 segmenten"]
    assert contract_duration(3, (2,)) == "3 jaar met 1 optie tot verlenging van 2 jaar (maximaal 5 jaar)"


def test_a_list_too_short_is_counted_in_the_singular(make_project):
    assert errors_of(make_project({"content/segments.yaml": "segments: []\n"})) == [
        "content/segments.yaml:1:11: 'segments' moet minstens 1 item bevatten; zet eronder een regel die begint met '- '"]


def test_the_site_counts_one_segment_and_one_requirement_in_the_singular(make_project, tmp_path):
    segments = SMALL_PROJECT["content/segments.yaml"]
    requirements = SMALL_PROJECT["content/requirements.yaml"]
    project = make_project({
        "content/segments.yaml": segments[:segments.index("  - id: wonen")],
        "content/requirements.yaml": requirements[:requirements.index("  - id: eis-skj")],
    })
    build(project, tmp_path / "out", pdf=False)
    site = tmp_path / "out" / "site"
    text = {name: " ".join((site / name).read_text(encoding="utf-8").split()) for name in
            ("index.html", "segmenten.html", "eisen.html")}
    assert ", in 1 segment</dd>" in text["index.html"]
    assert "deelt de zorg en ondersteuning in 1 segment in." in text["segmenten.html"]
    assert '<p class="lead">De ene eis aan inschrijvers' in text["eisen.html"]


# 7. Dates and times in one notation: '22 april 2024, 12.00 uur'

def test_date_and_time_in_the_dutch_government_style():
    assert date_and_time(datetime.date(2024, 4, 22), "12:00") == "22 april 2024, 12.00 uur"
    assert date_and_time(datetime.date(2024, 4, 22)) == "22 april 2024"


def test_a_milestone_time_reads_the_same_in_the_text_and_in_the_planning(make_project, tmp_path):
    tender = SMALL_PROJECT["content/tender.yaml"].replace("kind: inschrijving", 'kind: inschrijving\n'
                                                                                '            time: "09:30"')
    notitie = SMALL_PROJECT["content/documents/notitie.md"].replace(
        "{{ gunningscriteria }}", "Inschrijven kan tot [[datum:inschrijving]].\n\n        {{ planning }}")
    project = make_project({"content/tender.yaml": tender, "content/documents/notitie.md": notitie})
    build(project, tmp_path / "out", pdf=False)
    page = " ".join((tmp_path / "out" / "site" / "documenten" / "notitie.html").read_text(encoding="utf-8").split())
    assert "Inschrijven kan tot 22 april 2025, 09.30 uur." in page
    assert '<td class="date">22 april 2025</td><td class="time">09.30 uur</td>' in page
    assert "09:30" not in page
