"""validate/award_rules.py and core/scoring.py: the award rules a tender publishes in criteria.yaml (a price
criterion's formula, the tie-break rule, the maximum number of awarded bidders), their checks with exact messages,
their words in {{ gunningscriteria }} and the arithmetic `bestek gunning` applies (issue 16)."""
from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

from generator.core.scoring import PriceBand, PriceFormula, fixed, scale_values, standstill_end, tie_break_text
from generator.pipeline import check
from generator.render.environment import make_environment
from generator.render.outputs import render
from generator.render.site import build_date
from tests.award_project import award, edit, evaluate

__all__ = ["award"]  # the fixture

C = "content/criteria.yaml"


def test_a_relative_price_formula_scores_against_the_lowest_price():
    formula = PriceFormula("relatief")
    assert formula.score(Fraction(1_000_000), Fraction(800_000)) == Fraction(8)
    assert formula.score(Fraction(800_000), Fraction(800_000)) == Fraction(10)
    assert formula.describe() == ("score = 10 × laagste prijs ÷ prijs van de inschrijving (de laagste prijs krijgt 10, "
                                  "een twee keer zo hoge prijs 5); punten = score ÷ 10 × weging")


def test_price_bands_give_the_score_of_the_first_band_the_price_fits():
    formula = PriceFormula("klassen", 10, (PriceBand(900_000, 10), PriceBand(1_000_000, 6), PriceBand(None, 0)))
    assert [formula.score(Fraction(p), Fraction(0)) for p in (850_000, 900_000, 900_001, 2_000_000)] == [10, 10, 6, 0]
    assert formula.describe() == ("tot en met € 900.000: score 10; tot en met € 1.000.000: score 6; hoger: score 0; "
                                  "punten = score ÷ 10 × weging")


def test_totals_are_fixed_at_two_decimals_half_up_and_scales_are_read_as_numbers():
    assert fixed(Fraction(7645, 100)) == Decimal("76.45")
    assert fixed(Fraction(1, 200)) == Decimal("0.01")  # 0,005 rounds up
    assert fixed(Fraction(2, 3)) == Decimal("0.67")
    assert scale_values("0 - 2 - 4 - 6 - 8 - 10") == tuple(Fraction(n) for n in (0, 2, 4, 6, 8, 10))
    assert scale_values("1, 2,5, 5") == (Fraction(1), Fraction(5, 2), Fraction(5))
    assert scale_values("onvoldoende - goed") is None


def test_the_tie_break_rule_in_words_and_the_standstill_end():
    labels = {"g1": "G1 (Visie)", "g2": "G2 (Samenwerking)"}
    assert tie_break_text(("g1", "g2", "loting"), labels) == (
        "Bij een gelijke totaalscore gaat de inschrijver met de hoogste score op G1 (Visie) voor; is ook die gelijk, "
        "dan die met de hoogste score op G2 (Samenwerking); is ook die gelijk, dan beslist loting.")
    assert tie_break_text(("loting",), labels) == "Bij een gelijke totaalscore beslist loting."
    # the period starts the day after sending; 20 calendar days after Friday 14 June 2024 is Thursday 4 July
    assert standstill_end(datetime.date(2024, 6, 14), 20) == datetime.date(2024, 7, 4)


def test_the_gunningscriteria_block_shows_the_formula_the_maximum_and_the_tie_break_rule(award):
    project, _ = check(award)
    pages = render(project, make_environment(award), build_date(project, None), with_pdf=False).files
    html = pages["site/documenten/aanbestedingsleidraad.html"].decode("utf-8")
    assert ("<em>Prijsformule:</em> score = 10 × laagste prijs ÷ prijs van de inschrijving (de laagste prijs krijgt 10, "
            "een twee keer zo hoge prijs 5); punten = score ÷ 10 × weging</td>") in html
    assert ('<tr><th scope="row">Maximumaantal aanbieders</th><td class="number">1</td><td class="number">geen</td>'
            '</tr>') in html
    assert ('<p class="block-gelijke-stand">Bij een gelijke totaalscore gaat de inschrijver met de hoogste score op G1 '
            '(Visie op passende hulp) voor; is ook die gelijk, dan beslist loting.</p>') in html


