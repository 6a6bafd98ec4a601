"""The official schemas of tests/standards/ (copied there with their licences, see its README): the eForms XSDs
and the OCDS release package schema with the lots extension merged in (JSON Merge Patch, RFC 7386)."""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

STANDARDS = Path(__file__).resolve().parent.parent / "standards"
EFORMS_SCHEMAS = STANDARDS / "eforms-sdk-1.15.1" / "schemas" / "maindoc"
OCDS = STANDARDS / "ocds-1.1.5"
RELEASE_ID = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"


def merge_patch(target: Any, patch: Any) -> Any:
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


@functools.cache
def xsd(name: str):
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(EFORMS_SCHEMAS / name)))


def xsd_errors(xml: bytes, name: str) -> list[str]:
    from lxml import etree

    schema = xsd(name)
    schema.validate(etree.fromstring(xml))
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def ocds_errors(package: dict) -> list[str]:
    import jsonschema
    from referencing import Registry, Resource

    release = merge_patch(json.loads((OCDS / "schema" / "release-schema.json").read_text(encoding="utf-8")),
                          json.loads((OCDS / "extensions" / "lots" / "release-schema.json").read_text(encoding="utf-8")))
    schema = json.loads((OCDS / "schema" / "release-package-schema.json").read_text(encoding="utf-8"))
    registry = Registry().with_resource(RELEASE_ID, Resource.from_contents(release))
    validator = jsonschema.Draft4Validator(schema, registry=registry, format_checker=jsonschema.FormatChecker())
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(package)]
    return errors
