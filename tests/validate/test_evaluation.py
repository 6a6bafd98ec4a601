"""validate/evaluation.py and validate/evaluation_scores.py: every check of the confidential evaluation of
`bestek gunning`, each with its exact message and position (issue 16). No PDFs: these stop before rendering."""
from __future__ import annotations

import pytest

from generator.core.errors import ContentErrors
from generator.load.confidential import load_evaluation
from generator.load.project import load
from generator.model.build import build_model
from generator.model.evaluation import AWARDED, EXCLUDED, KNOCKED_OUT, NOT_AWARDED, Award, build_award
from generator.pipeline import gunning
from tests.award_project import EVALUATION, award, award_project, edit, evaluate

__all__ = ["award"]  # the fixture

E = EVALUATION
#: beta's scores and price made equal to alfa's: a tie on perceel-a that G1 cannot break (82,00 each)
EQUAL = [(E, "g1: {individual: {a: 6, b: 6}, consensus: 6, motivation: De aanpak",
          "g1: {individual: {a: 8, b: 8}, consensus: 8, motivation: De aanpak"),
         (E, "g2: {individual: {a: 8, b: 8}, consensus: 8, motivation: Een overtuigend",
          "g2: {individual: {a: 6, b: 6}, consensus: 6, motivation: Een overtuigend"),
         (E, "beta: {g3: 800000}", "beta: {g3: 1000000}")]
LOTTERY = (E, "    prices:\n      alfa: {g3: 1000000}",
           "    lottery: {order: [beta, alfa], date: 2025-05-20, note: onder toezicht van notaris mr. C. de Wit}\n"
           "    prices:\n      alfa: {g3: 1000000}")


def award_of(project) -> Award:
    loaded = load(project)
    evaluation = load_evaluation(project.resolve(), project.resolve() / "build")
    assert evaluation.document is not None
    return build_award(loaded, build_model(loaded), evaluation.document)


def messages(project, *edits) -> list[str]:
    for relative, old, new in edits:
        edit(project, relative, old, new)
    return evaluate(project)


def test_the_test_project_is_in_order(award):
    assert evaluate(award) == []


# --- scores only on published criteria, only with values of the published scale ---

def test_a_score_on_a_criterion_that_was_never_published(award):
    assert messages(award, (E, "        g2: {individual: {a: 6, b: 6}, consensus: 6, motivation: De samenwerking",
                            "        g9: {individual: {a: 6, b: 6}, consensus: 6, motivation: De samenwerking")) == [
        "vertrouwelijk/beoordeling.yaml:37:9: onbekend gunningscriterium 'g9' (bekend: g1, g2, g3)"]


def test_a_score_that_is_not_on_the_published_scale(award):
    assert messages(award, (E, "g1: {individual: {a: 8, b: 8}, consensus: 8,",
                            "g1: {individual: {a: 7, b: 8}, consensus: 9,")) == [
        "vertrouwelijk/beoordeling.yaml:36:30: score 7 staat niet op de schaal van G1 (Visie op passende hulp) "
        "(0 - 2 - 4 - 6 - 8 - 10); geef een van die scores",
        "vertrouwelijk/beoordeling.yaml:36:51: consensusscore 9 staat niet op de schaal van G1 (Visie op passende "
        "hulp) (0 - 2 - 4 - 6 - 8 - 10); geef een van die scores"]


def test_a_score_on_a_price_criterion_and_a_price_on_a_quality_criterion(award):
    assert messages(award, (E, "beta: {g3: 800000}", "beta: {g1: 800000}"),
                    (E, "        g1: {individual: {a: 6, b: 6}, consensus: 6, motivation: De aanpak blijft op "
                        "onderdelen algemeen.}",
                     "        g1: {individual: {a: 6, b: 6}, consensus: 6, motivation: De aanpak blijft op "
                     "onderdelen algemeen.}\n        g3: {individual: {a: 6, b: 6}, consensus: 6}")) == [
        "vertrouwelijk/beoordeling.yaml:40:9: G3 (Prijs) is een prijscriterium: de score volgt uit de prijsformule "
        "van de leidraad; geef de prijs onder prices",
        "vertrouwelijk/beoordeling.yaml:44:7: de prijs van 'beta' voor G3 (Prijs) ontbreekt",
        "vertrouwelijk/beoordeling.yaml:44:14: 'g1' is geen prijscriterium van perceel 1 (Crisis) (prijscriteria: g3); "
        "een kwaliteitscriterium krijgt scores, geen prijs"]


