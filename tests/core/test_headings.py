"""core/headings.py: heading attributes, numbers and ids."""
from __future__ import annotations

import pytest

from generator.core.headings import (
    Attributes,
    find,
    find_lid,
    id_problem,
    is_number,
    parse_attributes,
    sections,
    slugify,
)
from generator.core.markdown import outline


@pytest.mark.parametrize("text, attributes, rest", [
    ("Samenvatting {-}", Attributes(numbered=False), "Samenvatting"),
    ("Vragen {bijlage}", Attributes(appendix=True), "Vragen"),
    ("Planning {#planning}", Attributes(id="planning"), "Planning"),
    ("Samenvatting {- #samenvatting}", Attributes(numbered=False, id="samenvatting"), "Samenvatting"),
    ("Vragen {#vragenlijst bijlage}", Attributes(appendix=True, id="vragenlijst"), "Vragen"),
    ("Inleiding { - }  ", Attributes(numbered=False), "Inleiding"),
    ("Betaling {nummer=16}", Attributes(number=16), "Betaling"),
    ("Betaling {nummer=16 #betaling}", Attributes(id="betaling", number=16), "Betaling"),
])
def test_attribute_groups_are_read(text, attributes, rest):
    assert parse_attributes(text) == (attributes, rest)


@pytest.mark.parametrize("text", ["Inleiding {geen}", "Inleiding {}", "Inleiding {- -}", "Inleiding {#a #b}",
                                  "Inleiding {#3.2}", "Inleiding {#Planning}", "Inleiding {#eis-vog}",
                                  "Inleiding {{ eisen }}", "Inleiding",
                                  "Slot {nummer=0}", "Slot {nummer=x}", "Slot {- nummer=3}", "Slot {nummer=3 bijlage}",
                                  "Slot {nummer=3 nummer=4}", "Slot {nummer=١٢}"])
def test_what_is_no_attribute_group_stays_in_the_text(text):
    assert parse_attributes(text) == (None, text)


def test_id_problems_say_what_to_write():
    assert id_problem("planning") is None
    assert id_problem("Planning") == ("het id 'Planning' van de kop kan niet: schrijf een id met kleine letters, "
                                      "cijfers en '-', beginnend met een letter, zoals {#planning}")
    assert id_problem("eis-vog").startswith("het id 'eis-vog' van de kop begint zoals de ids van de onderdelen")
    assert id_problem("eis-vog").endswith("kies een ander id, zoals {#h-eis-vog}")


def test_sections_have_numbers_and_ids():
    body = ("# Inleiding\n\n## Planning {#planning}\n\n## Planning\n\n# Samenvatting {-}\n\n# Planning\n\n"
            "# Vragen {bijlage #vragenlijst}\n\n## Over de eisen\n")
    found = sections(outline(body).headings)
    assert [(s.number, s.label, s.anchor) for s in found] == [
        ("1", "1", "inleiding"), ("1.1", "1.1", "planning"), ("1.2", "1.2", "planning-2"),
        ("", "", "samenvatting"), ("2", "2", "planning-3"), ("B1", "Bijlage 1", "vragenlijst"),
        ("B1.1", "B1.1", "over-de-eisen")]


def test_a_written_id_wins_over_an_earlier_slug_and_a_second_written_one_loses():
    found = sections(outline("# Planning\n\n# Tijden {#planning}\n\n# Iets {#planning}\n").headings)
    assert [s.anchor for s in found] == ["planning-2", "planning", "iets"]


def test_articles_are_labelled():
    found = sections(outline("# Begrippen\n\n## Definities\n").headings, "artikelen")
    assert [s.label for s in found] == ["Artikel 1", "1.1"]


def test_find_by_number_or_id():
    found = sections(outline("# Inleiding\n\n## Planning {#tijden}\n\n# Vragen {bijlage}\n").headings)
    assert find(found, "1.1") == find(found, "tijden") == found[1]
    assert find(found, "1", appendix=True) == find(found, "B1") == found[2]
    assert find(found, "planning") is None and find(found, "2") is None
    assert is_number("3.2") and is_number("B1.2") and not is_number("h-2024") and not is_number("3.")


def test_slugs_never_take_a_page_id():
    assert slugify("Eis-VOG") == "h-eis-vog" and slugify("2024") == "h-2024" and slugify("fn1") == "h-fn1"
    assert slugify("Één ‘aanpak’!") == "een-aanpak" and slugify("???") == "kop"


def test_leden_are_the_ordered_list_directly_under_an_article_and_own_numbers_count_on():
    body = ("# Looptijd {nummer=5}\n\n1. Een.\n2. Twee.\n   1. Geen lid.\n3. Drie.\n\n# Betaling\n\nTekst.\n\n"
            "1. Geen lid: er staat tekst tussen.\n\n# Slot\n\n4. Vier.\n5. Vijf.\n")
    headings = outline(body).headings
    assert [(h.number, h.leden) for h in headings] == [(5, (1, 2, 3)), (None, ()), (None, (4, 5))]
    found = sections(headings, "artikelen")
    assert [(s.label, s.leden) for s in found] == [("Artikel 5", (1, 2, 3)), ("Artikel 6", ()), ("Artikel 7", (4, 5))]
    assert find_lid(found, "5.3") == (found[0], 3)
    assert find_lid(found, "slot.5") == (found[2], 5)
    assert find_lid(found, "5.4") is None and find_lid(found, "6.1") is None and find_lid(found, "5") is None
    assert [s.leden for s in sections(headings)] == [(), (), ()]  # leden only in an agreement
    appendix = outline("# Een\n\n1. Lid.\n\n# Bijlage {bijlage}\n\n1. Geen lid.\n").headings
    assert [s.leden for s in sections(appendix, "artikelen")] == [(1,), ()]  # an appendix has no leden
