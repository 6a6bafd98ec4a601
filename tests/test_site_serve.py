"""`bestek serve`: serves the site on 127.0.0.1, rebuilds on change, shows errors, stops cleanly.

Waits are bounded (a few seconds each, polling every 0.1 s); only loopback addresses are used.
"""
from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from generator.core.errors import EnvironmentProblem
from generator.serve import BUILD_ID_PATH, RELOAD_PATH, DevServer


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
        return response.read().decode("utf-8")


def wait_for_build(server: DevServer, build_id: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while get(server.url + BUILD_ID_PATH.lstrip("/")) != str(build_id):
        if time.monotonic() > deadline:
            raise AssertionError(f"no build {build_id} within {timeout} s")
        time.sleep(0.1)


def wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s")
        time.sleep(0.05)


@pytest.fixture
def served(make_project):
    project = make_project()
    server = DevServer(project, 0, poll=0.1, log=io.StringIO())
    server.start()
    yield project, server
    server.close()


def test_serves_the_site_with_a_reload_script_that_is_not_in_the_build(served):
    project, server = served
    assert server.url.startswith("http://127.0.0.1:")
    page = get(server.url + "segmenten/crisis.html")
    assert "<h1>Crisis</h1>" in page
    assert f'<script src="{RELOAD_PATH}" data-build="1"></script>\n</body>' in page
    assert f'fetch("{BUILD_ID_PATH}?na=" + id, {{cache: "no-store"}})' in get(server.url + RELOAD_PATH.lstrip("/"))
    assert get(server.url).startswith("<!DOCTYPE html>")  # a folder serves its index.html
    assert get(server.url + "assets/style.css").startswith("/* Site stylesheet")
    assert get(server.url + BUILD_ID_PATH.lstrip("/")) == "1"
    built = server.builds.current()[1]
    assert "__bestek" not in (built / "segmenten" / "crisis.html").read_text(encoding="utf-8")


def test_rebuilds_on_a_change_and_shows_errors_until_they_are_fixed(served):
    project, server = served
    segments = project / "content" / "segments.yaml"
    original = segments.read_text(encoding="utf-8")
    segments.write_text(original.replace("name: Crisis", "name: Acute hulp"), encoding="utf-8")
    wait_for_build(server, 2)
    assert "<h1>Acute hulp</h1>" in get(server.url + "segmenten/crisis.html")

    segments.write_text(original.replace("name: Crisis", "naam: Crisis"), encoding="utf-8")
    wait_for_build(server, 3)
    page = get(server.url + "index.html")
    assert "<h1>De website kon niet worden gemaakt</h1>" in page
    assert "<p>2 fouten:</p>" in page
    assert "content/segments.yaml:3:5: onbekend veld &#x27;naam&#x27;; bedoelt u &#x27;name&#x27;?" in page
    assert f'<script src="{RELOAD_PATH}" data-build="3"></script>' in page  # the error page reloads itself too

    segments.write_text(original, encoding="utf-8")
    wait_for_build(server, 4)
    assert "<h1>Crisis</h1>" in get(server.url + "segmenten/crisis.html")
    wait_for(lambda: server.builds.background is None)  # the full build in the background has ended
    assert len(list(server.builds.workdir.iterdir())) <= 2  # old builds are cleaned up


def test_a_port_in_use_is_an_environment_error(make_project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(EnvironmentProblem, match=f"poort {port} is al in gebruik; kies een andere met --port"):
            DevServer(make_project(), port)


def test_ctrl_c_stops_cleanly_and_leaves_no_files(make_project, tmp_path):
    temp = tmp_path / "temp"
    temp.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--project", str(make_project()),
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "TMPDIR": str(temp)})
    try:
        first = process.stdout.readline()
        assert first.startswith("Bestek toont de website op http://127.0.0.1:")
        url = first.split(" op ", 1)[1].split(" ", 1)[0]
        assert "<h1>Crisis</h1>" in get(url + "segmenten/crisis.html")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0
    assert out == "Gestopt.\n"
    assert "Traceback" not in err
    assert list(temp.iterdir()) == []


def test_an_edit_shows_at_once_and_its_pdf_follows_in_the_background(make_project):
    """The edited document's page is rebuilt alone; while its PDF is made, every served page says so (the built
    site does not), and the page reloads when it is there; the other document's PDF is left as it was."""
    from generator.serve import PDF_STATUS_PATH
    from tests.test_site_update import SECOND

    project = make_project({"config.yaml": "site:\n  title: Testland\n", "content/documents/bijlage.md": SECOND})
    server = DevServer(project, 0, poll=0.05, log=io.StringIO())
    server.start()
    try:
        def pdf(name: str) -> bytes:
            with urllib.request.urlopen(f"{server.url}pdf/{name}.pdf", timeout=10) as response:
                return response.read()

        before = {name: pdf(name) for name in ("notitie", "bijlage")}
        notes = project / "content" / "documents" / "notitie.md"
        notes.write_text(notes.read_text(encoding="utf-8").replace("# Segmenten", "Een nieuwe alinea.\n\n# Segmenten"),
                         encoding="utf-8")
        assert get(server.url + BUILD_ID_PATH.lstrip("/") + "?na=1") == "2"  # answered as soon as build 2 is there
        page = get(server.url + "documenten/notitie.html")
        assert "Een nieuwe alinea." in page
        assert ('<p class="bestek-serve-status" role="status">PDF wordt bijgewerkt: Notitie inkoop. De website toont '
                "de nieuwe tekst al; deze pagina ververst vanzelf als de PDF klaar is.</p>") in page
        assert f'<script src="{RELOAD_PATH}" data-build="2" data-pdf=""></script>' in page
        built = server.builds.current()[1]
        assert "PDF wordt bijgewerkt" not in (built / "documenten" / "notitie.html").read_text(encoding="utf-8")
        assert get(server.url + PDF_STATUS_PATH.lstrip("/") + "?na=2") == "klaar"  # waits for the background build
        assert "PDF wordt bijgewerkt" not in get(server.url + "documenten/notitie.html")
        assert server.builds.current()[0] == 2  # the same build, now with its PDFs
        assert pdf("notitie") != before["notitie"]
        assert pdf("bijlage") == before["bijlage"]
    finally:
        server.close()
