"""The site's pages on the small project: what each page shows, how pages link, the build date, the
search index and the timeline. (tests/test_site_quality.py runs the browser and validator checks.)"""
from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from markupsafe import Markup

from generator.cli import main
from generator.model.types import Milestone
from generator.pipeline import build, check
from generator.render import contexts
from generator.render.environment import THEME_DIR, make_environment
from generator.render.site import tender_status
from generator.render.site_html import heading_links, scroll_regions
from generator.render.site_timeline import build_timeline

from .conftest import SMALL_PROJECT
from .sitecheck import broken_links, header_problems, parse_page
from .test_package import tender_project  # noqa: F401 - a fixture: a tender with NvI and agreement

SMALL_TENDER = SMALL_PROJECT["content/tender.yaml"].rstrip(" ")

HEADING = re.compile(r"<(h[2-6])\b([^>]*)>(.*?)</\1>(.{0,80})", re.DOTALL)


@pytest.fixture
def site(make_project, tmp_path) -> Path:
    build(make_project(), tmp_path / "out")
    return tmp_path / "out" / "site"


def read(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def test_the_site_has_its_pages_and_navigation(site):
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "pagefind" not in p.parts)
    assert pages == ["colofon.html", "documenten/notitie.html", "eisen.html", "gunningscriteria.html",
                     "index.html", "planning.html", "segmenten.html", "segmenten/crisis.html",
                     "segmenten/wonen.html", "toegankelijkheid.html", "zoeken.html"]
    nav = re.search(r'<nav class="site-nav".*?</nav>', read(site, "eisen.html"), re.DOTALL).group(0)
    assert re.findall(r'<a href="([^"]+)"', nav) == ["index.html", "segmenten.html", "eisen.html",
                                                      "gunningscriteria.html", "planning.html", "zoeken.html"]
    assert '<a href="eisen.html" aria-current="page">Eisen</a>' in nav
    footer = read(site, "segmenten/crisis.html")
    assert '<a href="../toegankelijkheid.html">Toegankelijkheid</a>' in footer
    assert '<a href="../colofon.html">Colofon</a>' in footer
    assert broken_links(site) == []


def test_pages_without_content_are_left_out_and_never_linked(make_project, tmp_path):
    project = make_project({"content/requirements.yaml": None, "content/criteria.yaml": None,
                            "content/documents/notitie.md": """\
        ---
        title: Notitie
        kind: notitie
        version: "1.0"
        status: concept
        date: 2025-01-15
        ---

        # Segmenten

        {{ segmenten }}
        """})
    build(project, tmp_path / "out")
    site = tmp_path / "out" / "site"
    assert not (site / "eisen.html").exists() and not (site / "gunningscriteria.html").exists()
    for page in site.rglob("*.html"):
        assert "eisen.html" not in read(site, str(page.relative_to(site)))
        assert "gunningscriteria.html" not in read(site, str(page.relative_to(site)))
    assert broken_links(site) == []


def test_every_heading_has_an_anchor_and_a_self_link(site):
    checked = 0
    for page in site.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        for tag, attributes, inner, after in HEADING.findall(main_of(page.read_text(encoding="utf-8"))):
            anchor = re.search(r'\bid="([^"]+)"', attributes)
            assert anchor, f"{page.name}: <{tag}> without id: {inner}"
            assert after.startswith(f'<a class="heading-link" href="#{anchor.group(1)}"'), (page.name, inner)
            checked += 1
    assert checked >= 30


def test_heading_links_keep_the_heading_name_and_give_missing_ids():
    html = heading_links('<h2 id="kop">Kop</h2><p>x</p><h3>Een <em>vraag</em></h3><h3>Een vraag</h3>'
                         '<p id="een-vraag">bezet</p>')
    assert html.count('class="heading-link"') == 3
    assert '<h2 id="kop">Kop</h2><a class="heading-link" href="#kop" data-pagefind-ignore>' in html
    assert '<h3 id="een-vraag-2">Een <em>vraag</em></h3>' in html  # 'een-vraag' was taken
    assert '<h3 id="een-vraag-3">Een vraag</h3>' in html
    assert "Link naar kop ‘Een vraag’" in html
    assert isinstance(html, Markup)


