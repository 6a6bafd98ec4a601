"""`bestek new` end to end: a project of every kind, made through the command line, builds with exit 0 (site and
PDFs) and its site passes the site checks of tests/test_site_quality.py (axe-core at desktop and phone width, the
Nu Html Checker, no broken links). Slow: four builds with PDFs, a browser and a JVM."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.write.starter import KINDS

from .browser import Chromium, SiteServer, chromium_path
from .sitecheck import broken_links
from .test_site_quality import AXE, WIDTHS, axe_violations, pages_of, require, vnu_messages


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """kind -> the built site of a new project of that kind."""
    sites = {}
    for kind in KINDS:
        project = tmp_path_factory.mktemp("nieuw") / kind
        assert main(["new", str(project), "--soort", kind, "--regio", "Regio Zuid-Holland Oost",
                     "--gemeenten", "Alphen aan den Rijn, Súdwest, 's-Gravenzande"]) == 0
        assert main(["build", "--project", str(project), "--quiet"]) == 0
        assert sorted(p.name for p in (project / "build" / "pdf").iterdir()), kind
        sites[kind] = project / "build" / "site"
    return sites


def test_every_kind_builds_with_its_pdfs(built, capsys):
    assert set(built) == set(KINDS)
    for kind, site in built.items():
        assert (site / "index.html").is_file(), kind
        assert len(list((site.parent / "pdf").glob("*.pdf"))) == 1, kind


def test_no_broken_links(built):
    assert {kind: broken_links(site) for kind, site in built.items()} == {kind: [] for kind in KINDS}


def test_axe_finds_no_wcag_violations(built):
    require(AXE, "axe-core")
    require(chromium_path(), "Chromium")
    problems = {}
    with Chromium() as browser:
        for kind, site in built.items():
            with SiteServer(site) as server:
                for width in WIDTHS.values():
                    page = browser.page(width=width)
                    for name in pages_of(site):
                        if violations := axe_violations(page, server.url + name):
                            problems[f"{kind}/{name}@{width}"] = violations
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)


def test_nu_html_checker_reports_no_errors(built):
    files = [site / name for site in built.values() for name in pages_of(site)]
    errors = [m for m in vnu_messages(files) if m["type"] in ("error", "non-document-error")]
    assert [f"{m['url'].split('/nieuw')[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors] == []
