"""Typed project settings (`config.yaml`), each option with its documentation.

`OPTIONS` is the single list of settings: the cerberus schema, the defaults and docs/config.md
are all checked against it (tests/test_docs.py fails when an option is undocumented).
Configuration is data only: nothing in it is executed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.core.paths import DATA_FILES

HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"


@dataclass(frozen=True)
class Option:
    """One setting: its dotted key, cerberus rules, default and the sentence that documents it."""

    key: str
    rules: dict[str, Any]
    default: Any
    doc: str


OPTIONS: tuple[Option, ...] = (
    Option("site.title", {"type": "string", "empty": False}, None,
           "Title of the website shown in its header and in every page title."),
    Option("theme.primary_color", {"type": "string", "regex": HEX_COLOUR}, "#154273",
           "Main colour of the site and the PDFs (header bar, headings, links, table headers). Choose one "
           "that contrasts with white at 4.5:1 or more (WCAG 2.1 AA)."),
    Option("theme.accent_color", {"type": "string", "regex": HEX_COLOUR}, "#d52b1e",
           "Accent colour: the CONCEPT mark on PDF pages and keyboard focus outlines on the site."),
    Option("theme.logo", {"type": "string", "empty": False, "regex": r"^[^/\\].*\.(svg|png)$"}, None,
           "An `.svg` or `.png` file inside the project, shown in the site header and on the PDF cover "
           "pages. A path or symlink leading outside the project, a file that is not really an SVG or PNG, "
           "and an SVG with scripts or references to other files are errors (see [what is "
           "refused](content-model.md#what-is-refused))."),
    Option("pdf.enabled", {"type": "boolean"}, True,
           "Whether `bestek build` renders PDFs. With `false` only the website is built, which is faster "
           "while writing. `bestek build --no-pdf` does the same for one run."),
    Option("blocks", {"type": "dict", "keysrules": {"type": "string", "regex": r"^[a-z0-9][a-z0-9-]*$"},
                      "valuesrules": {"type": "dict", "nullable": True, "schema": {
                          "description": {"type": "string", "empty": False},
                          "needs": {"type": "string", "allowed": list(DATA_FILES)},
                          "args": {"type": "list", "schema": {"type": "string", "regex": r"^[a-z0-9][a-z0-9-]*$"}},
                      }}}, {},
           "The project's own blocks, each with its template `templates/blocks/<name>.html` in the project; "
           "see [blocks of your own](content-model.md#blocks-of-your-own)."),
)


def cerberus_schema() -> dict[str, Any]:
    """The cerberus schema of config.yaml, built from OPTIONS."""
    schema: dict[str, Any] = {}
    for option in OPTIONS:
        if "." not in option.key:  # a whole section, such as blocks
            schema[option.key] = dict(option.rules)
            continue
        section, name = option.key.split(".")
        group = schema.setdefault(section, {"type": "dict", "schema": {}})
        group["schema"][name] = dict(option.rules)
    return schema


@dataclass(frozen=True)
class ThemeConfig:
    primary_color: str
    accent_color: str
    logo: str | None


@dataclass(frozen=True)
class Config:
    """The validated settings of one project; see OPTIONS for what each means."""

    site_title: str | None
    theme: ThemeConfig
    pdf_enabled: bool
    #: the project's own block declarations from config.yaml (name -> description, needs, args)
    blocks: dict[str, Any]


def from_data(data: dict[str, Any] | None) -> Config:
    """Build a Config from validated config.yaml data, filling documented defaults."""
    data = data or {}

    def get(key: str) -> Any:
        option = next(o for o in OPTIONS if o.key == key)
        if "." not in key:
            return data.get(key) or option.default
        section, name = key.split(".")
        return (data.get(section) or {}).get(name, option.default)

    return Config(
        site_title=get("site.title"),
        theme=ThemeConfig(get("theme.primary_color"), get("theme.accent_color"), get("theme.logo")),
        pdf_enabled=get("pdf.enabled"),
        blocks=dict(get("blocks")),
    )