def test_the_published_scale_must_be_numbers_and_a_price_criterion_needs_its_formula(award):
    assert messages(award, ("content/criteria.yaml", "    formula: {method: relatief}\n", ""),
                    ("content/criteria.yaml", "    scoring: 0 - 2 - 4 - 6 - 8 - 10\n    min_score: 4",
                     "    scoring: onvoldoende - voldoende - goed\n    min_score: 4")) == [
        "content/criteria.yaml:9:14: criterium 'g1' heeft de schaal 'onvoldoende - voldoende - goed'; de commissie "
        "scoort op de getallen van de gepubliceerde schaal: schrijf ze als scoring: 0 - 2 - 4 - 6 - 8 - 10",
        "content/criteria.yaml:17:5: prijscriterium 'g3' heeft geen prijsformule; 'bestek gunning' rekent alleen met de "
        "formule die de leidraad publiceert: voeg formula toe (method: relatief of klassen, zie docs/award.md)"]


# --- every evaluator's score for every bidder and criterion ---

def test_an_evaluators_score_is_missing(award):
    assert messages(award, (E, "g1: {individual: {a: 8, b: 8}, consensus: 8,", "g1: {individual: {a: 8}, consensus: 8,")) == [
        "vertrouwelijk/beoordeling.yaml:36:26: de score van 'b' ontbreekt; elk lid van de commissie voor perceel 1 "
        "(Crisis) scoort elk criterium zelfstandig (evaluators: a, b)"]


def test_a_criterion_is_missing_for_an_admitted_bidder(award):
    assert messages(award, (E, "        g2: {individual: {a: 8, b: 8}, consensus: 8, motivation: Een overtuigend "
                               "voorbeeld van een overdracht.}\n", "")) == [
        "vertrouwelijk/beoordeling.yaml:38:7: de scores van 'beta' op perceel 1 (Crisis) missen G2 (Samenwerking)"]


def test_an_admitted_bidder_without_scores_and_an_evaluator_outside_the_committee(award):
    assert messages(award, (E, "    scores:\n      alfa:\n        g1: {individual: {a: 6, b: 6}",
                            "    scores:\n      beta:\n        g1: {individual: {a: 6, b: 6}"),
                    (E, "- lot: perceel-b\n    evaluators: [a, b]", "- lot: perceel-b\n    evaluators: [a, c]")) == [
        "vertrouwelijk/beoordeling.yaml:45:21: onbekend commissielid 'c' (bekend: a, b)",
        "vertrouwelijk/beoordeling.yaml:46:5: inschrijver 'alfa' is toegelaten tot perceel 2 (Wonen) maar heeft geen "
        "scores; geef onder scores voor elk criterium (g1, g2) de scores van de commissie",
        "vertrouwelijk/beoordeling.yaml:47:7: inschrijver 'beta' schreef niet in op perceel 2 (Wonen) (wel op: "
        "perceel-a)"]


def test_a_lot_with_admitted_bidders_needs_an_evaluation(award):
    assert messages(award, (E, "  - lot: perceel-b\n", "  - lot: perceel-x\n")) == [
        "vertrouwelijk/beoordeling.yaml:31:1: perceel 2 (Wonen) heeft geen beoordeling, terwijl 1 inschrijver erop is "
        "toegelaten (alfa); voeg onder evaluations een beoordeling toe met lot: perceel-b",
        "vertrouwelijk/beoordeling.yaml:44:10: onbekend perceel 'perceel-x'; bedoelt u 'perceel-b'? (bekend: perceel-a, "
        "perceel-b)"]


# --- a consensus score has a motivation; one far from the individual scores gets a warning ---

def test_a_consensus_score_without_motivation(award):
    assert messages(award, (E, "consensus: 8, motivation: Een concrete en goed onderbouwde aanpak.}", "consensus: 8}")) == [
        "vertrouwelijk/beoordeling.yaml:36:51: deze consensusscore heeft geen motivering; schrijf onder motivation "
        "waarom de commissie deze score gaf (de motivering komt in de gunningsbeslissing: Aw 2012 art. 2.130)"]


