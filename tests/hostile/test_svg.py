"""SVG images are judged by an allow-list (generator/svgcheck.py): what the old deny-list let through
is refused with its exact message, plain drawings pass, and in headless Chromium the refused files
really do run script when opened directly (so these cases are real attacks), while `bestek serve`
serves any SVG under a policy that runs nothing.

The corpus case tests/hostile/svg-allow-list/ runs the same files through `bestek build`.
"""
from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from generator.core.safety import check_image
from generator.core.svgcheck import check_svg
from generator.serve import DevServer

from ..browser import Chromium, SiteServer
from ..conftest import REPO

CASE = Path(__file__).resolve().parent / "svg-allow-list" / "project" / "content" / "documents"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">'
RESAVE = "sla de tekening opnieuw op als gewone SVG"
ANIMATION = "; dat is niet toegestaan in afbeeldingen; sla de tekening opnieuw op als gewone SVG zonder animaties"
#: the payload marks the document, so that a test can see whether it ran
MARK = "document.documentElement.setAttribute('data-ran','{0}')"

REFUSED = {
    "set-href": (f'{SVG}<a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
                 "bevat een <set>-element (een animatie)" + ANIMATION),
    "animate-href": (f'{SVG}<a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>',
                     "bevat een <animate>-element (een animatie)" + ANIMATION),
    "animate-transform": (f'{SVG}<rect><animateTransform attributeName="transform" type="rotate"/></rect></svg>',
                          "bevat een <animateTransform>-element (een animatie)" + ANIMATION),
    "xslt-instruction": ('<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="x.svg"?>\n' + SVG + "</svg>",
                         "bevat de verwerkingsinstructie '<?xml-stylesheet ...?>', die een stijlblad of XSLT-code kan "
                         f"laden; dat is niet toegestaan in afbeeldingen; {RESAVE}"),
    "instruction-at-the-end": (SVG + "</svg>\n<?php echo 1; ?>",
                               "bevat de verwerkingsinstructie '<?php ...?>', die een stijlblad of XSLT-code kan "
                               f"laden; dat is niet toegestaan in afbeeldingen; {RESAVE}"),
    "css-import-escaped": (SVG + r'<style>@im\70 ort "https://x.example/a.css";</style></svg>',
                           "bevat in zijn stijl de CSS-regel '@import'; @-regels zijn niet toegestaan in afbeeldingen "
                           f"(ze kunnen andere bestanden laden); {RESAVE}"),
    "css-font-face": (SVG + "<style>@font-face { font-family: x; src: url(#f) }</style></svg>",
                      "bevat in zijn stijl de CSS-regel '@font-face'; @-regels zijn niet toegestaan in afbeeldingen "
                      f"(ze kunnen andere bestanden laden); {RESAVE}"),
    "css-url-escaped": (SVG + r"<style>rect { fill: u\72l(https://x.example/a.png) }</style></svg>",
                        "laadt in zijn stijl een ander bestand (url(https://x.example/a.png)); een SVG mag alleen "
                        f"naar zijn eigen onderdelen verwijzen (url(#...)); {RESAVE}"),
    "css-url-in-cdata": (SVG + "<style><![CDATA[ rect { fill: url('//x.example/a.png') } ]]></style></svg>",
                         "laadt in zijn stijl een ander bestand (url(//x.example/a.png)); een SVG mag alleen "
                         f"naar zijn eigen onderdelen verwijzen (url(#...)); {RESAVE}"),
    "presentation-url-escaped": (SVG + r'<rect fill="u\72l(https://x.example/a.png)"/></svg>',
                                 "laadt in het attribuut 'fill' op <rect> een ander bestand "
                                 "(url(https://x.example/a.png)); een SVG mag alleen naar zijn eigen onderdelen "
                                 f"verwijzen (url(#...)); {RESAVE}"),
    "style-attribute-url": (SVG + '<rect style="fill: url(&quot;http://x.example/&quot;)"/></svg>',
                            "laadt in het attribuut 'style' op <rect> een ander bestand (url(http://x.example/)); een "
                            f"SVG mag alleen naar zijn eigen onderdelen verwijzen (url(#...)); {RESAVE}"),
    "css-image-set": (SVG + '<rect style="fill: image-set(&quot;a.png&quot; 1x)"/></svg>',
                      "gebruikt in het attribuut 'style' op <rect> de CSS-functie 'image-set()'; in afbeeldingen zijn "
                      "alleen kleuren, berekeningen, transformaties en url(#...) naar eigen onderdelen toegestaan; "
                      + RESAVE),
    "xhtml-script": (SVG + '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>',
                     "bevat een <script>-element uit een andere XML-taal (http://www.w3.org/1999/xhtml); dat is niet "
                     "toegestaan in afbeeldingen (alleen tekenelementen zoals <path>, <rect>, <text> en <g>); " + RESAVE),
    "handler-element": (SVG + "<handler>alert(1)</handler></svg>",
                        "bevat een <handler>-element; dat is niet toegestaan in afbeeldingen (alleen tekenelementen "
                        f"zoals <path>, <rect>, <text> en <g>); {RESAVE}"),
    "script": (SVG + "<script>alert(1)</script></svg>", "bevat een <script>-element; dat is niet toegestaan in afbeeldingen"),
    "foreign-object": (SVG + "<foreignObject/></svg>",
                       "bevat een <foreignObject>-element; dat is niet toegestaan in afbeeldingen"),
    "event-handler": (SVG + '<rect onload="alert(1)"/></svg>',
                      "bevat het attribuut 'onload' (code die wordt uitgevoerd); dat is niet toegestaan"),
    "xml-base": (SVG[:-1] + ' xml:base="https://x.example/"></svg>',
                 f"bevat het attribuut 'xml:base' op <svg>; dat is niet toegestaan in afbeeldingen; {RESAVE}"),
    "link-target": (SVG + '<a href="#a" target="_top"/></svg>',
                    f"bevat het attribuut 'target' op <a>; dat is niet toegestaan in afbeeldingen; {RESAVE}"),
    "javascript-link": (SVG + '<a xlink:href="javascript:alert(1)"/></svg>',
                        "verwijst naar 'javascript:alert(1)'; een SVG mag alleen naar zijn eigen onderdelen (#...) of "
                        "ingebedde PNG-, JPEG- of GIF-afbeeldingen verwijzen"),
    "data-link": (SVG + '<a href="data:image/png;base64,AAAA"/></svg>',
                  "verwijst naar 'data:image/png;base64,AAAA'; een SVG mag alleen naar zijn eigen onderdelen (#...) of "
                  "ingebedde PNG-, JPEG- of GIF-afbeeldingen verwijzen"),
    "embedded-svg": (SVG + '<image href="data:image/svg+xml;base64,AAAA"/></svg>',
                     "verwijst naar 'data:image/svg+xml;base64,AAAA'; een SVG mag alleen naar zijn eigen onderdelen "
                     "(#...) of ingebedde PNG-, JPEG- of GIF-afbeeldingen verwijzen"),
    "use-other-file": (SVG + '<use href="andere.svg#a"/></svg>',
                       "verwijst naar 'andere.svg#a'; een SVG mag alleen naar zijn eigen onderdelen (#...) of "
                       "ingebedde PNG-, JPEG- of GIF-afbeeldingen verwijzen"),
    "doctype": ('<!DOCTYPE svg SYSTEM "file:///etc/passwd">' + SVG + "</svg>",
                "bevat een DOCTYPE- of ENTITY-declaratie; sla de SVG op zonder (bijvoorbeeld als 'gewone SVG')"),
    "broken-xml": (SVG + "<rect></svg>",
                   "is geen geldig SVG-bestand (de XML klopt niet op regel 1, kolom 115); open het in een "
                   f"tekenprogramma en {RESAVE}"),
    "not-svg": ("<html><script>alert(1)</script></html>", "is geen SVG-bestand (het bovenste element is geen <svg>)"),
    "xhtml-root": ('<svg xmlns="http://www.w3.org/1999/xhtml"/>', "is geen SVG-bestand (het bovenste element is geen <svg>)"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_is_not_on_the_allow_list_is_refused_with_its_message(name):
    source, message = REFUSED[name]
    assert check_svg(source.encode()) == message
    assert check_image("kaart.svg", source.encode()) == message


def test_invalid_utf8_is_refused():
    assert check_svg(SVG.encode() + b"<text>\xff</text></svg>") == "is geen geldig SVG-bestand (geen UTF-8)"


ALLOWED = {
    "plain": (CASE / "tekening.svg").read_text(encoding="utf-8"),
    "inkscape": """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="210mm" height="297mm" viewBox="0 0 210 297" version="1.1" id="svg5"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview id="namedview7" pagecolor="#ffffff" inkscape:zoom="0.7"/>
  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:title>Kaart</dc:title></cc:Work></rdf:RDF></metadata>
  <defs id="defs2"><clipPath id="c"><rect width="5" height="5"/></clipPath>
    <filter id="f"><feGaussianBlur stdDeviation="2" in="SourceGraphic"/><feOffset dx="1" dy="1"/></filter>
    <marker id="m" refX="0" refY="0" orient="auto"><path d="M0,0 L5,5"/></marker></defs>
  <g inkscape:label="Laag 1" inkscape:groupmode="layer" id="layer1" clip-path="url(#c)">
    <path style="fill:none;stroke:#000000;stroke-width:0.26px;marker-end:url(#m)" d="m 10,10 h 50"
       id="path1" sodipodi:nodetypes="cc" filter="url(#f)"/>
    <text xml:space="preserve" x="10" y="20" style="font-size:4.2px;font-family:'Open Sans'"><tspan
       x="10" y="20">Regio</tspan></text>
  </g>
</svg>""",
    "embedded-png-and-internal-link": (SVG + '<image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="1" '
                                       'height="1"/><a href="#x"><circle id="x" r="2" transform="rotate(45)"/></a>'
                                       '<rect style="fill: rgb(1, 2, 3); opacity: calc(1 / 2)" aria-label="vlak"/></svg>'),
    "without-namespace": "<svg><rect width='1' height='1'/></svg>",
    "byte-order-mark": "\ufeff" + SVG + "</svg>",
}


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_plain_drawings_pass(name):
    assert check_svg(ALLOWED[name].encode("utf-8")) is None


def test_the_svgs_of_the_projects_in_the_repository_pass():
    svgs = sorted(REPO.glob("content/**/*.svg")) + sorted(REPO.glob("examples/**/*.svg"))
    assert [p for p in svgs if check_svg(p.read_bytes()) is not None] == []


def test_an_entity_bomb_stops_before_any_expansion():
    levels = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 30))
    bomb = f'<!DOCTYPE svg [<!ENTITY e0 "lol">{levels}]>{SVG}&e29;</svg>'
    start = time.monotonic()
    assert check_svg(bomb.encode()).startswith("bevat een DOCTYPE- of ENTITY-declaratie")
    assert time.monotonic() - start < 0.5


