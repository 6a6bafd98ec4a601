"""The JSON Schemas of `bestek schema` (validate/json_schema.py): every field documented in Dutch, the default project
and every example valid against them, and what `bestek check` refuses flagged by them too (one source)."""
from __future__ import annotations

import datetime
import json
import textwrap

import pytest
from jsonschema import Draft7Validator

from generator.core.errors import ContentErrors
from generator.load.project import load
from generator.pipeline import check
from generator.render.environment import document_kinds, make_environment
from generator.validate.json_schema import field_docs, fields, file_schemas, schema_files

from ..conftest import REPO, SMALL_PROJECT

PROJECTS = [REPO, *sorted(p for p in (REPO / "examples").iterdir() if (p / "config.yaml").is_file())]


def plain(value):
    """YAML data as an editor's YAML extension sees it: dates are text."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def validators(kinds: list[str]) -> dict[str, Draft7Validator]:
    schemas = {name.removesuffix(".schema.json"): json.loads(data) for name, data in schema_files(kinds).items()}
    for schema in schemas.values():
        Draft7Validator.check_schema(schema)
    return {name: Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
            for name, schema in schemas.items()}


def findings(validator: Draft7Validator, data) -> list[str]:
    return sorted(f"{'.'.join(str(p) for p in e.absolute_path)}: {e.validator}" for e in validator.iter_errors(plain(data)))


def test_every_field_has_a_dutch_title_and_description_and_every_entry_a_field():
    schemas = file_schemas(["notitie"])
    paths = set(schemas) | {path for name, schema in schemas.items() for path in fields(schema, name)}
    docs = field_docs()
    assert sorted(paths - set(docs)) == [], "fields without an entry in generator/validate/fielddocs.yaml"
    assert sorted(set(docs) - paths) == [], "entries of generator/validate/fielddocs.yaml that name no field"
    for path, entry in docs.items():
        assert set(entry) <= {"title", "description", "example"}, path
        assert entry["title"] and entry["description"].endswith((".", ")")), path


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name if p != REPO else "default")
def test_the_default_project_and_every_example_are_valid(root):
    loaded = load(root)
    checks = validators(document_kinds(make_environment(loaded.root)))
    found = {}
    if loaded.config is not None and loaded.config.data is not None:
        found["config.yaml"] = findings(checks["config"], loaded.config.data)
    for name, document in loaded.data.items():
        if document is not None:
            found[document.path] = findings(checks[name], document.data)
    for document in loaded.documents:
        found[document.path] = findings(checks["document"], document.front.data)
    assert len(found) >= 4
    assert {path: problems for path, problems in found.items() if problems} == {}


def test_an_unknown_field_and_a_wrong_value_are_flagged_as_check_flags_them(make_project):
    tender = textwrap.dedent(SMALL_PROJECT["content/tender.yaml"]).replace("procedure: sas", "procedure: openhouse")
    tender = tender.replace("  initial_years: 3", "  initial_years: 3\n  verlenging: 2")
    tender = tender.replace("    date: 2025-04-22", "    date: 22-04-2025")
    project = make_project({"content/tender.yaml": tender})
    data = load(project).data["tender"]
    assert findings(validators(["notitie"])["tender"], data.data) == [
        "contract: additionalProperties",  # verlenging
        "planning.1.date: format",
        "planning.1.date: pattern",
        "procedure: enum",
    ]
    with pytest.raises(ContentErrors) as caught:
        check(project)
    assert caught.value.messages() == [
        "content/tender.yaml:4:12: 'procedure' heeft de ongeldige waarde 'openhouse'; bedoelt u 'open-house'? "
        "(toegestaan: open-house, sas, openbaar, niet-openbaar, dialoog, subsidie)",
        "content/tender.yaml:8:3: onbekend veld 'verlenging' (toegestaan: extensions, initial_years, start)",
        "content/tender.yaml:17:11: 'date' moet een datum (JJJJ-MM-DD) zijn, maar is tekst ('22-04-2025'); schrijf de "
        "datum als JJJJ-MM-DD, zonder aanhalingstekens",
    ]


def test_the_schema_says_what_an_officer_needs_on_hover():
    schema = json.loads(schema_files(["notitie", "aanbestedingsleidraad"])["tender.schema.json"])
    procedure = schema["properties"]["procedure"]
    assert procedure["title"] == "Procedure"
    assert procedure["enum"] == ["open-house", "sas", "openbaar", "niet-openbaar", "dialoog", "subsidie"]
    assert procedure["enumDescriptions"][1] == "SAS-procedure (sociale en andere specifieke diensten)"
    assert "Toegestaan: open-house, sas" in procedure["description"]
    date = schema["properties"]["planning"]["items"]["properties"]["date"]
    assert date == {"title": "Datum", "description": "De datum als JJJJ-MM-DD.", "examples": ["2025-04-22"],
                    "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    assert schema["required"] == ["reference", "title", "domains"]
    document = json.loads(schema_files(["notitie", "aanbestedingsleidraad"])["document.schema.json"])
    assert document["properties"]["kind"]["enum"] == ["notitie", "aanbestedingsleidraad"]
    config = json.loads(schema_files([])["config.schema.json"])
    assert config["properties"]["theme"]["properties"]["primary_color"]["default"] == "#154273"


def test_the_same_kinds_give_the_same_bytes():
    assert schema_files(["notitie"]) == schema_files(["notitie"])
