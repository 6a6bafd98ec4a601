"""Markdown in YAML fields: the fast path for plain text gives exactly what the Markdown parser gives."""
from __future__ import annotations

import random

from generator.render.fields import _field_parser, _plain, markdown_filter, markdown_inline_filter

ALPHABET = "abc XYZ éëï.,;:'\"()?-+=0123456789*_`[]<>&\\!#|~\n@/%$ \t"


def test_plain_text_renders_as_the_parser_renders_it():
    parser, block, inline = _field_parser(), markdown_filter(), markdown_inline_filter()
    randomness = random.Random(7)
    checked = 0
    for _ in range(40000):
        text = "".join(randomness.choice(ALPHABET) for _ in range(randomness.randint(1, 14)))
        if _plain(text):
            checked += 1
            assert str(block(text)) == parser.render(text), repr(text)
            assert str(inline(text)) == parser.renderInline(text), repr(text)
    assert checked > 4000  # the fast path was really exercised


def test_markdown_still_renders():
    assert str(markdown_inline_filter()("een *nadruk* en `code`")) == "een <em>nadruk</em> en <code>code</code>"
    assert str(markdown_filter()("1. een\n2. twee")) == "<ol>\n<li>een</li>\n<li>twee</li>\n</ol>\n"
