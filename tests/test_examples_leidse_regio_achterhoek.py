"""The example projects of seed 003 (examples/leidse-regio: Voorschoten's informatiebrief and the Wmo
inkoopstrategie of the Leidse regio) and seed 004 (examples/achterhoek: the notitie on the regional purchase).

Each example is built once per module, with PDFs; the assertions read the text of the real PDFs: the seed's
chapter headings in order and every row of the tables the seeds have, all rendered from the YAML data.
"""
from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.core.errors import ContentErrors
from generator.pipeline import build

from .pdftext import dehyphenate, source_text
from .sitecheck import broken_links

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RUNNING_FOOTER = re.compile(r"Versie [0-9.]+(?: \(concept\))? pagina \d+ van \d+$")


def pdf_pages(path: Path, running_title: str) -> list[str]:
    """The text of each page, whitespace normalised, words hyphenated at a line end joined again, and the
    running header and footer (printed after the page's content) cut off."""
    pages = []
    for number, page in enumerate(PdfReader(path).pages):
        # the print stylesheet's hyphenation: 'proble-/matiek' -> 'problematiek', decided by the sources
        text = re.sub(r"\s+", " ", dehyphenate(page.extract_text(), example_sources())).strip()
        if number == 0 and (footer := RUNNING_FOOTER.search(text)):  # page 1 has no running header, only a footer
            text = text[:footer.start()].strip()
        elif RUNNING_FOOTER.search(text) and running_title in text:
            text = text[:text.rindex(running_title)].strip()
        pages.append(text)
    return pages


@functools.cache
def example_sources() -> str:
    """The words of every example project and of the theme's templates."""
    return "\n".join(source_text(project) for project in sorted(EXAMPLES.iterdir()) if project.is_dir())


def body_text(pages: list[str]) -> str:
    """The text after the table of contents (or all of it when there is none)."""
    toc = [i for i, page in enumerate(pages) if page.startswith("Inhoudsopgave")]
    return " ".join(pages[toc[-1] + 1:] if toc else pages)


def assert_in_order(text: str, items: list[str]) -> None:
    position = 0
    for item in items:
        found = text.find(item, position)
        assert found >= 0, f"not found (in this order): {item!r}\nafter: {text[position:position + 300]!r}"
        position = found + len(item)


def squashed(text: str) -> str:
    """Text without spaces and hyphens, for matrix cells that wrap and hyphenate in narrow columns."""
    return re.sub(r"[\s\-]", "", text)


@pytest.fixture(scope="module")
def leidse_regio(tmp_path_factory):
    out = tmp_path_factory.mktemp("leidse-regio")
    result = build(EXAMPLES / "leidse-regio", out)
    return result, out


@pytest.fixture(scope="module")
def strategy_pages(leidse_regio):
    """The pages of the inkoopstrategie PDF, read once for the module."""
    return pdf_pages(leidse_regio[1] / "pdf" / "inkoopstrategie.pdf", "Inkoopstrategie Wmo Leidse regio")


@pytest.fixture(scope="module")
def achterhoek(tmp_path_factory):
    out = tmp_path_factory.mktemp("achterhoek")
    result = build(EXAMPLES / "achterhoek", out)
    return result, out


# ---------------------------------------------------------------- seed 003: Leidse regio

