"""Every kind of inline reference (`[[kind:id]]`, `[[kind]]`), declared once.

A row says what a reference of its kind needs and names: the data file its id is looked up in, what the id
names (an id kind of validate/crossref.py, a section, or nothing: then it takes no id), the data kind whose
item it shows (the release check, validate/snapshot.py, counts a change of that item as a change of the
paragraph that shows it), its page on the site, the anchor prefix of the block that shows the same object
(validate/sections.py writes a link to such an anchor as this reference), and whether it names a section.
The validate stage checks every reference against its row; the render stage writes it with the renderer of
its kind (render/body.py RENDERERS, which tests/test_docs.py keeps in step with this table). Adding a kind
is a row here and a renderer there. The single facts of tender.yaml (`[[waarde]]`...) are rows of their own
table, core/facts.py, and take their place here.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.core.facts import FACTS


@dataclass(frozen=True)
class RefKind:
    name: str  # what is written: [[name:id]]
    file: str = ""  # the data file the id is looked up in ("": none)
    names: str = ""  # what the id names (an id kind, 'paragraaf', 'verzameling'...); "": it takes no id
    shows: str | None = None  # the data kind whose item it shows, for the release check
    site_page: str | None = None  # its page on the site, from the site root ({id}: the id)
    anchor_prefix: str | None = None  # the anchors of the block that shows the same object ('eis-')
    section: bool = False  # it names a heading: by number ('3.2') or by the heading's id


REFERENCES: dict[str, RefKind] = {kind.name: kind for kind in (
    RefKind("segment", "segments", "segment", shows="segment", site_page="segmenten/{id}.html",
            anchor_prefix="segment-"),
    RefKind("eis", "requirements", "eis", shows="eis", site_page="eisen.html#eis-{id}", anchor_prefix="eis-"),
    RefKind("criterium", "criteria", "gunningscriterium", shows="criterium",
            site_page="gunningscriteria.html#criterium-{id}", anchor_prefix="criterium-"),
    RefKind("datum", "tender", "mijlpaal", shows="mijlpaal", anchor_prefix="mijlpaal-"),
    RefKind("aantal", "", "verzameling"),
    RefKind("regio", "organisation"),
    RefKind("gemeenten", "organisation"),
    RefKind("subregio", "organisation", "subregio"),
    RefKind("paragraaf", "", "paragraaf", section=True),
    RefKind("artikel", "", "artikel", section=True),
    RefKind("bijlage", "", "bijlage", section=True),
    RefKind("vraag", "questions", "vraag", anchor_prefix="vraag-"),
    RefKind("perceel", "tender", "perceel", shows="perceel", anchor_prefix="perceel-"),
    RefKind("hoofdstuk", "", "hoofdstuk", section=True),
    RefKind("begrip", "begrippen", "begrip", shows="begrip"),
    *(RefKind(name, "tender") for name in FACTS),  # the single facts of tender.yaml (core/facts.py)
)}

#: the kinds that name a section (the kind is the word for it in the text and the messages)
SECTION_KINDS = tuple(kind.name for kind in REFERENCES.values() if kind.section)
