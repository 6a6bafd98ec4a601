"""Property-based tests (hypothesis): random YAML structures and random Markdown fed to the whole
pipeline (load, validate, model, render, write; PDFs off for speed). The only allowed outcomes are a
built site or content errors that each read `path:line:col: melding`: never another exception, never
a hang.

The examples are derandomised, so `make test` checks the same cases on every machine; set
BESTEK_HYPOTHESIS_EXAMPLES (for example to 2000) to search wider, with random examples, while developing. A per-example
alarm turns a hang into a failure (it is a hang detector, not a speed target: an example takes a tenth
of a second, the alarm rings after 30 s).
"""
from __future__ import annotations

import copy
import datetime
import os
import re
import signal
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.errors import ContentErrors
from generator.core.markdown import outline
from generator.pipeline import build

from .conftest import SMALL_PROJECT, write_project

MESSAGE = re.compile(r"^[^:]+:\d+:\d+: .+")
EXAMPLES = int(os.environ.get("BESTEK_HYPOTHESIS_EXAMPLES", "60"))
FIXED = "BESTEK_HYPOTHESIS_EXAMPLES" not in os.environ
PROFILE = settings(max_examples=EXAMPLES, deadline=None, derandomize=FIXED, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FIELDS = ["id", "name", "title", "kind", "weight", "description", "segments", "domains", "date", "text",
          "municipalities", "planning", "contract", "start", "initial_years", "extensions", "subsegments",
          "principles", "funding_model", "contract_form", "criteria", "requirements", "scope", "phases",
          "stakeholders", "evidence", "max_pages", "scoring", "target_group", "ambition", "procedure"]
WORDS = ["crisis", "wonen", "g1", "g2", "eis-vog", "publicatie", "minimumeis", "jeugd", "wmo", "sas", "Crisis",
         "", " ", "0", "true", "null", "2025-01-01", "100", "[[segment:crisis]]", "<b>x</b>",
         "[a](javascript:x)", "![b](kaart.png)", "*vet*", "a: b", "- x", "é€😀", "\t", "\\", "{{ segmenten }}"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**9, 10**9),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)),
    st.sampled_from(WORDS), st.text(max_size=20),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=8))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(keys, inner, max_size=4)), max_leaves=12)

MARKDOWN_PIECES = [
    "# Kop", "## Sub", "### Diep", "#### Dieper", "# Samenvatting {-}", "{{ segmenten }}", "{{ segment-details }}",
    '{{ eisen soort="minimumeis" }}', '{{ eisen segment="crisis" }}', "{{ gunningscriteria }}", "{{ planning }}",
    "{{ onbekend }}", "{{ eisen soort=x }}", "{{", "}}", "[[segment:crisis]]", "[[segment:", "[[aantal:segmenten]]",
    "[[datum:publicatie]]", "[[regio]]", "[[eis:eis-vog]]", "[[criterium:g1]]", "[[x:y]]", "[[]]", "<b>", "</b>",
    "<script>alert(1)</script>", "<!--", "-->", "[a](https://example.nl)", "[b](bijlage.pdf)", "![c](kaart.png)",
    "[d](javascript:alert(1))", "[e](#kop)", "[f](tweede.md)", "[g]", "[g]: https://example.nl", "<https://x.nl>",
    "](", "![", "|", "| a | b |", "|---|---|", "---", "- ", "1. ", "> ", "```", "`", "*", "**", "_", "~~", "\\",
    "&amp;", "&#0;", "&", "<", ">", "\t", "    ", " ", "é", "😀", "\u0000", "\u202e", "\r", "Tekst",
    "[^1]", "[^1]: Een voetnoot.", "[^x]", "::: uitgangspunten", ":::", "# Bijlage {bijlage}", "[[paragraaf:1]]",
    "[[paragraaf:1.1]]", "[[artikel:2]]", "[[bijlage:1]]", "[[gemeenten]]", "[[paragraaf:tweede#1]]",
    "[[aantal:percelen]]", "{{ reikwijdte }}", "{{ contact }}", "{{ segmenttabel }}",
]
markdown = st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), st.text(max_size=8)), max_size=30).map(
    lambda parts: "".join(parts)) | st.lists(st.sampled_from(MARKDOWN_PIECES + ["\n", "\n\n"]), max_size=40).map(
    " ".join)


