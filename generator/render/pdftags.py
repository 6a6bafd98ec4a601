"""The structure tree of Bestek's PDFs: WeasyPrint 70's tagging (weasyprint/pdf/tags.py, BSD-3-Clause,
Simon Sapin and contributors) with what PDF/UA-1 and a screen reader need and WeasyPrint 70 does not give.

Part of the write stage; `render_pdf` calls `install` once and `prepare` on every laid-out document.

* Running header, footer and the CONCEPT mark (page-margin boxes) are pagination artifacts
  (`/Artifact <</Type /Pagination>>` in the content, ISO 32000-1 14.8.2.2), and leader dots layout
  artifacts: WeasyPrint 70 tags them as text in elements no path from the root reaches, or as text a
  listener hears dot by dot.
* One link annotation per link: the boxes inside a link (a number in an inline block, `::after`, the
  leader) no longer get annotations of their own; each annotation sits in a `Link` element (veraPDF
  7.18.5-1) and its `/Contents` is what the link says ("Hoofdstuk 1 Inleiding, pagina 3"), not its target.
* `LI` holds `Lbl` and `LBody` only (ISO 32000-1 14.8.4.3.3); a `Table` holds rows, row groups and a caption
  (14.8.4.3.4), never the empty `Table` wrappers an absolutely positioned caption leaves; every `TH` has
  `/Scope` (Row or Column), which also decides which data cells it heads.

WeasyPrint exposes no hook for this, so `install` replaces `weasyprint.pdf.add_tags` and
`Stream.marked`; `pyproject.toml` keeps WeasyPrint at 70.x, where these functions are as this module expects.
"""
from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from typing import Any

from generator.render import pdfforms
from generator.render.pdfprepare import prepare

__all__ = ["add_tags", "install", "prepare"]

def install(weasyprint: Any) -> None:
    """Put this module's tagging into WeasyPrint (idempotent)."""
    import weasyprint.pdf as pdf_module
    from weasyprint.pdf.stream import Stream

    if getattr(Stream, "bestek_tagging", False):
        return
    original = Stream.marked

    @contextmanager
    def marked(self, box, tag):
        kind = getattr(box, "bestek_artifact", None)
        if kind is None or self._tags is None:
            with original(self, box, tag):
                yield
            return
        import pydyf
        self.begin_marked_content("Artifact", pydyf.Dictionary({"Type": f"/{kind}"}))
        try:
            yield
        finally:
            self.end_marked_content()

    Stream.marked = marked
    Stream.bestek_tagging = True
    pdf_module.add_tags = add_tags
    pdfforms.install(weasyprint)


# --- the structure tree (after weasyprint/pdf/tags.py) ---

def add_tags(pdf, document, pdf_version, page_streams) -> None:
    import pydyf

    content_mapping = pydyf.Dictionary({})
    pdf.add_object(content_mapping)
    structure_root = pydyf.Dictionary({"Type": "/StructTreeRoot", "ParentTree": content_mapping.reference})
    pdf.add_object(structure_root)
    structure_document = pydyf.Dictionary({"Type": "/StructElem", "S": "/Document", "K": pydyf.Array(),
                                           "P": structure_root.reference})
    pdf.add_object(structure_document)
    structure_root["K"] = pydyf.Array([structure_document.reference])
    pdf.catalog["StructTreeRoot"] = structure_root.reference

    content_mapping["Nums"] = pydyf.Array()
    tree = _Tree(pdf)
    for page_number, (page, stream) in enumerate(zip(document.pages, page_streams, strict=True)):
        tags = stream._tags
        content_mapping["Nums"].append(page_number)
        content_mapping["Nums"].append(pydyf.Array())
        page_nums: dict[int, Any] = {}
        for element in tree.build(page._page_box, structure_document, page_number, page_nums, tags):
            structure_document["K"].append(element.reference)
        assert not tags, "marked content outside the structure tree"
        content_mapping["Nums"][-1].extend(ref for _, ref in sorted(page_nums.items()))
    tree.merge_pages(structure_document)
    tree.normalise(structure_document)
    pdfforms.finish(pdf)  # form fields: appearances, no /NeedAppearances (pdfforms.py)

    start = len(document.pages)
    for i, (reference, annotation) in enumerate(tree.annotations, start=start):
        content_mapping["Nums"].append(i)
        content_mapping["Nums"].append(reference)
        annotation["StructParent"] = i

    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    pdf.catalog["MarkInfo"] = pydyf.Dictionary({"Marked": "true"})
    if "Lang" not in pdf.catalog:
        pdf.catalog["Lang"] = pydyf.String()


