"""core/characters.py: the one allow-list of characters, and how a refused one is named."""
from __future__ import annotations

from generator.core.characters import describe_unusual, first_refused, refused_characters, refused_message


def test_tab_newline_no_break_space_and_letters_of_every_script_are_allowed():
    assert first_refused("a\tb\nc\u00a0d \u00e9\u00df \u0437\u0434\u0440\u0430\u0432 \u00ad") is None


def test_refused_characters_are_found_once_each_with_their_count():
    text = "een\nt\u200bwee\u200b\ndrie\x0b"
    assert refused_characters(text) == [(2, 2, "\u200b", 1), (3, 5, "\x0b", 0)]


def test_a_refused_character_is_named_with_its_code_and_what_to_do():
    assert refused_message("\x0b") == ("het teken U+000B is niet toegestaan: dit is een verticale tab (Word zet die "
                                       "bij Shift+Enter); vervang het door een spatie of een nieuwe regel")
    assert refused_message("\u202e", 2).startswith("het teken U+202E is niet toegestaan: dit is een onzichtbaar teken "
                                                   "dat de leesrichting omkeert (right-to-left override) (het staat "
                                                   "nog 2 keer in dit bestand)")


def test_a_look_alike_letter_is_named():
    assert describe_unusual("crisis") is None
    assert describe_unusual("cr\u0456sis") == ("de letter '\u0456' (U+0456, CYRILLIC SMALL LETTER BYELORUSSIAN-"
                                               "UKRAINIAN I) lijkt op een gewone letter maar is dat niet")
