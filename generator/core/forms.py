"""The kinds of field a form (content/formulieren.yaml, block {{ formulier }}) can have, declared once.

Each kind says what a bidder writes (the hint the site and the print show under the label) and how many
lines of writing space a field gets in print by default; templates/blocks/formulier.html renders each kind
as a PDF form field (render/pdfforms.py tags them for PDF/UA) and as a read-only row on the site.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldKind:
    name: str
    hint: str  # Dutch: what to fill in, shown with the label
    lines: int  # default writing space in print, in lines (a tekst field may set its own)


FIELD_KINDS: dict[str, FieldKind] = {kind.name: kind for kind in (
    FieldKind("tekst", "tekst", 2),
    FieldKind("ja-nee", "kruis ja of nee aan", 1),
    FieldKind("datum", "datum (dd-mm-jjjj)", 1),
    FieldKind("bedrag", "bedrag in euro", 1),
    FieldKind("keuze", "kruis één keuze aan", 1),
)}
#: the most lines of writing space a tekst field may ask for
MAX_LINES = 20
