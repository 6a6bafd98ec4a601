"""`bestek gunning` end to end (issue 16): the default project's fictional evaluation gives a letter per bidder and
the proces-verbaal, read back from the real PDFs (tests/pdftext.py): each letter names the winner, the rank, every
criterion with both scores and the end of the standstill period; the proces-verbaal's totals equal a hand
computation. Also the small tender with a price criterion, an open house and reproducibility. Slow: PDFs."""
from __future__ import annotations

import json
import os
import re
import shutil
import stat

import pytest
import yaml
from pypdf import PdfReader

from generator.cli import main
from generator.pipeline import gunning
from tests.award_project import award_project, edit
from tests.conftest import REPO
from tests.pdftext import normalise, pdf_text

BIDDERS = {"veilig-opgroeien": "Stichting Veilig Opgroeien Groene Hart", "de-brug": "Zorgcoöperatie De Brug U.A.",
           "thuishulp-gouwe": "Thuishulp Gouwe B.V."}
END = "eindigt op donderdag 4 juli 2024, 24.00 uur"  # sent on Friday 14 June 2024, 20 calendar days


def copy_default(target):
    target.mkdir()
    for name in ("config.yaml", "content", "releases", "vertrouwelijk"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, target / name)
    return target


@pytest.fixture(scope="module")
def default(tmp_path_factory):
    """The default project, awarded twice (into build/ and into another output folder)."""
    work = tmp_path_factory.mktemp("gunning")
    project = copy_default(work / "project")
    return project, gunning(project), gunning(project, work / "again")


def text(result, name: str, project) -> str:
    return normalise(pdf_text(result.folder / name, project))


def test_the_default_project_gives_a_letter_per_bidder_the_proces_verbaal_and_gunning_json(default):
    project, result, _ = default
    assert result.folder == project / "build" / "vertrouwelijk"
    assert result.files == ("gunning.json", "gunningsbeslissing-de-brug.pdf", "gunningsbeslissing-thuishulp-gouwe.pdf",
                            "gunningsbeslissing-veilig-opgroeien.pdf", "proces-verbaal.pdf")
    assert result.warnings == ()
    assert stat.S_IMODE(os.stat(result.folder).st_mode) == 0o700
    assert {p.name: stat.S_IMODE(os.stat(p).st_mode) for p in result.folder.iterdir()} == dict.fromkeys(
        [*result.files, ".bestek-vertrouwelijk.json"], 0o600)
    for name in result.files[1:]:
        reader = PdfReader(result.folder / name)
        assert reader.metadata is not None and reader.metadata.title.startswith(("Gunningsbeslissing", "Proces-verbaal"))


def test_each_letter_names_the_winner_the_rank_every_criterion_with_its_scores_and_the_standstill_end(default):
    project, result, _ = default
    brug = text(result, "gunningsbeslissing-de-brug.pdf", project)
    assert "Regio Midden-Holland is voornemens perceel 2 (Jeugdbescherming en jeugdreclassering) aan u te gunnen." in brug
    assert "Uw inschrijving staat op de 2e plaats van 2 gerangschikte inschrijvingen." in brug
    assert ("te gunnen aan: Stichting Veilig Opgroeien Groene Hart (totaalscore 70,00) en Zorgcoöperatie De Brug U.A. "
            "(totaalscore 70,00).") in brug
    # every criterion of perceel 2: weight, the bidder's score and points; awarded, it is owed no comparison
    assert ("Criterium Weging Uw inschrijving G1 Passende en effectieve hulp 25% 6 (15,00) G2 Samenwerking met de "
            "lokale toegang en partners 35% 8 (28,00) G3 Kwaliteit, resultaten en leren 25% 6 (15,00) G4 Beschikbaarheid "
            "en inzet van personeel 15% 8 (12,00) Totaalscore 70,00") in brug
    assert "Kenmerken en relatieve voordelen" not in brug
    assert ("Volgens de beslisregel van de aanbestedingsstukken besliste de score op G1 (Passende en effectieve hulp): "
            "Stichting Veilig Opgroeien Groene Hart (8) vóór Zorgcoöperatie De Brug U.A. (6).") in brug
    assert "Uw inschrijving staat op de 1e plaats van 1 gerangschikte inschrijving." in brug  # perceel 5
    assert END in brug and "Rechtbank Den Haag" in brug  # the leidraad's own text on legal protection
    veilig = text(result, "gunningsbeslissing-veilig-opgroeien.pdf", project)
    assert "Uw inschrijving staat op de 1e plaats van 2 gerangschikte inschrijvingen." in veilig
    assert "Uw inschrijving G1 Passende en effectieve hulp 25% 8 (20,00) G2" in veilig and END in veilig
    assert "Kenmerken en relatieve voordelen" not in veilig  # awarded too: De Brug's tender stays confidential
    assert "Thuishulp" not in veilig and "Thuishulp" not in brug  # another bidder's tender is not shown


