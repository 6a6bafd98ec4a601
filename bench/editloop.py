"""The edit loop of `make bench`: `bestek serve` on the large tender, a one-paragraph edit of one document
written to its file, and the time until the browser has the new page: the reload script's request for a
newer build number (`/__bestek/build-id?na=N`, the long poll it makes) is answered, and the page it then
loads shows the edit. Then the time until that document's PDF is there (`/__bestek/pdf-status`), and
whether any other PDF changed (none may).
"""
from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

BESTEK = [sys.executable, "-m", "generator"]
DOCUMENT = "content/documents/document-05.md"
ANCHOR = "## Paragraaf 2.1\n\n"


def get(url: str, timeout: float = 60.0) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # loopback only
        return response.read()


def measure(project: Path, runs: int, documents: list[str]) -> dict[str, float | int | bool]:
    process = subprocess.Popen([*BESTEK, "serve", "--project", str(project), "--port", "0"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, cwd=project)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = line.split(" op ", 1)[1].split(" ", 1)[0]
        path = project / DOCUMENT
        original = path.read_text(encoding="utf-8")
        reloads, pdfs, others_changed = [], [], 0
        for run in range(1, runs + 1):
            before = {d: get(f"{url}pdf/{d}.pdf") for d in documents}
            build = get(url + "__bestek/build-id").decode()
            answer: list[str] = []
            waiting = threading.Thread(target=lambda into, since: into.append(get(since).decode()),
                                       args=(answer, f"{url}__bestek/build-id?na={build}"))
            waiting.start()
            time.sleep(0.3)  # the long poll is waiting, as the browser's is
            words = f"Bewerking {run} van de benchmark."
            start = time.perf_counter()
            path.write_text(original.replace(ANCHOR, f"{ANCHOR}{words} ", 1), encoding="utf-8")
            waiting.join(timeout=60)
            page = get(f"{url}documenten/document-05.html").decode("utf-8")  # what the reload loads
            reloads.append(time.perf_counter() - start)
            assert answer and answer[0] != build and words in page, "the edit did not reach the page"
            assert "PDF wordt bijgewerkt" in page, "the served page does not say that the PDF follows"
            assert get(f"{url}__bestek/pdf-status?na={answer[0]}", timeout=600).decode() == "klaar"
            pdfs.append(time.perf_counter() - start)
            after = {d: get(f"{url}pdf/{d}.pdf") for d in documents}
            others_changed += sum(1 for d in documents if d != "document-05" and after[d] != before[d])
            assert after["document-05"] != before["document-05"], "the edited document's PDF did not change"
        path.write_text(original, encoding="utf-8")
        return {"edit_reload_s": statistics.median(reloads), "edit_reload_max_s": max(reloads),
                "edit_pdf_s": statistics.median(pdfs), "edit_other_pdfs_changed": others_changed}
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


if __name__ == "__main__":
    print(measure(Path(sys.argv[1]), int(os.environ.get("BESTEK_BENCH_RUNS", "3")),
                  [f"document-{d:02}" for d in range(1, 13)]))
