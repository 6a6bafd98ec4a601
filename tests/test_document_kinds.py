"""Document kinds and their roles (core/kinds.py): the kinds officers use (offerteaanvraag, inkoopdocument) keep
the leidraad's checks, a project's own kind keeps them by declaring `role:`, the agreement's label follows its
status, and a block's lines can be left out (zonder="..."), checked against the lines the block declares."""
from __future__ import annotations

import re

import pytest

from generator.core.blocks import BLOCKS
from generator.core.errors import ContentErrors
from generator.core.kinds import KINDS, ROLES
from generator.pipeline import build
from generator.render.environment import document_kinds, make_environment

from .conftest import REPO
from .sitecheck import parse_page

DOCUMENT = """\
    ---
    title: {title}
    kind: {kind}
    version: "1.0"
    status: {status}
    date: 2025-01-15{extra}
    ---

    # Inleiding

    {body}
    """


def document(kind: str, body: str = "Tekst.", status: str = "definitief", extra: str = "",
             title: str = "Het document") -> str:
    return DOCUMENT.format(kind=kind, body=body.replace("\n", "\n    "), status=status,
                           extra=extra.replace("\n", "\n    "), title=title)


def errors_of(project) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        build(project, project / "build")
    return caught.value.messages()


def page_text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(parse_page(path).text)).strip()


NO_PROCEDURE = {"content/tender.yaml": """\
    reference: TL-2026
    title: Inkoop Jeugd en Wmo 2026
    domains: [jeugd, wmo]
    contract: {start: 2026-01-01, initial_years: 3, extensions: [2, 2]}
    planning:
      - {id: publicatie, title: Publicatie op TenderNed, date: 2025-03-03, kind: publicatie}
    """}


OPEN_HOUSE = {"content/tender.yaml": """\
    reference: TL-2026
    title: Inkoop Jeugd en Wmo 2026
    domains: [jeugd, wmo]
    procedure: open-house
    contract: {start: 2026-01-01, initial_years: 3, extensions: [2, 2]}
    planning:
      - {id: publicatie, title: Publicatie op TenderNed, date: 2025-03-03, kind: publicatie}
      - {id: start, title: Start van de overeenkomst, date: 2026-01-01, kind: start-contract}
    """, "content/criteria.yaml": None, "content/documents/notitie.md": None}
MISSING = ("procedure 'open-house' (VWEU art. 49 en 56 (transparantie); HvJ EU 2 juni 2016, C-410/14 (Falk Pharma))")


@pytest.mark.parametrize("kind", ["offerteaanvraag", "inkoopdocument"])
def test_the_kinds_officers_use_need_the_procedure_as_a_leidraad_does(make_project, kind):
    project = make_project({**NO_PROCEDURE, "content/documents/stuk.md": document(kind)})
    assert errors_of(project) == [
        f"content/documents/stuk.md:3:1: een {kind} hoort bij een procedure: kies 'procedure' in "
        "content/tender.yaml (open-house, sas, openbaar, niet-openbaar, dialoog, subsidie)"]


def test_an_inkoopdocument_must_show_the_blocks_of_its_procedure(make_project):
    project = make_project({**OPEN_HOUSE, "content/documents/stuk.md": document("inkoopdocument", "{{ planning }}")})
    assert errors_of(project) == [
        f"content/documents/stuk.md:1:1: het inkoopdocument mist het onderdeel {{{{ {name} }}}}, verplicht bij "
        f"{MISSING}" for name in ("contract", "eisen")]


OWN_KIND = {"templates/documents/uitvraag.html": '{% extends "documents/base.html" %}\n{% set label = "Uitvraag" %}\n'}


def test_a_kind_of_the_projects_own_keeps_the_leidraad_checks_with_its_role(make_project):
    without = make_project({**OWN_KIND, **OPEN_HOUSE,
                            "content/documents/stuk.md": document("uitvraag", "{{ planning }}")})
    build(without, without / "build")  # no role: a document like any other
    project = make_project({**OWN_KIND, **OPEN_HOUSE, "content/documents/stuk.md": document(
        "uitvraag", "{{ planning }}", extra="\nrole: leidraad")})
    assert errors_of(project) == [
        f"content/documents/stuk.md:1:1: het document (uitvraag) mist het onderdeel {{{{ {name} }}}}, verplicht bij "
        f"{MISSING}" for name in ("contract", "eisen")]


def test_a_role_is_one_of_the_roles(make_project):
    project = make_project({**OWN_KIND, "content/documents/stuk.md": document("uitvraag", extra="\nrole: leidrad")})
    assert errors_of(project) == [
        "content/documents/stuk.md:7:7: 'role' heeft de ongeldige waarde 'leidrad'; bedoelt u 'leidraad'? "
        "(toegestaan: leidraad, pve, overeenkomst, beoordelingsformulier, nvi, brief)"]