def test_the_excluded_bidder_is_told_why_who_wins_and_until_when(default):
    project, result, _ = default
    letter = text(result, "gunningsbeslissing-thuishulp-gouwe.pdf", project)
    assert ("Uw inschrijving voor perceel 5 (Praktische ondersteuning en vervoer) wordt terzijde gelegd: zij voldoet niet "
            "aan alle eisen.") in letter
    assert ("De geschiktheidseisen: Kerncompetentie en referentie (G3). De referentie gaat over "
            "schoonmaak van kantoren") in letter
    assert "te gunnen aan: Zorgcoöperatie De Brug U.A. (totaalscore 75,00)." in letter
    assert END in letter and "plaats van" not in letter and "score (punten)" not in letter


def hand_totals() -> dict[tuple[str, str], str]:
    """The totals computed here from the evaluation and the published weights: score / 10 x weight, summed."""
    evaluation = yaml.safe_load((REPO / "vertrouwelijk" / "beoordeling.yaml").read_text(encoding="utf-8"))
    criteria = yaml.safe_load((REPO / "content" / "criteria.yaml").read_text(encoding="utf-8"))["criteria"]
    totals = {}
    for lot in evaluation["evaluations"]:
        for bidder, scores in lot["scores"].items():
            total = sum(s["consensus"] / 10 * next(c["weights"][lot["lot"]] if "weights" in c else c["weight"]
                                                   for c in criteria if c["id"] == criterion)
                        for criterion, s in scores.items())
            totals[lot["lot"], bidder] = f"{total:.2f}".replace(".", ",")
    return totals


def test_the_proces_verbaal_totals_equal_a_hand_computation(default):
    project, result, _ = default
    record = text(result, "proces-verbaal.pdf", project)
    totals = hand_totals()
    assert totals == {("perceel-2", "veilig-opgroeien"): "70,00", ("perceel-2", "de-brug"): "70,00",
                      ("perceel-5", "de-brug"): "75,00"}
    assert ("Stichting Veilig Opgroeien Groene Hart 8 ÷ 10 × 25 = 20,00 6 ÷ 10 × 35 = 21,00 8 ÷ 10 × 25 = 20,00 "
            f"6 ÷ 10 × 15 = 9,00 {totals['perceel-2', 'veilig-opgroeien']} gegund") in record
    assert ("Zorgcoöperatie De Brug U.A. 6 ÷ 10 × 25 = 15,00 8 ÷ 10 × 35 = 28,00 6 ÷ 10 × 25 = 15,00 "
            f"8 ÷ 10 × 15 = 12,00 {totals['perceel-2', 'de-brug']} gegund") in record
    assert ("Zorgcoöperatie De Brug U.A. 8 ÷ 10 × 25 = 20,00 6 ÷ 10 × 25 = 15,00 8 ÷ 10 × 25 = 20,00 "
            f"8 ÷ 10 × 25 = 20,00 {totals['perceel-5', 'de-brug']} gegund") in record
    # every individual and the consensus score, the committee, the tie and the excluded bidder
    assert ("Stichting Veilig Opgroeien Groene Hart, G1 Passende en effectieve hulp: consensusscore 8 Individuele scores: "
            "M. de Jong: 8; S. Yilmaz: 8; P. Bakker: 6" in record)
    assert "M. de Jong Beleidsadviseur jeugd, gemeente Gouda" in record and "R. Visser" in record
    assert "individuele beoordeling op 13 mei 2024; consensusoverleg op 21 mei 2024" in record
    assert ("Zorgcoöperatie De Brug U.A. en Stichting Veilig Opgroeien Groene Hart hadden dezelfde totaalscore (70,00). "
            "Volgens de beslisregel van de aanbestedingsstukken besliste de score op G1") in record
    assert "Uitgesloten inschrijvers en waarom Thuishulp Gouwe B.V.: de geschiktheidseisen: Kerncompetentie" in record
    assert ("Opschortende termijn 20 kalenderdagen (Aw 2012 art. 2.127), van zaterdag 15 juni 2024 tot en met donderdag "
            "4 juli 2024") in record


