"""Where a chapter starts a new page, and where a table breaks (issue 18).

Part of the write stage, used by pdf.py. CSS can say that a chapter starts on a new page (print.css:
`.document-body h2 { break-before: page }`), not "unless the page before it would stay almost empty". So
`render_pdf` lays the document out, asks `chapters_after_short_pages` which chapter (or appendix) starts a page
after a page whose content fills less than `WELL_FILLED` of the text area, gives the first of them the class
`run-on` (print.css: no page break before it) and lays the document out again, until no chapter is left after
a short page. The cover and the table of contents are pages of their own and never count as short.

Tables the same way (`tables_to_hold`): a table of up to `SMALL_TABLE` rows that would break over pages, while
it fits on one, gets `table--whole`; a table that would leave its first row alone at the foot of a page gets
`table--keep-start`, one that would leave one row or only its total at the top of a page `table--keep-end`
(print.css). CSS could say all of that without a layout, but it would then also hold together rows that
together are taller than a page, and WeasyPrint answers that with pages that stay empty.

Each layout costs as much as the first (WeasyPrint lays the whole document out again), so the tables get those
classes before the first layout already (`presume_holds`): a class holds rows together only where the table would
break between them, so it changes nothing where the table does not break there. After a layout,
`presumptions_to_drop` takes back the ones whose rows turn out too tall to be held (the next layout then decides as
above). So a document needs a second layout only for a chapter that runs on or such a table: the award letters,
whose chapters never start a page, are laid out once.
"""
from __future__ import annotations

from typing import Any

#: a page before a chapter is well filled when its content reaches this far down the text area
WELL_FILLED = 0.5
#: the class print.css gives a chapter that runs on after the text before it
RUN_ON = "run-on"
#: a table of at most this many body rows never breaks over pages (when it fits on one)
SMALL_TABLE = 8
#: what may be held together: at most this share of a page's text area
_FITS = 0.9
#: classes of the pages that stand alone on purpose: the cover and the table of contents
_OWN_PAGES = frozenset({"cover", "toc"})
#: page breaks CSS may force before a chapter
_FORCED = frozenset({"page", "left", "right", "recto", "verso"})


def _children(box) -> list:
    return list(getattr(box, "children", ()) or ())


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


class _PageScan:
    """What one laid-out page holds: the bottom of its content, whether it is a cover or contents page, and the
    chapters that start it with a forced break."""

    def __init__(self, page) -> None:
        from weasyprint.formatting_structure import boxes

        self._boxes = boxes
        self.bottom: float | None = None
        self.own_page = False
        self.chapters: list = []  # etree elements of the h2s of .document-body with a forced break
        self._walk(page._page_box, in_body=False)

    def _walk(self, box, in_body: bool) -> None:
        boxes = self._boxes
        if isinstance(box, boxes.MarginBox):
            return
        classes = _classes(box)
        if classes & _OWN_PAGES:
            self.own_page = True
        in_body = in_body or "document-body" in classes
        if (in_body and getattr(box, "element_tag", None) == "h2" and isinstance(box, boxes.BlockBox)
                and box.style["break_before"] in _FORCED and RUN_ON not in classes):
            self.chapters.append(box.element)
        if isinstance(box, (boxes.LineBox, boxes.ReplacedBox, boxes.TableRowBox)):
            bottom = box.position_y + box.margin_height()
            self.bottom = bottom if self.bottom is None else max(self.bottom, bottom)
            if isinstance(box, boxes.LineBox):
                return
        for child in _children(box):
            self._walk(child, in_body)


def chapters_after_short_pages(document) -> list:
    """The etree elements of the chapters (h2 of .document-body) that a forced break puts at the top of a page
    after a page whose content fills less than WELL_FILLED of it; the cover and the contents do not count."""
    late = []
    previous = None
    for page in document.pages:
        scan = _PageScan(page)
        if previous is not None and scan.chapters and not previous[1].own_page and previous[0] < WELL_FILLED:
            late.extend(scan.chapters[:1])
        box = page._page_box
        share = 0.0 if scan.bottom is None else (scan.bottom - box.content_box_y()) / box.height
        previous = (share, scan)
    return late


#: the most characters of a running header's half (8 pt Open Sans in half the text area's width)
RUNNING_HEAD_CHARACTERS = 56


