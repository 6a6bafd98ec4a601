"""`make bench`: how fast Bestek is where the officer feels it (issue 19), every target a ratio or a time
measured side by side in one run, each figure the median of several runs (BESTEK_BENCH_RUNS, default 3).

Generates the large tender (bench/generate.py) with its confidential evaluation, and measures: WeasyPrint
alone on Bestek's print HTML against full builds with one and two processes (per worker how long it was
busy, per process its peak memory, and the bound the longest document sets), the no-op rebuild, `check`
against `build --no-pdf`, the site per page against MkDocs on the same Markdown (MkDocs from the bench's own
venv: `make bench` makes .venv-bench; it is no dependency of Bestek), the edit loop of `bestek serve`
(bench/editloop.py), the new stages (bench/stages.py) after a release, and site builds at 4x and 16x the
content. Prints every figure with its target, writes build/bench.json, and exits 1 when a target is missed.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import editloop  # noqa: E402
from bench.generate import evaluation, generate  # noqa: E402
from generator.core import usercache  # noqa: E402
from generator.write.output import MARKER, is_marker  # noqa: E402

RUNS = int(os.environ.get("BESTEK_BENCH_RUNS", "3"))
BESTEK = [sys.executable, "-m", "generator"]
MKDOCS = Path(os.environ.get("BESTEK_BENCH_MKDOCS", REPO / ".venv-bench" / "bin" / "mkdocs"))
RESULTS = REPO / "build" / "bench.json"
TARGETS = {  # key: (comparison, value, what)
    "edit_reload_s": ("<=", 0.3, "bestek serve: bewerking tot herladen pagina (s)"),
    "edit_other_pdfs_changed": ("<=", 0, "andere PDF's geraakt door die bewerking"),
    "check_large_s": ("<=", 0.3, "bestek check grote aanbesteding (s)"),
    "check_ratio": ("<=", 0.5, "check / build --no-pdf"),
    "site_vs_mkdocs": ("<=", 0.7, "website ms per pagina / MkDocs ms per pagina"),
    "parallel_speedup": (">=", 1.8, "versnelling met 2 processen"),
    "overhead_ratio": ("<=", 1.05, "volledige build / alleen WeasyPrint"),
    "noop_rebuild_s": ("<=", 0.3, "build zonder wijzigingen (s)"),
    "diff_ratio": ("<=", 0.2, "bestek diff / build --no-pdf"),
    "release_check_ratio": ("<=", 0.2, "releasecontrole in de build / build --no-pdf"),
    "export_ratio": ("<=", 0.2, "bestek export / build --no-pdf"),
    "gunning_ratio": ("<=", 3.0, "bestek gunning (30 inschrijvers, 5 percelen) / gemiddelde PDF"),
    "peak_rss_mib": ("<=", 400.0, "piekgeheugen met 2 processen, het grootste proces (MiB)"),
    "scaling_16x_ratio": ("<=", 17.0, "tijd bij 16x inhoud / 1x"),
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


def reports(path: Path) -> list[dict]:
    """What the PDF pool wrote (render/pdfpool.py REPORT), one object per build, and empty the file."""
    found = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
    path.unlink(missing_ok=True)
    return found


def pdf_figures(results: dict, large: Path, out: Path, work: Path) -> None:
    """WeasyPrint alone against full builds with 1 and 2 processes; per worker its busy time and memory."""
    from generator.load.project import load
    from generator.model.build import build_model
    from generator.render.environment import make_environment, render_documents

    loaded = load(large)  # the HTML WeasyPrint gets, rendered once, for the raw baseline
    html = work / "html"
    html.mkdir()
    for rendered in render_documents(build_model(loaded), make_environment(loaded.root)):
        (html / f"{rendered.document.id}.html").write_text(rendered.pdf_html, encoding="utf-8")

    def raw() -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, str(REPO / "bench" / "raw_weasyprint.py"), str(html)], cwd=REPO, check=True)
        return time.perf_counter() - start

    report = work / "pdfpool.jsonl"
    env = {"BESTEK_BENCH_REPORT": str(report)}

    def full(jobs: str) -> float:
        fresh(large, out)
        return run("build", "--project", str(large), "--out", str(out), "--jobs", jobs, "--quiet", env=env)

    # side by side: raw, 1 process, 2 processes, round after round, so drift hits all three alike
    raws, sequential, parallel = [], [], []
    for _ in range(RUNS):
        raws.append(raw())
        sequential.append(full("1"))
        parallel.append(full("2"))
    pools = reports(report)
    one = [p for p in pools if p["workers"] == 1]
    two = [p for p in pools if p["workers"] == 2]
    results["raw_weasyprint_s"] = round(statistics.median(raws), 3)
    results["full_sequential_s"] = round(statistics.median(sequential), 3)
    results["full_parallel_s"] = round(statistics.median(parallel), 3)
    results["overhead_ratio"] = round(results["full_sequential_s"] / results["raw_weasyprint_s"], 3)
    results["parallel_speedup"] = round(results["full_sequential_s"] / results["full_parallel_s"], 3)
    documents = one[-1]["documents"]
    total = sum(d["seconds"] for d in documents.values())
    longest = max(documents, key=lambda k: documents[k]["seconds"])
    results["pdf_seconds_sequential"] = round(total, 3)
    results["pdf_average_s"] = round(total / len(documents), 3)
    results["pdf_longest"] = f"{longest} ({documents[longest]['seconds']:.2f} s)"
    results["pdf_longest_exceeds_rest"] = documents[longest]["seconds"] > total - documents[longest]["seconds"]
    results["pdf_speedup_bound_2"] = round(total / max(documents[longest]["seconds"], total / 2), 3)
    last = two[-1]
    results["pdf_workers_busy_s"] = [w["busy_s"] for w in last["per_worker"]]
    results["pdf_pool_wall_s"] = last["wall_s"]
    results["peak_rss_main_mib"] = max(p["main_peak_rss_mib"] for p in two)
    results["peak_rss_workers_mib"] = [w["peak_rss_mib"] for w in last["per_worker"]]
    # the largest process (what one process may take), and all of them added up: an upper bound, as the pages
    # a worker shares with the build it was forked from count in both
    results["peak_rss_mib"] = max(max(p["main_peak_rss_mib"], *(w["peak_rss_mib"] for w in p["per_worker"]))
                                  for p in two)
    results["peak_rss_sum_mib"] = max(p["main_peak_rss_mib"] + sum(w["peak_rss_mib"] for w in p["per_worker"])
                                      for p in two)


def mkdocs_ms_per_page(large: Path, work: Path) -> tuple[float, int] | None:
    """MkDocs (1.6, the bench's own venv) on the large tender's documents as plain Markdown pages."""
    if not MKDOCS.exists():
        return None
    docs = work / "mkdocs" / "docs"
    docs.mkdir(parents=True)
    for source in sorted((large / "content" / "documents").glob("*.md")):
        text = source.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text  # without the front matter
        (docs / source.name).write_text(body, encoding="utf-8")
    (docs / "index.md").write_text("# Benchmark\n\nDe documenten van de aanbesteding.\n", encoding="utf-8")
    config = work / "mkdocs" / "mkdocs.yml"
    config.write_text("site_name: Benchmark\nuse_directory_urls: false\n", encoding="utf-8")
    site = work / "mkdocs" / "site"

    def once() -> float:
        shutil.rmtree(site, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([str(MKDOCS), "build", "-q", "-f", str(config), "-d", str(site)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start

    seconds = median(once)
    pages = sum(1 for p in site.rglob("*.html") if p.name != "404.html")
    return seconds / pages * 1000, pages


def main() -> int:
    if not is_marker(RESULTS.parent / MARKER):
        print(f"{RESULTS.parent} is geen uitvoermap van Bestek; maak die eerst met 'make build' (make bench doet dat)")
        return 2
    # the bytecode of Bestek, as pip compiles it when it installs the wheel (an editable install, and a shell
    # with PYTHONDONTWRITEBYTECODE, would otherwise compile every module on every start)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "generator")], check=True,
                   stdout=subprocess.DEVNULL)
    work = Path(tempfile.mkdtemp(prefix="bestek-bench-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # every run below, and fresh(), use this cache
    results: dict = {"runs": RUNS}
    large = evaluation(generate(work / "groot"))
    out = work / "uit"
    pdf_figures(results, large, out, work)
    results["noop_rebuild_s"] = round(median(lambda: run("build", "--project", str(large), "--out", str(out),
                                                         "--quiet")), 3)
    results["edit_loop"] = "bestek serve, one paragraph of document-05.md, browser's long poll answered + page"
    results.update({k: round(v, 3) if isinstance(v, float) else v
                    for k, v in editloop.measure(large, RUNS, [f"document-{d:02}" for d in range(1, 13)]).items()})

    run("release", "--project", str(large))  # releases/1.0 (its PDFs come from the cache): builds compare with it

    def check() -> float:
        return run("check", "--project", str(large))

    def site() -> float:
        shutil.rmtree(out, ignore_errors=True)
        return run("build", "--project", str(large), "--out", str(out), "--no-pdf", "--quiet")

    checks, sites = [], []
    for _ in range(RUNS):  # side by side
        checks.append(check())
        sites.append(site())
    results["check_large_s"] = round(statistics.median(checks), 3)
    results["site_build_s"] = round(statistics.median(sites), 3)
    results["check_ratio"] = round(results["check_large_s"] / results["site_build_s"], 3)
    pages = len(list((out / "site").rglob("*.html")))
    results["site_pages"] = pages
    results["site_ms_per_page"] = round(results["site_build_s"] / pages * 1000, 2)
    mkdocs = mkdocs_ms_per_page(large, work)
    if mkdocs is not None:
        results["mkdocs_ms_per_page"], results["mkdocs_pages"] = round(mkdocs[0], 2), mkdocs[1]
        results["site_vs_mkdocs"] = round(results["site_ms_per_page"] / mkdocs[0], 3)

    stages = json.loads(subprocess.run([sys.executable, str(REPO / "bench" / "stages.py"), str(large), str(out),
                                        str(RUNS)], check=True, capture_output=True, text=True).stdout)
    site_ratios = ("diff_ratio", "release_check_ratio", "export_ratio", "diff_stage_ratio", "export_stage_ratio")
    results.update({f"stage_{k}": round(v, 3) for k, v in stages.items() if k not in site_ratios})
    # measured side by side in stages.py: each round's diff, release check and export over that round's site build,
    # and what diff and export add to the front end every command shares (load; load, validate and the model),
    # which check_large_s measures on its own (the two *_stage_ratio: reported, no target); each round's award over
    # that round's average PDF (pdf_average_s above is the same figure, from the builds at the start of the run)
    for name in site_ratios:
        results[name] = round(stages[name], 3)
    results["gunning_ratio"] = round(stages["gunning_ratio"], 3)

    def scaled(scale: int) -> float:  # site builds at 1x, 4x and 16x the content
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
    shutil.rmtree(work, ignore_errors=True)
    return report(results)


def report(results: dict) -> int:
    """The table, build/bench.json (in the output folder of `make build`, which the next build that changes
    anything replaces as a whole), and 1 when a target is missed."""
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    missed = []
    print(f"{'meting':<30}{'waarde':>14}  doel")
    for key, value in sorted(results.items()):
        target = TARGETS.get(key)
        verdict = ""
        if target is not None:
            ok = value <= target[1] if target[0] == "<=" else value >= target[1]
            verdict = f"{target[0]} {target[1]}  {'gehaald' if ok else 'NIET gehaald'}  ({target[2]})"
            missed += [] if ok else [key]
        shown = value if not isinstance(value, (list, str)) else json.dumps(value, ensure_ascii=False)
        print(f"{key:<30}{shown!s:>14}  {verdict}")
    missing = [key for key in TARGETS if key not in results]
    for key in missing:
        print(f"{key:<30}{'-':>14}  niet gemeten ({TARGETS[key][2]})")
    print(f"\n{RUNS} metingen per cijfer (mediaan); uitgeschreven naar {RESULTS.relative_to(REPO)}")
    if missed or missing:
        print(f"NIET gehaald: {', '.join(missed + missing)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
