"""What untrusted content may point at: the rules for links, images and files, in one place.

Pure functions without file access, used by the load stage (documents, the logo) and the validate
stage (Markdown in YAML fields). Each check returns a Dutch problem text, or None when all is well.

* Links may go to the web (`https://`, `http://`), to an e-mail address or phone number (`mailto:`,
  `tel:`), to a heading in the same page (`#kop`), or to a file inside the project by a relative
  path. `javascript:`, `vbscript:` and `data:` run code or hide content and are refused, like every
  other scheme (`file:`, `ftp:`) and absolute paths.
* Images must be a PNG, JPEG, GIF or SVG file inside the project; images from the web are refused
  (the site makes no external requests and the PDF renderer has no network). An SVG must be a plain
  drawing, judged by an allow-list of elements, attributes and CSS (svgcheck.py).
"""
from __future__ import annotations

import io
import posixpath
import re
import warnings
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from generator.core.svgcheck import check_svg

WEB_SCHEMES = ("https", "http", "mailto", "tel")
CODE_SCHEMES = ("javascript", "vbscript", "data")
MAX_ASSET_BYTES = 20 * 1024 * 1024
#: image file extensions and the bytes such a file starts with (SVG is checked as XML)
IMAGE_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".svg": (),
}
#: file types a link may point at (copied into the site as they are): documents, data and images; no
#: HTML, XML or scripts, which a browser would run from the site
ATTACHMENT_TYPES = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".odt", ".ods", ".odp", ".csv", ".txt",
                    ".zip", ".png", ".jpg", ".jpeg", ".gif", ".svg")
#: raster images over this many pixels are refused: Pillow's own limit against decompression bombs (a small
#: file that unpacks to gigabytes), which the PDF renderer would meet and leave the image out for
MAX_IMAGE_PIXELS = 89_478_485
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class FileTarget:
    """A link or image that points at a file of the project: the path as written (decoded), without
    the part after '#' (the renderer keeps that from the link itself)."""

    path: str


@dataclass(frozen=True)
class LinkedFile:
    """A link or image in a document that points into the project: `href` as the Markdown parser
    normalised it, `path` the file from the project's top; `document` the id of another document
    when the link goes to one (then no file is copied)."""

    href: str
    path: str
    image: bool
    document: str | None = None


def scheme_of(href: str) -> str | None:
    """The URL scheme as a browser sees it (control characters and spaces dropped, lowercase)."""
    match = _SCHEME.match(_CONTROL.sub("", unquote(href)))
    return match.group(1).lower() if match else None


def check_href(href: str, image: bool) -> FileTarget | str | None:
    """Classify a link target (or, with `image`, an image source).

    Returns a FileTarget for a path into the project, None for an allowed web link or in-page anchor,
    or a Dutch problem text."""
    shown = unquote(href)
    if not href.strip():
        return "de afbeelding heeft geen bestand" if image else "de link heeft geen adres"
    scheme = scheme_of(href)
    if scheme in CODE_SCHEMES:
        what = "afbeeldingen" if image else "links"
        return (f"{what} met '{scheme}:' zijn niet toegestaan (ze kunnen code uitvoeren of inhoud verbergen); "
                + ("zet de afbeelding in het project en verwijs ernaar met een pad" if image else
                   "verwijs naar een webadres (https://) of naar een bestand in het project"))
    if scheme is not None and len(scheme) == 1:  # C:\Users\...: a Windows drive letter
        return (f"'{shown}' is een pad op uw eigen computer; zet het bestand in het project en verwijs ernaar "
                "met een pad vanaf dit document, zoals afbeeldingen/kaart.png")
    if scheme is not None:
        if image and scheme in ("https", "http"):
            return (f"afbeeldingen van internet ('{shown}') worden niet opgehaald; zet de afbeelding in het "
                    "project en verwijs ernaar met een pad zoals afbeeldingen/kaart.png")
        if not image and scheme in WEB_SCHEMES:
            return None
        return (f"het adres '{shown}' is niet toegestaan ('{scheme}:'); gebruik https://, http://, mailto: "
                "of tel:, of een pad naar een bestand in het project" if not image else
                f"de afbeelding '{shown}' is geen bestand in het project; verwijs ernaar met een pad zoals "
                "afbeeldingen/kaart.png")
    if href.startswith("//"):
        return f"'{shown}' verwijst naar een andere website; schrijf het volledige adres met https://"
    if href.startswith("#"):
        return "een afbeelding moet naar een bestand in het project verwijzen" if image else None
    parts = urlsplit(href)
    path = unquote(parts.path)
    if "\\" in path:
        return f"gebruik '/' in plaats van '\\' in het pad '{path}'"
    if path.startswith("/"):
        return (f"'{path}' is een absoluut pad; verwijs naar een bestand in het project met een pad vanaf dit "
                "document, zoals afbeeldingen/kaart.png")
    if parts.query:
        return f"een link naar een bestand kan geen '?' bevatten ('{shown}')"
    if not path:
        return "een afbeelding moet naar een bestand in het project verwijzen" if image else None
    return FileTarget(path)