@contextmanager
def hang_guard(seconds: int = 30) -> Iterator[None]:
    """Fail instead of hanging: raise in the main thread after `seconds`."""
    def ring(signum, frame):
        raise TimeoutError(f"no result after {seconds} s: a hang")
    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def assert_builds_or_reports(files: dict[str, str | None]) -> None:
    """Build the small project with `files` changed: a site, or content errors with positions, only."""
    with tempfile.TemporaryDirectory() as folder, hang_guard():
        project = write_project(Path(folder) / "project", files)
        try:
            build(project, Path(folder) / "uit", pdf=False)
        except ContentErrors as errors:
            assert errors.messages(), "ContentErrors without a message"
            bad = [m for m in errors.messages() if not MESSAGE.match(m) or "\n" in m]
            assert bad == [], bad
        else:
            assert (Path(folder) / "uit" / "site" / "index.html").is_file()


def _dedented(name: str) -> str:
    return textwrap.dedent(SMALL_PROJECT[name])


DATA_FILES = sorted(name for name in SMALL_PROJECT if name.endswith(".yaml"))


@st.composite
def mutated_data_file(draw) -> tuple[str, str]:
    """A data file of the small project with one value somewhere inside replaced by a random one."""
    name = draw(st.sampled_from(DATA_FILES))
    data: Any = copy.deepcopy(yaml.safe_load(_dedented(name)) or {})
    holder, key = None, None
    node = data
    while isinstance(node, (dict, list)) and node and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(node)) if isinstance(node, dict) else st.integers(0, len(node) - 1))
        holder, node = node, node[key]
    replacement = draw(values)
    if holder is None:
        data = replacement
    elif draw(st.integers(0, 4)) == 0 and isinstance(holder, dict):
        del holder[key]
    else:
        holder[key] = replacement
    return name, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@PROFILE
@given(mutated_data_file())
def test_random_yaml_structures_build_or_report(change):
    name, text = change
    assert_builds_or_reports({name: text})


@PROFILE
@given(st.sampled_from(DATA_FILES + ["config.yaml"]),
       st.lists(st.sampled_from(list("abc:-[]{}#&*!|>'\"%@`,? \n\t0129.") + ["\n  ", "- ", ": ", "id: ",
                                                                               "segments:\n", "!!python/"]),
                max_size=40).map("".join))
def test_random_yaml_text_builds_or_reports(name, text):
    assert_builds_or_reports({name: text})


FRONT = '---\ntitle: Notitie\nkind: notitie\nversion: "1.0"\nstatus: concept\ndate: 2025-01-15\n---\n\n'


@PROFILE
@given(markdown)
def test_random_markdown_builds_or_reports(body):
    assert_builds_or_reports({"content/documents/notitie.md": FRONT + body + "\n"})


@settings(max_examples=EXAMPLES * 5, deadline=None, derandomize=FIXED, database=None)
@given(markdown)
def test_outline_positions_lie_inside_the_text(body):
    """Every position the load stage reports for a body points at a real line and column of it."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    with hang_guard():
        result = outline(body)
    for item in [*result.links, *result.html, *result.references, *result.blocks]:
        assert 1 <= item.line <= len(lines), item
        assert 1 <= item.col <= len(lines[item.line - 1]) + 1, item


def test_pathological_markdown_does_not_hang():
    """Inputs that once took quadratic time (minutes at this size, hours at the 2 MiB file limit): each
    now takes well under a second. The alarm detects a hang; it is not a speed target."""
    from generator.core.headings import sections

    n = 20_000
    with hang_guard():
        assert len(outline("Tekst [[regio]] en [[datum:publicatie]].\n" * n).references) == 2 * n
        assert len(outline("[a](b.pdf) " * n).links) == n
        assert len(outline("<b> " * n).html) == n
        outline("[" * n)  # each '[' used to search to the end of the text for ']]'
        headings = sections(outline("# Kop\n\n" * n).headings)
        assert headings[-1].anchor == f"kop-{n}"  # each equal heading used to try every earlier suffix
