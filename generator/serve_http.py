"""`bestek serve`'s web server: the built site with the reload script, for this machine only.

The reload script is served by the server itself (`/__bestek/reload.js`, never written to the built
site) and added to HTML pages as they are served: it asks for a build number newer than the page's
(`/__bestek/build-id?na=N`, answered as soon as there is one: a long poll, so the page reloads right
after a rebuild) and reloads when it gets one. While PDFs are made in the background (serve.py), every
page starts with a status line that says so, and the script waits for them (`/__bestek/pdf-status`)
and reloads when they are there. When a build fails, every page shows the Dutch error messages.

What a browser gets is limited as on the published site and more: every response carries a
Content-Security-Policy (pages: the theme's own policy, which allows no inline script; every other
file, such as an SVG under bestanden/ opened directly: nothing may run, `sandbox`), requests whose
Host header is not this machine's own address are refused (DNS rebinding would let a web page read
draft documents), and a path the server cannot read (`%00`, invalid UTF-8) is answered with 400.
"""
from __future__ import annotations

import html
import http.server
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import parse_qs, unquote, urlsplit

from generator.render.htmlcheck import THEME_POLICY

BUILD_ID_PATH = "/__bestek/build-id"
PDF_STATUS_PATH = "/__bestek/pdf-status"
#: how long a request for a new build number waits before it answers with the current one
LONG_POLL = 25.0
RELOAD_PATH = "/__bestek/reload.js"
RELOAD_TAG = '<script src="' + RELOAD_PATH + '" data-build="{build_id}"{pdf}></script>'
#: at the top of every served page while PDFs are made in the background (never in the built site)
PDF_STATUS = ('<p class="bestek-serve-status" role="status">PDF wordt bijgewerkt: {titles}. De website toont de '
              'nieuwe tekst al; deze pagina ververst vanzelf als de PDF klaar is.</p>')
RELOAD_SCRIPT = ("/* bestek serve: reload after a rebuild (not part of the built site) */\n"
                 "(function () {\n"
                 "  var tag = document.currentScript;\n"
                 '  var id = tag.getAttribute("data-build");\n'
                 "  function text(r) { return r.text(); }\n"
                 "  function check() {\n"
                 "    /* the server answers when the build number is no longer this one (or after 25 s) */\n"
                 '    fetch("' + BUILD_ID_PATH + '?na=" + id, {cache: "no-store"}).then(text)\n'
                 "      .then(function (t) { if (t !== id) { location.reload(); } else { check(); } },\n"
                 "            function () { setTimeout(check, 2000); });\n"
                 "  }\n"
                 "  function pdfs() {\n"
                 "    /* while PDFs are made in the background: reload when they are there */\n"
                 '    fetch("' + PDF_STATUS_PATH + '?na=" + id, {cache: "no-store"}).then(text)\n'
                 '      .then(function (t) { if (t === "klaar") { location.reload(); }\n'
                 '                           else if (t === "bezig") { pdfs(); } },\n'
                 "            function () { setTimeout(pdfs, 2000); });\n"
                 "  }\n"
                 "  check();\n"
                 '  if (tag.hasAttribute("data-pdf")) { pdfs(); }\n'
                 "}());\n")
#: the policy the theme's pages declare in their <meta> (templates/site/base.html), sent as a header too
SITE_POLICY = THEME_POLICY
#: every other file (attachments, SVG and other images, the search index): shown, never run
FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"
#: the host names a request may name in its Host header (with the server's port)
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def error_page(errors: list[str], build_id: int) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(message)}</code></li>" for message in errors)
    count = len(errors)
    return (f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>Fout in het project</title>'
            f'</head><body><main><h1>De website kon niet worden gemaakt</h1>'
            f"<p>{count} fout{'en' if count != 1 else ''}:</p><ul>{items}</ul>"
            f"<p>Herstel de fout en sla het bestand op; deze pagina ververst dan vanzelf.</p></main>"
            f"{RELOAD_TAG.format(build_id=build_id, pdf='')}</body></html>").encode()


def served_path(raw: str) -> str | None:
    """The path of a request URL without query and fragment, or None when it cannot name a file: it
    does not decode as UTF-8 or holds a control character (`%00`)."""
    path = raw.split("?", 1)[0].split("#", 1)[0]
    try:
        decoded = unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
    if not path.startswith("/") or any(ord(c) < 0x20 or ord(c) == 0x7f for c in decoded):
        return None
    return path


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    log: TextIO = sys.stderr

    def handle_error(self, request, client_address) -> None:  # the stdlib's signature
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):  # a browser that hung up is no error
            print(f"interne fout bij het beantwoorden van een verzoek ({type(error).__name__}); de server draait "
                  "door.", file=self.log)