def check_type(path: str, image: bool) -> str | None:
    """Whether a file may be shown as an image or linked to as an attachment, judged by its extension."""
    extension = posixpath.splitext(path)[1].lower()
    if image and extension not in IMAGE_SIGNATURES:
        return "is geen afbeelding die Bestek kan tonen; gebruik een .png-, .jpg-, .gif- of .svg-bestand"
    if not image and extension not in ATTACHMENT_TYPES:
        return f"is geen soort bijlage die Bestek meeneemt; een bijlage is een van {', '.join(ATTACHMENT_TYPES)}"
    return None


def inside(base: str, path: str) -> str | None:
    """`path` (relative to the project folder `base`, '' for the top) as a normalised path from the
    project's top, or None when it leads out of the project (`..` too often)."""
    joined = posixpath.normpath(posixpath.join(base, path))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    return joined


def hidden_part(path: str) -> bool:
    """Whether a normalised project path goes through a hidden file or folder (.git, .env)."""
    return any(part.startswith(".") for part in path.split("/"))


def check_image(name: str, data: bytes) -> str | None:
    """Whether the bytes of the image file `name` are what its extension says (and, for SVG, harmless)."""
    extension = posixpath.splitext(name)[1].lower()
    if extension == ".svg":
        return check_svg(data)
    signatures = IMAGE_SIGNATURES.get(extension)
    if signatures is None:
        return "is geen .png-, .jpg-, .gif- of .svg-bestand"
    if not data.startswith(signatures):
        kind = {".jpg": "JPEG", ".jpeg": "JPEG"}.get(extension, extension[1:].upper())
        return f"is geen geldig {kind}-bestand (de inhoud past niet bij de extensie {extension})"
    return _decode(data, {".jpg": "JPEG", ".jpeg": "JPEG"}.get(extension, extension[1:].upper()))


def _decode(data: bytes, kind: str) -> str | None:
    """Decode a PNG, JPEG or GIF in full (with Pillow, which the PDF renderer uses too), so that a broken,
    cut-off or far too large image is a content error here, not an image the PDF silently leaves out."""
    from PIL import Image, ImageFile  # WeasyPrint's own dependency

    # WeasyPrint, once imported, sets LOAD_TRUNCATED_IMAGES for the whole process (it draws what it can of a
    # cut-off image); this check must see a cut-off image as one, whatever was imported before it
    truncated_allowed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the size is judged below
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    return _too_large(width, height)
                image.load()
    except Image.DecompressionBombError:
        return _too_large(0, 0)
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError):
        return (f"is een beschadigd of onvolledig {kind}-bestand en kan niet worden getoond; open de afbeelding "
                "en sla haar opnieuw op, als PNG of JPEG")
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_allowed
    return None


def _too_large(width: int, height: int) -> str:
    size = f" ({width:,} bij {height:,} pixels)".replace(",", ".") if width else ""
    return (f"is te groot om te tonen{size}; de grens is {MAX_IMAGE_PIXELS:,} pixels: ".replace(",", ".") +
            "verklein de afbeelding, voor een A4-pagina is 2.500 bij 3.500 pixels ruim genoeg")
