"""Output that must never be silent (issue 14): a mistake that used to print as text, end up in a heading or
vanish from a PDF is a Dutch content error at its file, line and column, through `bestek check` / `build`."""
from __future__ import annotations

import io
import struct
import textwrap
import zlib

import pytest

from generator.cli import main
from tests.conftest import write_project

FRONT = textwrap.dedent("""\
    ---
    title: Notitie inkoop
    kind: notitie
    version: "1.0"
    status: definitief
    date: 2025-01-15
    ---

    """)
DOC = "content/documents/notitie.md"


def errors(tmp_path, capsys, body: str, files: dict[str, str | None] | None = None,
           command: str = "check") -> list[str]:
    """The messages of `bestek check` (or build) on the small project with the given document body."""
    project = write_project(tmp_path / "project", {DOC: FRONT + body, **(files or {})})
    args = [command, "--project", str(project)] + (["--out", str(tmp_path / "uit")] if command == "build" else [])
    code = main(args)
    captured = capsys.readouterr()
    assert code == 1, captured
    lines = captured.err.splitlines()
    assert lines[-1].endswith("gevonden."), lines
    return lines[:-1]


# --- 1. a block inside a sentence ---

def test_block_inside_a_sentence(tmp_path, capsys):
    assert errors(tmp_path, capsys, "# Inleiding\n\nZie {{ reikwijdte }} hierboven.\n") == [
        f"{DOC}:11:5: het blok '{{{{ reikwijdte }}}}' staat midden in een zin; zet een blok op een eigen regel, "
        "met een lege regel ervoor en erna"]


def test_block_after_text_on_its_line(tmp_path, capsys):
    assert errors(tmp_path, capsys, "# Inleiding\n\nDe segmenten: {{ segmenten }}\n") == [
        f"{DOC}:11:15: het blok '{{{{ segmenten }}}}' staat midden in een zin; zet een blok op een eigen regel, "
        "met een lege regel ervoor en erna"]


def test_block_in_code_is_text(tmp_path, capsys):
    """`{{ eisen }}` between backticks shows how a block is written: no error."""
    project = write_project(tmp_path / "project", {DOC: FRONT + "# Inleiding\n\nSchrijf `{{ eisen }}`.\n"})
    assert main(["check", "--project", str(project)]) == 0


# --- 2. a heading attribute written wrong ---

KNOWN = ("bekend zijn {-} voor een kop zonder nummer, {bijlage} voor een bijlage, {#planning} voor een vast id "
         "van de kop en {nummer=16} voor een eigen nummer (ook samen, zoals {- #samenvatting})")


def test_unknown_heading_attribute(tmp_path, capsys):
    assert errors(tmp_path, capsys, "# Inleiding {geen}\n\nTekst.\n") == [
        f"{DOC}:9:13: onbekend kenmerk '{{geen}}' achter de kop; {KNOWN}"]


def test_heading_attribute_with_a_space_is_read_as_written(tmp_path, capsys):
    project = write_project(tmp_path / "project", {DOC: FRONT + "# Inleiding { - }\n\nTekst.\n"})
    assert main(["check", "--project", str(project)]) == 0


def test_heading_attribute_almost_right(tmp_path, capsys):
    assert errors(tmp_path, capsys, "# Inleiding {-x}\n\nTekst.\n") == [
        f"{DOC}:9:13: onbekend kenmerk '{{-x}}' achter de kop; {KNOWN}; bedoelt u {{-}}?"]


def test_heading_attribute_misspelt(tmp_path, capsys):
    assert errors(tmp_path, capsys, "# Inleiding\n\nTekst.\n\n# Vragen {bijlagen}\n\nTekst.\n") == [
        f"{DOC}:13:10: onbekend kenmerk '{{bijlagen}}' achter de kop; {KNOWN}; bedoelt u {{bijlage}}?"]


def test_two_heading_attributes(tmp_path, capsys):
    assert errors(tmp_path, capsys, "# Inleiding\n\nTekst.\n\n# Vragen {-} {bijlage}\n\nTekst.\n") == [
        f"{DOC}:13:10: de kop heeft twee groepen kenmerken; schrijf ze samen tussen één paar accolades, zoals "
        "{- #samenvatting} of {bijlage #vragenlijst}"]


# --- 3. a reference inside a heading or inside a link's text ---