def test_gunning_json_is_the_award_notice_s_data(default):
    project, result, _ = default
    data = json.loads((result.folder / "gunning.json").read_text(encoding="utf-8"))
    brug = {"id": "de-brug", "name": BIDDERS["de-brug"], "address": "Kerkweg 12, 2741 HA Waddinxveen",
            "identifier": "KvK 90000002", "nuts": "NL365", "size": "small", "concluded": "2024-07-08",
            "source": [39, 5]}
    counts = {"sme": 2, "large": 0, "other_eea": 0, "non_eea": 0}
    assert data == {"format": 1, "date": "2024-06-14", "lots": [
        {"lot": "perceel-2", "tenders": 2, **counts, "source": {"evaluation": [72, 5]}, "winners": [
            {"id": "veilig-opgroeien", "name": BIDDERS["veilig-opgroeien"], "address": "Postbus 4210, 2800 AE Gouda",
             "identifier": "KvK 90000001", "nuts": "NL365", "size": "medium", "value": 1450000,
             "concluded": "2024-07-08", "source": [27, 5]}, dict(brug, value=1325000)]},
        {"lot": "perceel-5", "tenders": 2, **counts, "source": {"evaluation": [131, 5]},
         "winners": [dict(brug, value=875000)]}]}


def test_the_same_evaluation_gives_the_same_bytes(default):
    _, one, two = default
    assert one.files == two.files
    for name in one.files:
        assert (one.folder / name).read_bytes() == (two.folder / name).read_bytes(), name