def test_wide_tables_are_keyboard_scrollable_regions_named_after_their_caption():
    html = scroll_regions('<div class="table-wrap"><table class="x">\n  <caption>Eisen <em>nu</em></caption>'
                          '</table></div><div class="table-wrap"><table></table></div>')
    assert '<div class="table-wrap" role="region" tabindex="0" aria-label="Eisen nu">' in html
    assert '<div class="table-wrap" role="region" tabindex="0" aria-label="Tabel">' in html


def test_references_link_to_the_requirement_index_and_the_criteria_page(make_project, tmp_path):
    project = make_project({"content/documents/notitie.md": """\
        ---
        title: Notitie
        kind: notitie
        version: "1.0"
        status: concept
        date: 2025-01-15
        ---

        # Eisen

        Zie [[eis:eis-vog]] en [[criterium:g2]] bij [[segment:wonen]].
        """})
    build(project, tmp_path / "out")
    page = parse_page(tmp_path / "out" / "site" / "documenten" / "notitie.html")
    assert {"../eisen.html#eis-eis-vog", "../gunningscriteria.html#criterium-g2",
            "../segmenten/wonen.html"} <= set(page.links)
    assert broken_links(tmp_path / "out" / "site") == []


def test_requirement_index_lists_everything_without_javascript(site):
    html = read(site, "eisen.html")
    assert re.search(r'<form class="filter" id="site-eisen-filter" hidden', html)
    assert re.findall(r'<article class="requirement" id="([^"]+)" data-kind="([^"]+)" data-segments="([^"]*)"',
                      html) == [("eis-eis-vog", "minimumeis", ""), ("eis-eis-skj", "minimumeis", "crisis")]
    assert '<section class="requirement-group" id="site-soort-minimumeis"' in html
    assert '<a href="documenten/notitie.html#eis-eis-skj">Notitie inkoop</a>' in html  # where it is shown
    crisis = read(site, "segmenten/crisis.html")
    assert '<a href="../eisen.html#eis-eis-skj">E2 SKJ-registratie</a>' in crisis
    assert '<a href="../documenten/notitie.html">Notitie inkoop</a>' in crisis  # mentioned, no anchor there


def test_criteria_page_shows_weights_and_total(site):
    html = main_of(read(site, "gunningscriteria.html"))
    assert re.findall(r'<article class="criterion" id="(criterium-[^"]+)"', html) == ["criterium-g1",
                                                                                     "criterium-g2"]
    assert "Perceel" not in html  # no lots: no lot headings
    assert '<td></td><th scope="row">Totaal</th><td class="number">100%</td>' in html
    assert "Weging: <strong>60%</strong></p>" in html


LOTS = {
    "content/tender.yaml": SMALL_TENDER + """\
        lots:
          - id: perceel-a
            name: Acute hulp
            segments: [crisis]
          - id: perceel-b
            name: Wonen
            segments: [wonen]
        """,
    "content/criteria.yaml": """\
        criteria:
          - id: g1
            title: Visie op passende hulp
            kind: kwaliteit
            weights: {perceel-a: 70, perceel-b: 40}
            description: De visie van de inschrijver.
          - id: g2
            title: Samenwerking
            kind: kwaliteit
            weights: {perceel-a: 30, perceel-b: 60}
            description: Samenwerking in de keten.
        """,
}


