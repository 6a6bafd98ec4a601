"""The validate stage alone: load, then validate, with no model, rendering or files written."""
from __future__ import annotations

import pytest

from generator.core.errors import ContentErrors
from generator.load.project import load
from generator.validate.project import validate

from ..conftest import SMALL_PROJECT, write_project

KINDS = ["notitie"]


def test_a_valid_project_gives_no_errors_and_no_warnings(tmp_path):
    assert validate(load(write_project(tmp_path / "p", {})), KINDS) == []


def test_every_mistake_at_once_sorted_by_file_and_line(tmp_path):
    segments = SMALL_PROJECT["content/segments.yaml"].replace("domains: [wmo]", "domains: [zorg]")
    body = SMALL_PROJECT["content/documents/notitie.md"].replace("[[datum:publicatie]]", "[[datum:publikatie]]")
    loaded = load(write_project(tmp_path / "p", {"content/segments.yaml": segments,
                                                 "content/documents/notitie.md": body}))
    with pytest.raises(ContentErrors) as raised:
        validate(loaded, KINDS)
    assert raised.value.messages() == [
        "content/documents/notitie.md:12:21: onbekende mijlpaal 'publikatie'; bedoelt u 'publicatie'? (bekend: "
        "publicatie, inschrijving)",
        "content/segments.yaml:12:15: 'domains' heeft de ongeldige waarde 'zorg' (toegestaan: jeugd, wmo)",
    ]


def test_an_unknown_document_kind_is_named_with_the_kinds_there_are(tmp_path):
    loaded = load(write_project(tmp_path / "p", {}))
    with pytest.raises(ContentErrors) as raised:
        validate(loaded, ["memo"])
    assert raised.value.messages() == ["content/documents/notitie.md:3:7: 'kind' heeft de ongeldige waarde 'notitie' "
                                       "(toegestaan: memo)"]
