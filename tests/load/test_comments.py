"""`bestek opmerkingen` (load/comments.py, pipeline.comments): comments that reviewers add in Word, here added with
python-docx to a real Word copy of the default project, come back with author, date, text, the text they are
attached to, the section and the line of the source they belong to; a file that is not a Word copy of Bestek, or
is hostile, is refused with a Dutch message."""
from __future__ import annotations

import datetime
import zipfile

import docx
import pytest

from generator.authoring import comment_line, comment_rows
from generator.core.errors import UsageError
from generator.pipeline import comments, word_copies

from ..conftest import REPO

SOURCE = REPO / "content" / "documents" / "aanbestedingsleidraad.md"


def line_of(text: str) -> int:
    """The line of the default leidraad that starts with `text`."""
    return next(n for n, line in enumerate(SOURCE.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith(text))


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """The leidraad's Word copy with three comments, as a legal adviser and the council clerk would add them."""
    folder = word_copies(REPO, tmp_path_factory.mktemp("out") / "build").folder
    document = docx.Document(str(folder / "aanbestedingsleidraad.docx"))
    paragraphs = document.paragraphs
    standstill = next(p for p in paragraphs if p.text.startswith("Alle inschrijvers ontvangen tegelijk"))
    heading = next(p for p in paragraphs if p.text == "1.3 Percelen")
    bullet = next(p for p in paragraphs if p.style.name == "List Bullet" and p.text.startswith("Gouda"))
    document.add_comment(standstill.runs, text="Is 20 dagen genoeg?", author="juridisch adviseur", initials="JA")
    document.add_comment(heading.runs, text="Kloppen de percelen nog?", author="griffie", initials="G")
    document.add_comment(bullet.runs, text="Ook de centrumgemeente noemen in de inleiding?", author="bestuursadviseur")
    path = folder.parent / "leidraad-met-opmerkingen.docx"
    document.save(str(path))
    return path


def test_each_comment_comes_back_at_its_source_line(reviewed):
    placed = comments(REPO, reviewed)
    assert [(p.path, p.line, p.section, p.comment.author, p.comment.text) for p in placed] == [
        ("content/documents/aanbestedingsleidraad.md", line_of("{{ gemeenten }}"), "1.1 Aanbestedende dienst",
         "bestuursadviseur", "Ook de centrumgemeente noemen in de inleiding?"),
        ("content/documents/aanbestedingsleidraad.md", line_of("## Percelen"), "1.3 Percelen", "griffie",
         "Kloppen de percelen nog?"),
        ("content/documents/aanbestedingsleidraad.md", line_of("Alle inschrijvers ontvangen tegelijk"),
         "9.2 Opschortende termijn", "juridisch adviseur", "Is 20 dagen genoeg?"),
    ]
    assert placed[2].comment.anchor.startswith("Alle inschrijvers ontvangen tegelijk en per perceel")
    assert placed[0].comment.date == datetime.date.today()


def test_the_lines_an_officer_works_through(reviewed):
    placed = comments(REPO, reviewed)
    day = datetime.date.today()
    month = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december"][day.month - 1]
    assert comment_line(placed[2]) == (
        f"content/documents/aanbestedingsleidraad.md:{line_of('Alle inschrijvers ontvangen tegelijk')}: "
        f"9.2 Opschortende termijn: [juridisch adviseur, {day.day} {month}] \"Is 20 dagen genoeg?\" bij "
        "\"Alle inschrijvers ontvangen tegelijk en per perceel een...\"")
    rows = comment_rows(placed)
    assert rows[0] == ["bestand", "regel", "paragraaf", "auteur", "datum", "opmerking", "bij de tekst"]
    assert rows[2][:6] == ["content/documents/aanbestedingsleidraad.md", str(line_of("## Percelen")), "1.3 Percelen",
                           "griffie", day.isoformat(), "Kloppen de percelen nog?"]


def test_a_word_file_that_is_not_a_copy_of_bestek_is_refused(tmp_path):
    other = tmp_path / "ander.docx"
    docx.Document().save(str(other))
    with pytest.raises(UsageError, match="is geen Word-versie van Bestek"):
        comments(REPO, other)
    text = tmp_path / "tekst.docx"
    text.write_text("geen zip", encoding="utf-8")
    with pytest.raises(UsageError, match=r"is geen Word-bestand \(\.docx\)"):
        comments(REPO, text)
    with pytest.raises(UsageError, match="bestaat niet of is geen bestand"):
        comments(REPO, tmp_path / "weg.docx")


def test_a_copy_of_another_project_names_its_document(reviewed, tmp_path):
    with pytest.raises(UsageError, match="hoort bij content/documents/aanbestedingsleidraad.md, maar dat document "
                                         "staat niet in"):
        comments(REPO / "examples" / "haarlem", reviewed)


def test_entities_and_an_identifier_pointing_elsewhere_are_refused(reviewed, tmp_path):
    def rewritten(name: str, part: str, change) -> object:
        target = tmp_path / name
        with zipfile.ZipFile(reviewed) as source, zipfile.ZipFile(target, "w") as copy:
            for info in source.infolist():
                data = source.read(info.filename)
                copy.writestr(info, change(data) if info.filename == part else data)
        return target

    bomb = rewritten("bom.docx", "word/comments.xml", lambda data: data.replace(
        b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>', 1))
    with pytest.raises(UsageError, match=r"is geen gewoon Word-bestand \(word/comments.xml bevat een DOCTYPE\)"):
        comments(REPO, bomb)
    elsewhere = rewritten("elders.docx", "docProps/core.xml", lambda data: data.replace(
        b"bestek:content/documents/aanbestedingsleidraad.md", b"bestek:../../etc/passwd"))
    with pytest.raises(UsageError, match="is geen Word-versie van Bestek"):
        comments(REPO, elsewhere)


def test_a_comment_that_looks_like_a_formula_stays_text_in_the_csv(reviewed, tmp_path):
    document = docx.Document(str(reviewed))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Alle inschrijvers ontvangen tegelijk"))
    document.add_comment(paragraph.runs, text='=HYPERLINK("https://example.invalid")', author="@iemand")
    path = tmp_path / "formule.docx"
    document.save(str(path))
    row = comment_rows(comments(REPO, path))[-1]
    assert row[3] == "'@iemand" and row[5] == "'=HYPERLINK(\"https://example.invalid\")"
