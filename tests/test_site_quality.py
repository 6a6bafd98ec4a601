"""The built site meets the bar of a government site, checked with real tools on every page:
axe-core in headless Chromium (WCAG 2.1 A and AA rules, at desktop and phone width, and no request
leaves the machine), HTML_CodeSniffer through pa11y (WCAG 2 AA errors; it finds what axe does not,
such as tables whose headers need headers="..." and forms without a submit button), the Nu Html
Checker (vnu.jar), the link checker, and Pagefind search.

`make test` installs what these need (scripts/install-system-deps --test; npm ci in tools/). Each
check also runs once on a page with a known fault, so a checker that silently checks nothing fails.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.model.types import Project
from generator.pipeline import build, check

from .browser import Chromium, SiteServer, chromium_path
from .conftest import REPO
from .sitecheck import broken_links, header_problems

#: Every project whose site must pass these checks: the default project, and each example (add one
#: line per example, e.g. pytest.param(REPO / "examples" / "westfriesland", id="westfriesland")).
SITE_PROJECTS = [
    pytest.param(REPO, id="standaardproject"),
    pytest.param(REPO / "examples" / "westfriesland", id="westfriesland"),
    pytest.param(REPO / "examples" / "haarlem", id="haarlem"),
    pytest.param(REPO / "examples" / "leidse-regio", id="leidse-regio"),
    pytest.param(REPO / "examples" / "achterhoek", id="achterhoek"),
    pytest.param(REPO / "examples" / "open-house", id="open-house"),
]

TOOLS = REPO / "tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y = TOOLS / "pa11y" / "package.json"
PA11Y_PAGES = REPO / "tools" / "pa11y-pages.js"  # one Chromium for all pages; JSON {url: [errors]}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"desktop": 1280, "telefoon": 390}
INSTALL_HINT = "run `make test` once: it installs Chromium, Java and tools/node_modules"


def require(path_or_command: Path | str | None, what: str) -> None:
    present = path_or_command.is_file() if isinstance(path_or_command, Path) else bool(path_or_command)
    if not present:
        pytest.fail(f"{what} is missing; {INSTALL_HINT}")


@dataclass(frozen=True)
class Built:
    project: Path
    model: Project
    site: Path  # <tmp>/<name>/site: serving <tmp> puts the site in a subfolder, as on many web servers


@pytest.fixture(scope="module", params=SITE_PROJECTS)
def built(request, tmp_path_factory) -> Built:
    out = tmp_path_factory.mktemp("build")
    build(request.param, out)
    return Built(request.param, check(request.param)[0], out / "site")


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built.site


@pytest.fixture(scope="module")
def browser():
    require(chromium_path(), "Chromium")
    with Chromium() as chromium:
        yield chromium


def pages_of(site: Path) -> list[str]:
    """The site's own pages (Pagefind's folder holds none, but is left out explicitly)."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


AXE_RUN = ("axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
           ".then(r => r.violations.map(v => ({rule: v.id, help: v.help,"
           " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))")


def axe_violations(page, url: str) -> list[dict]:
    page.goto(url)
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    return page.evaluate(AXE_RUN % json.dumps(WCAG_TAGS), timeout=120)


def test_axe_finds_a_known_violation(browser, tmp_path):
    """The harness itself works: an image without alt text on a page with no language is reported."""
    require(AXE, "axe-core")
    (tmp_path / "fout.html").write_text('<!DOCTYPE html><html><head><title>x</title></head>'
                                        '<body><main><img src="x.png"></main></body></html>', encoding="utf-8")
    with SiteServer(tmp_path) as server:
        rules = {v["rule"] for v in axe_violations(browser.page(), server.url + "fout.html")}
    assert {"image-alt", "html-has-lang"} <= rules


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_axe_finds_no_wcag_violations_and_nothing_is_fetched_from_elsewhere(site, browser, width):
    require(AXE, "axe-core")
    pages = pages_of(site)
    assert len(pages) >= 5  # at least home, a document, search, accessibility statement and colophon
    problems, elsewhere = {}, {}
    with SiteServer(site) as server:
        page = browser.page(width=width)
        for name in pages:
            violations = axe_violations(page, server.url + name)
            if violations:
                problems[name] = violations
            outside = [u for u in page.requested_urls()
                       if not u.startswith(server.url) and not u.startswith(("data:", "about:"))]
            if outside:
                elsewhere[name] = outside
    assert problems == {}, json.dumps(problems, indent=1, ensure_ascii=False)
    assert elsewhere == {}