def test_a_consensus_far_from_the_individual_scores_is_a_warning(award):
    assert messages(award, (E, "g1: {individual: {a: 6, b: 6}, consensus: 6, motivation: De aanpak blijft",
                            "g1: {individual: {a: 2, b: 2}, consensus: 6, motivation: De aanpak blijft")) == [
        "vertrouwelijk/beoordeling.yaml:39:51: waarschuwing: de consensusscore 6 ligt ver van de individuele scores "
        "(2, 2); licht in de motivering toe hoe de commissie tot deze score kwam"]


def test_one_step_of_the_scale_away_is_not_far(award):
    assert messages(award, (E, "g1: {individual: {a: 6, b: 6}, consensus: 6, motivation: De aanpak blijft",
                            "g1: {individual: {a: 4, b: 4}, consensus: 6, motivation: De aanpak blijft")) == []


# --- an excluded or unsuitable bidder cannot be ranked; a knock-out is applied ---

def test_an_excluded_bidder_cannot_be_scored(award):
    assert messages(award, (E, "      beta:\n        g1:", "      gamma:\n        g1: {individual: {a: 6, b: 6}, "
                               "consensus: 6}\n      beta:\n        g1:")) == [
        "vertrouwelijk/beoordeling.yaml:38:7: inschrijver 'gamma' voldoet niet aan de geschiktheidseisen: geschikt-1 "
        "en wordt daarom niet beoordeeld of gerangschikt op perceel 1 (Crisis); haal deze scores weg (of zet de "
        "uitkomst van de toets op voldaan als die niet klopt)"]


def test_a_score_below_the_minimum_knocks_the_bid_out_and_the_other_is_awarded(award):
    edit(award, E, "g1: {individual: {a: 8, b: 8}, consensus: 8,", "g1: {individual: {a: 2, b: 2}, consensus: 2,")
    assert evaluate(award) == []
    result = award_of(award)
    outcomes = {bid.bidder.id: (bid.outcome, bid.rank, str(bid.total)) for bid in result.lots[0].bids}
    # alfa: G1 2 -> 10, G2 6 -> 12, price 1.000.000 -> 24; 46,00 but below the minimum 4 on G1: not ranked
    assert outcomes == {"beta": (AWARDED, 1, "76.00"), "alfa": (KNOCKED_OUT, None, "46.00"),
                        "gamma": (EXCLUDED, None, "None")}
    assert [s.below_minimum for s in result.lots[0].bid_of("alfa").scores] == [True, False, False]


def test_the_tests_of_a_bidder_name_the_requirement_of_the_right_kind(award):
    assert messages(award, (E, "        - requirement: geschikt-1", "        - requirement: eis-vog")) == [
        "vertrouwelijk/beoordeling.yaml:28:24: eis 'eis-vog' is een minimumeis, geen geschiktheidseis; noem een eis van "
        "die soort (bekend: geschikt-1)"]


def test_met_and_unmet_must_agree(award):
    assert messages(award, (E, "    suitability:\n      met: false", "    suitability:\n      met: true"),
                    (E, "    lots: [perceel-a]\n    exclusion: {met: true}", "    lots: [perceel-a]\n    exclusion: "
                                                                            "{met: false}")) == [
        "vertrouwelijk/beoordeling.yaml:17:16: de toets aan de uitsluitingsgronden staat op niet voldaan (met: false); "
        "noem onder unmet elke eis waaraan niet is voldaan en waarom (requirement: ..., reason: ...): de beslissing "
        "moet dat motiveren (Aw 2012 art. 2.130)",
        "vertrouwelijk/beoordeling.yaml:26:7: de toets aan de geschiktheidseisen staat op voldaan (met: true), maar "
        "unmet noemt eisen waaraan niet is voldaan; zet met: false, of haal unmet weg"]


def test_the_lots_of_a_bidder(award):
    assert messages(award, (E, "    lots: [perceel-a, perceel-b]", "    lots: [perceel-a, perceel-c]"),
                    (E, "    address: Dorpsstraat 2, 1000 AB Oostdorp\n    lots: [perceel-a]\n",
                     "    address: Dorpsstraat 2, 1000 AB Oostdorp\n")) == [
        "vertrouwelijk/beoordeling.yaml:9:23: onbekend perceel 'perceel-c'; bedoelt u 'perceel-b'? (bekend: perceel-a, "
        "perceel-b)",
        "vertrouwelijk/beoordeling.yaml:13:5: inschrijver 'beta' noemt niet op welke percelen hij inschreef; schrijf "
        "lots: [perceel-a] (percelen: perceel-a, perceel-b)"]