def test_a_theme_kind_keeps_its_own_role(make_project):
    project = make_project({**OPEN_HOUSE, "content/documents/stuk.md": document(
        "offerteaanvraag", "{{ planning }}\n\n{{ contract }}\n\n{{ eisen }}", extra="\nrole: pve")})
    assert errors_of(project) == [
        "content/documents/stuk.md:7:1: de soort 'offerteaanvraag' heeft al de rol 'leidraad'; laat 'role' weg (een "
        "rol kiest u voor een eigen soort, zie docs/document-kinds.md)"]


def test_a_letter_of_the_projects_own_needs_a_letter_header(make_project):
    project = make_project({**OWN_KIND, "content/documents/stuk.md": document("uitvraag", extra="\nrole: brief")})
    assert errors_of(project) == [
        "content/documents/stuk.md:3:1: een uitvraag heeft in het voorwerk 'letter' nodig (met ten minste onderwerp "
        "en datum)"]


def test_every_theme_kind_with_a_role_has_a_template_and_every_role_a_row_in_the_docs():
    """core/kinds.py and docs/document-kinds.md agree: the table of roles lists each role with the kinds that
    have it and what it keeps; every kind of KINDS is a template of the theme."""
    assert set(KINDS) <= set(document_kinds(make_environment(REPO)))
    text = (REPO / "docs" / "document-kinds.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.split("## Roles", 1)[1].split("\n## ", 1)[0].splitlines():
        if line.startswith("| `"):
            role, kinds, keeps = (cell.strip() for cell in line.strip("|").split(" | "))
            rows[role.strip("`")] = (sorted(k.strip("` ") for k in kinds.split(",")), keeps)
    assert sorted(rows) == sorted(ROLES)
    for name, role in ROLES.items():
        assert rows[name] == (sorted(k for k, kind in KINDS.items() if kind.role == name), role.keeps), name


AGREEMENT = "{{ contract }}"


@pytest.mark.parametrize(("status", "label"), [("definitief", "Overeenkomst"), ("concept", "Conceptovereenkomst")])
def test_the_agreement_is_labelled_by_its_status(make_project, tmp_path, status, label):
    project = make_project({"content/documents/overeenkomst.md": document("overeenkomst", status=status,
                                                                          title="Raamovereenkomst")})
    build(project, tmp_path / "out")
    text = page_text(tmp_path / "out" / "site" / "documenten" / "overeenkomst.html")
    assert f"{label} Raamovereenkomst Versie 1.0" in text


def test_the_contract_block_of_an_agreement_leaves_out_a_procedure_not_chosen(make_project, tmp_path):
    project = make_project({**NO_PROCEDURE, "content/documents/overeenkomst.md": document("overeenkomst", AGREEMENT),
                            "content/documents/notitie.md": document("notitie", AGREEMENT)})
    build(project, tmp_path / "out")
    agreement = page_text(tmp_path / "out" / "site" / "documenten" / "overeenkomst.html")
    assert "Ingangsdatum 1 januari 2026 Looptijd 3 jaar met 2 opties tot verlenging van 2 jaar (maximaal 7 jaar)" in agreement
    assert "Procedure" not in agreement
    assert "Procedure nog niet gekozen" in page_text(tmp_path / "out" / "site" / "documenten" / "notitie.html")


def test_a_block_leaves_out_the_lines_named_in_zonder(make_project, tmp_path):
    body = '{{ contract zonder="procedure, ingangsdatum" }}\n\n{{ contact zonder="e-mail" }}'
    project = make_project({"content/documents/notitie.md": document("notitie", body)})
    build(project, tmp_path / "out")
    text = page_text(tmp_path / "out" / "site" / "documenten" / "notitie.html")
    assert "Looptijd 3 jaar met 2 opties tot verlenging van 2 jaar (maximaal 7 jaar) Aanbestedende dienst" in text
    assert "Procedure" not in text and "Ingangsdatum" not in text and "E-mail" not in text
    assert "Contact Team Inkoop" in text


def test_zonder_names_lines_of_the_block(make_project):
    body = '{{ contract zonder="procedur" }}\n\n{{ segment-details zonder="ambitie, kleur" }}\n\n' \
           '{{ contract zonder="ingangsdatum, looptijd, procedure" }}'
    project = make_project({"content/documents/notitie.md": document("notitie", body)})
    assert errors_of(project) == [
        "content/documents/notitie.md:11:1: onbekende regel 'procedur' voor zonder; bedoelt u 'procedure'? "
        "(regels van dit blok: ingangsdatum, looptijd, procedure)",
        "content/documents/notitie.md:13:1: onbekende regel 'kleur' voor zonder (regels van dit blok: domein, "
        "doelgroep, ambitie, bekostiging, contractvorm, omschrijving, subsegmenten, uitgangspunten)",
        "content/documents/notitie.md:15:1: zonder=\"ingangsdatum, looptijd, procedure\" laat alle regels van het "
        "blok weg; laat dan het hele blok weg, of noem alleen de regels die niet getoond worden"]


def test_blocks_with_lines_declare_them():
    assert [name for name, block in BLOCKS.items() if block.arg("zonder")] == ["contact", "contract",
                                                                               "segment-details"]
