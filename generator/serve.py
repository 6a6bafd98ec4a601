"""`bestek serve`: the site on a local web server that rebuilds on every change and reloads the browser.

For writing: run it, open the address, edit content/ or templates/, save, and the page reloads.
Only for this machine (it listens on 127.0.0.1; the web server is serve_http.py). Each build goes to its
own folder in a temporary directory and the server switches to it when it is complete, so a reader never
sees a half-written site. Changes are found by polling the modification times of config.yaml, content/
and templates/ (the project's and the theme's) every 0.05 s: no extra dependency, and it works on every
file system.

The first build is a full one. After a change, render/site_update.py renders only the site pages that depend
on what changed (with the YAML, the bodies' outlines and the schema checks of unchanged files kept in
memory), and the server switches to that site at once; a full `bestek build` then runs in the background,
in a process of its own, for the PDFs (only those whose print HTML changed are rendered: the rest come
from the PDF cache) and the search index. While it runs, every page says which PDFs are being made; when
it is done the server switches to its output and the pages reload. A change that render/site_update.py cannot
place (templates, configuration, an added document) is built in full here, as the first build is.

When a build fails (content errors, or an internal error of Bestek), every page shows the Dutch error
messages until the content is fixed; the watcher keeps watching. The temporary build folder is removed,
and a background build stopped, on every way out: close(), Ctrl+C, SIGTERM or SIGHUP, and at interpreter
exit (atexit) if neither ran.
"""
from __future__ import annotations

import atexit
import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import FrameType
from typing import Any, TextIO, TypeAlias

from generator.core.errors import BestekError, ContentErrors, EnvironmentProblem
from generator.core.markdown import keep_outlines
from generator.core.paths import PROJECT_INPUTS
from generator.load.yamlcache import keep_parsed
from generator.pipeline import build
from generator.render.environment import THEME_DIR
from generator.render.site_update import SiteState, moved, prepare, quick
from generator.serve_http import (  # noqa: F401 - the names of the web server, for the callers of serve
    BUILD_ID_PATH,
    FILE_POLICY,
    LOCAL_HOSTS,
    PDF_STATUS,
    PDF_STATUS_PATH,
    RELOAD_PATH,
    RELOAD_SCRIPT,
    RELOAD_TAG,
    SITE_POLICY,
    _Handler,
    _Server,
    error_page,
    local_hosts,
    served_path,
)
from generator.validate.project import keep_valid
from generator.write.site_copy import copy_site

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


class _Background:
    """A full build in a process of its own, after a quick rebuild: the PDFs and the search index."""

    def __init__(self, command: list[str], number: int, folder: Path, titles: tuple[str, ...]):
        folder.mkdir()
        self.number, self.folder, self.titles = number, folder, titles
        with open(folder / "meldingen.txt", "w", encoding="utf-8") as messages:  # a file: a pipe could fill up
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                            stderr=messages)

    def messages(self) -> list[str]:
        text = (self.folder / "meldingen.txt").read_text(encoding="utf-8", errors="replace")
        return [line for line in text.splitlines() if line.strip() and not line.endswith(" gevonden.")]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # the build cleans up after SIGTERM (cli.py)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


_INTERNAL_ERROR = ("interne fout in Bestek bij het opnieuw maken van de website ({}). Sla het bestand opnieuw op om "
                   "het nog eens te proberen; blijft de fout, meld dit dan aan de ontwikkelaars (met 'bestek build "
                   "--debug' voor details).")