#: Every milestone of the shared planning as its table row: title, start, end, time, remark.
PREPARATION = [
    "Marktconsultaties 1 juli 2021 30 november 2021",
    "Inkoopstrategie naar college 19 augustus 2021 31 augustus 2021",
    "Vaststellen Programma van Eisen en geschiktheidseisen 1 september 2021 31 december 2021",
    "Woordvoerdersoverleg gemeenteraden over de inkoopstrategie 15 september 2021 15 september 2021",
    "Overleg met toezichthouders 1 oktober 2021 15 november 2021",
    "Overleg met cliëntenraden 1 oktober 2021 15 november 2021",
    "Voorbereiding aanbesteding en inkoopstukken 1 oktober 2021 31 december 2021",
    "Marktconsultatie percelen en arrangementen 5 oktober 2021 5 oktober 2021",
    "Overleg met adviesraad sociaal domein over geschiktheidseisen 1 november 2021 30 november 2021",
    "Marktconsultatie 1 november 2021 30 november 2021",
    "Informatiebijeenkomst woordvoerders gemeenteraden 1 november 2021 31 december 2021",
    "Definitieve aanbestedingsstukken naar college 1 januari 2022 1 februari 2022",
    "Hoofdlijnen aanbestedingsleidraad in Bestuurlijk Overleg Leidse regio 1 januari 2022 28 februari 2022",
    "Aanbestedingsstukken gereed 1 januari 2022 1 maart 2022",
]
TENDER_PHASE = [
    "Publicatie aanbestedingsstukken 14 maart 2022",
    "Informatiebijeenkomst aanbieders 22 maart 2022",
    "Uiterste datum voor het stellen van vragen voor nota van inlichtingen 1 31 maart 2022 12.00 uur",
    "Streefdatum publicatie nota van inlichtingen 1 7 april 2022",
    "Uiterste datum voor het stellen van vragen voor nota van inlichtingen 2 14 april 2022 10.00 uur indien nodig",
    "Streefdatum publicatie nota van inlichtingen 2 22 april 2022 indien nodig",
    "Uiterste datum voor het indienen van inschrijvingen 16 mei 2022 10.00 uur",
    "Beoordeling inschrijvingen 16 mei 2022 6 juni 2022",
    "Eventuele presentatie of interview 23 mei 2022 10 juni 2022 weken 21, 22 en 23; indien nodig",
    "Streefdatum versturen voorlopige gunningsbeslissing 9 juni 2022",
    "Verificatiebespreking 9 juni 2022 na de voorlopige gunning",
    "Bezwaartermijn 9 juni 2022 30 juni 2022",
    "Afloop bezwaartermijn 1 juli 2022 10.00 uur",
    "Versturen definitieve gunning 1 juli 2022",
    "Implementatie 1 juli 2022 31 december 2022",
]
EXECUTION = ["Start uitvoering opdracht 1 januari 2023"]

STRATEGY_HEADINGS = [
    "Samenvatting", "Aanleiding", "Uitgangspunten", "Inkoopstrategie op hoofdlijnen",
    "1 Inleiding", "Waarom heroriëntatie Wmo Leidse regio?", "Inkoop is middel", "Afbakening scope van inkoopstrategie",
    "Leeswijzer",
    "2 Uitgangspunten en veranderopgaven", "2.1 Brede visie sociaal domein",
    "2.2 Decentralisatie Maatschappelijke Zorg per 2023", "2.3 Samenvatting analyse bestaande situatie",
    "2.4 Inhoudelijke uitgangspunten Wmo-inkoop 2023", "2.5 Veranderopgaven", "2.5.1 Voorveld", "2.5.2 Toegang",
    "2.5.3 Begeleiding aan volwassenen (herstelgericht en structureel)",
    "2.5.4 Cliënten met complexe problematiek: wonen met ondersteuning op het vlak van Maatschappelijke Zorg",
    "2.5.5 Begeleiding aan ouderen met somatische of geriatrische problematiek",
    "2.5.6 Mantelzorgers, respijtzorg en maatwerkvoorziening kortdurend verblijf", "2.5.7 Huishoudelijke Ondersteuning",
    "3 Inkoopstrategie", "De inkoop als middel en beginpunt voor de doorontwikkeling", "3.1 Toegang",
    "3.2 Gedifferentieerde inkoop",
    "3.3 Ondersteuning op alle leefgebieden en meer trajectmatig: maatwerkvoorzieningen in de vorm van arrangementen",
    "3.4 Contract- en leveranciersmanagement", "3.4.1 Vernieuwd zorglandschap", "3.4.2 Contractduur",
    "3.5 Bekostiging", "3.6 Overzicht van de segmenten",
    "4 Inkoopproces", "4.1 Wetgevend kader", "4.2 Marktconsultaties", "4.3 Europees openbaar aanbesteden",
    "Fase 1: Publicatie en informatiebijeenkomst", "Fase 2: Nota van Inlichtingen", "Fase 3: Inschrijffase",
    "Fase 4: Beoordelingsfase", "Fase 5: Gunningsfase", "Fase 6: Implementatie", "4.4 Planning",
    "5 Risico's en beheersmaatregelen",
    "Bijlage 1 Ervaringen met het huidige contract", "Bijlage 2 Andere gemeenten met arrangementen",
]