def test_criteria_page_gives_the_weights_per_lot(make_project, tmp_path):
    build(make_project(LOTS), tmp_path / "out")
    site = tmp_path / "out" / "site"
    html = main_of(read(site, "gunningscriteria.html"))
    assert '<h3 id="site-perceel-perceel-a-titel">Perceel 1: Acute hulp</h3>' in html
    assert '<h3 id="site-perceel-perceel-b-titel">Perceel 2: Wonen</h3>' in html
    assert html.count('<td></td><th scope="row">Totaal</th><td class="number">100%</td>') == 2
    assert "<strong>70%</strong> in perceel 1, <strong>40%</strong> in perceel 2" in html
    assert '<h3 id="criterium-g1-titel">G1. Visie op passende hulp</h3>' in html  # one section per criterion
    assert "De wegingen tellen per perceel op tot 100%." in html
    crisis = read(site, "segmenten/crisis.html")
    assert 'Perceel 1: Acute hulp (<a href="../gunningscriteria.html#site-perceel-perceel-a">' in crisis
    assert broken_links(site) == []


def test_planning_page_draws_an_accessible_timeline_with_a_table(site):
    html = read(site, "planning.html")
    svg = re.search(r"<svg.*?</svg>", html, re.DOTALL).group(0)
    assert 'role="img" aria-labelledby="site-tijdlijn-titel site-tijdlijn-uitleg"' in svg
    assert '<desc id="site-tijdlijn-uitleg">Tijdlijn met 2 mijlpalen van 3 maart 2025 tot en met 22 april 2025.' in svg
    assert len(re.findall(r"<circle ", svg)) == 2
    rows = re.findall(r'<tr id="mijlpaal-([^"]+)"><td>(\d+)</td><td>([^<]+)</td>', html)
    assert rows == [("publicatie", "1", "Publicatie op TenderNed"), ("inschrijving", "2", "Uiterste inschrijfdatum")]
    assert "planning.ics" not in html  # no package, no calendar file: no link


def test_planning_page_links_the_calendar_file_only_when_there_is_one(make_project):
    model, _ = check(make_project())
    env = make_environment(THEME_DIR.parent)
    fields = dict(project=model, site_title="Site", page_title="Planning", root="", version="0",  # noqa: C408
                  build_date=datetime.date(2025, 1, 1), nav=(), timeline=build_timeline(model.tender.planning))
    template = env.get_template("site/planning.html")
    with_ics = template.render(contexts.PlanningPageContext(**fields, ics_href="planning.ics").as_dict())
    without = template.render(contexts.PlanningPageContext(**fields, ics_href=None).as_dict())
    assert '<a href="planning.ics" download>' in with_ics
    assert ".ics" not in without


def milestone(ident: str, day: datetime.date) -> Milestone:
    return Milestone(ident, ident.capitalize(), day, "overig")


def test_timeline_places_dates_on_the_axis_and_stacks_close_ones():
    d = datetime.date
    timeline = build_timeline((milestone("a", d(2024, 3, 1)), milestone("b", d(2024, 3, 3)),
                               milestone("c", d(2024, 6, 1)), milestone("d", d(2025, 3, 1))))
    xs = [m.x for m in timeline.markers]
    assert xs[0] == timeline.axis_start and xs[-1] == timeline.axis_end
    assert xs == sorted(xs)
    assert timeline.markers[0].y != timeline.markers[1].y  # two days apart: stacked
    assert timeline.markers[0].y == timeline.markers[2].y == timeline.markers[3].y
    assert [t.label for t in timeline.ticks][:3] == ["mrt 2024", "apr 2024", "mei 2024"]
    assert all(timeline.axis_start <= t.x <= timeline.axis_end for t in timeline.ticks)


def test_timeline_thins_ticks_on_long_plannings_and_centres_a_single_date():
    d = datetime.date
    six = build_timeline((milestone("a", d(2024, 1, 1)), milestone("b", d(2030, 1, 1))))
    assert [t.label for t in six.ticks][:3] == ["jan 2024", "jul 2024", "jan 2025"]  # half-yearly
    ten = build_timeline((milestone("a", d(2024, 1, 1)), milestone("b", d(2034, 1, 1))))
    assert [t.label for t in ten.ticks] == [f"jan {year}" for year in range(2024, 2035)]  # yearly
    single = build_timeline((milestone("a", d(2024, 5, 20)),))
    assert single.markers[0].x == (single.axis_start + single.axis_end) / 2
    assert "Tijdlijn met 1 mijlpaal op 20 mei 2024." in single.description