def test_an_unknown_bidder_is_one_message(award):
    assert messages(award, (E, "      beta:\n        g1:", "      betta:\n        g1:")) == [
        "vertrouwelijk/beoordeling.yaml:38:7: onbekende inschrijver 'betta'; bedoelt u 'beta'? (bekend: alfa, beta, "
        "gamma)"]


# --- dates: the send date after the submission deadline, the standstill period before the final award ---

def test_the_send_date_must_be_after_the_submission_deadline(award):
    assert messages(award, (E, "send_date: 2025-06-03", "send_date: 2025-04-22")) == [
        "vertrouwelijk/beoordeling.yaml:1:12: de beslissingen worden verzonden op 22 april 2025, maar de inschrijving "
        "sluit pas op 22 april 2025, 10.00 uur (mijlpaal 'inschrijving'); kies een verzenddatum na de sluiting van "
        "de inschrijving"]


def test_the_standstill_period_must_end_before_the_planned_final_award(award):
    assert messages(award, (E, "send_date: 2025-06-03", "send_date: 2025-06-12")) == [
        "vertrouwelijk/beoordeling.yaml:1:12: de opschortende termijn van 20 kalenderdagen na verzending op 12 juni 2025 "
        "eindigt op 2 juli 2025, niet vóór de geplande definitieve gunning op 30 juni 2025 (mijlpaal "
        "'definitieve-gunning', Aw 2012 art. 2.127); verzend de beslissingen uiterlijk op 9 juni 2025, of verschuif de "
        "definitieve gunning in tender.yaml"]


def test_the_last_day_that_fits_is_accepted(award):
    # ends on Sunday 29 June, the final award is on 30 June: no error, only the warning for the weekend
    assert [m.split(": waarschuwing: ")[1][:55] for m in messages(award, (E, "send_date: 2025-06-03",
                                                                           "send_date: 2025-06-09"))] == [
        "de opschortende termijn eindigt op zondag 29 juni 2025;"]


def test_a_standstill_period_shorter_than_the_law_allows(award):
    assert messages(award, (E, "send_date: 2025-06-03", "send_date: 2025-06-03\nstandstill_days: 15")) == [
        "vertrouwelijk/beoordeling.yaml:2:18: de opschortende termijn is 15 dagen; minimaal 20 kalenderdagen (Aw 2012 "
        "art. 2.127): schrijf standstill_days: 20 of meer, of laat het veld weg"]


def test_a_standstill_period_that_ends_in_a_weekend_is_a_warning(award):
    assert messages(award, (E, "send_date: 2025-06-03", "send_date: 2025-06-02")) == [
        "vertrouwelijk/beoordeling.yaml:1:12: waarschuwing: de opschortende termijn eindigt op zondag 22 juni 2025; op "
        "die dag kan een inschrijver geen kort geding aanhangig maken, en of de Algemene termijnenwet de termijn "
        "verlengt is niet zeker: kies een verzenddatum of een langere termijn (standstill_days) zodat zij op een "
        "werkdag eindigt"]


# --- ties: the published rule is applied; without one, a tie is an error ---

def test_a_tie_without_a_published_rule_is_an_error(award):
    assert messages(award, ("content/criteria.yaml", "tie_break: [g1, loting]\n", "")) == [
        "vertrouwelijk/beoordeling.yaml:32:10: op perceel 1 (Crisis) hebben Stichting Alfa Zorg en Beta Jeugdhulp B.V. "
        "dezelfde totaalscore (76,00), en de aanbestedingsstukken geven geen beslisregel bij een gelijke totaalscore "
        "(tie_break in content/criteria.yaml); zo is de rangorde niet vast te stellen, en een regel achteraf toevoegen "
        "mag niet (gelijke behandeling, Aw 2012 art. 1.8): leg dit voor aan uw jurist"]


def test_a_tie_the_rule_cannot_break_is_an_error(award):
    assert messages(award, ("content/criteria.yaml", "tie_break: [g1, loting]", "tie_break: [g1]"), *EQUAL) == [
        "vertrouwelijk/beoordeling.yaml:32:10: op perceel 1 (Crisis) hebben Stichting Alfa Zorg en Beta Jeugdhulp B.V. "
        "dezelfde totaalscore (82,00) en ook de beslisregel van de aanbestedingsstukken (G1) maakt geen verschil; zo is "
        "de rangorde niet vast te stellen: leg dit voor aan uw jurist"]