class SiteBuilds:
    """The latest build: its site folder or its error messages, a number that grows per build, and the
    documents whose PDFs a background build is making."""

    def __init__(self, project: Path, pdf: bool | None, log: TextIO):
        self.project = project
        self.pdf = pdf
        self.log = log
        self.workdir = Path(tempfile.mkdtemp(prefix="bestek-serve-"))
        atexit.register(self.close)  # the last way out that still runs code
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)  # notified when the build number or the PDFs change
        self.build_id = 0
        self.site: Path | None = None
        self.errors: list[str] = []
        self.titles: tuple[str, ...] = ()  # the documents whose PDF the background build is making
        self.state: SiteState | None = None  # what the served site was made of (for a quick rebuild)
        self.background: _Background | None = None
        self.closed = False
        for keep in (keep_parsed, keep_outlines, keep_valid):  # unchanged files are not read twice
            keep(True)

    def rebuild(self, first: bool = False, changed: Iterable[str] = ()) -> None:
        """Build into a new folder and switch to it: only the pages that depend on the `changed` files when
        render/site_update.py can tell which, else the whole project. Errors are kept to show in the browser; on the
        first build only content errors are, and any other problem (such as a missing Pagefind) is raised.
        After the first build nothing is raised: an internal error of Bestek is shown too."""
        number = self.build_id + 1
        folder = self.workdir / f"build-{number}"  # holds the output and its lock file (output.py)
        templates = (str(self.project / "templates"), str(THEME_DIR))
        if not first and self.state is not None and not any(path.startswith(templates) for path in changed):
            try:
                done = quick(self.state, self.project, folder / "site")
                if done is not None:
                    copy_site(self.state.site, folder / "site", done[1])
            except ContentErrors as exc:
                self._failed(exc.messages(), number, folder)
                return
            except Exception:
                shutil.rmtree(folder, ignore_errors=True)
                done = None
            if done is not None:
                self.state, pages = done
                titles = tuple(d.title for d in self.state.project.documents
                               if f"documenten/{d.id}.html" in pages) if self.state.pdf_sizes is not None else ()
                self._start_background(number, titles)
                self._switch(folder, folder / "site", number, titles)  # the pages say so from the first request
                print(f"Bijgewerkt: {len(pages)} webpagina{'' if len(pages) == 1 else chr(39) + 's'} opnieuw "
                      f"gemaakt (versie {number}); de PDF's en de zoekindex volgen.", file=self.log)
                return
        self._stop_background()
        try:
            result = build(self.project, folder / "uit", pdf=self.pdf)
        except BestekError as exc:
            if first and not isinstance(exc, ContentErrors):
                raise
            self._failed(exc.messages(), number, folder)
            return
        except Exception as exc:  # the watcher must survive any defect of a build
            if first:
                raise
            self._failed([_INTERNAL_ERROR.format(type(exc).__name__)], number, folder)
            return
        try:
            self.state = prepare(self.project, result.out / "site")
        except Exception:
            self.state = None
        self._switch(folder, result.out / "site", number)
        print(f"Bijgewerkt: {result.pages} webpagina's, {result.pdfs} PDF's (versie {number}).", file=self.log)

    def _switch(self, folder: Path, site: Path, number: int, titles: tuple[str, ...] = ()) -> None:
        """Serve `site` (in `folder`) as build `number`. Before switching, keep the new build, the one being
        served (a reader may be in it) and the one the state's site is in; remove the rest."""
        with self.lock:
            keep = {folder} | {p.parent if p.parent.name != "uit" else p.parent.parent
                               for p in (self.site, self.state.site if self.state else None) if p is not None}
        for old in self.workdir.iterdir():
            if old not in keep and (self.background is None or old != self.background.folder):
                shutil.rmtree(old, ignore_errors=True)
        with self.changed:
            self.site, self.errors, self.build_id, self.titles = site, [], number, titles
            self.changed.notify_all()

    def _start_background(self, number: int, titles: tuple[str, ...]) -> None:
        """A full build in its own process: the PDFs (those of the documents whose page changed, `titles`, are
        new, the others come from the cache) and the search index."""
        self._stop_background()
        command = [sys.executable, "-m", "generator", "build", "--project", str(self.project), "--out",
                   str(self.workdir / f"pdf-{number}" / "uit"), "--quiet", *(["--no-pdf"] if self.pdf is False else [])]
        self.background = _Background(command, number, self.workdir / f"pdf-{number}", titles)

    def _stop_background(self) -> None:
        if self.background is not None:
            self.background.stop()
            self.background = None
            with self.changed:
                self.titles = ()
                self.changed.notify_all()

    def poll_background(self) -> None:
        """When the background build has ended: serve its output (it shows the same pages, with the new PDFs and
        search index), or its errors."""
        job = self.background
        if job is None or job.process.poll() is None:
            return
        code = job.process.returncode
        if code == 0 and job.number == self.build_id and self.state is not None:
            self.state = moved(self.state, job.folder / "uit" / "site")
            self._switch(job.folder, job.folder / "uit" / "site", self.build_id)
            self.background = None
            if job.titles:
                print(f"PDF bijgewerkt: {', '.join(job.titles)}.", file=self.log)
            return
        if code in (0, 130, 143) or job.number != self.build_id:  # stopped, or a newer build came since
            self._stop_background()
            return
        messages = job.messages() if code == 1 else [_INTERNAL_ERROR.format(f"code {code}")]
        self._failed(messages or [_INTERNAL_ERROR.format(f"code {code}")], self.build_id + 1, job.folder)

    def _failed(self, errors: list[str], number: int, folder: Path) -> None:
        for message in errors:
            print(message, file=self.log)
        print(f"{len(errors)} fout{'en' if len(errors) != 1 else ''} gevonden; de browser toont ze. "
              "Herstel en sla op; de pagina ververst dan vanzelf.", file=self.log)
        self._stop_background()
        with self.changed:
            self.errors, self.build_id = errors, number
            self.changed.notify_all()
        shutil.rmtree(folder, ignore_errors=True)

    def current(self) -> tuple[int, Path | None, list[str]]:
        with self.lock:
            return self.build_id, self.site, list(self.errors)

    def pending(self) -> tuple[str, ...]:
        """The titles of the documents whose PDF a background build is making now."""
        with self.lock:
            return self.titles

    def wait_for_build(self, since: int, timeout: float) -> int:
        """The build number once it is not `since` (or after `timeout` seconds)."""
        with self.changed:
            self.changed.wait_for(lambda: self.build_id != since or self.closed, timeout)
            return self.build_id

    def wait_for_pdfs(self, since: int, timeout: float) -> str:
        """'klaar' once build `since` has its PDFs, 'anders' when there is a newer build, 'bezig' after `timeout`."""
        with self.changed:
            self.changed.wait_for(lambda: self.build_id != since or not self.titles or self.closed, timeout)
            return "anders" if self.build_id != since else "bezig" if self.titles else "klaar"

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()
        self._stop_background()
        shutil.rmtree(self.workdir, ignore_errors=True)
        for keep in (keep_parsed, keep_outlines, keep_valid):
            keep(False)
        atexit.unregister(self.close)


class DevServer:
    """Builds the project, serves the site on 127.0.0.1:port and rebuilds when watched files change.
    `allowed_hosts` are the host names a request may name (default: the loopback names, LOCAL_HOSTS)."""

    def __init__(self, project: Path, port: int, pdf: bool | None = None, poll: float = 0.05,
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
                self.builds.poll_background()
                now = snapshot(self.project)
                if now == state:
                    continue
                while not self.stopping.wait(self.poll):  # let an editor finish saving several files
                    settled = snapshot(self.project)
                    if settled == now:
                        break
                    now = settled
                changed = {path for path, _, _ in set(now) ^ set(state)}
                state = now
                if not self.stopping.is_set():
                    self.builds.rebuild(changed=changed)
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