def test_leidse_regio_builds_without_warnings(leidse_regio):
    result, out = leidse_regio
    assert result.warnings == ()
    assert sorted(p.name for p in (out / "pdf").iterdir()) == ["informatiebrief.pdf", "inkoopstrategie.pdf"]
    assert broken_links(out / "site") == []


def test_informatiebrief_letter_header_signatures_and_planning(leidse_regio):
    _, out = leidse_regio
    pages = pdf_pages(out / "pdf" / "informatiebrief.pdf", "Inkoopstrategie Heroriëntatie Wmo Leidse regio")
    text = " ".join(pages)
    # one municipality of the region writes to its own council: its name heads the letter
    assert text.startswith(
        "Gemeente Voorschoten INFORMATIEBRIEF Inkoopstrategie Heroriëntatie Wmo Leidse regio "
        "Onderwerp Inkoopstrategie Heroriëntatie Wmo Leidse regio Nummer Z/21/56542 (documentnummer 261498 066) "
        "Datum 14 september 2021 Portefeuillehouder wethouder De Bruijn Aan de gemeenteraad van Voorschoten "
        "Bijlagen Inkoopstrategie Wmo Leidse regio Bijlage 1: Planning")  # an appendix named as its heading is
    assert "De publicatie van de aanbesteding is gepland op 14 maart 2022" in text  # [[datum:publicatie]]
    assert ("Met vriendelijke groet, het college van burgemeester en wethouders, de gemeentesecretaris A.R. de Graaf "
            "de burgemeester drs. N. Stemerding") in text
    appendix = text[text.index("Bijlage 1 Planning"):]
    assert text.index("drs. N. Stemerding") < text.index("Bijlage 1 Planning")
    # the letter shows the preparation and the tender phase (fase="Voorbereiding,Aanbestedingsfase")
    assert_in_order(appendix, ["Mijlpaal Start Einde Tijd Toelichting", "Voorbereiding", *PREPARATION,
                               "Aanbestedingsfase", *TENDER_PHASE])
    assert "Uitvoering" not in appendix and EXECUTION[0] not in appendix


def test_inkoopstrategie_chapters_in_seed_order(strategy_pages):
    pages = strategy_pages
    assert pages[0].startswith("Leidse regio INKOOPSTRATEGIE Inkoopstrategie Wmo Leidse regio Heroriëntatie "
                               "Wmo-maatwerkvoorzieningen per 2023")
    assert_in_order(body_text(pages), STRATEGY_HEADINGS)
    # in print, a cross-reference also shows the page of its heading
    assert re.search(r"De dertien inhoudelijke uitgangspunten staan in paragraaf 2\.4, pagina \d+\.", body_text(pages))
    # footnotes are numbered and printed at the foot of a page (WeasyPrint moves a note that no longer fits on
    # the page of its call to the next page)
    for number, note in ((1, "De segmenten zijn cliëntgroepen. Of het ook de percelen van de aanbesteding worden, "
                              "bepalen we later. Een cliënt wordt geholpen in het segment waarvan de ondersteuning het "
                              "best past."),
                         (2, "De registratie onderscheidt herstelgerichte, structurele en ouderenbegeleiding nog "
                             "niet; de verdeling is gemaakt op basis van de aanbieders. Voor segment 3 is het de "
                             "verwachting voor 2023, na uitstroom naar de Wet langdurige zorg en zonder de plekken die "
                             "Holland Rijnland inkoopt.")):
        page = next(p for p in pages if note in p)
        assert page.endswith(f"{number}. {note}"), page[-300:]


