"""The form fields of a PDF ({{ formulier }}, templates/blocks/formulier.html) as PDF/A-2 and PDF/UA-1 want them.

Part of the write stage; pdftags.py calls `tag_widget` for every box it tags and `finish` once the structure
tree is built. WeasyPrint 70 makes a widget annotation with its /T (name) and /TU (tooltip: the element's
title, the field's label) for each input with `appearance: auto`, but, in Bestek's own tagging, no structure
element holds it, its text fields have no appearance stream and its AcroForm asks the viewer to make them
(/NeedAppearances true), which PDF/A-2 forbids (ISO 19005-2 6.4.1; every annotation needs an appearance,
6.3.3). So:

* the element of an input's box becomes a `Form` element whose kid is the widget (an OBJR), and the widget's
  /StructParent points back at it (ISO 14289-1 7.18.4; veraPDF 7.18.4-1);
* each widget gets a normal appearance: an empty form XObject of its size for a text field (the page already
  paints its border), an Off state next to WeasyPrint's tick for a check box;
* /NeedAppearances goes, so a viewer shows the appearances the file has;
* the font of the fields stays a subset: WeasyPrint embeds a font that a form field uses whole, with a
  /ToUnicode entry for every character of its cmap, U+FEFF among them (ISO 14289-1 7.21.7, ISO 19005-2
  6.2.11.7.2 forbid it). `install` makes the subset hold the characters a bidder types (TYPED) instead.
"""
from __future__ import annotations

import io
from typing import Any

#: what a bidder types into a field: printable ASCII, Latin-1 (accents, ë, é) and the euro sign and quotes
TYPED = [*range(0x20, 0x7F), *range(0xA0, 0x100), 0x20AC, 0x2018, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014, 0x2026]


def install(weasyprint: Any) -> None:
    """Subset the fonts of form fields too (see the module doc); called by pdftags.install."""
    import weasyprint.pdf as pdf_module

    original = pdf_module.build_fonts_dictionary
    if getattr(original, "bestek_forms", False):
        return

    def build_fonts_dictionary(pdf, fonts, compress, subset, options):
        for font in fonts.values():
            if font.used_in_forms:
                _add_typed(font)
                font.used_in_forms = False
        return original(pdf, fonts, compress, subset, options)

    build_fonts_dictionary.bestek_forms = True  # type: ignore[attr-defined]
    pdf_module.build_fonts_dictionary = build_fonts_dictionary


def _add_typed(font: Any) -> None:
    """Keep the glyphs of TYPED in the font's subset, with their widths."""
    from fontTools.ttLib import TTFont

    ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index)
    cmap, metrics = ttfont.getBestCmap(), ttfont["hmtx"].metrics
    for codepoint in TYPED:
        if (name := cmap.get(codepoint)) is None:
            continue
        glyph = ttfont.getGlyphID(name)
        font.to_unicode.setdefault(glyph, chr(codepoint))
        font.widths.setdefault(glyph, round(metrics[name][0] * 1000 / font.upem))


def tag_widget(tree: Any, box: Any, element: Any, page_number: int) -> None:
    """Put the widget annotation of an input's box in the structure tree, as the box's own element."""
    import pydyf

    annotation = getattr(box, "widget_annotation", None)
    if annotation is None:
        return
    element["S"] = "/Form"
    reference = pydyf.Dictionary({"Type": "/OBJR", "Obj": annotation.reference,
                                  "Pg": tree.page_references[page_number]})
    tree.pdf.add_object(reference)
    tree.annotations.append((element.reference, annotation))
    element["K"].append(reference.reference)


def _empty_appearance(pdf: Any, width: float, height: float) -> Any:
    import pydyf

    stream = pydyf.Stream([], {"Type": "/XObject", "Subtype": "/Form",
                               "BBox": pydyf.Array((0, 0, width, height))})
    pdf.add_object(stream)
    return stream.reference


def finish(pdf: Any) -> None:
    """Give every widget an appearance and drop /NeedAppearances (after all pages are written)."""
    import pydyf

    form = pdf.catalog.get("AcroForm")
    if form is None:
        return
    form.pop("NeedAppearances", None)
    for pdf_object in list(pdf.objects):  # the appearances made here are appended to it
        if not isinstance(pdf_object, dict) or pdf_object.get("Subtype") != "/Widget":
            continue
        x1, y1, x2, y2 = (float(value) for value in pdf_object["Rect"])
        width, height = abs(x2 - x1), abs(y2 - y1)
        appearance = pdf_object.get("AP")
        if appearance is None:
            pdf_object["AP"] = pydyf.Dictionary({"N": _empty_appearance(pdf, width, height)})
        elif isinstance(appearance.get("N"), dict) and "Off" not in appearance["N"]:
            appearance["N"]["Off"] = _empty_appearance(pdf, width, height)