# --- in the browser: the refused files are real attacks, and serve's policy stops them anyway ---

ATTACKS = {
    "set-href.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><a><set attributeName="href" '
                    f'to="javascript:void({MARK.format("set")})"/><rect width="200" height="100"/></a></svg>',
    "animate-href.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><a><animate '
                        f'attributeName="href" values="javascript:void({MARK.format("animate")})"/><rect width="200" '
                        'height="100"/></a></svg>',
    "xslt.svg": '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="xslt.svg"?>\n<xsl:stylesheet '
                'version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><svg '
                'xmlns="http://www.w3.org/2000/svg"><xsl:element name="script" namespace="http://www.w3.org/2000/svg">'
                f'{MARK.format("xslt")}</xsl:element></svg></xsl:template></xsl:stylesheet>',
}


def _open_and_click(browser: Chromium, url: str) -> str | None:
    tab = browser.page(width=400, height=300)
    tab.goto(url)
    time.sleep(0.3)
    for kind in ("mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", {"type": kind, "x": 50, "y": 50, "button": "left", "clickCount": 1},
                     tab.session)
    time.sleep(0.5)
    return tab.evaluate("document.documentElement.getAttribute('data-ran')")


def test_in_chromium_the_refused_svgs_run_script_when_opened_and_not_when_served_by_bestek_serve(make_project,
                                                                                                  tmp_path):
    """Opened directly from a plain web server, each file runs its script (so refusing it matters);
    Bestek refuses each; and `bestek serve`, which serves files under a policy with `sandbox`, runs
    none of them even if one reached the site."""
    plain = tmp_path / "plain"
    plain.mkdir()
    for name, source in ATTACKS.items():
        (plain / name).write_text(source, encoding="utf-8")
        assert check_svg(source.encode()) is not None, name
    server = DevServer(make_project(), 0, log=io.StringIO())
    server.start()
    try:
        attachments = server.builds.current()[1] / "bestanden"
        attachments.mkdir(exist_ok=True)
        for name, source in ATTACKS.items():  # as if a file had slipped past the check
            (attachments / name).write_text(source, encoding="utf-8")
        with SiteServer(plain) as unprotected, Chromium() as browser:
            ran = {name: _open_and_click(browser, unprotected.url + name) for name in ATTACKS}
            assert ran == {"set-href.svg": "set", "animate-href.svg": "animate", "xslt.svg": "xslt"}
            served = {name: _open_and_click(browser, server.url + "bestanden/" + name) for name in ATTACKS}
            assert served == dict.fromkeys(ATTACKS)
    finally:
        server.close()
