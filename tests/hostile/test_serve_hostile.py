"""`bestek serve` under hostile requests and broken rebuilds: odd paths are 400/404 and never a
traceback, foreign Host headers are refused (DNS rebinding), every response carries a
Content-Security-Policy (attachments: nothing runs), a rebuild that crashes shows a Dutch error page
and the watcher keeps watching, and the temporary folder is gone after every way out. In Chromium:
the reload script works under the policy.
"""
from __future__ import annotations

import http.client
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import generator.serve
from generator.core.errors import EnvironmentProblem
from generator.serve import FILE_POLICY, RELOAD_PATH, SITE_POLICY, DevServer

from ..browser import Chromium


def request(server: DevServer, path: str, host: str | None = None, method: str = "GET"):
    port = server.server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest(method, path, skip_host=True)
    connection.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
    connection.endheaders()
    response = connection.getresponse()
    body = response.read().decode("utf-8")
    connection.close()
    return response.status, dict(response.getheaders()), body


def wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


@pytest.fixture
def served(make_project):
    log = io.StringIO()
    server = DevServer(make_project(), 0, poll=0.1, log=log)
    server.start()
    yield server, log
    server.close()


@pytest.mark.parametrize("path", ["/%00", "/index.html%00.png", "/%ff.html", "/bestanden/%c0%af", "/a%0d%0aSet-Cookie:x"])
def test_undecodable_paths_are_400_in_dutch_without_a_traceback(served, path, capfd):
    server, log = served
    status, headers, body = request(server, path)
    assert (status, body) == (400, "Dit adres bestaat niet op deze website (het bevat tekens die geen pad kunnen "
                                   "zijn).\n")
    assert headers["Content-Security-Policy"] == FILE_POLICY
    assert "Traceback" not in capfd.readouterr().err + log.getvalue()
    assert request(server, "/")[0] == 200  # the server lives on


@pytest.mark.parametrize("path", ["/../../../etc/passwd", "/bestanden/", "/nergens.html", "/segmenten.html/",
                                  "/assets/style.css/"])
def test_paths_outside_the_site_or_without_a_page_are_404_in_dutch(served, path):
    status, _, body = request(served[0], path)
    assert (status, body) == (404, "Dit bestand bestaat niet op deze website.\n")


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "localhost", "", "127.0.0.2:{port}"])
def test_a_foreign_host_header_is_refused(served, host):
    server = served[0]
    status, _, body = request(server, "/index.html", host.format(port=server.server.server_address[1]))
    assert (status, body) == (403, f"bestek serve antwoordt alleen op de adressen van deze computer; open de website "
                                   f"via {server.url}\n")


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}", "LOCALHOST:{port}"])
def test_the_loopback_names_with_the_port_are_accepted(served, host):
    server = served[0]
    assert request(server, "/index.html", host.format(port=server.server.server_address[1]))[0] == 200


def test_allowed_hosts_names_other_host_names(make_project):
    server = DevServer(make_project(), 0, log=io.StringIO(), allowed_hosts=["tender.test"])
    server.start()
    try:
        port = server.server.server_address[1]
        assert request(server, "/", f"tender.test:{port}")[0] == 200
        assert request(server, "/", f"127.0.0.1:{port}")[0] == 403
    finally:
        server.close()


def test_every_response_carries_a_policy_and_attachments_run_nothing(served):
    server = served[0]
    site = server.builds.current()[1]
    (site / "bestanden").mkdir(exist_ok=True)
    (site / "bestanden" / "kaart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    for path, policy in (("/", SITE_POLICY), ("/segmenten/crisis.html", SITE_POLICY), (RELOAD_PATH, SITE_POLICY),
                         ("/assets/style.css", FILE_POLICY), ("/bestanden/kaart.svg", FILE_POLICY),
                         ("/__bestek/build-id", FILE_POLICY), ("/nergens.png", FILE_POLICY)):
        for method in ("GET", "HEAD"):
            status, headers, _ = request(server, path, method=method)
            assert status in (200, 404)
            assert (headers["Content-Security-Policy"], headers["X-Content-Type-Options"]) == (policy, "nosniff"), path
    assert FILE_POLICY == "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox"