def test_reference_in_heading(tmp_path, capsys):
    assert errors(tmp_path, capsys, "# Over [[segment:crisis]]\n\nTekst.\n") == [
        f"{DOC}:9:8: de verwijzing '[[segment:crisis]]' staat in een kop; een kop is de vaste naam van een "
        "hoofdstuk of paragraaf (in de inhoudsopgave, de bladwijzers van de PDF en het webadres van de kop): "
        "schrijf de naam zelf in de kop en zet de verwijzing in de tekst eronder"]


def test_reference_in_link_text(tmp_path, capsys):
    assert errors(tmp_path, capsys, "# Inleiding\n\nTekst, [zie [[segment:crisis]]](#inleiding).\n") == [
        f"{DOC}:11:13: de verwijzing '[[segment:crisis]]' staat in de tekst van een link; een verwijzing is zelf "
        "al een link en een link kan geen link bevatten: zet de verwijzing buiten de haken van de link, zoals "
        "'[zie hier](#kop) [[segment:crisis]]'"]


# --- 4. a block argument given twice ---

def test_block_argument_twice(tmp_path, capsys):
    assert errors(tmp_path, capsys, '# Eisen\n\n{{ eisen soort="minimumeis" soort="geschiktheidseis" }}\n') == [
        f"{DOC}:11:1: het blok 'eisen' krijgt het argument soort 2 keer (soort=\"minimumeis\" en "
        "soort=\"geschiktheidseis\"); geef elk argument één keer"]


# --- 5. an image the PDF could not load ---

def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(width: int, height: int) -> bytes:
    """A PNG header for `width` x `height` pixels with next to no data: a decompression bomb when large."""
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(b"\0" * 100)) + _chunk(b"IEND", b""))


def _noise_png() -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.frombytes("RGB", (100, 100), bytes((i * 7919) % 251 for i in range(30000))).save(out, "PNG")
    return out.getvalue()


def image_errors(tmp_path, capsys, name: str, data: bytes) -> list[str]:
    project = write_project(tmp_path / "project", {DOC: FRONT + f"# Kaart\n\nDe regio:\n\n![Kaart](../{name})\n"})
    (project / "content" / name).write_bytes(data)
    code = main(["check", "--project", str(project)])
    captured = capsys.readouterr()
    assert code == 1, captured
    return captured.err.splitlines()[:-1]


BROKEN = "en kan niet worden getoond; open de afbeelding en sla haar opnieuw op, als PNG of JPEG"


def test_decompression_bomb_png(tmp_path, capsys):
    assert image_errors(tmp_path, capsys, "kaart.png", _png(10_000, 10_000)) == [
        f"{DOC}:13:1: de afbeelding '../kaart.png' is te groot om te tonen (10.000 bij 10.000 pixels); de grens is "
        "89.478.485 pixels: verklein de afbeelding, voor een A4-pagina is 2.500 bij 3.500 pixels ruim genoeg"]


def test_huge_decompression_bomb_png(tmp_path, capsys):
    assert image_errors(tmp_path, capsys, "kaart.png", _png(50_000, 50_000)) == [
        f"{DOC}:13:1: de afbeelding '../kaart.png' is te groot om te tonen; de grens is 89.478.485 pixels: "
        "verklein de afbeelding, voor een A4-pagina is 2.500 bij 3.500 pixels ruim genoeg"]


