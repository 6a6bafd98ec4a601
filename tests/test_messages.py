"""Messages that lead to the fix (issue 14): one mistake gives one message, no pattern is shown, the likely
value is named first, quote problems in YAML are named as such, and counts and dates read as Dutch."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.errors import ContentErrors
from generator.pipeline import check
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
                                  "closing, date, kind, letter, numbering, numbering_depth, order, signatures, "
                                  "status, subtitle, tenderned, title, version)"]


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
