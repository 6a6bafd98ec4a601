"""What the render stage makes of each document and site page, before the files are assembled."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.model.types import Document


@dataclass(frozen=True)
class RenderedDocument:
    document: Document
    site_article: Markup
    pdf_html: str
    segments: frozenset[str]  # ids of the segments the document shows or mentions


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site root
    html: str
