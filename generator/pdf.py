"""PDF rendering with WeasyPrint, locked down: it may only read the theme's and the project's files.

Part of the write stage. WeasyPrint needs Pango and HarfBuzz from the system; when they are
missing, `EnvironmentProblem` says so in Dutch (exit code 2) instead of a traceback.
"""
from __future__ import annotations

import hashlib
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from .errors import EnvironmentProblem


def load_weasyprint():  # noqa: ANN201 - returns the module
    try:
        import weasyprint
    except OSError as exc:  # missing shared libraries (libpango, libharfbuzz-subset)
        raise EnvironmentProblem(
            "PDF's maken lukt niet: een systeembibliotheek ontbreekt "
            f"({exc}). Voer 'make build' uit; dat installeert Pango en HarfBuzz."
        ) from exc
    return weasyprint


class BlockedResource(Exception):
    pass


def make_fetcher(allowed_roots: list[Path]):  # noqa: ANN201 - a WeasyPrint URLFetcher
    """A fetcher that serves only files under `allowed_roots`: no network, no other files."""
    weasyprint = load_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

    roots = [root.resolve() for root in allowed_roots]

    class ProjectOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers=None):  # noqa: ANN001, ANN201
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise URLFetchingError(f"geblokkeerd: {url} (alleen bestanden uit het project)")
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in roots) or not path.is_file():
                raise URLFetchingError(f"geblokkeerd: {path} (buiten het project of bestaat niet)")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})

    del weasyprint
    return ProjectOnlyFetcher()


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
