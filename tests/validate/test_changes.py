"""validate/changes.py and `bestek release` / `bestek diff`: a published version is recorded, every change
after it is shown and must be accounted for, and a release never changes (issue 15)."""
from __future__ import annotations

import hashlib
import json
import shutil
import textwrap
from pathlib import Path

import pytest

from generator.cli import main
from generator.core.errors import ContentErrors, UsageError
from generator.pipeline import check, diff, release
from tests.conftest import SMALL_PROJECT, write_project

NOTE = "content/documents/notitie.md"
BODY = SMALL_PROJECT[NOTE].replace("Publicatie volgt op [[datum:publicatie]].",
                                   "Publicatie volgt op [[datum:publicatie]].\n\n"
                                   "        ## Planning {#planning}\n\n"
                                   "        Inschrijven kan tot [[datum:inschrijving]].")
TENDER = SMALL_PROJECT["content/tender.yaml"].replace("reference: TL-2026", 'reference: TL-2026\n        version: "1.0"')
QUESTIONS = textwrap.dedent("""\
    rounds:
      - id: r1
        date: 2025-03-20
        questions:
          - id: v1
            document: notitie
            section: planning
            question: Kan de termijn een week langer?
            answer: Ja.
            amendment: De uiterste inschrijfdatum wordt 29 april 2025.
    """)


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    """The small project, released as 1.0 (made once: a release renders PDFs)."""
    project = write_project(tmp_path_factory.mktemp("released") / "project", {
        "config.yaml": "pdf:\n  enabled: true\n", NOTE: BODY, "content/tender.yaml": TENDER,
        "content/questions.yaml": QUESTIONS})
    release(project)
    return project


