"""Templates use only the documented fields of their context dataclass (after Datasette)."""
from __future__ import annotations

import dataclasses

import pytest
from jinja2 import meta

from generator.render import contexts, decisions
from generator.render.environment import THEME_DIR, make_environment

JINJA_GLOBALS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace"}


def context_for(name: str) -> tuple[type, set[str]]:
    """The context class of a theme template, plus names a child template sets for its parent."""
    if name in contexts.TEMPLATES:
        return contexts.TEMPLATES[name], set()
    if name == "site/base.html":
        return contexts.PageContext, set()
    if name.startswith("documents/"):
        return contexts.DocumentContext, {"label", "layout"} if name == "documents/base.html" else set()
    if name.startswith("blocks/"):
        return contexts.BlockContext, set()
    if name in decisions.TEMPLATES:  # the confidential documents of bestek gunning
        return decisions.TEMPLATES[name], set()
    raise AssertionError(f"template {name} has no context class: add it to contexts.TEMPLATES")


THEME_TEMPLATES = sorted(str(p.relative_to(THEME_DIR)) for p in THEME_DIR.rglob("*.html"))


@pytest.mark.parametrize("name", THEME_TEMPLATES)
def test_template_uses_only_documented_context(name):
    env = make_environment(THEME_DIR.parent)
    source = (THEME_DIR / name).read_text(encoding="utf-8")
    used = meta.find_undeclared_variables(env.parse(source))
    cls, extra = context_for(name)
    allowed = {f.name for f in dataclasses.fields(cls)} | extra | JINJA_GLOBALS
    assert used <= allowed, f"{name} uses undocumented names {sorted(used - allowed)}"


@pytest.mark.parametrize("cls", [contexts.PageContext, contexts.IndexContext, contexts.DocumentPageContext,
                                 contexts.SegmentPageContext, contexts.DocumentContext, contexts.PdfContext,
                                 contexts.BlockContext, contexts.TocEntry, contexts.DocumentEntry,
                                 contexts.NavLink, contexts.DocumentLink, contexts.TenderStatus,
                                 contexts.SegmentsContext, contexts.RequirementEntry, contexts.RequirementGroup,
                                 contexts.RequirementIndexContext, contexts.CriterionEntry, contexts.CriteriaGroup,
                                 contexts.CriteriaPageContext, contexts.TimelineTick, contexts.TimelineMarker,
                                 contexts.Timeline, contexts.PlanningPageContext, contexts.StatementContext,
                                 contexts.ColophonContext])
def test_every_context_field_is_documented(cls):
    for field in dataclasses.fields(cls):
        assert field.metadata.get("doc", "").strip(), f"{cls.__name__}.{field.name} has no documentation"


def test_every_document_kind_and_block_has_a_template():
    from generator.core.blocks import BLOCKS
    env = make_environment(THEME_DIR.parent)
    for block in BLOCKS:
        env.get_template(f"blocks/{block}.html")