def pa11y_errors(urls: list[str]) -> dict[str, list[dict]]:
    """HTML_CodeSniffer's WCAG 2 AA errors per URL, run by pa11y in the Debian Chromium."""
    require(shutil.which("node"), "Node.js")
    require(PA11Y, "pa11y (npm)")
    result = subprocess.run(["node", str(PA11Y_PAGES), chromium_path() or "chromium", *urls], capture_output=True,
                            text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_html_codesniffer_reports_no_errors(site, tmp_path):
    """Every page through pa11y (HTML_CodeSniffer, WCAG2AA), with a broken page in the same run as a control:
    a table with two levels of headers and no headers="..." and a form without a submit button."""
    require(chromium_path(), "Chromium")
    (tmp_path / "controle.html").write_text(
        '<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body><main><form><label for="k">Kies'
        '</label><select id="k"><option>a</option></select></form><table><caption>t</caption><thead><tr>'
        '<th scope="col">A</th><th scope="col">B</th></tr></thead><tbody><tr><th scope="colgroup" colspan="2">'
        'Fase</th></tr><tr><td>1</td><td>2</td></tr></tbody></table></main></body></html>', encoding="utf-8")
    pages = pages_of(site)
    with SiteServer(site) as server, SiteServer(tmp_path) as control:
        found = pa11y_errors([server.url + name for name in pages] + [control.url + "controle.html"])
        codes = {error["code"].split(".", 4)[-1] for error in found.pop(control.url + "controle.html")}
        errors = {url.removeprefix(server.url): [f"{e['code']} at {e['selector']}: {e['message']}" for e in issues]
                  for url, issues in found.items() if issues}
    assert {"H32.2", "H43.HeadersRequired"} <= codes, codes
    assert sorted(found) == sorted(server.url + name for name in pages)
    assert errors == {}, json.dumps(errors, indent=1, ensure_ascii=False)


def vnu_messages(files: list[Path]) -> list[dict]:
    require(shutil.which("java"), "Java")
    require(VNU, "vnu.jar (npm package vnu-jar)")
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--also-check-css",
                             *[str(f) for f in files]], capture_output=True, text=True, timeout=600, check=False)
    return json.loads(result.stderr)["messages"]


def test_nu_html_checker_reports_no_errors(site, tmp_path):
    """All pages and the stylesheet in one JVM call, with one broken page as a control."""
    control = tmp_path / "controle.html"
    control.write_text('<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body><p><div></p>'
                       '</body></html>', encoding="utf-8")
    files = [site / name for name in pages_of(site)] + [site / "assets" / "style.css", control]
    messages = vnu_messages(files)
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    assert any(m["url"].endswith("controle.html") for m in errors), "the checker missed the control page"
    ours = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors
            if not m["url"].endswith("controle.html")]
    assert ours == []


def test_no_broken_internal_links_or_anchors(site):
    assert broken_links(site) == []


def distinctive_word(description: str, others: list[str]) -> str:
    """A long word of this description that the other segments' descriptions lack, if there is one."""
    def words(text: str) -> set[str]:
        return {w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]{7,}", text)}
    mine = words(description)
    elsewhere = set().union(*(words(o) for o in others)) if others else set()
    return sorted(mine, key=lambda w: (w in elsewhere, -len(w), w))[0]


SEARCH = ("import(%s).then(async pf => { await pf.options({baseUrl: '/'}); const found = await pf.search(%s);"
          " const data = await Promise.all(found.results.map(r => r.data())); return data.map(d => d.url); })")


