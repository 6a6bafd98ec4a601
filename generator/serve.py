"""`bestek serve`: the site on a local web server that rebuilds on every change and reloads the browser.

For writing: run it, open the address, edit content/ or templates/, save, and the page reloads.
Only for this machine (it listens on 127.0.0.1). Each build goes to its own folder in a temporary
directory and the server switches to it when it is complete, so a reader never sees a half-written
site. Changes are found by polling the modification times of config.yaml, content/ and templates/
(the project's and the theme's): no extra dependency, and it works on every file system.

The reload script is served by the server itself (`/__bestek/reload.js`, never written to the built
site) and added to HTML pages as they are served: it asks for the current build number every second
and reloads when it changes. When a build fails (content errors, or an internal error of Bestek),
every page shows the Dutch error messages until the content is fixed; the watcher keeps watching.

What a browser gets is limited as on the published site and more: every response carries a
Content-Security-Policy (pages: the theme's own policy, which allows no inline script; every other
file, such as an SVG under bestanden/ opened directly: nothing may run, `sandbox`), requests whose
Host header is not this machine's own address are refused (DNS rebinding would let a web page read
draft documents), and a path the server cannot read (`%00`, invalid UTF-8) is answered with 400.
The temporary build folder is removed on every way out: close(), Ctrl+C, SIGTERM or SIGHUP, and at
interpreter exit (atexit) if neither ran.
"""
from __future__ import annotations

import atexit
import errno
import html
import http.server
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import FrameType
from typing import Any, TextIO, TypeAlias
from urllib.parse import unquote

from generator.core.errors import BestekError, ContentErrors, EnvironmentProblem
from generator.core.paths import PROJECT_INPUTS
from generator.pipeline import build
from generator.render.environment import THEME_DIR
from generator.render.htmlcheck import THEME_POLICY

BUILD_ID_PATH = "/__bestek/build-id"
RELOAD_PATH = "/__bestek/reload.js"
RELOAD_TAG = '<script src="' + RELOAD_PATH + '" data-build="{build_id}"></script>'
RELOAD_SCRIPT = ("/* bestek serve: reload after a rebuild (not part of the built site) */\n"
                 "(function () {\n"
                 '  var id = document.currentScript.getAttribute("data-build");\n'
                 "  function check() {\n"
                 '    fetch("' + BUILD_ID_PATH + '", {cache: "no-store"}).then(function (r) { return r.text(); })\n'
                 "      .then(function (t) {\n"
                 "              if (t !== id) { location.reload(); } else { setTimeout(check, 1000); } },\n"
                 "            function () { setTimeout(check, 2000); });\n"
                 "  }\n"
                 "  setTimeout(check, 1000);\n"
                 "}());\n")
#: the policy the theme's pages declare in their <meta> (templates/site/base.html), sent as a header too
SITE_POLICY = THEME_POLICY
#: every other file (attachments, SVG and other images, the search index): shown, never run
FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"
#: the host names a request may name in its Host header (with the server's port)
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
#: what signal.signal takes and returns (typeshed calls it signal._HANDLER, which exists only in the stubs)
SignalHandler: TypeAlias = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


def watched_files(project: Path) -> list[Path]:
    """The files whose change triggers a rebuild."""
    roots = [*(project / name for name in PROJECT_INPUTS), THEME_DIR]
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
        atexit.register(self.close)  # the last way out that still runs code
        self.lock = threading.Lock()
        self.build_id = 0
        self.site: Path | None = None
        self.errors: list[str] = []

    def rebuild(self, first: bool = False) -> None:
        """Build into a new folder and switch to it. Errors are kept to show in the browser; on the
        first build only content errors are, and any other problem (such as a missing Pagefind) is
        raised. After the first build nothing is raised: an internal error of Bestek is shown too."""
        number = self.build_id + 1
        folder = self.workdir / f"build-{number}"  # holds the output and its lock file (output.py)
        out = folder / "uit"
        try:
            result = build(self.project, out, pdf=self.pdf)
        except BestekError as exc:
            if first and not isinstance(exc, ContentErrors):
                raise
            self._failed(exc.messages(), number, folder)
            return
        except Exception as exc:  # the watcher must survive any defect of a build
            if first:
                raise
            self._failed([f"interne fout in Bestek bij het opnieuw maken van de website ({type(exc).__name__}). "
                          "Sla het bestand opnieuw op om het nog eens te proberen; blijft de fout, meld dit dan aan "
                          "de ontwikkelaars (met 'bestek build --debug' voor details)."], number, folder)
            return
        with self.lock:
            previous = self.site
        # before switching: keep the new build and the one being served (a reader may be in it), remove the
        # rest, so that once the new build number shows, no older build than those two is left
        for old in self.workdir.iterdir():
            if old != folder and (previous is None or old != previous.parent.parent):
                shutil.rmtree(old, ignore_errors=True)
        with self.lock:
            self.site, self.errors, self.build_id = result.out / "site", [], number
        print(f"Bijgewerkt: {result.pages} webpagina's, {result.pdfs} PDF's (versie {number}).", file=self.log)

    def _failed(self, errors: list[str], number: int, folder: Path) -> None:
        for message in errors:
            print(message, file=self.log)
        print(f"{len(errors)} fout{'en' if len(errors) != 1 else ''} gevonden; de browser toont ze. "
              "Herstel en sla op; de pagina ververst dan vanzelf.", file=self.log)
        with self.lock:
            self.errors, self.build_id = errors, number
        shutil.rmtree(folder, ignore_errors=True)

    def current(self) -> tuple[int, Path | None, list[str]]:
        with self.lock:
            return self.build_id, self.site, list(self.errors)

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)
        atexit.unregister(self.close)