_TAGS = {"div": "Div", "span": "Span", "main": "Part", "article": "Art", "section": "Sect", "p": "P",
         "blockquote": "BlockQuote", "dl": "L", "ul": "L", "ol": "L", "li": "LI", "dt": "LI", "dd": "LI",
         "li::marker": "Lbl", "table": "Table", "tr": "TR", "th": "TH", "td": "TD", "thead": "THead",
         "tbody": "TBody", "tfoot": "TFoot", "img": "Figure", "{http://www.w3.org/2000/svg}svg": "Figure",
         "caption": "Caption", "figcaption": "Caption", **{f"h{n}": f"H{n}" for n in range(1, 7)}}
_TABLE_KIDS = {"/TR", "/THead", "/TBody", "/TFoot", "/Caption"}
_LI_KIDS = {"/Lbl", "/LBody"}


def _pdf_tag(tag: str | None) -> str:
    if tag is None:
        return "NonStruct"
    if tag.split(":")[0] == "a":
        return "Link"
    return _TAGS.get(tag, "NonStruct")


def _scope(cell, in_head: bool) -> str:
    """A header cell's scope: its scope attribute, else Column in a table head and Row elsewhere."""
    scope = cell.element.get("scope")
    if scope in ("row", "col"):
        return "Row" if scope == "row" else "Column"
    return "Column" if in_head else "Row"