def test_search_finds_every_segment_by_a_word_from_its_description(built, browser):
    model = built.model
    if not model.segments:
        pytest.skip("this project has no segments")
    missed = {}
    with SiteServer(built.site) as server:
        page = browser.page()
        page.goto(server.url + "index.html")
        for segment in model.segments:
            word = distinctive_word(segment.description, [s.description for s in model.segments if s != segment])
            urls = page.evaluate(SEARCH % (json.dumps(server.url + "pagefind/pagefind.js"), json.dumps(word)))
            if f"/segmenten/{segment.id}.html" not in urls:
                missed[segment.id] = (word, urls)
    assert missed == {}


def wait_for_results(page) -> dict:
    return page.evaluate(
        "new Promise((resolve, reject) => { const t0 = Date.now(); (function poll() {"
        " const items = document.querySelectorAll('#site-zoekresultaten a');"
        " if (items.length) resolve({links: [...items].map(a => a.getAttribute('href')),"
        " status: document.getElementById('site-zoekstatus').textContent,"
        " value: document.getElementById('site-zoekterm').value});"
        " else if (Date.now() - t0 > 15000) reject(new Error(document.getElementById('site-zoekstatus').textContent));"
        " else setTimeout(poll, 100); })(); })", timeout=30)


def test_search_page_shows_results_when_the_site_lives_in_a_subfolder(built, browser):
    """The search page's own script: result links and a status message. The site sits in a subfolder
    of the web server: the index and the result links are found relative to the page."""
    model = built.model
    if not model.segments:
        pytest.skip("this project has no segments")
    segment = model.segments[-1]
    word = distinctive_word(segment.description, [s.description for s in model.segments if s != segment])
    folder = built.site.parent.name
    with SiteServer(built.site.parent.parent) as server:
        page = browser.page()
        page.goto(f"{server.url}{folder}/site/zoeken.html?q={word}")
        found = wait_for_results(page)
    assert f"/{folder}/site/segmenten/{segment.id}.html" in found["links"]
    assert re.fullmatch(rf"(1 resultaat|\d+ resultaten) voor ‘{word}’(\.|; de eerste 20 staan hieronder\.)",
                        found["status"]), found["status"]
    assert found["value"] == word


def test_requirement_filter_shows_what_applies(built, browser):
    """eisen.html with JavaScript: the filter by kind and segment shows exactly the model's selection."""
    model = built.model
    if not model.requirements:
        pytest.skip("this project has no requirements")
    segment_ids = [s.id for s in model.segments]
    choices = [(model.requirements[0].kind, segment_ids[-1] if segment_ids else ""),
               ("", segment_ids[0] if segment_ids else ""), (model.requirements[-1].kind, "")]
    with SiteServer(built.site) as server:
        page = browser.page()
        for kind, segment in choices:
            page.goto(f"{server.url}eisen.html?soort={kind}&segment={segment}")
            shown = page.evaluate("[...document.querySelectorAll('.requirement')].filter(e => !e.hidden)"
                                  ".map(e => e.id)")
            status = page.evaluate("document.getElementById('site-filter-status').textContent")
            expected = [f"eis-{r.id}" for r in model.requirements_for(kind or None, segment or None)]
            assert sorted(shown) == sorted(expected)
            assert status == (f"{len(expected)} eisen getoond." if len(expected) != 1 else "1 eis getoond.")
        assert page.evaluate("document.getElementById('site-eisen-filter').hidden") is False


REFLOW_WIDTH = 320  # CSS px: WCAG 1.4.10 (reflow), 1280 px at 400 % zoom
#: the page's width beyond the viewport, and the elements that stick out (not inside a region that scrolls)
OVERFLOW = ("(() => { const width = document.documentElement.clientWidth; const out = [];"
            " for (const e of document.querySelectorAll('body *')) {"
            "  if (e.getBoundingClientRect().right <= width + 0.5 || e.closest('.table-wrap, .timeline-scroll')) continue;"
            "  out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')); }"
            " return {scroll: document.documentElement.scrollWidth - width, out: out.slice(0, 5)}; })()")


def overflowing(page, url: str) -> dict | None:
    page.goto(url)
    found = page.evaluate(OVERFLOW)
    return found if found["scroll"] > 0 else None