def error_page(errors: list[str], build_id: int) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(message)}</code></li>" for message in errors)
    count = len(errors)
    return (f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>Fout in het project</title>'
            f'</head><body><main><h1>De website kon niet worden gemaakt</h1>'
            f"<p>{count} fout{'en' if count != 1 else ''}:</p><ul>{items}</ul>"
            f"<p>Herstel de fout en sla het bestand op; deze pagina ververst dan vanzelf.</p></main>"
            f"{RELOAD_TAG.format(build_id=build_id)}</body></html>").encode()


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
    builds: SiteBuilds  # set on the subclass that DevServer makes, with:
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

    def _serve(self, path: str, head: bool) -> None:
        if path == BUILD_ID_PATH:
            self._send(str(self.build_id).encode(), "text/plain; charset=utf-8", head=head)
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
            script = RELOAD_TAG.format(build_id=self.build_id)
            page = page.replace("</body>", script + "\n</body>", 1) if "</body>" in page else page + script
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


class DevServer:
    """Builds the project, serves the site on 127.0.0.1:port and rebuilds when watched files change.
    `allowed_hosts` are the host names a request may name (default: the loopback names, LOCAL_HOSTS)."""

    def __init__(self, project: Path, port: int, pdf: bool | None = None, poll: float = 0.5,
                 log: TextIO = sys.stderr, allowed_hosts: Iterable[str] = LOCAL_HOSTS):
        self.project = project
        self.poll = poll
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []
        self.builds = SiteBuilds(project, pdf, log)
        self._signals = self._catch_signals()
        class Handler(_Handler):  # one class per server: its attributes (set below) are this server's
            pass

        handler = Handler
        handler.builds = self.builds
        try:
            self.server = _Server(("127.0.0.1", port), handler)
        except OSError as exc:
            self._close_files()
            if exc.errno == errno.EADDRINUSE:
                raise EnvironmentProblem(f"poort {port} is al in gebruik; kies een andere met --port") from exc
            raise EnvironmentProblem(f"de server kan niet starten op poort {port} (foutcode {exc.errno})") from exc
        self.server.log = log
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        handler.hosts = local_hosts(self.server.server_address[1], allowed_hosts)
        handler.home = self.url

    def _catch_signals(self) -> dict[int, SignalHandler]:
        """SIGTERM and SIGHUP end the server like Ctrl+C (in the main thread only, where Python runs
        signal handlers): KeyboardInterrupt while starting, a clean stop while waiting."""
        if threading.current_thread() is not threading.main_thread():
            return {}
        pid = os.getpid()

        def stop(signum: int, _frame: object) -> None:
            if os.getpid() != pid:  # a forked worker of the build: end as the signal says
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)
                return
            if not self.threads:  # still building the first time: stop like Ctrl+C
                raise KeyboardInterrupt
            self.stopping.set()

        return {signum: signal.signal(signum, stop) for signum in (signal.SIGTERM, signal.SIGHUP)}

    def start(self) -> None:
        """First build (content errors are shown in the browser; other problems stop here), then serve
        and watch in background threads."""
        state = snapshot(self.project)
        try:
            self.builds.rebuild(first=True)
        except BaseException:
            self.close()
            raise
        self.threads = [threading.Thread(target=self.server.serve_forever, name="bestek-serve", daemon=True),
                        threading.Thread(target=self._watch, args=(state,), name="bestek-watch", daemon=True)]
        for thread in self.threads:
            thread.start()

    def _watch(self, state: tuple[tuple[str, int, int], ...]) -> None:
        while not self.stopping.wait(self.poll):
            try:
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
            except Exception as exc:  # rebuild shows build errors; this keeps the thread alive
                print(f"interne fout bij het volgen van de bestanden ({type(exc).__name__}); de server kijkt "
                      "opnieuw.", file=self.builds.log)

    def wait(self) -> None:
        """Block until Ctrl+C (SIGINT), SIGTERM or SIGHUP, then stop cleanly: no traceback, no files left."""
        try:
            while not self.stopping.is_set():
                time.sleep(0.2)
        except KeyboardInterrupt:
            pass
        finally:
            self.close()

    def close(self) -> None:
        self.stopping.set()
        try:
            if self.threads:
                self.server.shutdown()
            self.server.server_close()
            for thread in self.threads:
                thread.join(timeout=30)
        finally:
            self._close_files()

    def _close_files(self) -> None:
        self.builds.close()
        if threading.current_thread() is threading.main_thread():
            for signum, previous in self._signals.items():
                signal.signal(signum, previous)
            self._signals = {}