class _Tree:
    def __init__(self, pdf) -> None:
        self.pdf = pdf
        # pydyf makes this tuple anew on every access: once here, not once per element (pages x elements)
        self.page_references: tuple[bytes, ...] = pdf.page_references
        self.annotations: list[tuple[bytes, Any]] = []
        self.elements: dict[bytes, Any] = {}
        self.sources: dict[bytes, tuple[int, str]] = {}  # element -> the HTML element (and pseudo) it shows

    def element(self, tag: str, parent, page_number: int, kids=()):
        import pydyf
        element = pydyf.Dictionary({"Type": "/StructElem", "S": f"/{tag}", "K": pydyf.Array(list(kids)),
                                    "Pg": self.page_references[page_number], "P": parent.reference})
        self.pdf.add_object(element)
        self.elements[element.reference] = element
        return element

    def build(self, box, parent, page_number: int, nums: dict, tags: dict):
        """The elements of a box (recursively), as weasyprint.pdf.tags._build_box_tree."""
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout.absolute import AbsolutePlaceholder

        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        if getattr(box, "bestek_artifact", None):
            return  # leaders and margin boxes: artifacts, not structure (prepare)
        element_tag = None if box.element is None else box.element_tag
        tag = _pdf_tag(element_tag)
        if element_tag in ("html", "body") or isinstance(box, boxes.PageBox):
            if isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.LineBox):
                for child in box.children:
                    yield from self.build(child, parent, page_number, nums, tags)
                return
        elif tag in ("TD", "TH") and parent["S"] in ("/TD", "/TH"):
            tag = "NonStruct"  # anonymous blocks of table cells
        elif tag == "LI":
            no_bullet = box.element_tag == "li" and ("list-item" not in box.style["display"]
                                                     or box.style["list_style_type"] == "none")
            if parent["S"] == "/LI":
                tag = "LBody"
            elif parent["S"] == "/LBody":
                tag = "NonStruct"
            elif box.element_tag in ("dt", "dd") or no_bullet:
                item = self.element("LI", parent, page_number)
                item["K"].extend(child.reference for child in self.build_as(box, "LBody", item, page_number,
                                                                            nums, tags))
                yield item
                return
        if tag == "Link" and not box.link_annotation:
            tag = "Span"  # inside a link whose own element holds the annotation
        yield from self.build_as(box, tag, parent, page_number, nums, tags)

    def build_as(self, box, tag: str, parent, page_number: int, nums: dict, tags: dict):
        import pydyf
        from weasyprint.formatting_structure import boxes

        element = self.element(tag, parent, page_number)
        if box.element is not None:
            self.sources[element.reference] = (id(box.element), box.element_tag)
        if tag == "Figure":
            x1, y1 = box.content_box_x(), box.content_box_y()
            element["A"] = pydyf.Dictionary({"O": "/Layout", "BBox": pydyf.Array((x1, y1, x1 + box.width,
                                                                                  y1 + box.height))})
            if box.element.tag == "{http://www.w3.org/2000/svg}svg":
                title = box.element.find("{http://www.w3.org/2000/svg}title")
                if title is not None and title.text:
                    element["Alt"] = pydyf.String(title.text)
            elif alt := box.element.attrib.get("alt"):
                element["Alt"] = pydyf.String(alt)
        elif tag == "Table" and box.is_table_wrapper and (table := box.get_wrapped_table()):
            wrapper, box = box, table.copy_with_children([])
            for child in wrapper.children:
                box.children.extend(child.children if child is table else [child])
        elif tag in ("TH", "TD"):
            element["A"] = pydyf.Dictionary({"O": "/Table"})
            if tag == "TH":
                group = self.elements.get(parent["P"])
                box.bestek_in_head = group is not None and group["S"] == "/THead"
                element["A"]["Scope"] = f"/{_scope(box, box.bestek_in_head)}"
            if box.colspan != 1:
                element["A"]["ColSpan"] = box.colspan
            if box.rowspan != 1:
                element["A"]["RowSpan"] = box.rowspan
            box.mark = element

        if box.link_annotation:
            annotation = box.link_annotation
            if label := getattr(box, "bestek_link_label", None):
                annotation["Contents"] = pydyf.String(label)
            reference = pydyf.Dictionary({"Type": "/OBJR", "Obj": annotation.reference,
                                          "Pg": self.page_references[page_number]})
            self.pdf.add_object(reference)
            self.annotations.append((element.reference, annotation))
            element["K"].append(reference.reference)
        pdfforms.tag_widget(self, box, element, page_number)  # a form field: a Form element (pdfforms.py)

        for child in box.children:
            for grandchild in child.children if isinstance(child, boxes.LineBox) else [child]:
                if isinstance(grandchild, boxes.TextBox):
                    kid = tags.pop(grandchild, None)
                    if kid is None:
                        continue  # an artifact
                    if tag == "Link":
                        element["K"].append(kid["mcid"])
                        nums[kid["mcid"]] = element.reference
                    else:
                        span = self.element(kid["tag"], element, page_number, [kid["mcid"]])
                        element["K"].append(span.reference)
                        nums[kid["mcid"]] = span.reference
                    continue
                nested_list = grandchild.element_tag in ("ul", "ol") and element["S"] == "/LI"
                child_parent = parent if nested_list else element
                index = len(child_parent["K"])
                built = self.build(grandchild, child_parent, page_number, nums, tags)
                child_parent["K"][index:index] = [e.reference for e in built]

        if isinstance(box, boxes.ReplacedBox) and (kid := tags.pop(box, None)) is not None:
            element["K"].append(kid["mcid"])
            nums[kid["mcid"]] = element.reference
        if tag == "Table":
            _link_headers(box, element)
        yield element

    # --- after the whole tree is built ---

    def merge_pages(self, element) -> None:
        """One element per HTML element: WeasyPrint tags every page on its own, so a paragraph or table across a
        page break is two elements; the continuation's children move into the first (a table's repeated header
        is an artifact, prepare). Elements that hold marked content themselves (links, figures) stay apart,
        since their MCIDs belong to their own page."""
        import pydyf
        merged = pydyf.Array()
        for kid in element["K"]:
            previous = merged[-1] if merged else b""
            first, second = self.elements.get(previous), self.elements.get(kid)
            if (first is not None and second is not None and self.sources.get(previous) is not None
                    and self.sources.get(previous) == self.sources.get(kid) and first["Pg"] != second["Pg"]
                    and not any(isinstance(k, int) for k in list(first["K"]) + list(second["K"]))):
                for grandchild in second["K"]:
                    if (child := self.elements.get(grandchild)) is not None:
                        child["P"] = previous
                    first["K"].append(grandchild)
                continue
            merged.append(kid)
        element["K"] = merged
        for kid in merged:
            if (child := self.elements.get(kid)) is not None:
                self.merge_pages(child)

    def normalise(self, element) -> None:
        """LI children into LBody, Table children that are not rows or a caption spliced away."""
        kids = element["K"] if "K" in element else []
        if element["S"] == "/Table":
            kids[:] = self._table_kids(element, kids)
        elif element["S"] == "/LI":
            self._lbody(element)
        for kid in list(element["K"]):
            if isinstance(kid, bytes) and kid in self.elements:
                self.normalise(self.elements[kid])

    def _table_kids(self, table, kids) -> list:
        result = []
        for kid in kids:
            child = self.elements.get(kid) if isinstance(kid, bytes) else None
            if child is None or child["S"] in _TABLE_KIDS:
                if child is not None:
                    child["P"] = table.reference
                result.append(kid)
            else:
                result.extend(self._table_kids(table, child["K"]))
        return result

    def _lbody(self, item) -> None:
        import pydyf
        kids, result, body = item["K"], pydyf.Array(), None
        for kid in kids:
            child = self.elements.get(kid) if isinstance(kid, bytes) else None
            if child is not None and child["S"] in _LI_KIDS:
                result.append(kid)
                body = None
                continue
            if body is None:
                body = self.element("LBody", item, 0)
                body["Pg"] = child["Pg"] if child is not None else item["Pg"]
                result.append(body.reference)
            body["K"].append(kid)
            if child is not None:
                child["P"] = body.reference
        item["K"] = result