def test_inkoopstrategie_segment_analysis_table(strategy_pages):
    text = body_text(strategy_pages)
    section = text[text.index("2.3 Samenvatting analyse bestaande situatie"):text.index("2.4 Inhoudelijke")]
    assert_in_order(section, [
        "Segment Budget Cliënten Aanbiedersveld",
        "Herstelgerichte ondersteuning € 7.000.000 1.100 Formeel ongeveer 65 aanbieders voor segment 1 en 2 samen; "
        "85-95% van de cliënten wordt ondersteund door circa 20 aanbieders.",
        "Stabiliserende en structurele ondersteuning € 4.000.000 550 Hetzelfde veld als segment 1.",
        "Complexe problematiek: wonen met ondersteuning € 8.500.000 250 Formeel circa 20 aanbieders actief voor de "
        "Leidse regio; 90-95% van deze cliënten wordt ondersteund door 7 aanbieders.",
        "Ouderen met fysieke problematiek of dementie € 2.000.000 375 Formeel bijna 20 aanbieders; 85-95% van de "
        "cliënten zit bij 10 aanbieders.",
        "Huishoudelijke ondersteuning € 15.000.000 4.200 Formeel circa 20 aanbieders; 50% van de cliënten zit bij "
        "de 2 grootste en 85% bij 10 aanbieders.",
        "Totaal € 36.500.000 6.475",
    ])


def test_inkoopstrategie_segment_matrix(strategy_pages):
    text = body_text(strategy_pages)
    matrix = squashed(text[text.index("3.6 Overzicht van de segmenten"):text.index("4 Inkoopproces")])
    segments = ("Herstelgerichte ondersteuning Stabiliserende en structurele ondersteuning Complexe problematiek: "
                "wonen met ondersteuning Ouderen met fysieke problematiek of dementie Huishoudelijke ondersteuning")
    arrangement = ("Arrangementen: een bundeling van producten in de vorm van een traject met heldere doelen en een "
                   "einddatum.")
    rows = [
        "Kenmerk " + segments,
        "Omschrijving Cliënten die veelal kampen met enkelvoudigere problematiek. Volwassenen die door de aard van "
        "hun beperking niet kunnen deelnemen aan gewoon of begeleid werk of geen uitzicht hebben op zelfstandigheid "
        "zonder individuele of groepsbegeleiding. Cliënten die door psychische of psychosociale problematiek op "
        "meerdere leefgebieden niet meer zelfstandig kunnen wonen (Beschermd Wonen en Maatschappelijke Opvang). "
        "Alle begeleiding en dagbesteding die vanuit de Wmo voor ouderen wordt georganiseerd. Alle huishoudelijke "
        "ondersteuning vanuit de Wmo; een groot deel van de cliënten is oudere.",
        f"Hoofdvorm {arrangement} {arrangement} Arrangementen als traject met heldere doelen en een einddatum, met "
        "extra elementen voor toezicht, groepswonen en, als scheiden van wonen en zorg niet kan, de huur. "
        "Arrangementen als traject met heldere doelen en een einddatum; in een pilotwijk wordt een "
        "samenwerkingsmodel met zorgverzekeraar en zorgkantoor uitgewerkt. Minder producten dan nu.",
        "Toegang De gemeentelijke toegang bepaalt arrangement en doelen en stuurt stevig op de duur van het traject "
        "en op door- en uitstroom.",
        "Leveranciersmanagement Intensief Intensief Zeer intensief Intensief Matig intensief",
        "Bekostiging Arrangementen Arrangementen Modulair (voortbouwend op de ambulante arrangementen plus extra "
        "elementen) Arrangementen (in het pilotgebied samen met Zorgverzekeringswet en Wet langdurige zorg) "
        "Resultaatfinanciering (behouden; een apart perceel in het arrangementenmodel wordt nog onderzocht)",
        "Contractduur " + "3 jaar plus 2x2 jaar (indicatief) " * 4 + "Kortere initiële duur, omdat een nieuw kabinet "
        "andere keuzes kan maken",
        "Verwacht aantal aanbieders De contractanten van segment 3, aangevuld met maximaal 8 à 10 aanbieders Circa 4 "
        "tot 8 aanbieders Circa 6 tot 8 aanbieders Circa 6 tot 8 aanbieders Circa 15 aanbieders",
    ]
    assert_in_order(matrix, [squashed(row) for row in rows])


