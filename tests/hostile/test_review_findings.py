"""The holes of the security review (findings S1-S4, M1, M3, M4, C1/C2), each closed at its root and
proven here through `bestek build` (generator.cli.main): a positioned Dutch content error and exit 1,
nothing written. Plain cases that must keep passing stand beside them.

S1 theme scripts by exact path; S2 no SVG or inline script; S3 every site page keeps the theme's policy;
S4 no hidden, build or non-.html file as a template; M1 no element inside an SVG <style>; M3 tab and
newline dropped from URLs; M4 character references in an <svg><style>; C1/C2 CSS nested too deep.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

import generator.render.templating
from generator.cli import main
from generator.render.environment import THEME_DIR
from generator.render.htmlcheck import THEME_POLICY

from ..browser import Chromium, SiteServer
from ..conftest import write_project

HEAD = '{% extends "documents/base.html" %}\n{% set label = "Notitie" %}\n'
TEMPLATE = "templates/documents/notitie.html"
SCRIPT = ("het sjabloon maakt een <script>-element; dat is niet toegestaan (de website draait alleen de scripts van "
          "het thema, assets/zoeken.js en assets/eisen.js); haal het weg")
FROM_ELSEWHERE = ("de website laadt niets van andere websites en geen 'data:'-adressen; zet het bestand in het project "
                  "en verwijs ernaar met een pad")
DEEP = "CSS die te diep genest is (meer dan 32 haakjes of blokken binnen elkaar); de stijl is te diep genest"
POLICY_MISSING = ("het sjabloon laat de regel met het beveiligingsbeleid (Content-Security-Policy) van het thema weg; "
                  'neem <meta http-equiv="Content-Security-Policy" content="..."> uit het thema over, direct na '
                  '<meta charset="utf-8"> in de <head>')
HIDDEN = ("het sjabloon is een verborgen bestand, ligt in een verborgen map (zoals .git of .env) of in de uitvoer van "
          "een build (build/), of is een snelkoppeling (symlink) daarheen; Bestek leest en publiceert die niet als "
          "sjabloon")
NOT_HTML = ("het sjabloon is geen .html-bestand (of een snelkoppeling (symlink) naar een ander soort bestand); alleen "
            "bestanden die op .html eindigen zijn sjablonen")
RESAVE = "sla de tekening opnieuw op als gewone SVG"
META = f'  <meta http-equiv="Content-Security-Policy" content="{THEME_POLICY}">\n'


def run_build(project: Path, out: Path, capsys) -> tuple[int, str]:
    code = main(["build", "--project", str(project), "--out", str(out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def build_with(tmp_path: Path, files: dict[str, str | None], capsys) -> tuple[int, str]:
    return run_build(write_project(tmp_path / "project", files), tmp_path / "uit", capsys)


def refused(tmp_path: Path, files: dict[str, str | None], capsys, *messages: str) -> None:
    code, err = build_with(tmp_path, files, capsys)
    assert (code, err) == (1, "".join(f"{m}\n" for m in messages) + f"{len(messages)} fout gevonden.\n")
    assert not (tmp_path / "uit").exists()


def in_notitie(body: str) -> dict[str, str]:
    return {TEMPLATE: HEAD + "{% block back %}" + body + "{% endblock %}"}


# --- what a project template writes (S1, S2, M3, M4, C2) ---

PAGE = "templates/site/document.html"  # the page of each document, documenten/<id>.html: root is '../'


def in_page(body: str) -> dict[str, str]:
    return {PAGE: '{% extends "site/base.html" %}\n{% block main %}\n{{ article }}\n' + body + "\n{% endblock %}"}


PAGE_REFUSED = {
    # S1: a theme script's name at the end of a path that leads elsewhere
    "script-fragment-suffix": ('<script src="../assets/../bestanden/x.txt#assets/zoeken.js"></script>', 1, SCRIPT),
    "script-query-suffix": ('<script src="../bestanden/x.txt?assets/zoeken.js"></script>', 1, SCRIPT),
    "script-only-a-query": ('<script src="?assets/zoeken.js"></script>', 1, SCRIPT),
    "script-percent-dots": ('<script src="../assets/%2e%2e/bestanden/zoeken.js"></script>', 1, SCRIPT),
    "script-not-from-the-root": ('<script src="assets/zoeken.js"></script>', 1, SCRIPT),  # documenten/assets/...
    "script-absolute": ('<script src="/assets/zoeken.js"></script>', 1, SCRIPT),
    "script-tab-in-the-path": ('<script src="../assets/zoe&#9;ken.js"></script>', 1, SCRIPT),
    # S2: script in SVG (href, text) and script text or href beside a theme src
    "svg-script-href": ('<svg><script href="../bestanden/x.txt"></script></svg>', 6, SCRIPT),
    "svg-script-xlink-href": ('<svg><script xlink:href="../bestanden/x.txt"></script></svg>', 6, SCRIPT),
    "svg-script-inline": ("<svg><script>alert(1)</script></svg>", 6, SCRIPT),
    "svg-script-with-theme-src": ('<svg><script src="../assets/zoeken.js"></script></svg>', 6, SCRIPT),
    "script-theme-src-and-href": ('<script src="../assets/zoeken.js" href="x.js"></script>', 1, SCRIPT),
    "script-theme-src-and-text": ('<script src="../assets/zoeken.js">alert(1)</script>', 35,
                                  "het sjabloon zet tekst (code) in een <script>-element; dat is niet toegestaan (de "
                                  "website draait alleen de scripts van het thema, assets/zoeken.js en "
                                  "assets/eisen.js); haal het weg"),
    "script-self-closed": ('<script src="../assets/zoeken.js"/>', 1,
                           "het sjabloon sluit <script/> in de tag zelf; een browser leest daarna verder als script; "
                           "schrijf <script></script> of haal het weg"),
}


@pytest.mark.parametrize("name", sorted(PAGE_REFUSED))
def test_review_what_a_project_page_may_not_write(name, tmp_path, capsys):
    body, col, message = PAGE_REFUSED[name]
    refused(tmp_path, in_page(body), capsys, f"{PAGE}:4:{col}: {message}")


PAGE_ALLOWED = {
    "theme-script": '<script src="../assets/eisen.js" defer></script>',
    "theme-script-by-a-longer-path": '<script src="../documenten/../assets/zoeken.js"></script>',
    "theme-script-with-whitespace": '<script src="../assets/zoeken.js">\n</script>',
}


@pytest.mark.parametrize("name", sorted(PAGE_ALLOWED))
def test_review_a_project_page_may_keep_the_theme_scripts(name, tmp_path, capsys):
    assert build_with(tmp_path, in_page(PAGE_ALLOWED[name]), capsys) == (0, "")


TEMPLATE_REFUSED = {
    # S1: a document's article is no page of the site: no script at all, also not the theme's
    "script-in-an-article": ('<script src="../assets/zoeken.js"></script>', 17, SCRIPT),
    "style-self-closed": ("<style/><p>{}p{background:url(//x.example/p.gif)}</p>", 17,
                          "het sjabloon sluit <style/> in de tag zelf; een browser leest daarna verder als stijl; "
                          "schrijf <style></style> of haal het weg"),
    # M3: a protocol-relative URL with a tab, newline or carriage return between the slashes
    "image-tab": ('<img alt="" src="/&#9;/127.0.0.1/x.png">', 1,
                  "het sjabloon laadt '//127.0.0.1/x.png' in het attribuut 'src' van <img>; " + FROM_ELSEWHERE),
    "image-newline": ('<img alt="" src="/&#10;/127.0.0.1/x.png">', 1,
                      "het sjabloon laadt '//127.0.0.1/x.png' in het attribuut 'src' van <img>; " + FROM_ELSEWHERE),
    "image-carriage-return": ('<img alt="" src="/&#13;/127.0.0.1/x.png">', 1,
                              "het sjabloon laadt '//127.0.0.1/x.png' in het attribuut 'src' van <img>; "
                              + FROM_ELSEWHERE),
    "style-url-tab": ('<p style="background: url(&quot;/\\9/x.example/p.gif&quot;)">a</p>', 1,
                      "het sjabloon laadt '//x.example/p.gif' in het attribuut 'style' van <p> (url()); "
                      + FROM_ELSEWHERE),
    # M4: in <svg>, a <style> is foreign content: the browser decodes &...; before CSS reads it
    "svg-style-entity-import": ("<svg><style>@&#105mport url(//x.example/s.css);</style></svg>", 1,
                                "het sjabloon laadt met @import een ander stijlblad in een <style>-element (met de "
                                "&-codes gelezen zoals een browser dat doet in <svg>); zet de stijl in het sjabloon "
                                "zelf of in een bestand dat u met <link> laadt"),
    "svg-style-entity-url": ("<svg><style>rect { fill: ur&#108(//x.example/p.gif) }</style></svg>", 50,
                             "het sjabloon laadt '//x.example/p.gif' in een <style>-element (met de &-codes gelezen "
                             "zoals een browser dat doet in <svg>) (url()); " + FROM_ELSEWHERE),
    # C2: nesting that overflowed Python's stack (exit 3) is a content error
    "style-attribute-deep": ('<div style="color:' + "(" * 5000 + '">a</div>', 22,
                             "het sjabloon schrijft in het attribuut 'style' van <div> " + DEEP + ": maak hem "
                             "eenvoudiger"),
    "style-element-deep": ("<style>p { color: " + "[" * 5000 + " }</style>", 18,
                           "het sjabloon schrijft in een <style>-element " + DEEP + ": maak hem eenvoudiger"),
}


@pytest.mark.parametrize("name", sorted(TEMPLATE_REFUSED))
def test_review_what_a_project_template_may_not_write(name, tmp_path, capsys):
    body, col, message = TEMPLATE_REFUSED[name]
    refused(tmp_path, in_notitie(body), capsys, f"{TEMPLATE}:3:{col}: {message}")


TEMPLATE_ALLOWED = {
    "svg-style-with-ampersand-nesting": "<svg><style>rect { fill: red; & circle { fill: blue } }</style></svg>",
    "nesting-within-the-limit": '<p style="width: ' + "calc(" * 20 + "1px" + ")" * 20 + '">a</p>',
}


@pytest.mark.parametrize("name", sorted(TEMPLATE_ALLOWED))
def test_review_ordinary_template_output_still_passes(name, tmp_path, capsys):
    assert build_with(tmp_path, in_notitie(TEMPLATE_ALLOWED[name]), capsys) == (0, "")


# --- S3: every site page keeps the theme's policy in its head ---

BASE = (THEME_DIR / "site" / "base.html").read_text(encoding="utf-8")


def test_review_a_theme_base_copy_has_the_policy_line_this_test_removes():
    assert BASE.count(META) == 1


POLICY_REFUSED = {
    "dropped": BASE.replace(META, ""),
    "moved-into-the-body": BASE.replace(META, "").replace("<body>\n", "<body>\n" + META),
    "after-an-element-that-ends-the-head": BASE.replace(META, "  <p>x</p>\n" + META),
    "after-text-that-ends-the-head": BASE.replace(META, "  x\n" + META),
    "after-the-stylesheet": BASE.replace(META, "").replace("<style>", META + "  <style>"),
    "in-a-jinja-comment": BASE.replace(META, "{#" + META + "#}"),
}


@pytest.mark.parametrize("name", sorted(POLICY_REFUSED))
def test_review_a_project_base_page_without_the_policy_in_its_head_is_refused(name, tmp_path, capsys):
    refused(tmp_path, {"templates/site/base.html": POLICY_REFUSED[name]}, capsys,
            f"templates/site/base.html:1:1: {POLICY_MISSING}")


def test_review_a_project_page_without_a_base_and_without_the_policy_is_refused(tmp_path, capsys):
    page = "<!DOCTYPE html>\n<html lang=\"nl\"><head><title>x</title></head><body><p>{{ site_title }}</p></body></html>"
    refused(tmp_path, {"templates/site/index.html": page}, capsys, f"templates/site/index.html:1:1: {POLICY_MISSING}")


def test_review_a_project_base_page_that_keeps_the_policy_passes(tmp_path, capsys):
    comment = BASE.replace("<head>\n", "<head>\n  <!-- eigen kop -->\n")
    assert build_with(tmp_path, {"templates/site/base.html": comment}, capsys) == (0, "")
    html = (tmp_path / "uit" / "site" / "index.html").read_text(encoding="utf-8")
    assert META in html


# --- S4: secrets and other files through templates ---

INCLUDE = HEAD + "{% block back %}{% include '{0}' %}{% endblock %}"


def _secrets(project: Path) -> None:
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[remote]\nurl = https://token@example/\n", encoding="utf-8")
    (project / ".git" / "x.html").write_text("<p>geheim</p>", encoding="utf-8")
    (project / ".env").write_text("WACHTWOORD=geheim\n", encoding="utf-8")
    (project / "content" / ".geheim.html").write_text("<p>geheim</p>", encoding="utf-8")
    (project / "build" / "site").mkdir(parents=True)
    (project / "build" / "site" / "oud.html").write_text("<p>oud</p>", encoding="utf-8")


LINKS = {  # name in templates/ -> what it points at (relative to templates/), or None for a plain file
    "g": "../.git",
    "env.html": "../.env",
    "verborgen.html": "../content/.geheim.html",
    "oud.html": "../build/site/oud.html",
    "gegevens.html": "../content/tender.yaml",
}

INCLUDED = {
    "git-folder-symlink": ("g/config", "templates/g/config", HIDDEN),
    "git-folder-symlink-html": ("g/x.html", "templates/g/x.html", HIDDEN),
    "env-symlink": ("env.html", "templates/env.html", HIDDEN),
    "hidden-folder-in-templates": (".git/x.html", "templates/.git/x.html", HIDDEN),
    "symlink-to-a-hidden-file": ("verborgen.html", "templates/verborgen.html", HIDDEN),
    "symlink-into-build": ("oud.html", "templates/oud.html", HIDDEN),
    "not-html": ("notities.txt", "templates/notities.txt", NOT_HTML),
    "html-symlink-to-yaml": ("gegevens.html", "templates/gegevens.html", NOT_HTML),
}


@pytest.mark.parametrize("name", sorted(INCLUDED))
def test_review_a_template_may_not_be_a_secret_or_another_kind_of_file(name, tmp_path, capsys):
    included, shown, message = INCLUDED[name]
    project = write_project(tmp_path / "project", {TEMPLATE: INCLUDE.replace("{0}", included),
                                                   "templates/notities.txt": "WACHTWOORD=geheim"})
    _secrets(project)
    (project / "templates" / ".git").mkdir()
    (project / "templates" / ".git" / "x.html").write_text("<p>geheim</p>", encoding="utf-8")
    for link, target in LINKS.items():
        (project / "templates" / link).symlink_to(target)
    code, err = run_build(project, tmp_path / "uit", capsys)
    assert (code, err) == (1, f"{shown}:1:1: {message}\n1 fout gevonden.\n")
    assert not (tmp_path / "uit").exists()


def test_review_a_template_symlinked_within_the_project_still_passes(tmp_path, capsys):
    project = write_project(tmp_path / "project", {TEMPLATE: INCLUDE.replace("{0}", "blok.html"),
                                                   "content/sjablonen/blok.html": "<p>Blok</p>"})
    (project / "templates" / "blok.html").symlink_to("../content/sjablonen/blok.html")
    assert run_build(project, tmp_path / "uit", capsys) == (0, "")
    assert "<p>Blok</p>" in (tmp_path / "uit" / "site" / "documenten" / "notitie.html").read_text(encoding="utf-8")


# --- M1, C1: SVG images, at the Markdown position of the image ---

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
SVG_REFUSED = {
    "style-after-a-nested-element": (
        SVG + '<style><i:style xmlns:i="http://www.w3.org/2000/svg"/>@import url(//x.example/a.css);</style></svg>',
        f"bevat een <i:style>-element binnen een <style>-element; een <style> mag alleen CSS-tekst bevatten; {RESAVE}"),
    "style-after-a-nested-style": (
        SVG + "<style><style></style>@import url(//x.example/a.css);</style></svg>",
        f"bevat een <style>-element binnen een <style>-element; een <style> mag alleen CSS-tekst bevatten; {RESAVE}"),
    "style-after-nested-metadata": (
        SVG + '<style><m:style xmlns:m="http://www.inkscape.org/namespaces/inkscape"/>@import url(//x/a.css);'
              "</style></svg>",
        f"bevat een <m:style>-element binnen een <style>-element; een <style> mag alleen CSS-tekst bevatten; {RESAVE}"),
    "deep-style-attribute": (SVG + '<rect style="fill:' + "(" * 5000 + '"/></svg>',
                             f"bevat in het attribuut 'style' op <rect> {DEEP}: {RESAVE}"),
    "deep-presentation-attribute": (SVG + '<rect fill="' + "(" * 5000 + '"/></svg>',
                                    f"bevat in het attribuut 'fill' op <rect> {DEEP}: {RESAVE}"),
    "deep-style-element": (SVG + "<style>rect { fill: " + "[" * 5000 + " }</style></svg>",
                           f"bevat in zijn stijl {DEEP}: {RESAVE}"),
}

DOCUMENT = """---
title: Notitie inkoop
kind: notitie
version: "1.0"
status: definitief
date: 2025-01-15
---

