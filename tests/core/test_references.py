"""core/references.py declares every kind of reference once; the checks and the renderers follow it."""
from __future__ import annotations

from generator.core.facts import FACTS
from generator.core.references import REFERENCES, SECTION_KINDS
from generator.load.project import DATA_FILES
from generator.render.body import SITE_PAGES
from generator.render.references import RENDERERS
from generator.validate.crossref import ID_KINDS
from generator.validate.sections import REFERENCE_FOR_PREFIX
from generator.validate.snapshot import SHOWN_BY_REFERENCE


def test_every_kind_has_a_renderer_and_every_renderer_a_kind():
    assert set(RENDERERS) | set(FACTS) == set(REFERENCES)
    assert not set(RENDERERS) & set(FACTS)


def test_every_kind_names_what_validation_knows():
    for kind in REFERENCES.values():
        assert kind.file == "" or kind.file in DATA_FILES, kind
        if kind.file and kind.names == "vraag":  # the questions of every round (crossref.py _check_questions)
            assert kind.file == "questions"
        elif kind.file and kind.names:  # an id looked up in a data file: an id kind of validate/crossref.py
            assert kind.names in ID_KINDS and ID_KINDS[kind.names][0] == kind.file, kind
        if kind.section:
            assert kind.file == "" and kind.names == kind.name, kind


def test_the_tables_of_the_stages_are_derived_from_the_rows():
    assert SECTION_KINDS == ("paragraaf", "artikel", "bijlage", "hoofdstuk")
    assert REFERENCE_FOR_PREFIX == {"segment-": "segment", "eis-": "eis", "criterium-": "criterium",
                                    "mijlpaal-": "datum", "vraag-": "vraag", "perceel-": "perceel"}
    assert SHOWN_BY_REFERENCE == {"segment": "segment", "eis": "eis", "criterium": "criterium", "datum": "mijlpaal",
                                  "perceel": "perceel", "begrip": "begrip"}
    assert SITE_PAGES == {"segment": "segmenten/{id}.html", "eis": "eisen.html#eis-{id}",
                          "criterium": "gunningscriteria.html#criterium-{id}"}
