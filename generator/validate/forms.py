"""Checks of content/formulieren.yaml beyond its schema, part of the validate stage (called from project.py).

Within one form every field has its own id (the PDF names its form field after form and field); a keuze lists
its options, and only a keuze has options; only a tekst field sets its writing space (`lines`). The kinds of
field are core/forms.py's; an unknown kind is the schema's message.
"""
from __future__ import annotations

from collections.abc import Mapping

from generator.core.errors import ErrorList
from generator.load.yamlsource import YamlDocument


def check_forms(valid: Mapping[str, YamlDocument], errors: ErrorList) -> None:
    file = valid.get("formulieren")
    if file is None:
        return
    for i, form in enumerate(file.data["forms"]):
        seen: dict[str, int] = {}
        for j, field in enumerate(form["fields"]):
            where = ("forms", i, "fields", j)
            pos = file.position((*where, "id"))
            if field["id"] in seen:
                errors.add(file.path, pos.line, pos.col,
                           f"dubbel id '{field['id']}': formulier '{form['id']}' heeft al een veld met dit id (regel "
                           f"{seen[field['id']]}); geef dit veld een ander id")
            else:
                seen[field["id"]] = pos.line
            if field["kind"] == "keuze" and "options" not in field:
                pos = file.position((*where, "kind"))
                errors.add(file.path, pos.line, pos.col,
                           f"het veld '{field['id']}' is een keuze, maar noemt geen keuzes; zet ze onder 'options', "
                           "zoals options: [Jeugd, Wmo]")
            elif field["kind"] != "keuze" and "options" in field:
                pos = file.position((*where, "options"))
                errors.add(file.path, pos.line, pos.col,
                           f"'options' hoort bij een veld met kind: keuze, maar '{field['id']}' is een veld van kind "
                           f"{field['kind']}; haal 'options' weg of zet kind: keuze")
            if field["kind"] != "tekst" and "lines" in field:
                pos = file.position((*where, "lines"))
                errors.add(file.path, pos.line, pos.col,
                           f"'lines' (de schrijfruimte in regels) hoort bij een veld met kind: tekst, maar "
                           f"'{field['id']}' is een veld van kind {field['kind']}; haal 'lines' weg")
