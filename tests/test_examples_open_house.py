"""The example project examples/open-house: an open-house offerteaanvraag (kind offerteaanvraag, role leidraad,
procedure open-house) with two forms for the providers, built once with its PDF.

The assertions read the real PDF (its text and its form fields) and the real site pages: the chapters in order,
the blocks rendered from the YAML data, the contract without its procedure line, and the forms fillable in print
and read-only on the site."""
from __future__ import annotations

import re

import pikepdf
import pytest

from generator.pipeline import build

from .pdftext import pdf_text
from .sitecheck import broken_links, parse_page
from .test_examples_leidse_regio_achterhoek import EXAMPLES, assert_in_order

PROJECT = EXAMPLES / "open-house"


@pytest.fixture(scope="module")
def open_house(tmp_path_factory):
    out = tmp_path_factory.mktemp("open-house")
    result = build(PROJECT, out)
    assert result.warnings == ()
    return out


def test_the_offerteaanvraag_reads_in_the_order_of_its_chapters(open_house):
    text = pdf_text(open_house / "pdf" / "offerteaanvraag.pdf", PROJECT)
    assert text.startswith("Regio Lingewaard-Betuwe OFFERTEAANVRAAG Offerteaanvraag open house Jeugdhulp ambulant "
                           "en Wmo-begeleiding Toelating van aanbieders per 1 januari 2026")
    body = text[text.index("1 Inleiding De gemeenten"):]
    assert_in_order(body, [
        "1 Inleiding", "De gemeenten Elst, Bemmel en Huissen kopen samen", "in 2 segmenten",
        "2 Aanbestedende dienst", "Regio Lingewaard-Betuwe, namens de gemeenten Elst, Bemmel, Huissen",
        "3 De opdracht", "3.1 Reikwijdte", "Ambulante jeugdhulp (individueel en in een groep)",
        "3.2 Segmenten", "Ambulante jeugdhulp", "Begeleiding en dagbesteding",
        "3.3 Looptijd", "Ingangsdatum 1 januari 2026 Looptijd 4 jaar met 1 optie tot verlenging van 2 jaar "
        "(maximaal 6 jaar)",
        "4 Procedure", "4.1 Open house", "4.2 Planning", "Publicatie van de offerteaanvraag op TenderNed 2 juni 2025",
        "4.3 Toetreding", "5 Eisen", "Geen veroordeling voor ernstige strafbare feiten",
        "Inschrijving in het Handelsregister", "Geregistreerde professionals", "Vaste tarieven",
        "6 Verzoek om toelating", "uiterlijk op 1 september 2025, 12.00 uur",
        "Bijlage 1 Inschrijfformulier", "Inschrijfformulier Vraag Antwoord Statutaire naam van de aanbieder "
        "(verplicht) Zoals ingeschreven in het Handelsregister.",
        "Rechtsvorm (verplicht) Stichting Besloten vennootschap Eenmanszaak of vof Anders",
        "Bijlage 2 Standaardformulier offerte", "Verwachte jaaromzet in de regio Een schatting; niet bindend. €",
    ])
    assert "Procedure open house" not in body  # {{ contract zonder="procedure" }}
    assert "Doelgroep" not in body  # {{ segment-details zonder="doelgroep" }}


def test_the_forms_are_fillable_fields_named_after_their_questions(open_house):
    with pikepdf.open(open_house / "pdf" / "offerteaanvraag.pdf") as pdf:
        fields = {str(f.T): str(f.TU) for f in pdf.Root.AcroForm.Fields}
    # a field per question, a check box per choice: 7 to write in and 4 + 2 + 2 boxes; 3 and 2 + 2 + 2 boxes
    assert len(fields) == (7 + 4 + 2 + 2) + (3 + 2 + 2 + 2)
    assert fields["inschrijfformulier-kvk"] == "KvK-nummer"
    assert fields["inschrijfformulier-rechtsvorm-2"] == "Rechtsvorm: Besloten vennootschap"
    assert fields["standaardformulier-offerte-tarieven-1"] == "De aanbieder aanvaardt de vastgestelde tarieven: Ja"
    assert fields["standaardformulier-offerte-omzet"] == "Verwachte jaaromzet in de regio"


def test_the_site_shows_the_forms_read_only_and_links_to_the_pdf(open_house):
    site = open_house / "site"
    page = site / "documenten" / "offerteaanvraag.html"
    html = page.read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", " ".join(parse_page(page).text))
    assert ("Standaardformulier offerte Vraag In te vullen Toelating voor het segment Ambulante jeugdhulp (verplicht) "
            "kruis ja of nee aan") in text
    assert "Rechtsvorm (verplicht) kruis één keuze aan: Stichting, Besloten vennootschap, Eenmanszaak of vof, " \
           "Anders" in text
    body = html[html.index('<div class="document-body">'):html.index("</article>")]
    assert not re.search(r"<(input|textarea|select|form|button)\b", body)
    assert body.count('<a href="../pdf/offerteaanvraag.pdf">PDF van dit document</a>') == 2
    assert "Offerteaanvraag" in text
    assert broken_links(site) == []


def test_entry_moments_the_procedures_own_name_and_the_glossary(open_house):
    """The mechanisms of issue 13 from data: three toetreding milestones in the planning (PDF and site) and
    the calendar, procedure_label where the procedure is named, and the glossary with its linked terms."""
    text = pdf_text(open_house / "pdf" / "offerteaanvraag.pdf", PROJECT)
    assert "Deze inkoop volgt een toelatingsprocedure (open house). Een open house" in text
    assert_in_order(text, [
        "Ronde 2026 voor nieuwe aanbieders (toetredingsmoment) 1 juli 2026 12.00 uur",
        "Ronde 2027 voor nieuwe aanbieders (toetredingsmoment) 1 juli 2027 12.00 uur",
        "Ronde 2028 voor nieuwe aanbieders (toetredingsmoment) 1 juli 2028 12.00 uur",
        "alsnog om toelating vragen, onder dezelfde voorwaarden. Een verzoek moet binnen zijn op een van deze "
        "momenten:", "1 juli 2026, 12.00 uur;", "1 juli 2027, 12.00 uur;", "1 juli 2028, 12.00 uur.",
        "de looptijd is voor iedereen 4 jaar met 1 optie tot verlenging van 2 jaar (maximaal 6 jaar)",
        "Bijlage 3 Begrippen", "lokaal team Het team van een gemeente",
        "open house Een manier van inkopen", "toetredingsmoment Een vaste datum", "werkdag Een kalenderdag",
    ])
    assert "Aw 2012" not in text and "Aanbestedingswet 2012 art" not in text  # open house is outside the Aw
    page = open_house / "site" / "documenten" / "offerteaanvraag.html"
    html = page.read_text(encoding="utf-8")
    assert '<a href="#begrip-toetredingsmoment">toetredingsmoment</a>' in html
    assert html.count('<dt id="begrip-') == 4
    planning = re.sub(r"\s+", " ", " ".join(parse_page(open_house / "site" / "planning.html").text))
    assert planning.count("(toetredingsmoment)") == 3
