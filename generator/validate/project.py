"""Stage 2, validate: cerberus schemas first, then cross-references and rules.

Takes what the load stage read and returns nothing: it raises `ContentErrors` with every
mistake of the project at once (the load stage's problems included), sorted by file and line.
A reference into a file that is itself broken is not reported, so one typo gives one message.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.core import config as config_options
from generator.core.errors import ContentError, ErrorList
from generator.core.kinds import KINDS, ROLES, tenderned_of
from generator.core.markdown import markup_limit, outline
from generator.core.safety import FileTarget, check_href
from generator.load.project import LoadedDocument, LoadedProject
from generator.load.yamlsource import YamlDocument
from generator.validate.award_result import check_award
from generator.validate.award_rules import check_award_rules
from generator.validate.blocks import check_declared_blocks, project_blocks
from generator.validate.changes import check_changes
from generator.validate.codes import check_codes
from generator.validate.conform import conforming
from generator.validate.crossref import check_references
from generator.validate.forms import check_forms
from generator.validate.messages import leaf_errors, translate
from generator.validate.notice import check_notice
from generator.validate.rules import apply_rules
from generator.validate.schemas import DATA_SCHEMAS, RELEASE, front_matter_schema
from generator.validate.sections import check_shifts
from generator.validate.tendered import check_tendered

WHAT_TOP_LEVEL = {
    "config": "instellingen (naam: waarde)",
    "front": "voorwerk (title, kind, version, status, date)",
}


def check_schema(document: YamlDocument | None, schema: dict[str, Any], errors: ErrorList,
                 what: str = "velden (naam: waarde)") -> bool:
    """Validate one YAML document against a schema; report in Dutch; True when it is valid."""
    if document is None:
        return False
    if document.data is None:
        errors.add(document.path, 1, 1, f"het bestand is leeg; verwacht {what}")
        return False
    if not isinstance(document.data, dict):
        pos = document.position(())
        kind = "een lijst" if isinstance(document.data, list) else "één waarde"
        errors.add(document.path, pos.line, pos.col, f"verwacht {what} bovenaan, maar het is {kind}")
        return False
    if _valid is not None and not document.refused and _valid.get((id(document.data), _schema_key(schema))) is \
            document.data:
        return True  # these very data passed this schema before (`bestek serve`: the load stage kept them)
    conform = conforming(schema)
    if conform is not None and not document.refused and conform(document.data):
        passed = True  # certainly what cerberus would say (validate/conform.py), without its cost
    else:
        validator = schema_validator(schema)
        passed = validator.validate(document.data) and not document.refused
    if passed:
        if _valid is not None:
            if len(_valid) > 4096:  # data of files changed since: forget them all rather than grow without end
                _valid.clear()
            _valid[id(document.data), _schema_key(schema)] = document.data  # held: its id is not reused
        return True
    for error in leaf_errors(validator._errors):  # cerberus keeps the structured errors here
        path = tuple(error.document_path)
        if not any(path[:len(refused)] == refused for refused in document.refused):  # reported when loaded
            errors.extend([translate(error, document, schema)])
    return False


#: data that passed a schema, by (id of the data, the schema), while `bestek serve` keeps parsed YAML
#: (load/yamlsource.py keep_parsed): unchanged files are not validated against their schema again
_valid: dict[tuple[int, str], Any] | None = None
_schema_keys: dict[int, tuple[str, Any]] = {}


def keep_valid(on: bool = True) -> None:
    global _valid
    _valid = {} if on else None
    _schema_keys.clear()


def _schema_key(schema: dict[str, Any]) -> str:
    known = _schema_keys.get(id(schema))
    if known is None or known[1] is not schema:
        known = _schema_keys[id(schema)] = (repr(schema), schema)
    return known[0]


def schema_validator(schema: dict[str, Any]) -> Any:
    """A cerberus validator of `schema` whose patterns must match the whole value: Python's `$` also matches
    before a final newline, so `^[a-z0-9-]+$` would let the id "wonen\\n" through. Cerberus is imported here, when
    data did not certainly conform (validate/conform.py): a valid project does without it."""
    global _validator_class
    if _validator_class is None:
        from cerberus import Validator
        from cerberus import errors as cerberus_errors

        class _Validator(Validator):
            def _validate_regex(self, pattern, field, value):  # cerberus' signature
                """{'type': 'string'}"""
                if isinstance(value, str) and not re.fullmatch(pattern, value):
                    self._error(field, cerberus_errors.REGEX_MISMATCH)
        _validator_class = _Validator
    return _validator_class(schema)


_validator_class: type | None = None


def _texts(value: Any, path: tuple[Any, ...] = ()):  # yields (path, text)
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, path + (i,))


def check_texts(document: YamlDocument | None, errors: ErrorList) -> None:
    """Texts in YAML may be Markdown (descriptions are rendered as such): no raw HTML, links only to the
    web, an e-mail address or a phone number; images and attachments belong in documents."""
    if document is None:
        return
    for path, text in _texts(document.data):
        if "<" not in text and "](" not in text and "]:" not in text and "[[" not in text and "{{" not in text:
            continue  # no HTML, link, image, reference or block possible: skip the parse
        over = markup_limit(text)
        if over is not None:
            pos = document.position(path)
            errors.add(document.path, pos.line, pos.col, over[1])
            document.refused.add(path)
            continue
        body = outline(text)
        for html in body.html:
            pos = document.text_position(path, html.line, html.col)
            errors.add(document.path, pos.line, pos.col,
                       f"HTML is niet toegestaan ('{html.text.splitlines()[0][:60]}'); gebruik Markdown")
        for line, col, written in [(r.line, r.col, r.raw) for r in body.references] + \
                [(b.line, b.col, b.raw) for b in body.blocks] + body.inline_blocks:
            pos = document.text_position(path, line, col)
            what = "de verwijzing" if written.startswith("[[") else "het blok"
            errors.add(document.path, pos.line, pos.col,
                       f"{what} '{written}' werkt alleen in de tekst van een document (content/documents/*.md), "
                       "niet in een veld van een YAML-bestand; schrijf hier de tekst zelf")
        for link in body.links:
            problem = check_href(link.href, link.image)
            if isinstance(problem, FileTarget):
                problem = ("een afbeelding of bijlage kan alleen in een document (content/documents/*.md) staan; "
                           "hier kan een link alleen naar een webadres (https://) of e-mailadres gaan")
            if problem is not None:
                pos = document.text_position(path, link.line, link.col)
                errors.add(document.path, pos.line, pos.col, problem)


def validate(project: LoadedProject, kinds: list[str], package: bool = False,
             previous_sections: Mapping[str, str] | None = None, export: bool = False,
             award: YamlDocument | None = None) -> list[ContentError]:
    """Check the whole project; raise ContentErrors listing every problem, or return the warnings.
    `kinds` are the document kinds the templates provide; `package` adds what `bestek package` needs;
    `previous_sections` are the titles the previous build's references by number pointed at
    ('document#3.2' -> title, from the build record): a number that now means another heading is an error.
    `export` adds what the EU notice needs (validate/notice.py); `award` is the award result of
    `bestek gunning` for the award notice (validate/award_result.py)."""
    errors = ErrorList()
    errors.extend(project.errors)
    if project.config is not None and project.config.data is None:
        pass  # an empty config.yaml means: all defaults
    else:
        check_schema(project.config, config_options.cerberus_schema(), errors, WHAT_TOP_LEVEL["config"])
    # data file name -> its document, only for the files that passed their schema: later checks read the
    # data through this view, so a broken file causes no follow-up messages
    valid: dict[str, YamlDocument] = {}
    for name, document in project.data.items():
        if document is not None and name not in project.broken and check_schema(document, DATA_SCHEMAS[name], errors):
            valid[name] = document
    for document in [project.config, *project.data.values(), *(doc.front for doc in project.documents)]:
        check_texts(document, errors)
    front_schema = front_matter_schema(kinds)
    valid_documents = [doc for doc in project.documents
                       if check_schema(doc.front, front_schema, errors, WHAT_TOP_LEVEL["front"])]
    check_declared_blocks(project, errors)
    check_references(project, valid, valid_documents, errors)
    check_tendered(valid, errors)
    check_codes(valid, errors)
    check_award_rules(valid, errors)
    check_forms(valid, errors)
    check_shifts(valid_documents, valid.get("questions"), previous_sections or {}, errors)
    releases = [r for r in project.releases if check_schema(r.data, RELEASE, errors, "een release van Bestek")]
    check_changes(project, valid, valid_documents, releases, project_blocks(project), errors)
    apply_rules(project, valid, valid_documents, errors)
    if package:
        _check_package(project, valid, valid_documents, errors)
    if export:
        check_notice(valid, errors)
    if award is not None:
        check_award(award, valid, errors)
    errors.raise_if_any()
    return errors.warnings


def _check_package(project: LoadedProject, valid: Mapping[str, YamlDocument], documents: list[LoadedDocument],
                   errors: ErrorList) -> None:
    """`bestek package` needs a package version and at least one document for TenderNed."""
    if "tender" in valid and "version" not in valid["tender"].data:
        errors.add(valid["tender"].path, 1, 1, "voor 'bestek package' is het veld 'version' nodig: "
                                               "de versie van het aanbestedingspakket, zoals \"1.0\"")
    published = [d for d in documents if tenderned_of(d.front.data) not in (None, "nee")]
    if documents and len(documents) == len(project.documents) and not published:
        kinds = ", ".join(name for name, kind in KINDS.items() if ROLES[kind.role].tenderned)
        errors.add("content/documents/", 1, 1, f"er is geen document voor TenderNed (soorten: {kinds}; of zet "
                                               "'tenderned' in het voorwerk)")


__all__ = ["validate", "check_schema", "ContentError"]