def _link_headers(box, element) -> None:
    """Each data cell's /Headers: the header cells of its row (Scope Row) and its column (Scope Column)."""
    import pydyf

    def rows(table_box):
        for child in table_box.children:
            if not getattr(child, "bestek_artifact", None):  # a repeated header row is no part of the table
                yield from [child] if child.element_tag == "tr" else rows(child)

    column_headers: dict[int, list] = defaultdict(list)
    row_headers: dict[int, list] = defaultdict(list)
    grid = tuple(rows(box))
    for pass_ in ("headers", "cells"):
        spans: dict[int, int] = defaultdict(int)
        for i, row in enumerate(grid):
            j = 0
            for cell in row.children:
                if cell.element is not None and pass_ == "headers" and cell.element_tag == "th":
                    key = pydyf.String(f"{element.number}-{i}-{j}")
                    cell.mark["ID"] = key
                    in_head = getattr(cell, "bestek_in_head", False)
                    (row_headers[i] if _scope(cell, in_head) == "Row" else column_headers[j]).append(key)
                elif cell.element is not None and pass_ == "cells" and cell.element_tag == "td":
                    headers = [h for span in range(cell.rowspan) for h in row_headers[i + span]]
                    headers += [h for span in range(cell.colspan) for h in column_headers[j + span]]
                    cell.mark["A"]["Headers"] = pydyf.Array(headers)
                for _ in range(cell.colspan):
                    spans[j] = cell.rowspan - 1
                    j += 1
                if spans[j]:
                    j += 1
                    spans[j] -= 1