def test_a_rule_that_ends_in_a_lottery_needs_its_result(award):
    assert messages(award, *EQUAL) == [
        "vertrouwelijk/beoordeling.yaml:32:10: op perceel 1 (Crisis) hebben Stichting Alfa Zorg en Beta Jeugdhulp B.V. "
        "dezelfde totaalscore (82,00), ook na de beslisregel (G1, loting); volgens de leidraad beslist dan loting: leg "
        "de uitkomst vast onder lottery (order: [alfa, beta] in de getrokken volgorde, date: de dag van de loting)"]


def test_the_recorded_lottery_decides_and_a_needless_one_is_an_error(award, tmp_path):
    assert messages(award, *EQUAL, LOTTERY) == []
    lot = award_of(award).lots[0]
    assert [(b.bidder.id, b.outcome, b.rank) for b in lot.ranked] == [("beta", AWARDED, 1), ("alfa", NOT_AWARDED, 2)]
    assert lot.ties[0].steps == ("g1", "loting") and lot.ties[0].order == ("beta", "alfa")
    other = award_project(tmp_path / "other")
    assert messages(other, LOTTERY) == [
        "vertrouwelijk/beoordeling.yaml:41:5: er is geen gelijke stand die door loting beslist moet worden; haal "
        "lottery weg"]


def test_the_tie_of_the_test_project_is_broken_by_g1(award):
    lot = award_of(award).lots[0]
    assert [(b.bidder.id, b.outcome, b.rank, str(b.total)) for b in lot.ranked] == [
        ("alfa", AWARDED, 1, "76.00"), ("beta", NOT_AWARDED, 2, "76.00")]  # ten hoogste 1 aanbieder
    assert lot.ties[0].steps == ("g1",) and lot.ties[0].unresolved == ()


# --- the file, the published tender and the leidraad ---

def test_an_unknown_field_of_the_evaluation(award):
    assert messages(award, (E, "send_date: 2025-06-03", "send_date: 2025-06-03\nverzenddatum: 2025-06-03")) == [
        "vertrouwelijk/beoordeling.yaml:2:1: onbekend veld 'verzenddatum' (toegestaan: bidders, committee, evaluations, "
        "send_date, signatory, standstill_days, standstill_exception, supervisor)"]


def test_an_id_used_twice(award):
    assert messages(award, (E, "  - {id: b, name: B. Bos, role: Contractmanager}",
                            "  - {id: a, name: B. Bos, role: Contractmanager}")) == [
        "vertrouwelijk/beoordeling.yaml:4:10: het id 'a' staat er twee keer (eerder op regel 3); geef elk een eigen id"]


def test_a_missing_evaluation(tmp_path):
    project = award_project(tmp_path / "project", {EVALUATION: None})
    assert evaluate(project) == [
        "vertrouwelijk/beoordeling.yaml:1:1: het bestand ontbreekt; het bevat de vertrouwelijke beoordeling van de "
        "inschrijvingen (zie docs/award.md): maak de map vertrouwelijk/ naast content/ en zet daarin beoordeling.yaml"]


def test_the_leidraad_must_say_how_to_object(award):
    assert messages(award, ("content/documents/aanbestedingsleidraad.md", "# Rechtsbescherming\n\n## Opschortende",
                            "# Bezwaar\n\n## Opschortende")) == [
        "content/documents/aanbestedingsleidraad.md:1:1: de aanbestedingsleidraad heeft geen paragraaf over de "
        "rechtsbescherming; de gunningsbeslissing zegt hoe en waar een inschrijver bezwaar kan maken, zoals de leidraad "
        "het beschrijft: voeg een kop '# Rechtsbescherming' toe"]


def test_an_open_house_admits_and_does_not_rank(award):
    edit(award, "content/tender.yaml", "procedure: sas", "procedure: open-house")
    (award / "content" / "criteria.yaml").unlink()
    edit(award, "content/documents/aanbestedingsleidraad.md", "{{ gunningscriteria }}", "Geen gunningscriteria.")
    assert evaluate(award) == [
        "vertrouwelijk/beoordeling.yaml:31:1: bij open house worden inschrijvers niet beoordeeld en gerangschikt (HvJ "
        "EU 2 juni 2016, C-410/14, Falk Pharma); het toelatingsbesluit zegt alleen of zij aan de eisen voldoen: haal "
        "evaluations weg"]