def test_timeline_draws_a_period_up_to_its_end():
    d = datetime.date
    period = Milestone("beoordeling", "Beoordeling", d(2024, 5, 1), "overig", end=d(2024, 6, 1))
    timeline = build_timeline((milestone("a", d(2024, 3, 1)), period))
    assert timeline.markers[1].end_x == timeline.axis_end  # the axis runs to the period's end
    assert timeline.markers[0].end_x is None
    assert timeline.markers[0].x < timeline.markers[1].x < timeline.markers[1].end_x


def test_tender_status_names_the_last_and_next_milestone(make_project):
    model, _ = check(make_project())
    before = tender_status(model, datetime.date(2025, 1, 1))
    assert (before.previous, before.next.id) == (None, "publicatie")
    between = tender_status(model, datetime.date(2025, 3, 3))
    assert (between.previous.id, between.next.id) == ("publicatie", "inschrijving")
    after = tender_status(model, datetime.date(2026, 1, 1))
    assert (after.previous.id, after.next) == ("inschrijving", None)


def test_home_shows_the_tender_at_a_glance(site):
    html = main_of(read(site, "index.html"))
    assert "<dt>Procedure</dt><dd>SAS-procedure (sociale en andere specifieke diensten)</dd>" in html
    assert ("Op 15 januari 2025. Nog geen mijlpaal bereikt. Volgende: Publicatie op TenderNed (3 maart 2025)."
            in " ".join(html.split()))
    assert '<time datetime="2025-04-22">22 april 2025</time> <span>Uiterste inschrijfdatum</span>' in html
    assert 'href="documenten/notitie.html"' in html


def test_build_date_comes_from_the_newest_document_or_source_date_epoch(make_project, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = make_project()
    build(project, tmp_path / "a")
    colophon = read(tmp_path / "a" / "site", "colofon.html")
    assert ('<time datetime="2025-01-15">15 januari 2025</time> (de datum komt uit de datum van het nieuwste '
            'document (Notitie inkoop))') in colophon
    assert "Gemaakt met Bestek 0.1.0 op 15 januari 2025." in colophon
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    build(project, tmp_path / "b")
    colophon = read(tmp_path / "b" / "site", "colofon.html")
    assert "1 januari 2026</time> (de datum komt uit de omgevingsvariabele SOURCE_DATE_EPOCH)" in colophon
    assert 'Deze verklaring is opgesteld op <time datetime="2026-01-01">' in read(tmp_path / "b" / "site",
                                                                               "toegankelijkheid.html")


def test_a_bad_source_date_epoch_is_an_environment_error(make_project, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    code = main(["build", "--project", str(make_project()), "--out", str(tmp_path / "out")])
    assert code == 2
    assert capsys.readouterr().err == ("SOURCE_DATE_EPOCH moet een geheel aantal seconden sinds 1970 zijn, "
                                       "niet 'gisteren'\n")


def test_a_missing_pagefind_is_an_environment_error(make_project, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "geen-pagefind"))
    code = main(["build", "--project", str(make_project()), "--out", str(tmp_path / "out")])
    assert code == 2
    assert capsys.readouterr().err == (
        f"de zoekmachine Pagefind ontbreekt ('{tmp_path / 'geen-pagefind'}' is geen uitvoerbaar bestand). "
        "Voer 'make build' uit; dat installeert het Python-pakket pagefind[extended] met het programma "
        "pagefind_extended.\n")
    assert not (tmp_path / "out").exists()


def test_search_index_covers_every_page_but_the_search_page_in_dutch(site):
    entry = json.loads(read(site, "pagefind/pagefind-entry.json"))
    assert list(entry["languages"]) == ["nl"]
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts]
    assert entry["languages"]["nl"]["page_count"] == len(pages) - 1
    assert "data-pagefind-body" not in read(site, "zoeken.html")
    assert '<label for="site-zoekterm">' in read(site, "zoeken.html")
    assert '<form class="site-search" action="../zoeken.html" method="get" role="search"' in read(
        site, "segmenten/crisis.html")