def test_inkoopstrategie_contract_funding_planning_and_risks(strategy_pages):
    text = body_text(strategy_pages)
    assert ("Ingangsdatum 1 januari 2023 Looptijd 3 jaar met 2 opties tot verlenging van 2 jaar (maximaal 7 jaar) "
            "Procedure SAS-procedure (sociale en andere specifieke diensten)") in text
    assert_in_order(text[text.index("3.5 Bekostiging"):], ["Arrangementen Een vast bedrag per cliënt per arrangement",
                                                          "Modulair Het ambulante arrangement",
                                                          "Resultaatfinanciering Een vast bedrag per cliënt"])
    assert "Aanbieders schrijven uiterlijk 16 mei 2022, 10.00 uur in." in text  # [[datum:...]] with the time
    planning = text[text.index("4.4 Planning"):text.index("5 Risico's en beheersmaatregelen")]
    assert_in_order(planning, ["Mijlpaal Start Einde Tijd Toelichting", "Voorbereiding", *PREPARATION,
                               "Aanbestedingsfase", *TENDER_PHASE, "Uitvoering", *EXECUTION])
    risks = text[text.index("5 Risico's en beheersmaatregelen"):text.index("Bijlage 1")]
    assert_in_order(risks, [
        "Nr. Risico Beheersmaatregel",
        "1 Verandering in landelijke wetgeving of jurisprudentie. Opnemen in de voorwaarden van de overeenkomst.",
        "2 Vertraging van de decentralisatie van Maatschappelijke Zorg. Segment 3 later inkopen.",
        "3 Onvoldoende kwaliteit in de toegangen. Toegangen tijdig betrekken, duidelijke instructies opstellen en "
        "kennis vergroten.",
        "4 Onvoldoende inzet in het voorveld. Gesprekken aangaan en afspraken maken met het voorveld.",
        "5 Onvoldoende tijd om contractmanagement goed uit te voeren. Hierover vooraf afspraken maken met "
        "Servicepunt71.",
        "6 Overschrijding van de begrote budgetten. Stevig inzetten op de toegang, regie en contractmanagement; een "
        "dashboard inrichten dat daarbij helpt; de mogelijkheid opnemen om zo nodig budgetplafonds in te voeren.",
        "7 Cliënten verliezen hun huidige aanbieder. Afspraken maken over een overgangsperiode en een warme "
        "overdracht naar de gecontracteerde aanbieder.",
        "8 Afschuiven van cliënten vanuit de regionale voorzieningen voor Maatschappelijke Zorg. Afspraken maken "
        "over het proces en waar nodig doorzettingsmacht organiseren.",
    ])


# ---------------------------------------------------------------- seed 004: Achterhoek

