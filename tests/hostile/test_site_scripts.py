"""No script on the site: the theme's pages declare a Content-Security-Policy, a project template's
output is checked like content (no script, no event handler, nothing loaded from elsewhere), and
rendering a project template has a time and size limit. Every refusal is a positioned Dutch content
error (exit 1). In headless Chromium: a page with an injected inline script and a remote image runs
nothing and requests nothing under the theme's policy, and does both without it (so the test can fail).
"""
from __future__ import annotations

import http.server
import re
import threading
import time
from pathlib import Path

import pytest

import generator.render.sandbox
import generator.render.templating
from generator.cli import main
from generator.pipeline import build
from generator.render.environment import THEME_DIR
from generator.render.htmlcheck import THEME_POLICY
from generator.serve import SITE_POLICY

from ..browser import Chromium, SiteServer
from ..conftest import write_project

HEAD = '{% extends "documents/base.html" %}\n{% set label = "Notitie" %}\n'
TEMPLATE = "templates/documents/notitie.html"
WHERE = "zet het bestand in het project en verwijs ernaar met een pad"
FROM_ELSEWHERE = "de website laadt niets van andere websites en geen 'data:'-adressen; " + WHERE


def test_every_page_declares_the_theme_policy_first_in_its_head(tmp_path):
    build(write_project(tmp_path / "project", {}), tmp_path / "uit")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{THEME_POLICY}">'
    pages = sorted((tmp_path / "uit" / "site").rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        head = page.read_text(encoding="utf-8").split("<head>\n", 1)[1]
        assert head.startswith(f'  <meta charset="utf-8">\n  {meta}\n'), page
        assert not re.search(r"<script(?![^>]*\bsrc=)", head + page.read_text(encoding="utf-8")), page
    assert SITE_POLICY == THEME_POLICY
    assert meta in (THEME_DIR / "site" / "base.html").read_text(encoding="utf-8")


# --- what a project template may write ---

REFUSED = {
    "inline-script": (HEAD + "{% block back %}\n<p>Zie</p>\n  <script>alert(1)</script>{% endblock %}", 5, 3,
                      "het sjabloon maakt een <script>-element; dat is niet toegestaan (de website draait alleen de "
                      "scripts van het thema, assets/zoeken.js en assets/eisen.js); haal het weg"),
    "script-from-elsewhere": (HEAD + '{% block back %}<script src="https://cdn.example/x.js"></script>{% endblock %}',
                              3, 30, "het sjabloon laadt 'https://cdn.example/x.js' in het attribuut 'src' van "
                                     "<script>; " + FROM_ELSEWHERE),
    "script-made-by-expressions": (HEAD + '{% block back %}{{ ("<scr" ~ "ipt>alert(1)</scr" ~ "ipt>")|safe }}'
                                          "{% endblock %}", 3, 1,
                                   "het sjabloon maakt een <script>-element; dat is niet toegestaan (de website "
                                   "draait alleen de scripts van het thema, assets/zoeken.js en assets/eisen.js); "
                                   "haal het weg"),
    "event-handler": (HEAD + '{% block back %}\n<p>a</p>\n<img src="kaart.png" alt="" onerror="alert(1)">{% endblock %}',
                      5, 29, "het sjabloon geeft <img> het attribuut 'onerror' (code die wordt uitgevoerd); dat is "
                             "niet toegestaan; haal het weg"),
    "iframe": (HEAD + '{% block back %}<iframe src="kaart.html"></iframe>{% endblock %}', 3, 17,
               "het sjabloon maakt een <iframe>-element; dat is niet toegestaan in de website (het kan code uitvoeren "
               "of inhoud van elders laden); gebruik gewone HTML zoals <p>, <a> en <img> met bestanden uit het project"),
    "object": (HEAD + '{% block back %}<object data="x.swf"></object>{% endblock %}', 3, 17,
               "het sjabloon maakt een <object>-element; dat is niet toegestaan in de website (het kan code uitvoeren "
               "of inhoud van elders laden); gebruik gewone HTML zoals <p>, <a> en <img> met bestanden uit het project"),
    "embed": (HEAD + '{% block back %}<embed src="x.swf">{% endblock %}', 3, 17,
              "het sjabloon maakt een <embed>-element; dat is niet toegestaan in de website (het kan code uitvoeren "
              "of inhoud van elders laden); gebruik gewone HTML zoals <p>, <a> en <img> met bestanden uit het project"),
    "base": (HEAD + '{% block back %}<base href="https://elders.example/">{% endblock %}', 3, 17,
             "het sjabloon maakt een <base>-element; dat is niet toegestaan in de website (het kan code uitvoeren "
             "of inhoud van elders laden); gebruik gewone HTML zoals <p>, <a> en <img> met bestanden uit het project"),
    "meta-refresh": (HEAD + '{% block back %}<meta http-equiv="refresh" content="0; url=https://x.example/">'
                            "{% endblock %}", 3, 23,
                     'het sjabloon maakt <meta http-equiv="refresh">; dat is niet toegestaan (alleen de regel met het '
                     "beveiligingsbeleid van het thema); haal het weg"),
    "javascript-link": (HEAD + "{% block back %}<a href=\"{{ 'java' ~ 'script:alert(1)' }}\">x</a>{% endblock %}", 3, 1,
                        "het sjabloon maakt een link naar 'javascript:alert(1)' ('javascript:'); gebruik https://, "
                        "http://, mailto:, tel: of een pad binnen de website"),
    "encoded-javascript-link": (HEAD + '{% block back %}<a href="&#106;avascript:alert(1)">x</a>{% endblock %}', 3, 1,
                                "het sjabloon maakt een link naar 'javascript:alert(1)' ('javascript:'); gebruik "
                                "https://, http://, mailto:, tel: of een pad binnen de website"),
    "data-image": (HEAD + '{% block back %}<img alt="" src="data:image/png;base64,iVBORw0KGgo=">{% endblock %}', 3, 34,
                   "het sjabloon laadt 'data:image/png;base64,iVBORw0KGgo=' in het attribuut 'src' van <img>; "
                   + FROM_ELSEWHERE),
    "web-image": (HEAD + '{% block back %}<img alt="" src="https://teller.example/p.gif">{% endblock %}', 3, 34,
                  "het sjabloon laadt 'https://teller.example/p.gif' in het attribuut 'src' van <img>; " + FROM_ELSEWHERE),
    "protocol-relative-srcset": (HEAD + '{% block back %}<img alt="" src="a.png" srcset="b.png 2x, //x.example/c.png 3x">'
                                        "{% endblock %}", 3, 59,
                                 "het sjabloon laadt '//x.example/c.png' in het attribuut 'srcset' van <img>; "
                                 + FROM_ELSEWHERE),
    "stylesheet-from-elsewhere": (HEAD + '{% block back %}<link rel="stylesheet" href="https://x.example/s.css">'
                                         "{% endblock %}", 3, 46,
                                  "het sjabloon laadt 'https://x.example/s.css' in het attribuut 'href' van <link>; "
                                  + FROM_ELSEWHERE),
    "prefetch": (HEAD + '{% block back %}<link rel="prefetch" href="a.html">{% endblock %}', 3, 23,
                 'het sjabloon maakt <link rel="prefetch">; alleen alternate, author, canonical, help, icon, license, '
                 "next, prev, search, stylesheet zijn toegestaan; haal het weg"),
    "style-url-escaped": (HEAD + '{% block back %}<p style="background: u\\72l(https://x.example/p.gif)">a</p>'
                                 "{% endblock %}", 3, 45,
                          "het sjabloon laadt 'https://x.example/p.gif' in het attribuut 'style' van <p> (url()); "
                          + FROM_ELSEWHERE),
    "style-import": (HEAD + "{% block back %}<style>@import 'https://x.example/s.css';</style>{% endblock %}", 3, 24,
                     "het sjabloon laadt met @import een ander stijlblad in een <style>-element; zet de stijl in het "
                     "sjabloon zelf of in een bestand dat u met <link> laadt"),
    "form-to-elsewhere": (HEAD + '{% block back %}<form action="https://x.example/"></form>{% endblock %}', 3, 31,
                          "het sjabloon laadt 'https://x.example/' in het attribuut 'action' van <form>; " + FROM_ELSEWHERE),
    "noscript-mutation": (HEAD + '{% block back %}<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p>'
                                 "</noscript>{% endblock %}", 3, 27,
                          "het sjabloon zet een '<' binnen de tag <p>; schrijf &lt; in plaats van <"),
    "comment-mutation": (HEAD + "{% block back %}<!-- --!><img src=x onerror=alert(1)> -->{% endblock %}", 3, 17,
                         "het sjabloon zet een '<' in een HTML-commentaar; dat is niet toegestaan; schrijf het "
                         "commentaar als Jinja-commentaar {# ... #}"),
    "cdata-mutation": (HEAD + "{% block back %}<![CDATA[ ><img src=x onerror=alert(1)> ]]>{% endblock %}", 3, 17,
                       "het sjabloon schrijft een CDATA-blok of verwerkingsinstructie (<![...]> of <?...>); dat is "
                       "niet toegestaan in de website; haal het weg"),
    "svg-style-mutation": (HEAD + "{% block back %}<svg><style><img src=x onerror=alert(1)></style></svg>{% endblock %}",
                           3, 29, "het sjabloon zet een '<' in een <style>-element; dat is niet toegestaan"),
    "attribute-in-a-theme-tag": ('{% extends "site/base.html" %}\n{% block main_attributes %} onclick="alert(1)"'
                                 "{% endblock %}\n{% block main %}<h1>x</h1>{% endblock %}", 2, 29,
                                 "het sjabloon geeft <main> het attribuut 'onclick' (code die wordt uitgevoerd); dat is "
                                 "niet toegestaan; haal het weg"),
}


def run_build(tmp_path: Path, files: dict[str, str], capsys) -> tuple[int, str]:
    project = write_project(tmp_path / "project", files)
    code = main(["build", "--project", str(project), "--out", str(tmp_path / "uit")])
    captured = capsys.readouterr()
    assert captured.out == "" or code == 0
    assert "Traceback" not in captured.err
    return code, captured.err


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_a_project_template_may_not_write_is_a_positioned_content_error(name, tmp_path, capsys):
    source, line, col, message = REFUSED[name]
    path = "templates/site/index.html" if name == "attribute-in-a-theme-tag" else TEMPLATE
    code, err = run_build(tmp_path, {path: source}, capsys)
    assert (code, err) == (1, f"{path}:{line}:{col}: {message}\n1 fout gevonden.\n")
    assert not (tmp_path / "uit").exists()


ALLOWED = {
    "links-to-the-web-styles-and-drawings": HEAD + (
        '{% block back %}<p style="color: rgb(0, 0, 0); background: url(../bestanden/x.png)">Zie '
        '<a href="https://www.example.nl/" rel="noopener" target="_blank">de regio</a>, '
        '<a href="mailto:a@example.nl">mail</a>, <a href="../index.html#top">terug</a>.</p>'
        '<svg viewBox="0 0 10 10" role="img" aria-label="vlak"><rect width="10" height="10" fill="#123456"/></svg>'
        '<table><tr><td colspan="2">a</td></tr></table><!-- een opmerking -->{% endblock %}'),
}


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_ordinary_html_in_a_project_template_passes(name, tmp_path, capsys):
    assert run_build(tmp_path, {TEMPLATE: ALLOWED[name]}, capsys) == (0, "")


def test_a_project_may_copy_the_theme_pages_with_their_policy_scripts_and_styles(tmp_path, capsys):
    """The theme's base page (CSP meta, inline theme colours) and its pages with scripts, written by the
    project as copies, pass: the allow-list admits exactly what the theme itself writes."""
    files = {f"templates/site/{name}": (THEME_DIR / "site" / name).read_text(encoding="utf-8")
             for name in ("base.html", "zoeken.html", "eisen.html", "planning.html", "gunningscriteria.html")}
    assert run_build(tmp_path, files, capsys) == (0, "")


# --- limits: no template may hang or exhaust the build ---

LIMITS = {
    "huge-power": ("{{ 10**(10**9) }}", "het sjabloon rekent een te grote macht uit (**); gebruik kleinere getallen"),
    "huge-range": ("{% for i in range(10**6) %}{% endfor %}",
                   "het sjabloon vraagt een reeks van 1.000.000 getallen (range); het maximum is 10.000; maak de "
                   "reeks kleiner"),
    "huge-repetition": ('{{ "x" * 10**8 }}', "het sjabloon maakt een tekst of lijst van meer dan 20 MiB; maak hem kleiner"),
    "doubling-concatenation": ('{% set ns = namespace(s="x" * 10**6) %}{% for i in range(100) %}'
                               "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
                               "het sjabloon maakt een tekst of lijst van meer dan 20 MiB; maak hem kleiner"),
    "huge-filter-argument": ('{{ "x"|center(10**9) }}',
                             "het sjabloon geeft een te groot getal door aan een functie of filter (meer dan 1.000.000); "
                             "gebruik kleinere getallen"),
    "huge-method-argument": ('{{ "x".ljust(10**9) }}',
                             "het sjabloon geeft een te groot getal door aan een functie of filter (meer dan 1.000.000); "
                             "gebruik kleinere getallen"),
    "huge-format-width": ('{{ "%0999999999d" % 1 }}',
                          "het sjabloon maakt een veld van meer dan 20 MiB; maak hem kleiner"),
    "huge-format-method-width": ('{{ "{:9999999999}".format(1) }}',
                                 "het sjabloon maakt een veld van meer dan 20 MiB; maak hem kleiner"),
    "huge-format-map-width": ('{{ "{x:9999999999}".format_map({"x": 1}) }}',
                              "het sjabloon maakt een veld van meer dan 20 MiB; maak hem kleiner"),
    "huge-page": ('{% set s = "x" * 10**7 %}{% for i in range(5) %}{{ s }}{% endfor %}',
                  "het sjabloon maakt een pagina van meer dan 20 MiB; maak de uitvoer kleiner"),
}


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_a_template_past_a_limit_is_a_positioned_content_error(name, tmp_path, capsys):
    source, message = LIMITS[name]
    start = time.monotonic()
    code, err = run_build(tmp_path, {TEMPLATE: HEAD + "{% block back %}\n" + source + "\n{% endblock %}"}, capsys)
    assert (code, err) == (1, f"{TEMPLATE}:4:1: {message}\n1 fout gevonden.\n")
    assert time.monotonic() - start < 5


@pytest.mark.parametrize("loop", ["{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
                                  '{% set s = "x" * 10**6 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}'])
def test_a_template_that_takes_too_long_stops_at_the_time_limit(loop, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(generator.render.sandbox, "TIME_LIMIT", 1.0)
    start = time.monotonic()
    code, err = run_build(tmp_path, {TEMPLATE: HEAD + "{% block back %}\n" + loop + "\n{% endblock %}"}, capsys)
    assert (code, err) == (1, f"{TEMPLATE}:4:1: het sjabloon doet er langer dan 1 seconden over; vermijd lussen in "
                              "lussen over grote reeksen en maak de berekening eenvoudiger\n1 fout gevonden.\n")
    assert time.monotonic() - start < 4


def test_the_default_limits_are_those_the_issue_names():
    assert (generator.render.sandbox.MAX_RANGE, generator.render.sandbox.MAX_OUTPUT, generator.render.sandbox.TIME_LIMIT) == \
        (10_000, 20 * 1024 * 1024, 20.0)


# --- in the browser: the policy stops what a check might miss ---

HOSTILE = (HEAD + "{% block back %}<script>document.documentElement.dataset.ran = 'inline';</script>"
           '<img alt="" src="{{ remote }}pixel.png" onerror="document.documentElement.dataset.ran = \'handler\'">'
           "{% endblock %}")


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # the stdlib's name
        self.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_in_chromium_the_policy_runs_no_injected_script_and_loads_nothing_from_elsewhere(tmp_path, monkeypatch):
    """A site built with the template check switched off (as if a check missed something): under the
    theme's policy neither the inline script nor the event handler runs and the other origin gets no
    request; the same page without the policy runs both and asks the other origin (the test can fail)."""
    remote = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=remote.serve_forever, daemon=True).start()
    remote_url = f"http://127.0.0.1:{remote.server_address[1]}/"
    monkeypatch.setattr(generator.render.templating, "check_html", lambda html, is_project, root=None: None)
    project = write_project(tmp_path / "project", {TEMPLATE: HOSTILE.replace("{{ remote }}", remote_url)})
    build(project, tmp_path / "uit")
    page = tmp_path / "uit" / "site" / "documenten" / "notitie.html"
    html = page.read_text(encoding="utf-8")
    assert "<script>document.documentElement.dataset.ran" in html and remote_url in html
    (page.parent / "zonder-beleid.html").write_text(re.sub(r'  <meta http-equiv="Content-Security-Policy"[^>]*>\n', "",
                                                           html), encoding="utf-8")
    try:
        with SiteServer(tmp_path / "uit" / "site") as site, Chromium() as browser:
            tab = browser.page()
            tab.goto(site.url + "documenten/notitie.html")
            time.sleep(0.5)
            assert tab.evaluate("document.documentElement.dataset.ran || null") is None
            assert _Counting.hits == []
            blocked = [e["params"].get("blockedReason") for e in browser.events("Network.loadingFailed", tab.session)]
            assert "csp" in blocked
            tab.goto(site.url + "documenten/zonder-beleid.html")
            time.sleep(0.5)
            assert tab.evaluate("document.documentElement.dataset.ran || null") in ("inline", "handler")
            assert _Counting.hits == ["/pixel.png"]
    finally:
        remote.shutdown()
        remote.server_close()