def shortened(text: str, limit: int = RUNNING_HEAD_CHARACTERS) -> str:
    """A running header's text on one line: whole when it fits, else cut after a word and ended in "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0] if " " in text[:limit - 1] else text[:limit - 1]
    return cut.rstrip(" ,;:–-") + "…"


def running_heads(root) -> None:
    """Give the running header its one-line texts before the layout (print.css takes them with attr()): the
    title (`data-running-title`, the front matter's short_title or the title) and each chapter's heading
    (`data-running-chapter`), shortened. WeasyPrint 70 does not end a page-margin box's text in an ellipsis
    (`text-overflow` only clips it there), so the text is shortened here, by its length."""
    for element in root.iter():
        if element.get("data-running-title"):
            element.set("data-running-title", shortened(element.get("data-running-title")))
        elif element.tag == "h2" and element.get("data-running-chapter") is None:
            element.set("data-running-chapter", shortened("".join(element.itertext())))


def add_class(element, name: str) -> None:
    """Give an element of the page a class (print.css: `h2.run-on`, `table.table--whole`)."""
    classes = (element.get("class") or "").split()
    if name not in classes:
        element.set("class", " ".join([*classes, name]))


def run_on(element) -> None:
    """Let a chapter follow the text before it (print.css: `h2.run-on`)."""
    add_class(element, RUN_ON)


def table_fragments(document) -> dict[int, tuple[Any, list[tuple[list[float], int]]]]:
    """id of each table element -> (the element, per page it is on: the heights of its body rows there, and how
    many rows of its footer are there)."""
    from weasyprint.formatting_structure import boxes

    found: dict[int, tuple[Any, list[tuple[list[float], int]]]] = {}

    def walk(box) -> None:
        if isinstance(box, boxes.MarginBox):
            return
        if isinstance(box, boxes.TableBox) and box.element is not None:
            body: list[float] = []
            footer = 0
            for group in _children(box):
                rows = [row for row in _children(group) if isinstance(row, boxes.TableRowBox)]
                if getattr(group, "is_footer", False) or getattr(group, "element_tag", None) == "tfoot":
                    footer += len(rows)
                elif not getattr(group, "is_header", False):
                    body.extend(row.margin_height() for row in rows)
            found.setdefault(id(box.element), (box.element, []))[1].append((body, footer))
        for child in _children(box):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return found


def remove_class(element, name: str) -> None:
    element.set("class", " ".join(c for c in (element.get("class") or "").split() if c != name))


def body_rows(table) -> int:
    """How many body rows a table element has: those of its tbody elements and its own, not thead's or tfoot's."""
    rows = 0
    for child in table:
        if child.tag == "tr":
            rows += 1
        elif child.tag == "tbody":
            rows += sum(1 for row in child if row.tag == "tr")
    return rows


def presume_holds(root) -> list[tuple[Any, str]]:
    """Before the first layout: give every table the classes `tables_to_hold` would give it if it broke there, a
    table of up to SMALL_TABLE body rows `table--whole`, a longer one `table--keep-start` and `table--keep-end`
    (module doc); returns the (element, class) given, for `presumptions_to_drop`."""
    presumed = []
    for table in root.iter("table"):
        rows = body_rows(table)
        classes = set((table.get("class") or "").split())
        names = ["table--whole"] if rows <= SMALL_TABLE else ["table--keep-start", "table--keep-end"]
        for name in names:
            if name not in classes:
                add_class(table, name)
                presumed.append((table, name))
    return presumed


def _holds(name: str, rows: list[float], height: float) -> bool:
    """Whether rows of these heights may be held together as the class says (the limits of tables_to_hold)."""
    if name == "table--whole":
        return sum(rows) < _FITS * height * 0.8
    return sum(rows[:2] if name == "table--keep-start" else rows[-2:]) < _FITS * height


def presumptions_to_drop(document, presumed: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """The classes of `presume_holds` whose rows, as laid out, are too tall to be held together."""
    height = document.pages[0]._page_box.height if document.pages else 0
    fragments = table_fragments(document)
    drop = []
    for element, name in presumed:
        if (found := fragments.get(id(element))) is None:
            continue  # not laid out (not displayed): the class changes nothing
        if not _holds(name, [h for body, _ in found[1] for h in body], height):
            drop.append((element, name))
    return drop


def tables_to_hold(document) -> list[tuple[Any, str]]:
    """(table element, class) for every table that breaks where it should not (module doc)."""
    height = document.pages[0]._page_box.height if document.pages else 0
    fixes = []
    for element, pieces in table_fragments(document).values():
        if len(pieces) < 2:
            continue
        classes = set((element.get("class") or "").split())
        rows = [h for body, _ in pieces for h in body]
        if len(rows) <= SMALL_TABLE and _holds("table--whole", rows, height) and "table--whole" not in classes:
            fixes.append((element, "table--whole"))
            continue
        first, last = pieces[0][0], pieces[-1]
        if len(first) == 1 and len(rows) > 1 and _holds("table--keep-start", rows, height) and \
                "table--keep-start" not in classes:
            fixes.append((element, "table--keep-start"))
        if len(last[0]) <= 1 and len(rows) > 1 and _holds("table--keep-end", rows, height) and \
                "table--keep-end" not in classes:
            fixes.append((element, "table--keep-end"))
    return fixes