NOTE_TITLE = "Vervolguitwerking regionale inkoop Jeugdhulp, Wmo begeleiding en Beschermd Wonen per 1 januari 2022"
NOTE_HEADINGS = [
    "Inleiding",
    "1 Algemene doelstellingen voor de aanbesteding",
    "2 De doelstellingen en segmentering voor de inkoop van Jeugdhulp, Wmo begeleiding en Beschermd Wonen",
    "2.1 Doelstellingen Jeugdhulp",
    "2.2 Beschrijving segmentering Jeugdhulp en aanscherping segment Hoog Complex Weinig Voorkomend Met Verblijf",
    "2.3 Beschrijving doelstellingen Wmo (inclusief Wonen)",
    "2.4 Beschrijving segmentering Wmo (inclusief Wonen)",
    "3 De bekostigingsvoorstellen voor Jeugdhulp en Wmo",
    "3.1 Bekostiging segmenten Jeugdhulp",
    "3.2 Bekostiging segmenten Wmo (Ondersteuning, Logeren en Wonen)",
    "Aandachtspunten bij nadere uitwerking",
    "3.3 Beschrijving systematiek doorrekening en toetsing lumpsum bekostiging",
    "4 Definitief advies met betrekking tot lokaal en regionaal inkopen",
    "5 Ruimte voor alle (type) zorgaanbieders om in te schrijven in deze aanbesteding",
    "Bijlage 1 Uitgangspunten aanbesteding Wmo begeleiding en Beschermd Wonen",
]
JEUGD_SUBSEGMENTS = [
    "Integrale Ambulante Jeugdhulp (IAJ) Persoonlijke verzorging, Ondersteuning, Behandeling, Ambulante spoedhulp",
    "Gezins- en Woonvormen (GWV) Wonen gericht op zelfstandigheid, Verblijf groep, Gezinshuiscare, Pleegzorg",
    "Hoog Complex weinig voorkomend met Verblijf (HCV) Jeugdzorgplus, Verblijf complex, GGZ crisiszorg",
]
WMO_SUBSEGMENTS = [
    "Wmo Integrale Ondersteuning Ontwikkelen, Stabiliseren, Beschermd Thuis, Persoonlijke Verzorging",
    "Wmo Logeren –",
    "Wmo Wonen Beschut Wonen (24-uurs begeleiding), Beschermd Wonen (24-uurs zorg)",
]


@pytest.fixture(scope="module")
def note_text(achterhoek):
    _, out = achterhoek
    return body_text(pdf_pages(out / "pdf" / "notitie-vervolguitwerking.pdf", NOTE_TITLE))


def test_achterhoek_builds_without_warnings(achterhoek):
    result, out = achterhoek
    assert result.warnings == ()
    assert [p.name for p in (out / "pdf").iterdir()] == ["notitie-vervolguitwerking.pdf"]
    assert broken_links(out / "site") == []


def test_notitie_chapters_in_seed_order(achterhoek, note_text):
    _, out = achterhoek
    cover = pdf_pages(out / "pdf" / "notitie-vervolguitwerking.pdf", NOTE_TITLE)[0]
    assert cover.startswith(f"Regio Achterhoek NOTITIE {NOTE_TITLE}")
    assert "Versie Status Datum Kenmerk 1.0 definitief 9 februari 2021 ACH-JW-2022" in cover
    assert_in_order(note_text, NOTE_HEADINGS)


def test_notitie_goals(note_text):
    chapter_1 = note_text[note_text.index("1 Algemene doelstellingen"):note_text.index("2 De doelstellingen")]
    assert_in_order(chapter_1, [
        "De ondersteuning en zorg komen op tijd en zijn gericht op een passend, duurzaam resultaat",
        "De ondersteuning en zorg verbeteren de beleving dat het leven zinvol is, vanuit positieve gezondheid.",
        "De inwoner participeert naar vermogen in de samenleving.",
        "De ondersteuning is flexibel en gericht op samenwerking en ambulantisering",
        "Cliënten zijn tevreden over de ondersteuning van hun zorgaanbieder.",
        "Partners in de keten zijn tevreden over elkaars bijdrage aan de transformatie.",
    ])
    jeugd = note_text[note_text.index("2.1 Doelstellingen Jeugdhulp"):note_text.index("2.2 Beschrijving")]
    assert_in_order(jeugd, ["Meer kinderen krijgen steun in de sociale basis", "Kinderen en gezinnen ervaren beter",
                            "Kinderen groeien zo thuis mogelijk op", "Kinderen groeien op tot zelfstandige volwassenen",
                            "Jongeren die na hun 18e (of 21e) nog ondersteuning nodig hebben"])
    wmo = note_text[note_text.index("2.3 Beschrijving doelstellingen Wmo"):note_text.index("2.4 Beschrijving")]
    assert_in_order(wmo, ["Iedere cliënt heeft een passende daginvulling", "De ondersteuning behoudt en ontwikkelt de "
                          "regie", "De ondersteuning behoudt en versterkt de zelfstandigheid", "De ondersteuning sluit "
                          "aan op de behoeften", "Meer inwoners krijgen steun in de sociale basis", "De ondersteuning "
                          "is zo licht en kort als mogelijk", "De aanbieder zoekt in het belang van de cliënt"])


