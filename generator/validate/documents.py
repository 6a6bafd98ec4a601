"""Document checks beyond the schema, part of the validate stage (called from crossref.py).

Letters (raadsinformatiebrief, informatiebrief) need a letter header with a date; a closing line
belongs above signatures; an aanbestedingsleidraad needs the procedure chosen in tender.yaml; the
scope block needs scope lines (for the domain it shows).
"""
from __future__ import annotations

from collections.abc import Mapping

from generator.core.errors import ErrorList
from generator.core.markdown import Block
from generator.load.project import LoadedDocument, LoadedProject
from generator.load.yamlsource import YamlDocument
from generator.validate.schemas import DOMAINS, LETTER_KINDS, PROCEDURES


def check_front(project: LoadedProject, document: LoadedDocument, valid: Mapping[str, YamlDocument],
                errors: ErrorList) -> None:
    """Front matter rules that span fields or files; the front matter itself passed its schema."""
    front, path = document.front, document.path
    data = front.data
    kind = data["kind"]
    if kind in LETTER_KINDS and "letter" not in data:
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
    if kind == "aanbestedingsleidraad" and "tender" in valid and "procedure" not in valid["tender"].data:
        pos = front.key_position(("kind",))
        errors.add(path, pos.line, pos.col, "een aanbestedingsleidraad hoort bij een procedure: kies 'procedure' "
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
