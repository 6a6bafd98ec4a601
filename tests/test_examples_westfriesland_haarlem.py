"""The example projects of seeds 001 (Westfriesland, beleidsuitgangspunten) and 002 (Haarlem,
raadsinformatiebrief): each is built once into a temp folder; the tests read the real PDF (text extracted
with pypdf, whitespace normalised) and the real site page. The expectations below are the seeds' structure:
chapter headings in order and every row of every table, list and letter header."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.pipeline import build

from .conftest import REPO
from .pdftext import pdf_text
from .sitecheck import broken_links

# --- seed 001: Westfriesland ---------------------------------------------------------------------------

WESTFRIESLAND_CHAPTERS = [
    "1 Inleiding", "1.1 Leeswijzer", "2 Wat is de aanleiding?", "3 Waar gaat het over?", "3.1 Inhoudelijke scope",
    "Wmo", "Jeugdzorg", "3.2 Algemene ontwikkelingen", "3.3 Regionale ontwikkelingen", "4 Waar doen we het voor?",
    "4.1 Hoe doen we dat", "5 Beleidsuitgangspunten", "5.1 De inwoner", "5.2 De uitvoering", "5.3 Financiën",
    "5.4 Partner- en opdrachtgeverschap", "6 Vervolg",
]
HOORN_TRACK = "parallel inkooptraject, uitgevoerd door de gemeente Hoorn"
SUPRAREGIONAL = "bovenregionale inkoop; deze uitgangspunten zijn de inbreng van Westfriesland"
#: per law (its heading in the document): what is in scope and what is explicitly out of scope
WESTFRIESLAND_SCOPE = {
    "Wmo": (
        ["Wmo-maatwerkvoorzieningen, waaronder begeleiding, huishoudelijke ondersteuning en dagbesteding",
         "Cliëntondersteuning", "Sociaal-medische advisering"],
        ["Meldpunt Acute Zorg (MAZ)", f"Beschermd wonen: {HOORN_TRACK}", f"Maatschappelijke opvang: {HOORN_TRACK}",
         "Doelgroepenvervoer", f"Inloop GGZ: {HOORN_TRACK}", "Hulpmiddelen", "Trapliften"],
    ),
    "Jeugdzorg": (
        ["Specialistische jeugdhulp", "Hoogspecialistische jeugdhulp", "Pleegzorg", "Ernstige dyslexie",
         "Jeugdbescherming en jeugdreclassering (gecertificeerde instellingen): met eigen beleidsuitgangspunten, "
         "tegelijk aan de gemeenteraden aangeboden"],
        [f"Jeugdzorg Plus: {SUPRAREGIONAL}", f"Integrale Crisisdienst Jeugd: {SUPRAREGIONAL}"],
    ),
}
#: the principles per theme, numbered through (the first words of each are enough to find it)
WESTFRIESLAND_PRINCIPLES = {
    "5.1 De inwoner": ["We gaan uit van eigen kracht", "We brengen de hulpvraag", "Ondersteuning is nabij",
                       "We zijn transparant"],
    "5.2 De uitvoering": ["Met opdrachtnemers en maatschappelijke partners", "We kijken breed",
                          "We vertrouwen erop dat professionals", "Gemeenten en opdrachtnemers blijven",
                          "Kinderen en gezinnen in aanloop"],
    "5.3 Financiën": ["We houden grip op het zorglandschap", "We organiseren ondersteuning lokaal",
                      "Per zorgvorm kiezen we", "We handelen kostenbewust", "We besteden de middelen"],
    "5.4 Partner- en opdrachtgeverschap": ["We kiezen voor strategisch partnerschap", "Met onze partners realiseren",
                                           "We sturen evenwichtig", "We sturen op kwaliteit en continuïteit",
                                           "We versterken de regionale samenwerking"],
}
WESTFRIESLAND_FOOTNOTES = ["Uit: Propositie 'De winst van het Sociaal Domein' van de VNG.", "ECLI:NL:CRVB:2021:1381"]

# --- seed 002: Haarlem ---------------------------------------------------------------------------------

HAARLEM_HEADER = [
    ("Onderwerp", "RIB 5, Verwerving Wmo en Jeugdhulp 2022"),
    ("Nummer", "2021/253668"),
    ("Datum collegebesluit", "11 mei 2021"),
    ("Portefeuillehouder", "Botter, J. en Meijs, M.T."),
    ("Programma / beleidsveld", "2.2 Voorzieningen Jeugd en 2.1 Voorzieningen volwassenen"),
    ("Afdeling", "JOS en MO"),
    ("Auteur", "Bos, L. van den en Paardekoper, P.B."),
    ("Telefoonnummer", "023-5115684"),
    ("E-mailadres", "lvandenbos@haarlem.nl"),
    ("Bestemd voor", "Het college stuurt deze raadsinformatiebrief ter kennisname naar de commissie Samenleving"),
]
APPENDIX_1 = "Reactie op door de gemeenteraden in de regio veelgestelde vragen"
APPENDIX_2 = ("Reactie op motie ChristenUnie: kwetsbare jongeren niet in de waagschaal: ander stelsel jeugdzorg eerst "
              "beter onderbouwen")
HAARLEM_CHAPTERS = [
    "Algemeen", "Werkagenda Sociaal Domein: uitgangspunten Jeugdhulp en Wmo",
    "Onderzoek samenwerking Centrum voor Jeugd en Gezin en Sociale Wijkteams", "Risico's", "Planning",
    "Voortgang Wmo", "Gewoon in de wijk", "Communicatie en participatie", "Hulp bij het huishouden",
    "Voortgang Jeugdhulp", "Gesprekken met jeugdhulpaanbieders en vrijgevestigden", "Regionale raadsinformatiebrief",
    "Regiovisie Jeugdhulp is uitgangspunt voor de dialoogfase", "Voortgang inkoop jeugdhulp 2022 e.v.",
    "Pre-selectiefase", "Dialoogfase", "Afsluiting",
]
HAARLEM_THEMES = [
    "Jeugdhulp dichtbij in de leefwereld", "Normaliseren en demedicaliseren", "Tijdigheid en wachttijd",
    "Keuzevrijheid en klachtafhandeling", "Lokale toegang", "Integrale samenwerking onderwijs en jeugdhulp",
    "Eén integraal perceel en de samenwerking met strategische partners", "Het aantal aanbieders",
    "Contractperiode van 9 jaar en evaluatie", "Bekostiging", "Monitoring", "Administratieve lasten",
    "Vrijgevestigden en kleine aanbieders", "Rapporten en ervaringen van andere gemeenten",
]
HAARLEM_APPENDIX_2_SECTIONS = [
    "Waarom kiezen voor deze wijze van aanbesteden", "Resultaten bij gemeenten met een vergelijkbare aanbesteding",
    "Vragen uit de motie", "Consultatie op een concept programma van eisen",
]
HAARLEM_MOTION_QUESTIONS = [
    "Wat zijn de verantwoordelijkheden van de hoofdaannemers, en hoe toetst de gemeente hun functioneren?",
    "Wat zijn de verantwoordelijkheden van de onderaannemers?",
    "Wie is verantwoordelijk voor de kwaliteit van de zorg van de onderaannemers?",
    "Wie wordt verantwoordelijk voor de administratieve taken die nu bij de gemeente liggen?",
    "Kunnen onderaannemers met meerdere hoofdaannemers samenwerken, of maar met één?",
    "Moet een hoofdaannemer elke onderaannemer accepteren die aan de voorwaarden voldoet, of mag hij met een "
    "beperkt aantal werken?",
    "Blijft de keuzevrijheid van Haarlemse inwoners voor een zorgaanbieder gewaarborgd?",
    "Hoe is de zorgcontinuïteit geregeld bij de overgang naar het nieuwe stelsel?",
]
HAARLEM_FOOTNOTES = [
    "De regiovisie jeugdhulp is in voorbereiding en wordt naar verwachting in september 2021 ter besluitvorming "
    "voorgelegd",
    "Stelsel in groei; Een onderzoek naar financiële tekorten in de jeugdzorg, A. Hilderink, I. Niessen e.a., AEF, "
    "december 2020.",
]


@dataclass(frozen=True)
class Built:
    out: Path
    pdf: str  # the PDF's text, whitespace normalised
    html: str  # the document's site page


def build_example(name: str, document: str, out: Path) -> Built:
    result = build(REPO / "examples" / name, out)
    assert result.warnings == ()  # no content warnings, no WeasyPrint warnings
    text = pdf_text(out / "pdf" / f"{document}.pdf", REPO / "examples" / name)  # hyphenation undone
    html = (out / "site" / "documenten" / f"{document}.html").read_text(encoding="utf-8")
    return Built(out, text, html)


@pytest.fixture(scope="module")
def westfriesland(tmp_path_factory) -> Built:
    return build_example("westfriesland", "beleidsuitgangspunten", tmp_path_factory.mktemp("westfriesland"))


@pytest.fixture(scope="module")
def haarlem(tmp_path_factory) -> Built:
    return build_example("haarlem", "raadsinformatiebrief", tmp_path_factory.mktemp("haarlem"))


def assert_in_order(text: str, parts: list[str], start: int = 0) -> int:
    """Every part occurs in text, each after the previous one; returns the position after the last."""
    position = start
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} not found after position {position}: ...{text[position:position + 300]}..."
        position = found + len(part)
    return position


def site_headings(html: str) -> list[str]:
    """The headings of the document body on the site page (h2-h4), numbers included, tags stripped."""
    body = html[html.index('class="document-body"'):]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", h)).strip()
            for h in re.findall(r"<h[2-4][^>]*>(.*?)</h[2-4]>", body)]


# --- Westfriesland ---

def body_of(built: Built) -> int:
    """Where the body starts in the PDF text: after the table of contents."""
    return built.pdf.index("1 Inleiding", built.pdf.index("6 Vervolg"))


def test_westfriesland_cover_and_contents(westfriesland):
    assert westfriesland.pdf.startswith("Regio Westfriesland BELEIDSUITGANGSPUNTEN Beleidsuitgangspunten Inkoop "
                                        "Jeugd en Wmo Westfriesland 2024 en verder")
    toc = westfriesland.pdf[westfriesland.pdf.index("Inhoudsopgave"):body_of(westfriesland)]
    assert_in_order(toc, [c for c in WESTFRIESLAND_CHAPTERS if c[0].isdigit()])


def test_westfriesland_chapters_in_order(westfriesland):
    assert_in_order(westfriesland.pdf, WESTFRIESLAND_CHAPTERS, body_of(westfriesland))
    assert site_headings(westfriesland.html) == WESTFRIESLAND_CHAPTERS


@pytest.mark.parametrize("law", WESTFRIESLAND_SCOPE)
def test_westfriesland_scope_in_and_out_per_law(westfriesland, law):
    inside, outside = WESTFRIESLAND_SCOPE[law]
    start = westfriesland.pdf.index(f"{law} Binnen de reikwijdte", body_of(westfriesland))
    end = assert_in_order(westfriesland.pdf, ["Binnen de reikwijdte", *inside, "Buiten de reikwijdte", *outside],
                          start)
    section = westfriesland.pdf[start:end]
    assert section.count("Binnen de reikwijdte") == 1 and section.count("Buiten de reikwijdte") == 1


def test_westfriesland_municipalities_from_the_data(westfriesland):
    assert ("De gemeenten Hoorn, Medemblik, Koggenland, Opmeer, Stede Broec, Enkhuizen en Drechterland werken "
            "samen") in westfriesland.pdf


@pytest.mark.parametrize("theme", WESTFRIESLAND_PRINCIPLES)
def test_westfriesland_principles_close_each_theme(westfriesland, theme):
    assert_in_order(westfriesland.pdf, [theme, "Uitgangspunten", *WESTFRIESLAND_PRINCIPLES[theme]],
                    body_of(westfriesland))


def test_westfriesland_principles_are_numbered_through(westfriesland):
    body = westfriesland.html[westfriesland.html.index('class="document-body"'):]
    assert re.findall(r'<ol(?: start="(\d+)")?>', body) == ["", "5", "10", "15"]  # 1-4, 5-9, 10-14, 15-19


@pytest.mark.parametrize("footnote", WESTFRIESLAND_FOOTNOTES)
def test_westfriesland_footnotes(westfriesland, footnote):
    assert footnote in westfriesland.pdf
    notes = westfriesland.html[westfriesland.html.index('<section class="footnotes"'):]
    assert footnote in notes


def test_westfriesland_site_links(westfriesland):
    assert broken_links(westfriesland.out / "site") == []


# --- Haarlem ---

def test_haarlem_letter_header(haarlem):
    rows = [f"{label} {value}" for label, value in HAARLEM_HEADER]
    assert haarlem.pdf.startswith("Gemeente Haarlem RAADSINFORMATIEBRIEF Verwerving Wmo en Jeugdhulp 2022 " +
                                  " ".join(rows) + f" Bijlagen Bijlage 1: {APPENDIX_1} Bijlage 2: {APPENDIX_2}")


def test_haarlem_chapters_in_order(haarlem):
    body = haarlem.pdf.index("Bij de behandeling van de begroting 2021")
    assert_in_order(haarlem.pdf, HAARLEM_CHAPTERS, body)
    headings = site_headings(haarlem.html)
    assert headings[:len(HAARLEM_CHAPTERS)] == HAARLEM_CHAPTERS  # a letter: no numbers in the body


def test_haarlem_signatures_close_the_letter_before_the_appendices(haarlem):
    signed = assert_in_order(haarlem.pdf, ["Afsluiting", "Het college van burgemeester en wethouders, "
                                                         "de secretaris, de burgemeester,"])
    assert haarlem.pdf.index(f"Bijlage 1 {APPENDIX_1}") > signed


def test_haarlem_appendix_1_themes_are_numbered(haarlem):
    start = haarlem.pdf.index(f"Bijlage 1 {APPENDIX_1}")
    assert_in_order(haarlem.pdf, ["Inleiding", "Verwerking van thema's", "De dialoogfase", "De thema's",
                                  *[f"B1.{n} {theme}" for n, theme in enumerate(HAARLEM_THEMES, start=1)]], start)
    headings = site_headings(haarlem.html)
    assert headings[headings.index(f"Bijlage 1 {APPENDIX_1}"):headings.index(f"Bijlage 2 {APPENDIX_2}")] == [
        f"Bijlage 1 {APPENDIX_1}", "Inleiding", "Verwerking van thema's, vragen en aandachtspunten in de "
        "verwervingsstrategie", "De dialoogfase", "De thema's",
        *[f"B1.{n} {theme}" for n, theme in enumerate(HAARLEM_THEMES, start=1)]]


def test_haarlem_appendix_2_sections_and_questions(haarlem):
    start = haarlem.pdf.index(f"Bijlage 2 {APPENDIX_2}")
    sections = [f"B2.{n} {title}" for n, title in enumerate(HAARLEM_APPENDIX_2_SECTIONS, start=1)]
    assert_in_order(haarlem.pdf, [*sections[:3], *HAARLEM_MOTION_QUESTIONS, sections[3]], start)
    assert site_headings(haarlem.html)[-5:] == [f"Bijlage 2 {APPENDIX_2}", *sections]
    questions = re.findall(r"<li>\s*<p><strong>(.*?)</strong></p>", haarlem.html)
    assert questions == HAARLEM_MOTION_QUESTIONS  # an ordered list: numbered 1 to 8


@pytest.mark.parametrize("footnote", HAARLEM_FOOTNOTES)
def test_haarlem_footnotes(haarlem, footnote):
    assert footnote in haarlem.pdf


@pytest.mark.parametrize("sentence", [
    "Op 17 september 2020 nam de raad een motie aan",
    "op 4 maart 2021. Daarna is het Preselectiedocument voorzieningen Gewoon in de wijk opgesteld, op 16 maart 2021 "
    "door het college vastgesteld en op 17 maart 2021 gepubliceerd",
    "volgens de huidige planning op 11 juni 2021 wordt gepubliceerd",
    "Uiterlijk op 1 januari 2023 start de dienstverlening",
    "In bijlage 1 (reactie op veelgestelde vragen van de gemeenteraden in de regio) en bijlage 2 (reactie op de "
    "motie van de ChristenUnie)",
])
def test_haarlem_dates_and_appendix_references_come_from_the_data(haarlem, sentence):
    assert sentence in re.sub(r", pagina \d+", "", haarlem.pdf)  # in print, references also show their page


def test_haarlem_site_links(haarlem):
    assert broken_links(haarlem.out / "site") == []
    assert '<a class="xref" href="#reactie-op-door-de-gemeenteraden-in-de-regio-veelgestelde-vragen">bijlage 1</a>' \
        in haarlem.html