class _Handler(http.server.SimpleHTTPRequestHandler):
    builds: Any  # serve.SiteBuilds, set on the subclass that DevServer makes, with:
    hosts: frozenset[str]  # the Host headers accepted, in lower case
    home: str  # the server's own address, to name in a refusal

    def __init__(self, *args, **kwargs) -> None:
        self.build_id, site, self.errors = self.builds.current()
        self.policy = FILE_POLICY
        super().__init__(*args, directory=str(site or self.builds.workdir), **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # the stdlib's name
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", self.policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def _send(self, body: bytes, content_type: str, status: int = 200, head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _refuse(self, status: int, text: str, head: bool) -> None:
        self.policy = FILE_POLICY
        self._send(text.encode("utf-8") + b"\n", "text/plain; charset=utf-8", status, head)

    def do_GET(self) -> None:  # the stdlib's name
        self._answer(head=False)

    def do_HEAD(self) -> None:  # the stdlib's name
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in self.hosts:
            self._refuse(403, "bestek serve antwoordt alleen op de adressen van deze computer; open de website via "
                              f"{self.home}", head)
            return
        path = served_path(self.path)
        if path is None:
            self._refuse(400, "Dit adres bestaat niet op deze website (het bevat tekens die geen pad kunnen zijn).",
                         head)
            return
        self.policy = SITE_POLICY if path.endswith(("/", ".html", ".js")) else FILE_POLICY
        try:
            self._serve(path, head)
        except (OSError, ValueError):
            self._refuse(404, "Dit bestand bestaat niet op deze website.", head)

    def _since(self) -> int | None:
        """The build number of `?na=N` (the page's own: answer when there is a newer one), else None."""
        query = parse_qs(urlsplit(self.path).query)
        value = (query.get("na") or [""])[0]
        return int(value) if value.isdigit() and len(value) < 12 else None

    def _serve(self, path: str, head: bool) -> None:
        if path == BUILD_ID_PATH:
            since = self._since()
            build_id = self.builds.wait_for_build(since, LONG_POLL) if since is not None else self.build_id
            self._send(str(build_id).encode(), "text/plain; charset=utf-8", head=head)
            return
        if path == PDF_STATUS_PATH:  # klaar: the PDFs of build N are there; bezig: not yet; anders: a newer build
            since = self._since()
            answer = self.builds.wait_for_pdfs(since, LONG_POLL) if since is not None else \
                ("bezig" if self.builds.pending() else "klaar")
            self._send(answer.encode(), "text/plain; charset=utf-8", head=head)
            return
        if path == RELOAD_PATH:
            self._send(RELOAD_SCRIPT.encode("utf-8"), "text/javascript; charset=utf-8", head=head)
            return
        is_page = path.endswith("/") or path.endswith(".html")
        if self.errors and is_page:
            self._send(error_page(self.errors, self.build_id), "text/html; charset=utf-8", head=head)
            return
        file = Path(self.translate_path(path))
        as_folder = path.endswith("/")  # a file named as a folder (segmenten.html/) is no page: the stdlib says 404
        if file.is_dir():
            file, as_folder = file / "index.html", False
        if is_page and not as_folder and file.suffix == ".html" and file.is_file():
            page = file.read_text(encoding="utf-8")
            pending = self.builds.pending()
            script = RELOAD_TAG.format(build_id=self.build_id, pdf=' data-pdf=""' if pending else "")
            page = page.replace("</body>", script + "\n</body>", 1) if "</body>" in page else page + script
            if pending:
                page = _after_body_tag(page, PDF_STATUS.format(titles=html.escape(", ".join(pending))))
            self._send(page.encode("utf-8"), "text/html; charset=utf-8", head=head)
            return
        if head:
            super().do_HEAD()
        else:
            super().do_GET()

    def list_directory(self, path: str | os.PathLike[str]) -> None:  # the stdlib's signature
        """A folder without index.html is not a page of the site (the stdlib would list its files)."""
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The stdlib's error pages are English: Bestek's are Dutch, and plain text."""
        text = {404: "Dit bestand bestaat niet op deze website."}.get(code, f"Dit verzoek kan niet worden beantwoord "
                                                                          f"(HTTP-status {code}).")
        self._refuse(code, text, self.command == "HEAD")


def local_hosts(port: int, names: Iterable[str] = LOCAL_HOSTS) -> frozenset[str]:
    """The Host headers that name this server: each name with the port (and without it on port 80)."""
    hosts = {f"{name.lower()}:{port}" for name in names}
    return frozenset(hosts | ({name.lower() for name in names} if port == 80 else set()))




def _after_body_tag(page: str, text: str) -> str:
    """`text` as the first thing in the page's <body> (at its start when it has none)."""
    start = page.find("<body")
    end = page.find(">", start) + 1 if start >= 0 else 0
    return page[:end] + text + page[end:]