# Inleiding

![kaart](kaart.svg)
"""


@pytest.mark.parametrize("name", sorted(SVG_REFUSED))
def test_review_an_svg_with_a_hidden_or_deep_style_is_refused_at_its_image(name, tmp_path, capsys):
    source, message = SVG_REFUSED[name]
    refused(tmp_path, {"content/documents/notitie.md": DOCUMENT, "content/documents/kaart.svg": source}, capsys,
            f"content/documents/notitie.md:11:1: de afbeelding 'kaart.svg' {message}")


def test_review_an_svg_style_within_the_limit_passes(tmp_path, capsys):
    source = SVG + "<style>rect { fill: rgb(calc(1 + (2 * 3)), 0, 0) }</style><rect width='1' height='1'/></svg>"
    assert build_with(tmp_path, {"content/documents/notitie.md": DOCUMENT, "content/documents/kaart.svg": source},
                      capsys) == (0, "")


# --- in the browser: what S1 and S2 let through runs under the theme's policy, so the check is the guard ---

MARKER = "document.documentElement.dataset.ran = (document.documentElement.dataset.ran || '') + '{0};';"


def test_review_in_chromium_the_refused_scripts_would_run_under_the_theme_policy(tmp_path, monkeypatch, capsys):
    """The policy allows any script from the site itself ('self'): a suffix trick (S1) or an SVG
    script's href (S2) to an attachment would run it. So the check refuses them (above); here, with the
    check switched off, both run in Chromium under the theme's policy, while an inline SVG script does
    not (the policy stops that one on its own)."""
    body = ('<script src="../assets/../bestanden/s1.txt#assets/zoeken.js"></script>'
            '<svg><script href="../bestanden/s2.txt"></script><script>' + MARKER.format("inline") + "</script></svg>")
    code, err = build_with(tmp_path, in_page(body), capsys)
    assert (code, err) == (1, f"{PAGE}:4:1: {SCRIPT}\n1 fout gevonden.\n")
    monkeypatch.setattr(generator.render.templating, "check_html", lambda html, is_project, root=None: None)
    assert build_with(tmp_path, in_page(body), capsys) == (0, "")
    site = tmp_path / "uit" / "site"
    (site / "bestanden").mkdir(exist_ok=True)
    for name in ("s1", "s2"):  # as attachments of the project would be
        (site / "bestanden" / f"{name}.txt").write_text(MARKER.format(name), encoding="utf-8")
    page = site / "documenten" / "notitie.html"
    assert META in page.read_text(encoding="utf-8")
    with SiteServer(site) as server, Chromium() as browser:
        tab = browser.page()
        tab.goto(server.url + "documenten/notitie.html")
        time.sleep(0.5)
        assert tab.evaluate("document.documentElement.dataset.ran || null") in ("s1;s2;", "s2;s1;")
