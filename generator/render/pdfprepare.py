"""Before WeasyPrint writes a PDF: which boxes are artifacts (page-margin boxes, leaders, a table's header row
repeated on a later page), one link annotation per link, and the description each annotation carries.

Part of the write stage, used by pdftags.py (which explains why); works on WeasyPrint 70's laid-out pages.
"""
from __future__ import annotations


def _children(box) -> list:
    return list(getattr(box, "children", ()) or ())


def _text(box) -> str:
    """The text a box shows, leaders left out."""
    if getattr(box, "is_leader", False):
        return ""
    if hasattr(box, "text") and not _children(box):
        return box.text
    return "".join(_text(child) for child in _children(box))


def link_label(box, anchor_pages: dict[str, int], target: str, internal: bool) -> str:
    """What a link annotation's /Contents says: the link's accessible name (aria-label, else its text),
    with the page of an internal target ("Hoofdstuk 1 Inleiding, pagina 3")."""
    element = box.element
    # the whole link's text, also for one fragment of a link broken over lines
    label = (element.get("aria-label") or "".join(element.itertext())) if element is not None else None
    text = " ".join((label or _text(box)).replace("\xa0", " ").split())
    if internal:
        page = anchor_pages.get(target)
        if page is not None and "pagina" not in text:
            text = f"{text}, pagina {page}" if text else f"pagina {page}"
    elif not text or text == target:
        text = f"e-mail aan {target[7:]}" if target.startswith("mailto:") else f"website {target}"
    return text


def prepare(document) -> None:
    """Before WeasyPrint writes the PDF: mark artifacts, keep one link per link element, and give each
    link box the text its annotation will carry."""
    anchor_pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            anchor_pages.setdefault(name, number)
    tables: set[int] = set()
    for page in document.pages:
        _mark(page._page_box, None)
        _repeated_headers(page._page_box, tables)
        link_boxes = {id(link[3]): link for link in page.links}
        kept = []
        for link in page.links:
            link_type, target, _rectangle, box = link
            outer = getattr(box, "bestek_outer_link", None)
            if outer is not None and id(outer) in link_boxes and link_boxes[id(outer)][1] == target:
                continue  # a box inside a link: the link's own annotation covers it
            box.bestek_link_label = link_label(box, anchor_pages, target, link_type == "internal")
            kept.append(link)
        page.links[:] = kept


def _repeated_headers(box, seen: set[int]) -> None:
    """A table's header row repeated on a later page is a pagination artifact: the table has one header."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TableBox) and box.element is not None:
        if id(box.element) in seen:
            for group in box.children:
                if getattr(group, "is_header", False):
                    _mark(group, "Pagination")
        seen.add(id(box.element))
    for child in _children(box):
        _repeated_headers(getattr(child, "_box", child), seen)


def _mark(box, artifact: str | None, outer_link=None) -> None:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.MarginBox):
        artifact = "Pagination"
    elif getattr(box, "is_leader", False):
        artifact = "Layout"
    if artifact is not None:
        box.bestek_artifact = artifact
    if outer_link is not None:
        box.bestek_outer_link = outer_link
    elif box.link is not None and not isinstance(box, (boxes.TextBox, boxes.LineBox)):
        outer_link = box
    for child in _children(box):
        _mark(getattr(child, "_box", child), artifact, outer_link)