def test_reflow_check_finds_a_page_wider_than_the_screen(browser, tmp_path):
    (tmp_path / "breed.html").write_text('<!DOCTYPE html><html lang="nl"><head><title>x</title>'
                                         '<meta name="viewport" content="width=device-width, initial-scale=1">'
                                         '</head><body><div style="width: 400px">x</div></body></html>',
                                         encoding="utf-8")
    with SiteServer(tmp_path) as server:
        assert overflowing(browser.page(width=REFLOW_WIDTH), server.url + "breed.html") is not None


def test_every_page_reflows_at_320_px_without_scrolling_sideways(site, browser):
    """WCAG 1.4.10: at 320 CSS px no page scrolls horizontally (document.documentElement.scrollWidth is no
    wider than the viewport); only wide tables and the timeline scroll, inside their own regions."""
    with SiteServer(site) as server:
        page = browser.page(width=REFLOW_WIDTH)
        wide = {name: found for name in pages_of(site) if (found := overflowing(page, server.url + name))}
    assert wide == {}, json.dumps(wide, indent=1)


def search_page_outcome(page) -> dict:
    """Wait until the search page's script has finished (the status is no longer 'Bezig ...')."""
    return page.evaluate(
        "new Promise((resolve, reject) => { const t0 = Date.now(); (function poll() {"
        " const status = document.getElementById('site-zoekstatus').textContent;"
        " if (status && !status.startsWith('Bezig')) resolve({status,"
        " links: [...document.querySelectorAll('#site-zoekresultaten a')].map(a => a.getAttribute('href')),"
        " everything: !document.getElementById('site-alle-paginas').hidden});"
        " else if (Date.now() - t0 > 15000) reject(new Error(status));"
        " else setTimeout(poll, 100); })(); })", timeout=30)


@pytest.mark.parametrize("word", ["xqzwv", "asdfghjkl", "Qwertyuiop"])
def test_a_word_that_occurs_nowhere_finds_nothing(built, browser, word):
    """Pagefind answers a word it lacks with the longest prefix it has ('xqzwv' finds the 'x' of 'P x Q');
    the search page leaves those out, says 'Geen resultaten' and shows the list of every page."""
    assert word.lower() not in " ".join(p.read_text(encoding="utf-8").lower() for p in built.site.rglob("*.html"))
    with SiteServer(built.site) as server:
        page = browser.page()
        page.goto(f"{server.url}zoeken.html?q={word}")
        found = search_page_outcome(page)
    assert found["links"] == []
    assert found["status"].startswith(f"Geen resultaten voor ‘{word}’."), found["status"]
    assert found["everything"] is True


def test_search_without_javascript_leads_to_every_document_and_segment(built):
    """Without JavaScript the header's search form still goes somewhere: the search page lists every page
    of the site (each document with its chapters, each segment), visible without a script."""
    from .sitecheck import parse_page
    search = built.site / "zoeken.html"
    html = search.read_text(encoding="utf-8")
    assert re.search(r'<section id="site-alle-paginas"[^>]*>', html) and "hidden" not in re.search(
        r'<section id="site-alle-paginas"[^>]*>', html).group(0)
    links = set(parse_page(search).links)
    expected = {f"documenten/{d.id}.html" for d in built.model.documents}
    expected |= {f"documenten/{d.id}.html#{s.anchor}" for d in built.model.documents for s in d.sections if s.level == 1}
    expected |= {f"segmenten/{s.id}.html" for s in built.model.segments}
    assert expected - links == set()
    index = parse_page(built.site / "index.html")
    assert 'action="zoeken.html"' in (built.site / "index.html").read_text(encoding="utf-8") and index.links


#: the contrast of each link in a column header against the header's background (WCAG 1.4.3), from the
#: computed colours; a transparent link background falls through to the cell's
HEADER_LINK_CONTRAST = (
    "(() => { const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);"
    " const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 :"
    " Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };"
    " return [...document.querySelectorAll('thead th a')].map(a => { const th = a.closest('th');"
    " const [l1, l2] = [lum(rgb(getComputedStyle(a).color)), lum(rgb(getComputedStyle(th).backgroundColor))];"
    " return {text: a.textContent, ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05)}; }); })()")