def test_the_errors_of_the_project_and_of_the_evaluation_come_together(award):
    edit(award, "content/segments.yaml", "    ambition: Zo thuis", "    ambitie: Zo thuis")
    edit(award, E, "send_date: 2025-06-03", "send_date: [2025-06-03")
    with pytest.raises(ContentErrors) as caught:
        gunning(award)
    assert caught.value.messages() == [
        "content/segments.yaml:10:5: verplicht veld 'ambition' ontbreekt; voeg een regel 'ambition: ...' toe",
        "content/segments.yaml:14:5: onbekend veld 'ambitie'; bedoelt u 'ambition'?",
        "vertrouwelijk/beoordeling.yaml:2:10: een lijst tussen [ ] is niet goed afgesloten"]
    assert not (award / "build").exists()


# --- a likely leak: a bidder's name or a motivation in a public document ---

def test_the_leak_search_finds_exactly_what_searching_every_text_finds():
    """validate/evaluation.py leaks() searches a needle only in the texts holding all its runs of word characters;
    on texts made to trip it (case, the characters re.IGNORECASE matches with ASCII letters, white space, words
    run together, punctuation, accents) it gives what the pattern searched in every text gives."""
    import random
    import re

    from generator.validate.evaluation import leaks

    pieces = ["Inschrijver", "inSCHRIJVER", "10", "B.V.", "b.v", "B.V.x", "xB.V.", "Zorg", "ZORG", "zorg-", "Kwaliteit",
              "\u212awaliteit", "Ba\u017fis", "ba\u017fis", "basis", "\u0130nzet", "\u0131nzet", "inzet", "café",
              "CAFÉ", "é", "(", ")", ",", ".", "'s-Hertogenbosch", "_", "a_b", "Zorg10", "\n", "  ", "\t"]
    needles = ["Inschrijver 10 B.V.", "Zorg", "Kwaliteit basis", "inzet café", "'s-Hertogenbosch", "B.V.", "a_b",
               "Café zorg", "Ba\u017fis", "\u212awaliteit", "Zorg10", "..."]
    chance = random.Random(19)
    texts = [" ".join(chance.choice(pieces) for _ in range(chance.randint(0, 30))) for _ in range(400)]
    texts += list(needles) + [needle.upper() for needle in needles]

    def every_text():
        patterns = [re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, n.split())) + r"(?!\w)", re.IGNORECASE)
                    for n in needles]
        return [(i, j, found.span()) for i, text in enumerate(texts) for j, pattern in enumerate(patterns)
                if (found := pattern.search(text)) is not None]

    expected = every_text()
    assert len(expected) > 150 and len({j for _, j, _ in expected}) == len(needles)  # every needle found somewhere
    assert [(i, j, found.span()) for i, j, found in leaks(texts, needles)] == expected


def test_a_bidder_name_or_a_motivation_in_a_public_document_is_a_warning(award):
    assert messages(award, ("content/documents/aanbestedingsleidraad.md", "de Rechtbank Den Haag.",
                            "de Rechtbank Den Haag. Vorig jaar won Stichting Alfa  Zorg.\n\nUit de beoordeling: de "
                            "samenwerking met de wijkteams en de huisartsen is voldoende beschreven."),
                    (E, "motivation: De samenwerking is voldoende beschreven.}",
                     "motivation: De samenwerking met de wijkteams en de huisartsen is voldoende beschreven.}"),
                    ("content/segments.yaml", "description: Beschermd wonen en verblijf.",
                     "description: Beschermd wonen en verblijf, zoals bij Beta Jeugdhulp B.V.")) == [
        "content/documents/aanbestedingsleidraad.md:30:39: waarschuwing: hier staat de naam van inschrijver 'alfa' "
        "('Stichting Alfa  Zorg'); dit bestand wordt gepubliceerd en de beoordeling is vertrouwelijk: haal de tekst "
        "hier weg als hij uit de beoordeling komt",
        "content/documents/aanbestedingsleidraad.md:32:21: waarschuwing: hier staat een zin uit een motivering van de "
        "beoordeling ('de samenwerking met de wijkteams en de huisartsen is voldoen'); dit bestand wordt gepubliceerd "
        "en de beoordeling is vertrouwelijk: haal de tekst hier weg als hij uit de beoordeling komt",
        "content/segments.yaml:15:57: waarschuwing: hier staat de naam van inschrijver 'beta' ('Beta Jeugdhulp B.V.'); "
        "dit bestand wordt gepubliceerd en de beoordeling is vertrouwelijk: haal de tekst hier weg als hij uit de "
        "beoordeling komt"]