def test_no_page_loads_anything_from_elsewhere(site):
    for path in site.rglob("*"):
        if path.suffix in (".html", ".css") and "pagefind" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert not re.search(r'<(?:link|script|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//', text), path
            assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), path
            assert "@import" not in text, path


def test_the_serve_reload_script_is_never_in_the_built_site(site):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js"):
            assert "__bestek" not in path.read_text(encoding="utf-8"), path


def test_accessibility_statement_follows_the_model(site):
    html = main_of(read(site, "toegankelijkheid.html"))
    headings = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", html)
    assert headings == ["Verklaring", "Nalevingsstatus", "Wat er is gedaan", "Bekende beperkingen",
                        "Opstelling van deze verklaring", "Feedback en contactgegevens", "Handhavingsprocedure"]
    assert "Status D: aanvullende maatregelen nodig." in html
    assert '<a href="mailto:inkoop@example.nl">inkoop@example.nl</a>' in html
    assert "PDF" not in html  # the small project publishes no PDFs


def test_with_a_package_the_planning_links_its_calendar_and_the_menu_the_nvi(tender_project, tmp_path):  # noqa: F811
    """`bestek package` writes site/planning.ics: only then does the planning page link it."""
    build(tender_project, tmp_path / "out", package=True)
    site = tmp_path / "out" / "site"
    assert (site / "planning.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert '<a href="planning.ics" download>Zet de planning in uw agenda (iCalendar-bestand)</a>' in read(
        site, "planning.html")
    assert '<li><a href="documenten/nvi.html">Nota van Inlichtingen</a></li>' in read(site, "index.html")
    assert broken_links(site) == []


def test_two_plannings_with_phases_on_one_page_associate_their_cells_by_ids_of_their_own(make_project, tmp_path):
    """The planning with phases has two levels of headers: each data cell names its column and its phase in
    headers="..." (HTML_CodeSniffer demands it, tests/test_site_quality.py); two such tables on one page
    (and a heading that would take the same name) keep ids of their own."""
    import lxml.html

    from .test_table_mechanisms import PHASED_TENDER, notitie
    body = ('# Site planning 1\n\n{{ planning fase="Voorbereiding, Aanbesteding" }}\n\n# Alles\n\n{{ planning }}\n\n'
            '# Zonder fasen\n\n{{ segmenten }}\n')
    project = make_project({"content/tender.yaml": PHASED_TENDER, "content/documents/notitie.md": notitie(body)})
    build(project, tmp_path / "out")
    page = tmp_path / "out" / "site" / "documenten" / "notitie.html"
    tables = lxml.html.fromstring(page.read_bytes()).xpath("//table[contains(@class, 'block-planning')]")
    assert [t.get("id") for t in tables] == ["site-planning-1", "site-planning-2"]
    assert [header_problems(t) for t in tables] == [[], []]
    second = tables[1].xpath("./tbody/tr[td[1] = 'Nota van inlichtingen']/td")  # its id is in the first table
    assert [td.get("headers") for td in second][:2] == ["site-planning-2-mijlpaal site-planning-2-fase-2",
                                                        "site-planning-2-datum site-planning-2-fase-2"]
    ids = [e.get("id") for e in lxml.html.fromstring(page.read_bytes()).iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and "h-site-planning-1" in ids
    broken = tables[0]
    broken.xpath("./tbody/tr/td")[0].set("headers", "site-planning-1-mijlpaal")
    assert header_problems(broken) == ["Planning: 'Inkoopstrategie' has headers='site-planning-1-mijlpaal', "
                                       "expected 'site-planning-1-mijlpaal site-planning-1-fase-1'"]