def test_a_price_criterion_is_scored_by_its_published_formula(tmp_path):
    project = award_project(tmp_path / "project")
    result = gunning(project)
    record = normalise(pdf_text(result.folder / "proces-verbaal.pdf", project))
    # alfa: 10 x 800.000 / 1.000.000 = 8 -> 8 / 10 x 30 = 24; beta the lowest price: 10 -> 30 (tests/award_project.py)
    assert "Stichting Alfa Zorg G3 Prijs € 1.000.000,00 € 800.000,00 8,00" in record
    assert ("Stichting Alfa Zorg 8 ÷ 10 × 50 = 40,00 6 ÷ 10 × 20 = 12,00 8,00 ÷ 10 × 30 = 24,00 76,00 gegund") in record
    assert ("Beta Jeugdhulp B.V. 6 ÷ 10 × 50 = 30,00 8 ÷ 10 × 20 = 16,00 10,00 ÷ 10 × 30 = 30,00 76,00 niet gegund") in record
    letter = normalise(pdf_text(result.folder / "gunningsbeslissing-beta.pdf", project))
    assert "Regio Testland is voornemens perceel 1 (Crisis) niet aan u te gunnen." in letter
    assert ("G3 Prijs: uw prijs € 800.000,00, de laagste prijs € 800.000,00; score = 10 × laagste prijs ÷ prijs van de "
            "inschrijving") in letter
    assert "Ten hoogste 1 aanbieder krijgt een overeenkomst." in letter
    assert "eindigt op maandag 23 juni 2025, 24.00 uur" in letter
    # passed over on perceel 1: the winner's scores and the relative advantages of its tender (Aw 2012 art. 2.130)
    assert ("Criterium Weging Uw inschrijving Stichting Alfa Zorg G1 Visie op passende hulp 50% 6 (30,00) 8 (40,00) "
            "G2 Samenwerking 20% 8 (16,00) 6 (12,00)") in letter
    assert ("Kenmerken en relatieve voordelen van de inschrijving van Stichting Alfa Zorg De inschrijving van Stichting "
            "Alfa Zorg scoort hoger dan de uwe op: G1 Visie op passende hulp: 8 tegen uw 6 (40,00 tegen 30,00 punten) De "
            "commissie motiveerde de scores van Stichting Alfa Zorg als volgt: G1 Visie op passende hulp: score 8 Een "
            "concrete en goed onderbouwde aanpak.") in letter
    alfa = normalise(pdf_text(result.folder / "gunningsbeslissing-alfa.pdf", project))
    assert "is voornemens perceel 1 (Crisis) aan u te gunnen." in alfa
    assert "Kenmerken en relatieve voordelen" not in alfa and "Score Beta" not in alfa  # awarded: owed no comparison
    assert "Stichting Alfa Zorg en Beta Jeugdhulp B.V. hadden dezelfde totaalscore (76,00)." in alfa  # but the tie


def test_an_open_house_gives_admission_decisions_without_a_ranking(tmp_path, capsys):
    project = award_project(tmp_path / "project")
    edit(project, "content/tender.yaml", "procedure: sas", "procedure: open-house")
    (project / "content" / "criteria.yaml").unlink()
    edit(project, "content/documents/aanbestedingsleidraad.md", "{{ gunningscriteria }}", "Geen gunningscriteria.")
    evaluation = project / "vertrouwelijk" / "beoordeling.yaml"
    evaluation.write_text(evaluation.read_text(encoding="utf-8").split("evaluations:")[0], encoding="utf-8")
    assert main(["gunning", "--project", str(project)]) == 0
    folder = project / "build" / "vertrouwelijk"
    assert capsys.readouterr().out == (
        f"Gunning klaar: 3 toelatingsbesluiten, het proces-verbaal in {folder} (alleen voor u leesbaar). "
        "Vertrouwelijk: verstuur elke brief alleen aan de inschrijver zelf.\n")
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "proces-verbaal.pdf", "toelatingsbesluit-alfa.pdf", "toelatingsbesluit-beta.pdf", "toelatingsbesluit-gamma.pdf"]
    alfa = normalise(pdf_text(folder / "toelatingsbesluit-alfa.pdf", project))
    assert "U wordt toegelaten tot perceel 1 (Crisis)." in alfa and "U wordt toegelaten tot perceel 2 (Wonen)." in alfa
    gamma = normalise(pdf_text(folder / "toelatingsbesluit-gamma.pdf", project))
    assert ("U wordt niet toegelaten tot perceel 1 (Crisis): uw aanmelding voldoet niet aan alle eisen. Eisen waaraan u "
            "niet voldoet De geschiktheidseisen: Referentie (G1). De referentie gaat niet over jeugdhulp.") in gamma
    for letter in (alfa, gamma):
        assert "plaats van" not in letter and "score" not in letter.lower() and "opschortende termijn van" not in letter