@pytest.fixture
def project(released, tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(released, copy)
    return copy


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_four(project: Path) -> None:
    """A section, a requirement, a date and a weight."""
    edit(project, NOTE, "De [[regio]] koopt", "Vanaf 2026 koopt de [[regio]]")
    edit(project, "content/requirements.yaml", "heeft een VOG.", "heeft een VOG van ten hoogste een jaar oud.")
    edit(project, "content/tender.yaml", "date: 2025-04-22", "date: 2025-04-29")
    edit(project, "content/criteria.yaml", "weight: 60", "weight: 65")
    edit(project, "content/criteria.yaml", "weight: 40", "weight: 35")


def messages(project: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        check(project)
    return caught.value.messages()


def test_a_release_records_every_document_its_pdf_and_its_content(released):
    folder = released / "releases" / "1.0"
    assert sorted(p.name for p in folder.iterdir()) == ["notitie.pdf", "release.json"]
    record = json.loads((folder / "release.json").read_text(encoding="utf-8"))
    assert record["version"] == "1.0" and record["date"] == "2025-01-15" and record["reference"] == "TL-2026"
    (document,) = record["documents"]
    assert document == {"id": "notitie", "title": "Notitie inkoop", "version": "1.0", "status": "definitief",
                        "kind": "notitie", "date": "2025-01-15", "pdf": "notitie.pdf",
                        "sha256": hashlib.sha256((folder / "notitie.pdf").read_bytes()).hexdigest()}
    sections = record["content"]["documents"]["notitie"]["sections"]
    assert [(s["id"], s["number"], s["title"]) for s in sections] == [
        ("inleiding", "1", "Inleiding"), ("planning", "1.1", "Planning"), ("segmenten", "2", "Segmenten"),
        ("eisen", "2.1", "Eisen")]
    assert sections[1]["text"] == "Inschrijven kan tot [[datum:inschrijving]]."
    data = record["content"]["data"]
    assert data["eis"]["eis-vog"]["text"] == "Iedere medewerker heeft een VOG."
    assert data["mijlpaal"]["inschrijving"]["date"] == "2025-04-22" and data["criterium"]["g2"]["weight"] == 40
    assert data["vraag"]["v1"]["section"] == "planning"


def test_releasing_a_version_twice_is_refused(project, capsys):
    edit(project, NOTE, "De [[regio]] koopt", "Vanaf 2026 koopt de [[regio]]")
    assert main(["release", "--project", str(project)]) == 1
    assert (
        'content/tender.yaml:2:10: versie 1.0 is al uitgebracht (releases/1.0/); een release verandert niet meer: '
        'geef de nieuwe versie een hoger nummer, zoals "1.1"') in capsys.readouterr().err.splitlines()
    assert sorted(p.name for p in (project / "releases").iterdir()) == ["1.0"]


def test_releasing_without_changes_is_refused(project):
    edit(project, "content/tender.yaml", 'version: "1.0"', 'version: "1.1"')
    with pytest.raises(UsageError, match="^er is niets gewijzigd sinds release 1.0; er is niets uit te brengen$"):
        release(project)


def test_diff_shows_a_section_a_requirement_a_date_and_a_weight(project, capsys):
    edit_four(project)
    assert diff(project) == [
        "Wijzigingen sinds release 1.0 (15 januari 2025):", "",
        "notitie (versie 1.0)", "  1 Inleiding: tekst gewijzigd", "",
        "eisen", "  eis eis-vog: tekst gewijzigd ('Iedere medewerker heeft een VOG.' -> 'Iedere medewerker heeft "
                 "een VOG van ten hoogste een jaar oud.')", "",
        "gunningscriteria", "  criterium g1: weging 60 -> 65", "  criterium g2: weging 40 -> 35", "",
        "planning", "  mijlpaal inschrijving: datum 22 april 2025 -> 29 april 2025"]
    assert main(["diff", "1.0", "--project", str(project)]) == 0
    assert "  criterium g2: weging 40 -> 35" in capsys.readouterr().out.splitlines()


def test_every_change_must_be_accounted_for_and_the_version_must_go_up(project):
    edit_four(project)
    hint = "of in content/wijzigingen.yaml (changes: met document, section en reason)"
    assert messages(project) == [
        f"{NOTE}:4:10: 'notitie' is gewijzigd sinds release 1.0, maar heeft nog versie 1.0; geef het document een "
        'hogere versie, zoals "1.1"',
        f"{NOTE}:9:1: paragraaf 1 (Inleiding) van 'notitie' is gewijzigd sinds versie 1.0 (tekst gewijzigd), maar "
        "staat niet in de Nota van Inlichtingen of in wijzigingen.yaml; noem de wijziging bij de vraag die erom vroeg "
        f"(changes: [{{document: notitie, section: inleiding}}]) {hint}",
        f"{NOTE}:14:1: paragraaf 1.1 (Planning) van 'notitie' is gewijzigd sinds versie 1.0 (mijlpaal inschrijving: "
        "datum 22 april 2025 -> 29 april 2025), maar staat niet in de Nota van Inlichtingen of in wijzigingen.yaml; "
        "noem de wijziging bij de vraag die erom vroeg (changes: [{document: notitie, section: planning}]) "
        f"{hint}",
        f"{NOTE}:22:1: paragraaf 2.1 (Eisen) van 'notitie' is gewijzigd sinds versie 1.0 (eis eis-vog: tekst "
        "gewijzigd ('Iedere medewerker heeft een VOG.' -> 'Iedere medewerker heeft een VOG van ten hoogste een jaar "
        "oud.'); criterium g1: weging 60 -> 65; criterium g2: weging 40 -> 35), maar staat niet in de Nota van "
        "Inlichtingen of in wijzigingen.yaml; noem de wijziging bij de vraag die erom vroeg (changes: [{document: "
        f"notitie, section: eisen}}]) {hint}"]
    # accounted for: the question that asked for the later date, and wijzigingen.yaml for the rest
    edit(project, NOTE, 'version: "1.0"', 'version: "1.1"')
    edit(project, "content/questions.yaml", "amendment: De uiterste",
         "changes: [{document: notitie, section: planning}]\n        amendment: De uiterste")
    (project / "content/wijzigingen.yaml").write_text(textwrap.dedent("""\
        changes:
          - document: notitie
            section: inleiding
            reason: Het startjaar staat erbij.
          - document: notitie
            section: eisen
            reason: De VOG-eis en de weging zijn aangepast.
        """), encoding="utf-8")
    _, warnings = check(project)
    substantial = ("dit kan een wezenlijke wijziging zijn (PIANOo, 'Visie: De wezenlijke wijziging'; de toets van "
                   "art. 2.163a Aw 2012 geldt ook tijdens de procedure): had de wijziging in de eerste versie "
                   "gestaan, dan hadden misschien andere inschrijvers meegedaan. Leg in content/wijzigingen.yaml "
                   "onder motivations uit waarom dat hier niet zo is")
    assert [str(w) for w in warnings] == [
        f"content/criteria.yaml:2:9: waarschuwing: criterium g1 is gewijzigd sinds versie 1.0 (weging 60 -> 65); "
        f"{substantial} (about: criterium:g1, motivation: ...)",
        f"content/criteria.yaml:7:9: waarschuwing: criterium g2 is gewijzigd sinds versie 1.0 (weging 40 -> 35); "
        f"{substantial} (about: criterium:g2, motivation: ...)",
        "content/requirements.yaml:2:9: waarschuwing: eis eis-vog is gewijzigd sinds versie 1.0 (tekst gewijzigd "
        "('Iedere medewerker heeft een VOG.' -> 'Iedere medewerker heeft een VOG van ten hoogste een jaar oud.')); "
        f"{substantial} (about: eis:eis-vog, motivation: ...)"]
    with open(project / "content/wijzigingen.yaml", "a", encoding="utf-8") as file:
        file.write("motivations:\n  - about: criterium:g2\n    motivation: Vijf punten verschuiven trekt niemand "
                   "anders aan.\n")
    assert [str(w).split(" is gewijzigd")[0] for w in check(project)[1]] == [
        "content/criteria.yaml:2:9: waarschuwing: criterium g1", "content/requirements.yaml:2:9: waarschuwing: eis eis-vog"]


def test_an_amendment_naming_a_section_that_did_not_change_fails(project):
    edit(project, NOTE, "De [[regio]] koopt", "Vanaf 2026 koopt de [[regio]]")
    edit(project, NOTE, 'version: "1.0"', 'version: "1.1"')
    (project / "content/wijzigingen.yaml").write_text(
        "changes:\n  - document: notitie\n    section: inleiding\n    reason: Startjaar.\n"
        "  - document: notitie\n    section: segmenten\n    reason: Vergissing.\n"
        "motivations:\n  - about: perceel:perceel-9\n    motivation: Geen.\n", encoding="utf-8")
    assert messages(project) == [
        "content/wijzigingen.yaml:6:14: paragraaf 2 (Segmenten) van 'notitie' is niet gewijzigd sinds versie 1.0; "
        "haal deze wijziging weg of noem de paragraaf die wel is gewijzigd",
        "content/wijzigingen.yaml:9:12: 'perceel:perceel-9' is niet gewijzigd sinds versie 1.0; een motivering hoort "
        "bij een wijziging die wezenlijk kan zijn: haal haar weg of noem er een (nu: geen)"]


def test_a_release_that_was_changed_afterwards_is_refused(project):
    pdf = project / "releases/1.0/notitie.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n")
    assert messages(project) == [
        "releases/1.0/release.json:1:1: releases/1.0/notitie.pdf is niet meer het bestand dat in versie 1.0 is "
        "gepubliceerd; een release verandert niet na publicatie: haal de map terug uit uw versiebeheer (git)"]
    (project / "releases/1.0/release.json").write_text("{\"format\": 1}\n", encoding="utf-8")
    assert messages(project)[0].startswith("releases/1.0/release.json:1:1: ")


def test_after_the_next_release_the_old_accounting_counts_no_more(project):
    edit(project, NOTE, "De [[regio]] koopt", "Vanaf 2026 koopt de [[regio]]")
    edit(project, NOTE, 'version: "1.0"', 'version: "1.1"')
    edit(project, "content/tender.yaml", 'version: "1.0"', 'version: "1.1"')
    (project / "content/wijzigingen.yaml").write_text(
        "changes:\n  - document: notitie\n    section: inleiding\n    reason: Startjaar.\n", encoding="utf-8")
    result = release(project)
    assert (result.version, result.changes) == ("1.1", 1)
    check(project)  # the entry accounted for 1.1; it is not 'a section that did not change' since 1.1
    assert diff(project) == ["Geen wijzigingen sinds release 1.1 (15 januari 2025)."]
    record = json.loads((project / "releases/1.1/release.json").read_text(encoding="utf-8"))
    assert [(c["section"], c["descriptions"], c["sources"]) for c in record["changes"]] == [
        ("inleiding", ["tekst gewijzigd"], ["Startjaar."])]


def test_a_change_of_the_organisation_counts_for_the_sections_that_name_it(project):
    edit(project, "content/organisation.yaml", "name: Regio Testland", "name: Regio Proefland")
    assert diff(project)[-2:] == ["de organisatie", "  organisatie naam: gewijzigd ('Regio Testland' -> "
                                                    "'Regio Proefland')"]
    assert [m.split(" (")[0].split(",")[0] for m in messages(project)] == [
        f"{NOTE}:4:10: 'notitie' is gewijzigd sinds release 1.0", f"{NOTE}:9:1: paragraaf 1"]


def test_a_release_without_a_kind_of_data_is_compared_on_what_it_has(project):
    path = project / "releases/1.0/release.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    del record["content"]["data"]["organisatie"]
    path.write_text(json.dumps(record), encoding="utf-8")
    edit(project, "content/organisation.yaml", "name: Regio Testland", "name: Regio Proefland")
    assert diff(project) == ["Geen wijzigingen sinds release 1.0 (15 januari 2025)."]


def test_a_release_json_whose_documents_disagree_with_its_content_is_refused(project):
    path = project / "releases/1.0/release.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["documents"][0]["version"] = "0.9"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert messages(project) == [
        "releases/1.0/release.json:1:1: de gegevens van 'notitie' in de lijst van documenten wijken af van de "
        "vastgelegde inhoud; een release verandert niet na publicatie: haal de map terug uit uw versiebeheer (git)"]


