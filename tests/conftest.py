"""Shared fixtures: a small, valid project written into a temp folder (after Lektor's conftest),
which a test changes file by file to provoke exactly one mistake."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: a real 4 x 3 pixel PNG in colour #123456 (made with Pillow), for tests with images
PNG_4X3 = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000040000000308020000003b9639910000001449444154789c"
                        "6314320963800126062480c2010016e400a2a69920060000000049454e44ae426082")

SMALL_PROJECT = {
    "config.yaml": """\
        pdf:
          enabled: false
        """,
    "content/organisation.yaml": """\
        name: Regio Testland
        municipalities:
          - id: oost
            name: Oostdorp
            central: true
          - id: west
            name: Westdorp
        contact:
          name: Team Inkoop
          email: inkoop@example.nl
        """,
    "content/tender.yaml": """\
        reference: TL-2026
        title: Inkoop Jeugd en Wmo 2026
        domains: [jeugd, wmo]
        procedure: sas
        contract:
          start: 2026-01-01
          initial_years: 3
          extensions: [2, 2]
        planning:
          - id: publicatie
            title: Publicatie op TenderNed
            date: 2025-03-03
            kind: publicatie
          - id: inschrijving
            title: Uiterste inschrijfdatum
            date: 2025-04-22
            kind: inschrijving
        """,
    "content/segments.yaml": """\
        segments:
          - id: crisis
            name: Crisis
            domains: [jeugd, wmo]
            target_group: Inwoners in acute nood.
            ambition: Binnen 24 uur passende hulp.
            description: Hulp bij **acute** nood.
            principles:
              - Altijd bereikbaar.
          - id: wonen
            name: Wonen
            domains: [wmo]
            target_group: Inwoners die niet zelfstandig kunnen wonen.
            ambition: Zo thuis mogelijk wonen.
            description: Beschermd wonen en verblijf.
        """,
    "content/requirements.yaml": """\
        requirements:
          - id: eis-vog
            kind: minimumeis
            title: VOG
            text: Iedere medewerker heeft een VOG.
          - id: eis-skj
            kind: minimumeis
            title: SKJ-registratie
            text: Jeugdprofessionals zijn SKJ-geregistreerd.
            segments: [crisis]
        """,
    "content/criteria.yaml": """\
        criteria:
          - id: g1
            title: Visie op passende hulp
            kind: kwaliteit
            weight: 60
            description: De visie van de inschrijver.
          - id: g2
            title: Samenwerking
            kind: kwaliteit
            weight: 40
            description: Samenwerking in de keten.
        """,
    "content/documents/notitie.md": """\
        ---
        title: Notitie inkoop
        kind: notitie
        version: "1.0"
        status: definitief
        date: 2025-01-15
        ---

        # Inleiding

        De [[regio]] koopt [[aantal:segmenten]] segmenten in, waaronder [[segment:crisis]].
        Publicatie volgt op [[datum:publicatie]].

        # Segmenten

        {{ segmenten }}

        ## Eisen

        {{ eisen soort="minimumeis" }}

        {{ gunningscriteria }}
        """,
}


#: what the EU notice needs besides the tender (the package holds the exports: docs/exports.md)
NOTICE_TENDER = ('summary: Jeugdhulp en Wmo-ondersteuning.\ncpv: ["85312000"]\n'
                 "documents_url: https://www.tenderned.nl/aankondigingen/overzicht/1\n"
                 "review_body:\n  name: Rechtbank Den Haag\n  identifier: \"OIN 1\"\n"
                 "  address: Postbus 20302, 2500 EH Den Haag\n  nuts: NL361\n")
NOTICE_ORGANISATION = SMALL_PROJECT["content/organisation.yaml"].replace(
    "email: inkoop@example.nl", "email: inkoop@example.nl\n          address: Postbus 1, 1000 AA Oostdorp").rstrip(" ") + \
    '        notice:\n          identifier: "KvK 1"\n          nuts: NL365\n          phone: "0182 000 000"\n'


def write_project(root: Path, files: dict[str, str | None]) -> Path:
    """Write the small project into `root`, with `files` replacing (or, with None, removing) files."""
    merged = {**SMALL_PROJECT, **files}
    for relative, text in merged.items():
        if text is None:
            continue
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


#: The slow test modules, by file name wherever they sit under tests/: they render PDFs, run Chromium
#: (axe-core, the site's scripts), the Nu Html Checker or `bestek serve`, kill builds, fuzz the default
#: project in fresh processes, or build and install the wheel. `make test-fast` leaves them out
#: (`pytest -m "not slow"`); `make test` runs everything. A name here that matches no file stops the run.
SLOW_MODULES = frozenset({
    "test_build.py", "test_pdf.py", "test_package.py", "test_incremental.py",
    "test_examples_leidse_regio_achterhoek.py", "test_examples_westfriesland_haarlem.py",
    "test_site_quality.py", "test_site_serve.py", "test_output.py", "test_wheel.py",
    "test_build_state.py", "test_fuzz.py", "test_serve_hostile.py", "test_site_scripts.py", "test_svg.py",
    "test_message_measure.py", "test_decisions.py", "test_confidentiality.py", "test_pdf_ua.py",
    "test_new_project.py", "test_tutorial.py", "test_forms_pdf.py", "test_examples_open_house.py",
    "test_document_kinds_pdf.py", "test_visual.py", "test_procedures_pdf.py", "test_print_layout.py",
})


def pytest_collection_modifyitems(config, items):
    present = {path.name for path in (REPO / "tests").rglob("test_*.py")}
    if missing := sorted(SLOW_MODULES - present):
        raise pytest.UsageError(f"tests/conftest.py SLOW_MODULES names no test module: {', '.join(missing)}")
    for item in items:
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch):
    """Builds take their date from SOURCE_DATE_EPOCH when set; tests expect the newest document's date."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def make_project(tmp_path: Path):
    """make_project(**{"content/x.yaml": "..."}) -> the folder of a small valid project with changes."""
    def make(files: dict[str, str | None] | None = None) -> Path:
        return write_project(tmp_path / "project", files or {})
    return make


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory):
    """The suite's own cache folder (PDF cache, machine key, compiled templates) instead of the user's
    ~/.cache/bestek: a developer's cache stays untouched, and state from an earlier run cannot make a test
    pass. Session-wide (module fixtures that build see it too), shared by the tests of one run as one
    user's builds share it; the tests of the cache itself make their own."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def crowded_award(tmp_path_factory):
    """The bench's tender at a small size (bench/generate.py) with 16 bidders, perceel 1 and 2 contracted with at
    most five providers: a bidder passed over there is compared with five winners. (project, GunningResult)."""
    from bench.generate import evaluation, generate
    from generator.pipeline import gunning

    root = tmp_path_factory.mktemp("crowded") / "project"
    project = evaluation(generate(root, requirements=30, documents=1, capped=5), bidders=16)
    return project, gunning(project, jobs=2)
