"""`bestek serve`: the site on a local web server that rebuilds on every change and reloads the browser.

For writing: run it, open the address, edit content/ or templates/, save, and the page reloads.
Only for this machine (it listens on 127.0.0.1). Each build goes to its own folder in a temporary
directory and the server switches to it when it is complete, so a reader never sees a half-written
site. Changes are found by polling the modification times of config.yaml, content/ and templates/
(the project's and the theme's): no extra dependency, and it works on every file system.

The reload script is added to HTML pages as they are served and never written to the built site:
it asks the server for the current build number every second and reloads when it changes. When a
build fails, every page shows the Dutch error messages until the content is fixed.
"""
from __future__ import annotations

import errno
import html
import http.server
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TextIO

from .build import build
from .errors import BestekError, ContentErrors, EnvironmentProblem
from .load import CONFIG_FILE, CONTENT_DIR
from .render import THEME_DIR

BUILD_ID_PATH = "/__bestek/build-id"
RELOAD_SCRIPT = (
    '<script>/* bestek serve: reload after a rebuild (not part of the built site) */(function () {{'
    ' var id = "{build_id}"; function check() {{ fetch("' + BUILD_ID_PATH + '", {{cache: "no-store"}})'
    '.then(function (r) {{ return r.text(); }}).then(function (t) {{ if (t !== id) {{ location.reload(); }}'
    ' else {{ setTimeout(check, 1000); }} }}, function () {{ setTimeout(check, 2000); }}); }}'
    ' setTimeout(check, 1000); }}());</script>')


def watched_files(project: Path) -> list[Path]:
    """The files whose change triggers a rebuild."""
    roots = [project / CONFIG_FILE, project / CONTENT_DIR, project / "templates", THEME_DIR]
    files: list[Path] = []
    for root in roots:
        if root.is_file():
            files.append(root)
        elif root.is_dir():
            files.extend(p for p in root.rglob("*") if p.is_file())
    return files


def snapshot(project: Path) -> tuple[tuple[str, int, int], ...]:
    """What the watched files look like now: path, modification time and size of each."""
    state = []
    for path in watched_files(project):
        try:
            info = path.stat()
        except OSError:  # deleted between listing and stat: the next poll sees it
            continue
        state.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(sorted(state))


class SiteBuilds:
    """The latest build: its site folder or its error messages, and a number that grows per build."""

    def __init__(self, project: Path, pdf: bool | None, log: TextIO):
        self.project = project
        self.pdf = pdf
        self.log = log
        self.workdir = Path(tempfile.mkdtemp(prefix="bestek-serve-"))
        self.lock = threading.Lock()
        self.build_id = 0
        self.site: Path | None = None
        self.errors: list[str] = []

    def rebuild(self, first: bool = False) -> None:
        """Build into a new folder and switch to it. Errors are kept to show in the browser; on the
        first build only content errors are, and any other problem (such as a missing Pagefind) is raised."""
        number = self.build_id + 1
        folder = self.workdir / f"build-{number}"  # holds the output and its lock file (output.py)
        out = folder / "uit"
        try:
            result = build(self.project, out, pdf=self.pdf)
        except BestekError as exc:
            if first and not isinstance(exc, ContentErrors):
                raise
            errors = exc.messages()
            for message in errors:
                print(message, file=self.log)
            print(f"{len(errors)} fout{'en' if len(errors) != 1 else ''} gevonden; de browser toont ze. "
                  "Herstel en sla op; de pagina ververst dan vanzelf.", file=self.log)
            with self.lock:
                self.errors, self.build_id = errors, number
            shutil.rmtree(folder, ignore_errors=True)
            return
        with self.lock:
            previous = self.site
            self.site, self.errors, self.build_id = result.out / "site", [], number
        print(f"Bijgewerkt: {result.pages} webpagina's, {result.pdfs} PDF's (versie {number}).", file=self.log)
        for old in self.workdir.iterdir():  # keep the current and the previous build (it may be being read)
            if old != folder and (previous is None or old != previous.parent.parent):
                shutil.rmtree(old, ignore_errors=True)

    def current(self) -> tuple[int, Path | None, list[str]]:
        with self.lock:
            return self.build_id, self.site, list(self.errors)

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