@pytest.mark.parametrize("weasyprint_imported", [False, True])
def test_truncated_png(tmp_path, capsys, weasyprint_imported):
    """Also after WeasyPrint was imported, which tells Pillow to accept cut-off images process-wide."""
    if weasyprint_imported:
        from generator.render.pdf import load_weasyprint

        load_weasyprint()
    data = _noise_png()
    assert image_errors(tmp_path, capsys, "kaart.png", data[:len(data) // 2]) == [
        f"{DOC}:13:1: de afbeelding '../kaart.png' is een beschadigd of onvolledig PNG-bestand {BROKEN}"]


def test_broken_jpeg_with_a_valid_signature(tmp_path, capsys):
    assert image_errors(tmp_path, capsys, "foto.jpg", b"\xff\xd8\xff" + b"kapot" * 20) == [
        f"{DOC}:13:1: de afbeelding '../foto.jpg' is een beschadigd of onvolledig JPEG-bestand {BROKEN}"]


# --- 6. every WeasyPrint warning in Dutch (the document is named by render/pdfs.py: "<document>: ...") ---

@pytest.mark.parametrize(("english", "dutch"), [
    ("Failed to load image at 'bestek-project:content/kaart.png': ",
     "de afbeelding 'content/kaart.png' kon niet worden geladen en ontbreekt in de PDF; open haar en sla haar "
     "opnieuw op, als PNG of JPEG"),
    ("Failed to render SVG image bestek-project:content/a%20b.svg",
     "de SVG-afbeelding 'content/a b.svg' kon niet worden getekend en ontbreekt in de PDF; sla haar opnieuw op als "
     "gewone SVG, of als PNG"),
    ("Ignored `color: blauw` at 3:5, invalid value.",
     "de opmaakregel 'color: blauw' in een stylesheet of eigen sjabloon heeft een ongeldige waarde en is overgeslagen"),
    ("Ignored `kleur: rood` at 3:5, unknown property.",
     "de opmaakregel 'kleur: rood' in een stylesheet of eigen sjabloon is onbekend en is overgeslagen"),
    ("Subgrids are unsupported", "de PDF gebruikt opmaak die de PDF-maker niet ondersteunt; die opmaak is overgeslagen"),
    ("Inline grids are not supported",
     "de PDF gebruikt opmaak die de PDF-maker niet ondersteunt; die opmaak is overgeslagen"),
    ("Anchor defined twice: 'x'", "de PDF-maker meldde een probleem dat Bestek niet kent; de PDF is gemaakt, maar "
     "kijk hem na (staat er opmaak of een afbeelding in die niet goed is?)"),
])
def test_weasyprint_warning_in_dutch(english, dutch):
    from generator.render.pdf import dutch_warning
    assert dutch_warning(english) == dutch


#: SVGs that pass the load stage's allow-list but that WeasyPrint cannot draw (it logged "Failed to render SVG
#: image" and left the drawing out of the PDF)
UNDRAWABLE_SVG = {
    "transform": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                 '<rect width="5" height="5" transform="rotate(x)"/></svg>',
    "recursive-use": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g id="a"><use href="#a"/></g>'
                     '</svg>',
}


@pytest.mark.parametrize("svg", list(UNDRAWABLE_SVG))
def test_svg_the_pdf_cannot_draw(tmp_path, capsys, svg):
    project = write_project(tmp_path / "project", {
        "config.yaml": "pdf:\n  enabled: true\n",
        DOC: FRONT + "# Kaart\n\nDe regio:\n\n![Kaart](../kaart.svg)\n",
        "content/kaart.svg": UNDRAWABLE_SVG[svg]})
    code = main(["build", "--project", str(project), "--out", str(tmp_path / "uit")])
    captured = capsys.readouterr()
    assert (code, captured.err.splitlines()) == (1, [
        f"{DOC}:13:1: de SVG-afbeelding 'content/kaart.svg' kon niet worden getekend en ontbreekt in de PDF; "
        "sla haar opnieuw op als gewone SVG, of als PNG",
        "1 fout gevonden."]), captured
    assert not (tmp_path / "uit").exists()


# --- references and blocks in YAML fields, which are not rendered there ---

def test_references_and_blocks_in_yaml_fields(tmp_path, capsys):
    from tests.conftest import SMALL_PROJECT
    segments = SMALL_PROJECT["content/segments.yaml"].replace(
        "Hulp bij **acute** nood.", "Zie [[segment:wonen]], {{ eisen }} en `{{ eisen }}`.")
    project = write_project(tmp_path / "project", {"content/segments.yaml": segments})
    assert main(["check", "--project", str(project)]) == 1
    tail = "werkt alleen in de tekst van een document (content/documents/*.md), niet in een veld van een YAML-bestand; " \
           "schrijf hier de tekst zelf"
    assert capsys.readouterr().err.splitlines()[:-1] == [
        f"content/segments.yaml:7:22: de verwijzing '[[segment:wonen]]' {tail}",
        f"content/segments.yaml:7:41: het blok '{{{{ eisen }}}}' {tail}"]


def test_a_document_that_starts_below_level_one(tmp_path, capsys):
    assert errors(tmp_path, capsys, "## Inleiding\n\nTekst.\n") == [
        f"{DOC}:9:1: kop 'Inleiding' is van niveau 2 maar is de eerste kop van het document; gebruik #"]
