"""Messages that lead to the fix (issue 14): one mistake gives one message, no pattern is shown, the likely
value is named first, quote problems in YAML are named as such, and counts and dates read as Dutch."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.errors import ContentErrors
from generator.pipeline import check

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