def header_link_contrasts(page, url: str) -> list[dict]:
    page.goto(url)
    return page.evaluate(HEADER_LINK_CONTRAST)


def test_header_link_contrast_check_finds_blue_on_blue(browser, tmp_path):
    (tmp_path / "blauw.html").write_text(
        '<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body><table><thead><tr>'
        '<th style="background: #154273"><a href="x.html" style="color: #154273">Segment</a></th></tr></thead>'
        '</table></body></html>', encoding="utf-8")
    with SiteServer(tmp_path) as server:
        found = header_link_contrasts(browser.page(), server.url + "blauw.html")
    assert [round(f["ratio"], 2) for f in found] == [1.0]


def test_links_in_column_headers_keep_contrast_on_the_header_background(built, browser):
    """The segment matrix of leidse-regio's inkoopstrategie links its column headers to the segments: they
    are white on the header colour, not link-blue on it (at least 4.5:1)."""
    with SiteServer(built.site) as server:
        page = browser.page()
        found = {name: header_link_contrasts(page, server.url + name) for name in pages_of(built.site)}
    low = {name: [f for f in links if f["ratio"] < 4.5] for name, links in found.items()}
    assert {name: links for name, links in low.items() if links} == {}
    if built.project.name == "leidse-regio":
        assert len(found["documenten/inkoopstrategie.html"]) >= 5  # the matrix's segments


def header_tables(site: Path) -> dict[str, list]:
    """The award-criteria and planning tables of every page, as lxml elements, by page."""
    import lxml.html
    wanted = ("criteria-table", "block-gunningscriteria", "block-wegingen", "block-planning", "planning-table")
    tables = {}
    for name in pages_of(site):
        tree = lxml.html.fromstring((site / name).read_bytes())
        found = [t for t in tree.iter("table") if set(t.get("class", "").split()) & set(wanted)]
        if found:
            tables[name] = found
    return tables


def test_header_cells_of_criteria_and_planning_tables_are_associated_with_their_data_cells(built):
    """Every header cell has a scope; where a table has two levels of headers (the planning's phase rows)
    every data cell names its column header and its phase in headers="...", and those ids exist."""
    tables = header_tables(built.site)
    problems = [f"{name}: {problem}" for name, found in tables.items() for table in found
                for problem in header_problems(table)]
    assert problems == []
    if built.project.name == "leidse-regio":  # the planning with phases, in two documents
        assert len([t for found in tables.values() for t in found if t.xpath("./tbody/tr/th[@colspan]")]) == 2
    if built.model.criteria:
        assert "gunningscriteria.html" in tables


def test_requirement_filter_has_a_submit_button_that_announces_the_result(built, browser):
    """Without a change event (a keyboard user who picks an option and presses the button) the button
    applies the filter, and the status region (role=status, read out politely) says how many are shown."""
    model = built.model
    if not model.requirements:
        pytest.skip("this project has no requirements")
    kind = model.requirements[-1].kind
    expected = model.requirements_for(kind, None)
    with SiteServer(built.site) as server:
        page = browser.page()
        page.goto(server.url + "eisen.html")
        assert page.evaluate("document.getElementById('site-filter-status').getAttribute('role')") == "status"
        assert page.evaluate("document.getElementById('site-filter-status').textContent") == ""
        page.evaluate(f"document.getElementById('site-filter-soort').value = {json.dumps(kind)};"
                      " document.querySelector('#site-eisen-filter button[type=submit]').click(); true")
        shown = page.evaluate("[...document.querySelectorAll('.requirement')].filter(e => !e.hidden).map(e => e.id)")
        status = page.evaluate("document.getElementById('site-filter-status').textContent")
        address = page.evaluate("location.search")
    assert sorted(shown) == sorted(f"eis-{r.id}" for r in expected)
    assert status == (f"{len(expected)} eisen getoond." if len(expected) != 1 else "1 eis getoond.")
    assert address == f"?soort={kind}"
