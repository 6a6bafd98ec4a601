"""Document checks beyond the schema, part of the validate stage (called from crossref.py).

Documents with the role of a letter (core/kinds.py) need a letter header with a date; a closing line
belongs above signatures; a document with the role of a leidraad needs the procedure chosen in tender.yaml;
only a kind without a role of its own may declare one (`role:`); the scope block needs scope lines (for the
domain it shows).
"""
from __future__ import annotations

from collections.abc import Mapping

from generator.core.errors import ErrorList
from generator.core.kinds import KINDS, role_of
from generator.core.markdown import Block
from generator.load.project import LoadedDocument, LoadedProject
from generator.load.yamlsource import YamlDocument
from generator.validate.schemas import DOMAINS, PROCEDURES


def check_front(project: LoadedProject, document: LoadedDocument, valid: Mapping[str, YamlDocument],
                errors: ErrorList) -> None:
    """Front matter rules that span fields or files; the front matter itself passed its schema."""
    front, path = document.front, document.path
    data = front.data
    kind = data["kind"]
    role = role_of(data)
    if kind in KINDS and "role" in data and data["role"] != KINDS[kind].role:
        pos = front.key_position(("role",))
        errors.add(path, pos.line, pos.col, f"de soort '{kind}' heeft al de rol '{KINDS[kind].role}'; laat 'role' "
                                            "weg (een rol kiest u voor een eigen soort, zie docs/document-kinds.md)")
    if role == "brief" and "letter" not in data:
        pos = front.key_position(("kind",))
        errors.add(path, pos.line, pos.col, f"een {kind} heeft in het voorwerk 'letter' nodig (met ten minste "
                                            "onderwerp en datum)")
    letter = data.get("letter")
    if letter is not None and "datum" not in letter and "datum_college" not in letter:
        pos = front.key_position(("letter",))
        errors.add(path, pos.line, pos.col, "de brief heeft een datum nodig: vul onder 'letter' het veld 'datum' "
                                            "of 'datum_college' in")
    if "closing" in data and not data.get("signatures"):
        pos = front.key_position(("closing",))
        errors.add(path, pos.line, pos.col, "'closing' is de regel boven de ondertekening; voeg ook 'signatures' "
                                            "toe (wie ondertekent)")
    if role == "leidraad" and "tender" in valid and "procedure" not in valid["tender"].data:
        pos = front.key_position(("kind",))
        errors.add(path, pos.line, pos.col, f"een {kind} hoort bij een procedure: kies 'procedure' "
                                            f"in content/tender.yaml ({', '.join(PROCEDURES)})")


def check_scope_block(project: LoadedProject, block: Block, line: int, col: int, path: str,
                      valid: Mapping[str, YamlDocument], errors: ErrorList) -> None:
    """{{ reikwijdte }} shows the scope lines of tender.yaml: there must be some (for the chosen domain)."""
    if "tender" not in valid:
        return
    scope = valid["tender"].data.get("scope") or []
    domain = dict(block.args).get("domein")
    if not scope:
        errors.add(path, line, col, "het blok 'reikwijdte' toont de reikwijdte, maar content/tender.yaml heeft "
                                    "geen 'scope'")
    elif domain in DOMAINS and not any(item["domain"] == domain for item in scope):
        errors.add(path, line, col, f"de 'scope' in content/tender.yaml noemt geen diensten voor domein '{domain}' "
                                    f"(wel voor: {', '.join(sorted({item['domain'] for item in scope}))})")
