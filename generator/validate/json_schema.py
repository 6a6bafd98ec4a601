"""JSON Schemas of the content files for editors (`bestek schema`), made from the cerberus schemas `bestek check` uses.

One source: every file kind's JSON Schema is translated from validate/schemas.py (data files and the front matter
of documents) and core/config.py (config.yaml), with the Dutch title and description of each field from
fielddocs.yaml beside this module, its allowed values and an example. An editor with the YAML extension
(yaml-language-server) then completes field names, shows the description on hover and underlines unknown fields
and wrong values while the officer types. What a JSON Schema cannot say (references between files, the legal
rules, weights adding up) stays with `bestek check`.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from generator.core import config as config_options
from generator.core.procedures import PROCEDURES
from generator.validate.schemas import DATA_SCHEMAS, front_matter_schema

FIELD_DOCS_FILE = Path(__file__).with_name("fielddocs.yaml")
DRAFT = "http://json-schema.org/draft-07/schema#"
#: how a date is written in YAML (JJJJ-MM-DD); an editor reads it as text
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: the meaning of allowed values an officer may not know, shown beside each value while completing
VALUE_DOCS = {
    "procedure": {key: procedure.name for key, procedure in PROCEDURES.items()},
    "domains": {"jeugd": "Jeugdwet", "wmo": "Wmo 2015"},
    "domain": {"jeugd": "Jeugdwet", "wmo": "Wmo 2015"},
}


@cache
def field_docs() -> dict[str, dict[str, Any]]:
    """Field path ('tender.planning.date'; a file alone: 'tender') -> title, description and example."""
    return yaml.safe_load(FIELD_DOCS_FILE.read_text(encoding="utf-8"))


def file_schemas(kinds: list[str]) -> dict[str, dict[str, Any]]:
    """File kind -> its cerberus schema: the data files, `document` (front matter) and `config`."""
    return {**DATA_SCHEMAS, "document": front_matter_schema(kinds), "config": config_options.cerberus_schema()}


def fields(schema: dict[str, Any], prefix: str) -> Iterator[str]:
    """Every field path of a cerberus schema (items of a list do not add a step)."""
    for key, rules in schema.items():
        path = f"{prefix}.{key}"
        yield path
        inner = _inner(rules)
        if inner is not None:
            yield from fields(inner, path)


def _inner(rules: dict[str, Any]) -> dict[str, Any] | None:
    """The fields below a field: of a mapping, or of the mappings of a list."""
    if rules.get("type") == "dict" and "schema" in rules:
        return rules["schema"]
    item = rules.get("schema")
    if rules.get("type") == "list" and isinstance(item, dict) and item.get("type") == "dict" and "schema" in item:
        return item["schema"]
    return None


def _pattern(regex: str) -> str:
    """cerberus matches a pattern against the whole value; JSON Schema searches, so the pattern is anchored."""
    return regex if regex.startswith("^") and regex.endswith("$") else f"^(?:{regex})$"


def _describe(path: str, node: dict[str, Any], allowed: list[Any] | None) -> None:
    # every field has its entry (tests/validate/test_json_schema.py); the field's own name is the last resort
    docs = field_docs().get(path) or {"title": path.rpartition(".")[2], "description": ""}
    node["title"] = docs["title"]
    description = docs["description"]
    if allowed:
        description += " Toegestaan: " + ", ".join(str(value) for value in allowed) + "."
    node["description"] = description
    if "example" in docs:
        node["examples"] = [docs["example"]]


def _translate(rules: dict[str, Any], path: str | None, defaults: dict[str, Any]) -> dict[str, Any]:
    """One cerberus rule set as a JSON Schema; `path` names the field for its documentation (None: a list item)."""
    kind = rules.get("type")
    node: dict[str, Any] = {}
    allowed = rules.get("allowed")
    if kind == "string":
        node["type"] = "string"
        if rules.get("empty") is False:
            node["minLength"] = 1
        if "regex" in rules:
            node["pattern"] = _pattern(rules["regex"])
    elif kind == "date":
        node.update(type="string", format="date", pattern=DATE_PATTERN)
    elif kind in ("integer", "number", "boolean"):
        node["type"] = kind
        if "min" in rules:
            node["minimum"] = rules["min"]
        if "max" in rules:
            node["maximum"] = rules["max"]
    elif kind == "list":
        node["type"] = "array"
        if "minlength" in rules:
            node["minItems"] = rules["minlength"]
        if "maxlength" in rules:
            node["maxItems"] = rules["maxlength"]
        item = rules.get("schema")
        if isinstance(item, dict):
            inner = _inner(rules)
            node["items"] = _object(inner, path, defaults) if inner is not None else _translate(item, None, defaults)
            allowed = allowed or item.get("allowed")
    elif kind == "dict":
        if "schema" in rules:
            node.update(_object(rules["schema"], path, defaults))
        else:
            node["type"] = "object"
            if "keysrules" in rules:
                node["propertyNames"] = _translate(rules["keysrules"], None, defaults)
            if "valuesrules" in rules:
                node["additionalProperties"] = _translate(rules["valuesrules"], None, defaults)
            if "minlength" in rules:
                node["minProperties"] = rules["minlength"]
    if "allowed" in rules:
        node["enum"] = list(rules["allowed"])
        key = (path or "").rpartition(".")[2]
        if key in VALUE_DOCS:
            node["enumDescriptions"] = [VALUE_DOCS[key].get(value, "") for value in rules["allowed"]]
    if rules.get("nullable"):
        node["type"] = [node.get("type", "object"), "null"]
    if path is None:
        return node
    described: dict[str, Any] = {}
    _describe(path, described, allowed)
    if path in defaults:
        described["default"] = defaults[path]
    return {**described, **node}  # title and description first: the schema reads as documentation


def _object(schema: dict[str, Any], path: str | None, defaults: dict[str, Any]) -> dict[str, Any]:
    """A mapping with known fields: cerberus refuses any other, so does the JSON Schema."""
    node: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": {}}
    for key, rules in schema.items():
        node["properties"][key] = _translate(rules, f"{path}.{key}" if path else key, defaults)
    required = [key for key, rules in schema.items() if rules.get("required")]
    if required:
        node["required"] = required
    return node


def json_schema(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of one file kind (`tender`, `document`, `config`, ...)."""
    defaults = {f"config.{o.key}": o.default for o in config_options.OPTIONS if o.default not in (None, {})}
    defaults["tender.electronic_submission"] = True
    docs = field_docs()[name]
    return {"$schema": DRAFT, "title": docs["title"],
            "description": docs["description"], **_object(schema, name, defaults)}


def schema_files(kinds: list[str]) -> dict[str, bytes]:
    """File name -> bytes of every JSON Schema ('tender.schema.json'); the same kinds give the same bytes."""
    return {f"{name}.schema.json": (json.dumps(json_schema(name, schema), ensure_ascii=False, indent=2) + "\n")
            .encode("utf-8") for name, schema in file_schemas(kinds).items()}


#: which project files each schema checks, as the YAML extension of an editor maps them (yaml.schemas)
SCHEMA_TARGETS = {**{name: [f"content/{name}.yaml"] for name in DATA_SCHEMAS}, "config": ["config.yaml"]}
