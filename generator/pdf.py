"""PDF rendering with WeasyPrint, locked down: it may only read the theme's files and the project files
the load stage checked.

Part of the write stage. WeasyPrint needs Pango and HarfBuzz from the system; when they are
missing, `EnvironmentProblem` says so in Dutch (exit code 2) instead of a traceback.
"""
from __future__ import annotations

import base64
import hashlib
import logging
import mimetypes
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from .body import PROJECT_SCHEME
from .errors import EnvironmentProblem

_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif);base64,(.*)$", re.DOTALL)


def load_weasyprint():  # noqa: ANN201 - returns the module
    try:
        import weasyprint
    except OSError as exc:  # missing shared libraries (libpango, libharfbuzz-subset)
        raise EnvironmentProblem(
            "PDF's maken lukt niet: een systeembibliotheek ontbreekt "
            f"({exc}). Voer 'make build' uit; dat installeert Pango en HarfBuzz."
        ) from exc
    return weasyprint


def make_fetcher(theme_dir: Path, files: dict[str, bytes]):  # noqa: ANN201 - a WeasyPrint URLFetcher
    """A fetcher that serves only the theme's files (stylesheets, the shipped fonts) from disk, the
    project files the load stage checked and read (`files`: path in the project -> bytes, asked for as
    `bestek-project:<path>`), and images embedded in those as `data:image/...`. No network, no other
    file, no redirects. Every refused URL is kept in `blocked`: the caller must not let a PDF with a
    missing resource pass."""
    weasyprint = load_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

    theme = theme_dir.resolve()
    served = {posixpath.normpath(path): data for path, data in files.items()}

    class ProjectOnlyFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allow_redirects=False)
            self.blocked: list[str] = []

        def fetch(self, url: str, headers=None):  # noqa: ANN001, ANN201
            response = self._serve(url)
            if response is None:
                self.blocked.append(url)
                raise URLFetchingError(f"geblokkeerd: {url[:200]} (alleen bestanden uit het project en het thema)")
            return response

        def _serve(self, url: str):  # noqa: ANN202
            parsed = urlparse(url)
            if parsed.scheme == PROJECT_SCHEME:
                path = posixpath.normpath(unquote(url[len(PROJECT_SCHEME) + 1:]))
                return URLFetcherResponse(url, served[path], {"Content-Type": _mime(path)}) if path in served else None
            if parsed.scheme == "data":
                match = _DATA_IMAGE.match(url)
                if match is None:
                    return None
                try:
                    body = base64.b64decode(re.sub(r"\s", "", match.group(2)), validate=True)
                except ValueError:
                    return None
                return URLFetcherResponse(url, body, {"Content-Type": f"image/{match.group(1)}"})
            if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
                return None
            real = Path(unquote(parsed.path)).resolve()
            if real.is_relative_to(theme) and real.is_file():
                return URLFetcherResponse(real.as_uri(), real.read_bytes(), {"Content-Type": _mime(real.name)})
            return None

    del weasyprint
    return ProjectOnlyFetcher()


def _mime(path: str) -> str:
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_pdf(html: str, base_dir: Path, fetcher, warnings: list[str] | None = None) -> bytes:  # noqa: ANN001
    """Render one HTML page to PDF bytes. WeasyPrint's warnings are appended to `warnings`."""
    weasyprint = load_weasyprint()
    collect = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collect)
    try:
        document = weasyprint.HTML(string=html, base_url=str(base_dir) + "/", url_fetcher=fetcher)
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        # presentational hints: WeasyPrint honours <ol start="5"> (a list that continues a numbering) only with them
        pdf = document.write_pdf(pdf_identifier=identifier, pdf_tags=True, presentational_hints=True)
    finally:
        logger.removeHandler(collect)
    if warnings is not None:
        warnings.extend(collect.messages)
    return pdf
