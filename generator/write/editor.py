"""Stage 5, write: the editor's support files, `bestek schema MAP` and the `.vscode/` folder that `bestek new` writes.

The JSON Schemas come from validate/json_schema.py (the schemas `bestek check` uses); `.vscode/settings.json` maps
each data file and config.yaml to its schema for the YAML extension of VS Code (yaml-language-server), which then
completes field names, shows the Dutch description on hover and underlines unknown fields and wrong values.
Bestek itself never reads `.vscode/` (a hidden folder; load/project.py refuses hidden files).
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.core.errors import UsageError
from generator.core.paths import THEME_DIR, find_project
from generator.validate.json_schema import SCHEMA_TARGETS, schema_files

#: where `bestek new` puts the schemas inside a project, for .vscode/settings.json
SCHEMA_DIR = ".vscode/schemas"
#: the VS Code extension that reads yaml.schemas
YAML_EXTENSION = "redhat.vscode-yaml"


def theme_kinds() -> list[str]:
    """The document kinds of the default theme (a project's own templates may add more)."""
    return sorted(p.stem for p in (THEME_DIR / "documents").glob("*.html")
                  if p.stem != "base" and not p.stem.startswith("_"))


def project_kinds(project: Path) -> list[str]:
    """The document kinds of a project: the theme's and the project's own templates/documents/."""
    from generator.render.environment import document_kinds, make_environment

    return document_kinds(make_environment(find_project(project)))


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def editor_files(kinds: list[str]) -> dict[str, bytes]:
    """Project path -> bytes of the schemas in .vscode/schemas/, .vscode/settings.json and the recommendation of
    the YAML extension (.vscode/extensions.json)."""
    files = {f"{SCHEMA_DIR}/{name}": data for name, data in schema_files(kinds).items()}
    files[".vscode/settings.json"] = _json({
        "yaml.schemas": {f"./{SCHEMA_DIR}/{name}.schema.json": targets for name, targets in SCHEMA_TARGETS.items()},
        "yaml.validate": True,
        "yaml.hover": True,
        "yaml.completion": True,
    })
    files[".vscode/extensions.json"] = _json({"recommendations": [YAML_EXTENSION]})
    return files


def write_schemas(folder: Path, kinds: list[str]) -> list[str]:
    """`bestek schema MAP`: every JSON Schema into `folder` (made when missing); an earlier schema of the same name
    is replaced, nothing else in the folder is touched. Returns the names written."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"'{folder}' is een bestand, geen map; geef een map op voor de schema's")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in schema_files(kinds).items():
        target = folder / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise UsageError(f"'{target}' is geen gewoon bestand; verwijder het of kies een andere map")
        target.write_bytes(data)
        written.append(name)
    return written