def test_a_knock_out_is_stated_in_the_letter_and_the_proces_verbaal(tmp_path):
    project = award_project(tmp_path / "project")
    edit(project, "vertrouwelijk/beoordeling.yaml", "g1: {individual: {a: 8, b: 8}, consensus: 8,",
         "g1: {individual: {a: 2, b: 2}, consensus: 2,")
    result = gunning(project)
    letter = normalise(pdf_text(result.folder / "gunningsbeslissing-alfa.pdf", project))
    assert ("Uw inschrijving haalt niet op elk criterium de minimumscore en komt daarom niet voor gunning van perceel 1 "
            "(Crisis) in aanmerking.") in letter
    assert ("Op G1 Visie op passende hulp kreeg uw inschrijving de score 2; de minimumscore van dit criterium is 4."
            in letter)
    assert "te gunnen aan: Beta Jeugdhulp B.V. (totaalscore 76,00)." in letter
    record = normalise(pdf_text(result.folder / "proces-verbaal.pdf", project))
    assert ("Minimumscores Stichting Alfa Zorg: G1 Visie op passende hulp kreeg 2, onder de minimumscore 4; de "
            "inschrijving is niet gerangschikt.") in record
    assert "Stichting Alfa Zorg 2 ÷ 10 × 50 = 10,00 6 ÷ 10 × 20 = 12,00 8,00 ÷ 10 × 30 = 24,00 46,00 afgewezen" in record


def test_a_lot_without_an_admitted_tender_awards_nobody(tmp_path):
    project = award_project(tmp_path / "project")
    evaluation = project / "vertrouwelijk" / "beoordeling.yaml"
    text = evaluation.read_text(encoding="utf-8")
    text = text.replace("    lots: [perceel-a]\n    exclusion: {met: true}",
                        "    lots: [perceel-a]\n    exclusion:\n      met: false\n      unmet:\n"
                        "        - {requirement: uitsl-1, reason: Er is een onherroepelijke veroordeling.}", 1)
    text = text.replace("    requirements: {met: true}\n  - id: beta",
                        "    requirements:\n      met: false\n      unmet:\n        - {requirement: eis-vog, reason: Geen "
                        "VOG-beleid., lots: [perceel-a]}\n  - id: beta", 1)
    start, end = text.index("  - lot: perceel-a"), text.index("  - lot: perceel-b")
    evaluation.write_text(text[:start] + text[end:], encoding="utf-8")
    result = gunning(project)
    letter = normalise(pdf_text(result.folder / "gunningsbeslissing-alfa.pdf", project))
    assert "Geen inschrijving komt voor gunning van perceel 1 (Crisis) in aanmerking." in letter
    assert "Het programma van eisen: VOG (E1). Geen VOG-beleid." in letter
    assert "Regio Testland is voornemens perceel 2 (Wonen) aan u te gunnen." in letter  # perceel 2 stays
    record = normalise(pdf_text(result.folder / "proces-verbaal.pdf", project))
    assert "Geen inschrijving komt voor gunning in aanmerking." in record


def test_a_bidder_passed_over_by_many_winners_sees_them_three_at_a_time(crowded_award):
    """Five winners beside the bidder's own scores would be 8 columns, past the page's edge: the table comes in
    parts of three winners, each with the bidder's own scores (tests/test_pdf_ua.py checks that no glyph of this
    letter leaves the text area)."""
    project, result = crowded_award
    letter = text(result, "gunningsbeslissing-inschrijver-1.pdf", project)
    assert "Regio Benchmark is voornemens perceel 2 (Perceel 2) niet aan u te gunnen." in letter
    parts = re.findall(r"Scores op perceel 2 \(Perceel 2\) \(deel (\d) van 2\): score \(punten\) per criterium "
                       r"Criterium Weging Uw inschrijving ((?:Inschrijver \d+ B\.V\. )+)G7 Criterium 7 29% 2 \(5,80\)",
                       letter)
    heads = [re.findall(r"Inschrijver \d+ B\.V\.", names) for _, names in parts]
    assert [number for number, _ in parts] == ["1", "2"] and [len(h) for h in heads] == [3, 2]
    assert len({name for h in heads for name in h}) == 5  # every winner once
    assert letter.count("Kenmerken en relatieve voordelen van de inschrijving van") >= 5