def test_a_formula_belongs_to_a_price_criterion_and_its_bands_run_from_low_to_high(award):
    edit(award, C, "    formula: {method: relatief}",
         "    formula: {method: klassen, bands: [{max_price: 10, score: 10}, {max_price: 5, score: 12}]}")
    edit(award, C, "    scoring: 0 - 2 - 4 - 6 - 8 - 10\n    min_score: 4",
         "    scoring: 0 - 2 - 4 - 6 - 8 - 10\n    min_score: 4\n    formula: {method: relatief}")
    assert evaluate(award) == [
        "content/criteria.yaml:11:5: een prijsformule hoort alleen bij een prijscriterium (kind: prijs); haal formula "
        "weg of maak het criterium een prijscriterium",
        "content/criteria.yaml:23:80: de laatste prijsklasse geldt voor elke hogere prijs en heeft dus geen max_price: "
        "haal max_price weg, of voeg een klasse toe (- score: 0)",
        "content/criteria.yaml:23:80: de prijsklassen lopen van laag naar hoog: € 5 moet hoger zijn dan de klasse "
        "ervoor (€ 10)",
        "content/criteria.yaml:23:90: score 12 is hoger dan de hoogste score van de formule (10); schrijf een score van "
        "0 tot en met 10"]


def test_bands_belong_to_the_method_klassen(award):
    edit(award, C, "    formula: {method: relatief}", "    formula: {method: relatief, bands: [{score: 10}]}")
    assert evaluate(award) == [
        "content/criteria.yaml:22:33: prijsklassen (bands) horen bij method: klassen; bij method: relatief volgt de "
        "score uit de laagste prijs: haal bands weg"]
    edit(award, C, "{method: relatief, bands: [{score: 10}]}", "{method: klassen}")
    assert evaluate(award) == [
        "content/criteria.yaml:22:5: method: klassen heeft prijsklassen nodig (bands: - {max_price: 900000, score: 10} "
        "... - {score: 0}); of kies method: relatief"]
    edit(award, C, "{method: klassen}", "{method: klassen, bands: [{score: 6}, {max_price: 9, score: 0}]}")
    assert evaluate(award)[0] == (
        "content/criteria.yaml:22:40: alleen de laatste prijsklasse is zonder max_price (zij geldt voor elke hogere "
        "prijs); geef deze klasse een max_price")


def test_the_tie_break_rule_names_criteria_and_ends_with_a_lottery(award):
    edit(award, C, "tie_break: [g1, loting]", "tie_break: [loting, g9, g1, g1]")
    assert evaluate(award) == [
        "content/criteria.yaml:1:13: loting beslist als laatste stap: na de loting is er geen gelijke stand meer; zet "
        "loting achteraan",
        "content/criteria.yaml:1:21: onbekend gunningscriterium 'g9' in de beslisregel (bekend: g1, g2, g3, en als "
        "laatste stap loting)",
        "content/criteria.yaml:1:29: 'g1' staat al eerder in de beslisregel; noem elke stap één keer"]


def test_the_maximum_number_of_providers_per_lot(award):
    edit(award, C, "max_providers: {perceel-a: 1}", "max_providers: {perceel-c: 1, perceel-b: 0}")
    assert evaluate(award) == [
        "content/criteria.yaml:2:28: onbekend perceel 'perceel-c'; bedoelt u 'perceel-b'? (bekend: perceel-a, "
        "perceel-b)",
        "content/criteria.yaml:2:42: het maximumaantal aanbieders is een geheel getal vanaf 1, zoals max_providers: "
        "{perceel-a: 2}; laat een perceel zonder maximum weg"]
    edit(award, C, "max_providers: {perceel-c: 1, perceel-b: 0}", "max_providers: 2")
    assert evaluate(award) == [
        "content/criteria.yaml:2:16: de opdracht heeft percelen: noem het maximumaantal aanbieders per perceel, zoals "
        "max_providers: {perceel-a: 2} (percelen: perceel-a, perceel-b)"]


def test_a_criterion_may_not_take_the_id_of_the_award_rules(award):
    edit(award, C, "  - id: g2\n", "  - id: gunningsregels\n")
    assert evaluate(award)[0] == (
        "content/criteria.yaml:11:9: het id 'gunningsregels' is gereserveerd voor de regels van de gunning "
        "(tie_break, max_providers); geef dit criterium een ander id")