def test_a_requirement_counts_only_for_the_sections_that_show_its_kind(project):
    with open(project / "content/requirements.yaml", "a", encoding="utf-8") as file:
        file.write("  - id: eis-ervaring\n    kind: geschiktheidseis\n    title: Ervaring\n"
                   "    text: Drie referenties.\n    evidence: Referenties.\n    moment: inschrijving\n")
    assert diff(project)[-2:] == ["eisen", "  eis eis-ervaring: nieuw"]
    check(project)  # the notitie shows only {{ eisen soort="minimumeis" }}: nothing to account for
    edit(project, "content/requirements.yaml", "kind: geschiktheidseis", "kind: minimumeis")
    assert [m.split(" (")[0] for m in messages(project)][1:] == [f"{NOTE}:22:1: paragraaf 2.1"]


def test_a_change_of_the_weights_per_lot_reads_per_lot():
    from generator.core.versions import describe_field
    assert describe_field("weights", {"perceel-1": 15, "perceel-2": 20}, {"perceel-1": 20, "perceel-2": 20}) == \
        "weging per perceel: perceel-1 15 -> 20"


def test_a_change_before_the_first_heading_is_accounted_for_as_section_0(project):
    edit(project, NOTE, "---\n\n# Inleiding", "---\n\nVoorwoord.\n\n# Inleiding")
    edit(project, NOTE, 'version: "1.0"', 'version: "1.1"')
    assert messages(project) == [
        f"{NOTE}:8:1: het begin van 'notitie' is gewijzigd sinds versie 1.0 (nieuw), maar staat niet in de Nota van "
        "Inlichtingen of in wijzigingen.yaml; noem de wijziging bij de vraag die erom vroeg (changes: [{document: "
        "notitie, section: \"0\"}]) of in content/wijzigingen.yaml (changes: met document, section en reason)"]
    (project / "content/wijzigingen.yaml").write_text(
        'changes:\n  - document: notitie\n    section: "0"\n    reason: Een voorwoord.\n', encoding="utf-8")
    check(project)


def test_a_release_json_with_a_wrong_pdf_name_is_a_dutch_error(project):
    path = project / "releases/1.0/release.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["documents"][0]["pdf"] = "notitie 1.0.pdf"
    path.write_text(json.dumps(record), encoding="utf-8")
    (message,) = messages(project)  # at the value's position in the file, whatever its layout
    assert message.startswith("releases/1.0/release.json:1:") and message.split(": ", 1)[1] == (
        "'pdf' heeft de ongeldige waarde 'notitie 1.0.pdf': verwacht de naam van de PDF van het document, zoals "
        "aanbestedingsleidraad.pdf; een release verandert niet: haal haar terug uit uw versiebeheer (git)")