def error_page(errors: list[str], build_id: int) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(message)}</code></li>" for message in errors)
    count = len(errors)
    return (f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>Fout in het project</title>'
            f'</head><body><main><h1>De website kon niet worden gemaakt</h1>'
            f"<p>{count} fout{'en' if count != 1 else ''}:</p><ul>{items}</ul>"
            f"<p>Herstel de fout en sla het bestand op; deze pagina ververst dan vanzelf.</p></main>"
            f"{RELOAD_SCRIPT.format(build_id=build_id)}</body></html>").encode("utf-8")


class _Handler(http.server.SimpleHTTPRequestHandler):
    builds: SiteBuilds  # set on the subclass that DevServer makes

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        self.build_id, site, self.errors = self.builds.current()
        super().__init__(*args, directory=str(site or self.builds.workdir), **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _send(self, body: bytes, content_type: str, status: int = 200) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == BUILD_ID_PATH:
            self._send(str(self.build_id).encode(), "text/plain; charset=utf-8")
            return
        is_page = path.endswith("/") or path.endswith(".html")
        if self.errors and is_page:
            self._send(error_page(self.errors, self.build_id), "text/html; charset=utf-8")
            return
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if is_page and file.is_file():
            page = file.read_text(encoding="utf-8")
            script = RELOAD_SCRIPT.format(build_id=self.build_id)
            page = page.replace("</body>", script + "\n</body>", 1) if "</body>" in page else page + script
            self._send(page.encode("utf-8"), "text/html; charset=utf-8")
            return
        super().do_GET()


class DevServer:
    """Builds the project, serves the site on 127.0.0.1:port and rebuilds when watched files change."""

    def __init__(self, project: Path, port: int, pdf: bool | None = None, poll: float = 0.5,
                 log: TextIO = sys.stderr):
        self.project = project
        self.poll = poll
        self.builds = SiteBuilds(project, pdf, log)
        handler = type("Handler", (_Handler,), {"builds": self.builds})
        try:
            self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError as exc:
            self.builds.close()
            if exc.errno == errno.EADDRINUSE:
                raise EnvironmentProblem(f"poort {port} is al in gebruik; kies een andere met --port") from exc
            raise EnvironmentProblem(f"de server kan niet starten op poort {port}: {exc}") from exc
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        """First build (content errors are shown in the browser; other problems stop here), then serve
        and watch in background threads."""
        state = snapshot(self.project)
        try:
            self.builds.rebuild(first=True)
        except BestekError:
            self.close()
            raise
        self.threads = [threading.Thread(target=self.server.serve_forever, name="bestek-serve", daemon=True),
                        threading.Thread(target=self._watch, args=(state,), name="bestek-watch", daemon=True)]
        for thread in self.threads:
            thread.start()

    def _watch(self, state: tuple[tuple[str, int, int], ...]) -> None:
        while not self.stopping.wait(self.poll):
            now = snapshot(self.project)
            if now == state:
                continue
            while not self.stopping.wait(self.poll):  # let an editor finish saving several files
                settled = snapshot(self.project)
                if settled == now:
                    break
                now = settled
            state = now
            if not self.stopping.is_set():
                self.builds.rebuild()

    def wait(self) -> None:
        """Block until Ctrl+C (SIGINT) or SIGTERM, then stop cleanly: no traceback, no files left."""
        previous = signal.signal(signal.SIGTERM, lambda *_: self.stopping.set())
        try:
            while not self.stopping.is_set():
                time.sleep(0.2)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            self.close()

    def close(self) -> None:
        self.stopping.set()
        if self.threads:
            self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=30)
        self.builds.close()