def test_a_crashing_rebuild_shows_an_error_page_and_the_watcher_keeps_watching(served, monkeypatch):
    server, log = served
    real_build, real_quick = generator.serve.build, generator.serve.quick
    for name in ("build", "quick"):  # the full build and the quick one (which falls back on the full one)
        monkeypatch.setattr(generator.serve, name, lambda *a, **k: (_ for _ in ()).throw(RuntimeError("kapot")))
    segments = server.project / "content" / "segments.yaml"
    original = segments.read_text(encoding="utf-8")
    segments.write_text(original.replace("name: Crisis", "name: Acute hulp"), encoding="utf-8")
    wait_for(lambda: server.builds.current()[0] == 2)
    message = ("interne fout in Bestek bij het opnieuw maken van de website (RuntimeError). Sla het bestand opnieuw op "
               "om het nog eens te proberen; blijft de fout, meld dit dan aan de ontwikkelaars (met 'bestek build "
               "--debug' voor details).")
    status, _, page = request(server, "/index.html")
    assert status == 200 and "<h1>De website kon niet worden gemaakt</h1>" in page
    assert message.replace("'", "&#x27;") in page
    assert "kapot" not in page and "Traceback" not in log.getvalue()
    monkeypatch.setattr(generator.serve, "build", real_build)
    monkeypatch.setattr(generator.serve, "quick", real_quick)
    segments.write_text(original.replace("name: Crisis", "name: Spoed"), encoding="utf-8")
    # the watcher polls every 0.05 s and may catch the file half written (a build with a content error page)
    # before the whole write: wait for the page, not for one build number
    wait_for(lambda: server.builds.current()[0] >= 3
             and "<h1>Spoed</h1>" in request(server, "/segmenten/crisis.html")[2])
    assert all(thread.is_alive() for thread in server.threads)


def test_a_failing_first_build_and_close_leave_no_folder(make_project, monkeypatch):
    def no_pagefind(*args, **kwargs):
        raise EnvironmentProblem("Pagefind ontbreekt")

    monkeypatch.setattr(generator.serve, "build", no_pagefind)
    server = DevServer(make_project(), 0, log=io.StringIO())
    with pytest.raises(EnvironmentProblem):
        server.start()
    assert not server.builds.workdir.exists()


SERVE = [sys.executable, "-m", "generator", "serve", "--port", "0", "--project"]


def _start(project: Path, temp: Path) -> subprocess.Popen:
    process = subprocess.Popen([*SERVE, str(project)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "TMPDIR": str(temp)})
    assert process.stdout.readline().startswith("Bestek toont de website op http://127.0.0.1:")
    assert len(list(temp.iterdir())) == 1
    return process


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_stop_cleanly_and_leave_no_files(make_project, tmp_path, signum):
    temp = tmp_path / "temp"
    temp.mkdir()
    process = _start(make_project(), temp)
    try:
        process.send_signal(signum)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert (process.returncode, out, list(temp.iterdir())) == (0, "Gestopt.\n", [])
    assert "Traceback" not in err


def test_sigterm_during_the_first_build_leaves_no_files(make_project, tmp_path):
    temp = tmp_path / "temp"
    temp.mkdir()
    process = subprocess.Popen([*SERVE, str(make_project())], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env={**os.environ, "TMPDIR": str(temp)})
    try:
        wait_for(lambda: any(temp.iterdir()), timeout=30)  # the server's folder exists: the first build runs
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Traceback" not in err
    assert list(temp.iterdir()) == []


def test_a_program_that_never_closes_the_server_leaves_no_files_at_exit(make_project, tmp_path):
    """atexit: the last way out that runs code."""
    temp = tmp_path / "temp"
    temp.mkdir()
    script = ("import sys; from pathlib import Path; from generator.serve import DevServer; "
              f"s = DevServer(Path({str(make_project())!r}), 0, log=sys.stderr); s.builds.rebuild(first=True); "
              "print(s.builds.workdir.exists()); raise SystemExit(0)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TMPDIR": str(temp)})
    assert done.stdout == "True\n"
    assert list(temp.iterdir()) == []


def test_in_chromium_the_reload_script_runs_under_the_policy(served):
    server = served[0]
    segments = server.project / "content" / "segments.yaml"
    with Chromium() as browser:
        tab = browser.page()
        tab.goto(server.url + "segmenten/crisis.html")
        assert tab.evaluate("document.querySelector('h1').textContent") == "Crisis"
        assert tab.evaluate(f"!!document.querySelector('script[src=\"{RELOAD_PATH}\"]')")
        segments.write_text(segments.read_text(encoding="utf-8").replace("name: Crisis", "name: Spoed"),
                            encoding="utf-8")
        browser.wait_for_event("Page.loadEventFired", tab.session, timeout=30)  # the page reloaded itself
        assert tab.evaluate("document.querySelector('h1').textContent") == "Spoed"


def test_the_host_option_of_the_command_line_adds_a_name(make_project, capsys):
    """`bestek serve --host tender.test` accepts that name as well as the loopback names, nothing else;
    a value that is no host name is a Dutch usage error."""
    from generator.cli import main

    assert main(["serve", "--host", "evil.test:80"]) == 2
    assert capsys.readouterr().err.startswith("ongeldige aanroep: bij --host: 'evil.test:80' is geen hostnaam")
    project = make_project()
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--project", str(project), "--port",
                                str(port), "--host", "tender.test", "--no-pdf"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert "Bestek toont de website op" in process.stdout.readline()

        def status(host: str) -> int:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.putrequest("GET", "/index.html", skip_host=True)
            connection.putheader("Host", host)
            connection.endheaders()
            code = connection.getresponse().status
            connection.close()
            return code
        assert [status(f"tender.test:{port}"), status(f"localhost:{port}"), status(f"evil.test:{port}")] == \
            [200, 200, 403]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