def test_notitie_goals_are_numbered_lists_on_the_site(achterhoek):
    _, out = achterhoek
    html = (out / "site" / "documenten" / "notitie-vervolguitwerking.html").read_text()
    chapter_1 = html[html.index('<h2 id="algemene-doelstellingen'):html.index('<h2 id="de-doelstellingen')]
    assert chapter_1.count("<ol>") == 1 and chapter_1.count("<li>") == 6
    steps = html[html.index('<h3 id="beschrijving-systematiek'):html.index('<table class="block block-begroting"')]
    assert steps.count("<ol>") == 1 and steps.count("<li>") == 7 + 4  # seven steps, four considerations in step 7


def test_notitie_segments_with_subsegments_per_domain(note_text):
    jeugd = note_text[note_text.index("2.2 Beschrijving segmentering"):note_text.index("2.3 Beschrijving")]
    assert_in_order(jeugd, ["Segment Subsegmenten", *JEUGD_SUBSEGMENTS, "Segment Omschrijving",
                            "Integrale Ambulante Jeugdhulp (IAJ) Ambulante jeugdhulp die de eigen kracht",
                            "Gezins- en Woonvormen (GWV) Gezinsvormen (pleegzorg en gezinshuizen)",
                            "Hoog Complex weinig voorkomend met Verblijf (HCV) Verblijfsfuncties"])
    wmo = note_text[note_text.index("2.4 Beschrijving segmentering"):note_text.index("3 De bekostigingsvoorstellen")]
    assert_in_order(wmo, ["Segment Subsegmenten", *WMO_SUBSEGMENTS, "Segment Omschrijving",
                          "Wmo Integrale Ondersteuning Een waaier aan ondersteuning", "Wmo Logeren Kortdurend verblijf",
                          "Wmo Wonen Diverse woonvormen"])
    assert "Wmo Integrale Ondersteuning" not in jeugd and "Integrale Ambulante Jeugdhulp (IAJ) Persoonlijke" not in wmo


def test_notitie_funding_model_per_segment(note_text):
    jeugd = note_text[note_text.index("3.1 Bekostiging segmenten Jeugdhulp"):note_text.index("3.2 Bekostiging")]
    assert_in_order(jeugd, [
        "Segment Subsegmenten Bekostiging",
        JEUGD_SUBSEGMENTS[0] + " Lumpsum financiering",
        JEUGD_SUBSEGMENTS[1] + " Lumpsum financiering (onderzocht wordt nog hoe om te gaan met ontbrekend aanbod)",
        JEUGD_SUBSEGMENTS[2] + " Lumpsum financiering",
    ])
    wmo = note_text[note_text.index("3.2 Bekostiging segmenten Wmo"):note_text.index("3.3 Beschrijving")]
    assert_in_order(wmo, [
        "Segment Subsegmenten Bekostiging",
        WMO_SUBSEGMENTS[0] + " Lumpsum financiering; Persoonlijke Verzorging: P x Q op basis van een indicatie per "
                             "cliënt",
        WMO_SUBSEGMENTS[1] + " P x Q op basis van een indicatie per cliënt",
        WMO_SUBSEGMENTS[2] + " Lumpsum financiering",
    ])


