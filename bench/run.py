"""`make bench`: how fast Bestek builds, against WeasyPrint's own speed and the targets of issue 7.

Generates a large tender (bench/generate.py) and uses the default project; every figure is the median
of several runs of the real command line. Writes bench/results.json and prints a table.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.generate import generate  # noqa: E402
from generator.core import usercache  # noqa: E402

RUNS = int(os.environ.get("BESTEK_BENCH_RUNS", "3"))
BESTEK = [sys.executable, "-m", "generator"]
TARGETS = {  # key: (comparison, value, what)
    "overhead_ratio": ("<=", 1.05, "volledige build / alleen WeasyPrint"),
    "parallel_speedup": (">=", 1.8, "versnelling met 2 processen"),
    "noop_rebuild_s": ("<=", 0.3, "build zonder wijzigingen (s)"),
    "segment_edit_rebuild_s": ("<=", None, "build na bewerking van één segment, met de PDF's die het tonen (s)"),
    "segment_edit_without_pdfs_s": ("<=", 1.5, "dezelfde build zonder de PDF's die opnieuw moeten (s)"),
    "site_ms_per_page": ("<=", 8.0, "website per pagina (ms)"),
    "scaling_16x_ratio": ("<=", 17.0, "tijd bij 16x inhoud / 1x"),
    "peak_rss_mib": ("<=", 1536.0, "piekgeheugen grote aanbesteding (MiB)"),
    "check_large_s": ("<=", 0.5, "bestek check grote aanbesteding (s)"),
}


def run(*args: str, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([*BESTEK, *args], cwd=REPO, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, **(env or {})})
    return time.perf_counter() - start


def median(function, runs: int = RUNS) -> float:
    return statistics.median(function() for _ in range(runs))


def fresh(project: Path, out: Path) -> None:
    """No previous output and no PDF cache: the next build does everything. The cache lives in the
    user's cache folder, which main() points at a folder of its own (XDG_CACHE_HOME)."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(usercache.project_folder("pdf", project), ignore_errors=True)


def pdf_pages(folder: Path) -> int:
    from pypdf import PdfReader
    return sum(len(PdfReader(p).pages) for p in folder.glob("*.pdf"))


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bestek-bench-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # every run below, and fresh(), use this cache
    results: dict[str, float | int] = {}
    large = generate(work / "groot")
    out = work / "uit"

    # the HTML WeasyPrint gets, rendered once, for the raw baseline
    from generator.load.project import load
    from generator.model.build import build_model
    from generator.pipeline import check
    from generator.render.environment import make_environment, render_documents
    check(large)
    loaded = load(large)
    documents = render_documents(build_model(loaded), make_environment(loaded.root))
    html = work / "html"
    html.mkdir()
    for rendered in documents:
        (html / f"{rendered.document.id}.html").write_text(rendered.pdf_html, encoding="utf-8")

    def raw() -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, str(REPO / "bench" / "raw_weasyprint.py"), str(html)], cwd=REPO, check=True)
        return time.perf_counter() - start

    results["raw_weasyprint_s"] = median(raw)

    def full(jobs: str) -> float:
        fresh(large, out)
        return run("build", "--project", str(large), "--out", str(out), "--jobs", jobs, "--quiet")

    results["full_sequential_s"] = median(lambda: full("1"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    results["full_parallel_s"] = median(lambda: full("2"))
    results["peak_rss_mib"] = round(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024, 1)
    results["pdf_pages"] = pdf_pages(out / "pdf")
    results["overhead_ratio"] = round(results["full_sequential_s"] / results["raw_weasyprint_s"], 3)
    results["parallel_speedup"] = round(results["full_sequential_s"] / results["full_parallel_s"], 3)
    results["noop_rebuild_s"] = median(lambda: run("build", "--project", str(large), "--out", str(out), "--quiet"))
    results["check_large_s"] = median(lambda: run("check", "--project", str(large)))

    # the default project: one segment edited, only the PDFs that show it render again
    default = work / "standaard"
    shutil.copytree(REPO / "content", default / "content")
    shutil.copy(REPO / "config.yaml", default / "config.yaml")
    default_out = work / "standaard-uit"
    fresh(default, default_out)
    results["default_full_s"] = round(run("build", "--project", str(default), "--out", str(default_out),
                                          "--quiet"), 3)
    segments = default / "content" / "segments.yaml"
    original = segments.read_text(encoding="utf-8")
    edits = iter(range(1, 1000))

    def edit() -> float:
        segments.write_text(original.replace("name: Wonen", f"name: Wonen ({next(edits)})"), encoding="utf-8")
        return run("build", "--project", str(default), "--out", str(default_out), "--quiet")

    results["segment_edit_rebuild_s"] = median(edit)
    before_edit = {p.name: p.read_bytes() for p in (default_out / "pdf").glob("*.pdf")}
    edit()
    results["segment_edit_pdfs"] = sum(1 for p in (default_out / "pdf").glob("*.pdf")
                                       if p.read_bytes() != before_edit.get(p.name))

    def edit_without_pdfs() -> float:  # everything but the affected PDFs: the part the 1.5 s target is about
        segments.write_text(original.replace("name: Wonen", f"name: Wonen ({next(edits)})"), encoding="utf-8")
        return run("build", "--project", str(default), "--out", str(default_out), "--no-pdf", "--quiet")

    run("build", "--project", str(default), "--out", str(default_out), "--no-pdf", "--quiet")
    results["segment_edit_without_pdfs_s"] = median(edit_without_pdfs)

    # the website alone, per page (build without PDFs minus check)
    def site() -> float:
        fresh(large, out)
        return run("build", "--project", str(large), "--out", str(out), "--no-pdf", "--quiet")

    site_s = median(site)
    pages = len(list((out / "site").rglob("*.html")))
    results["site_pages"] = pages
    results["site_ms_per_page"] = round(max(0.0, site_s - results["check_large_s"]) / pages * 1000, 2)

    # scaling: check and website at 1x, 4x and 16x the content
    def scaled(scale: int) -> float:
        project = generate(work / f"schaal-{scale}", scale=scale)
        target = work / f"schaal-{scale}-uit"

        def once() -> float:
            fresh(project, target)
            return run("build", "--project", str(project), "--out", str(target), "--no-pdf", "--quiet")
        return median(once)

    base = scaled(1)
    results["scaling_1x_s"] = round(base, 3)
    results["scaling_4x_ratio"] = round(scaled(4) / base, 2)
    results["scaling_16x_ratio"] = round(scaled(16) / base, 2)
    for key in ("raw_weasyprint_s", "full_sequential_s", "full_parallel_s", "noop_rebuild_s", "check_large_s",
                "segment_edit_rebuild_s", "segment_edit_without_pdfs_s"):
        results[key] = round(results[key], 3)

    # next to the benchmark, not in build/: that folder belongs to `bestek build` alone
    (REPO / "bench" / "results.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{'meting':<28}{'waarde':>12}  doel")
    for key, value in sorted(results.items()):
        target = TARGETS.get(key)
        verdict = ""
        if target and target[1] is not None:
            ok = value <= target[1] if target[0] == "<=" else value >= target[1]
            verdict = f"{target[0]} {target[1]}  {'gehaald' if ok else 'NIET gehaald'}"
        print(f"{key:<28}{value:>12}  {verdict}")
    print(f"\n{RUNS} metingen per cijfer (mediaan); uitgeschreven naar bench/results.json")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
