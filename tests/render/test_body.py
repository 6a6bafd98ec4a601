"""render/body.py: what references print."""
from __future__ import annotations

from generator.core.text import COUNT_NOUNS
from generator.pipeline import build
from generator.validate.schemas import COUNTABLE

from ..conftest import SMALL_PROJECT, write_project

NOTE = SMALL_PROJECT["content/documents/notitie.md"]
ONE_SEGMENT = SMALL_PROJECT["content/segments.yaml"].split("      - id: wonen")[0]


def _page(tmp_path, files) -> str:
    project = write_project(tmp_path / "project", files)
    build(project, out=tmp_path / "uit")
    return (tmp_path / "uit" / "site" / "documenten" / "notitie.html").read_text(encoding="utf-8")


def test_the_noun_after_a_count_takes_the_form_that_goes_with_the_number(tmp_path):
    body = NOTE.replace("[[aantal:segmenten]] segmenten in,",
                        "[[aantal:segmenten]] segmenten in, met [[aantal:eisen]] eisen en [[aantal:segmenten]]"
                        " segmentenlijst; de [[aantal:gemeenten]] deelnemende gemeenten")
    page = _page(tmp_path, {"content/documents/notitie.md": body, "content/segments.yaml": ONE_SEGMENT,
                            "content/requirements.yaml": SMALL_PROJECT["content/requirements.yaml"].replace(
                                "            segments: [crisis]\n", "")})
    assert ("koopt 1 segment in, met 2 eisen en 1 segmentenlijst; de 2 deelnemende gemeenten waaronder Crisis."
            in " ".join(page.split()).replace("</a>", "").replace('<a href="../segmenten/crisis.html">', ""))


def test_every_count_has_its_singular():
    assert sorted(COUNT_NOUNS) == sorted(COUNTABLE)