def test_notitie_lumpsum_steps_and_worked_table(note_text):
    method = note_text[note_text.index("3.3 Beschrijving systematiek"):note_text.index("4 Definitief advies")]
    assert_in_order(method, [
        "We definiëren de zorg (het segment) zo eenduidig mogelijk, bijvoorbeeld Hoog Complex weinig voorkomend met "
        "Verblijf (HCV).",
        "Wijkt het segment af van de huidige indeling", "We bepalen welke omzet en hoeveel inwoners",
        "We delen de uitgaven van de vorige periode door het aantal cliënten", "Iedere gemeente geeft in een vast "
        "format aan", "We tellen de ramingen op tot een regionaal totaal", "Ten slotte wegen we mee: de indexering",
        "Rekenvoorbeeld startbudget lumpsum Wmo Integrale Ondersteuning 2022",
        "Gemeente Uitgaven 2020 Cliënten 2020 Gemiddeld per cliënt Verwachte cliënten 2022 Raming 2022 "
        "Startbudget 2022 Aandeel",
        "Aalten € 2.450.000 310 € 7.903 300 € 2.370.900 € 2.418.318 7,6%",
        "Berkelland € 4.100.000 520 € 7.885 505 € 3.981.925 € 4.061.564 12,8%",
        "Bronckhorst € 3.390.000 430 € 7.884 420 € 3.311.280 € 3.377.506 10,6%",
        "Doetinchem € 8.120.000 980 € 8.286 950 € 7.871.700 € 8.029.134 25,3%",
        "Montferland € 3.480.000 450 € 7.733 440 € 3.402.520 € 3.470.570 10,9%",
        "Oost Gelre € 2.690.000 350 € 7.686 340 € 2.613.240 € 2.665.505 8,4%",
        "Oude IJsselstreek € 4.750.000 600 € 7.917 585 € 4.631.445 € 4.724.074 14,9%",
        "Winterswijk € 3.010.000 380 € 7.921 370 € 2.930.770 € 2.989.385 9,4%",
        "Totaal € 31.990.000 4.020 € 7.958 3.910 € 31.113.780 € 31.736.056 100,0%",
        "Fictieve bedragen ter illustratie.",
    ])


def test_notitie_selection_criteria_and_appendix(note_text):
    advice = note_text[note_text.index("4 Definitief advies"):note_text.index("5 Ruimte voor alle")]
    assert_in_order(advice, [
        "Het uitgangspunt blijft: de inschrijver is bereid om regionaal, voor alle gemeenten, te leveren.",
        "Alle aanbieders mogen in de selectiefase een offerte indienen",
        "Alle offertes die aan de minimumeisen voldoen, worden beoordeeld.",
        "De offertes worden beoordeeld op twee zwaarwegende selectiecriteria: hoe de aanbieder regionale "
        "samenwerking vormgeeft; hoe de aanbieder lokale binding aantoont en organiseert.",
    ])
    appendix = note_text[note_text.index("Bijlage 1 Uitgangspunten"):]
    assert_in_order(appendix, ["Uitgangspunten De regionale visie Samenwerken om elkaar te versterken",
                               "Gemeenten zijn opdrachtgever.",
                               "Gemeenten dagen vernieuwende aanbieders uit om nieuwe werkwijzen te ontwikkelen."])


def test_achterhoek_stated_total_that_does_not_add_up(tmp_path):
    project = tmp_path / "achterhoek"
    shutil.copytree(EXAMPLES / "achterhoek", project, ignore=shutil.ignore_patterns("build"))
    budgets = project / "content" / "budgets.yaml"
    budgets.write_text(budgets.read_text(encoding="utf-8").replace("raming: 31113780", "raming: 31113870"),
                       encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        build(project, tmp_path / "out")
    assert caught.value.messages() == [
        "content/budgets.yaml:29:73: het opgegeven totaal van 'Raming 2022' (31.113.870) wijkt af van het berekende "
        "totaal (31.113.780)"]
