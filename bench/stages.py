"""The new stages of `make bench`, measured in one process with every module imported (what each stage costs
on its own, without Python's start and the imports, which the site build pays once too): the site build
(`build --no-pdf`), the release check inside it, `bestek diff`, `bestek export` and `bestek gunning`; and the
front end they all share (load; load, validate with the export's checks and the model), so that what diff and
export add on their own can be reported too.

Every measurement runs as the command does, under the command's garbage-collector setting (core/collector.py).
`bestek gunning` is measured side by side with what its target compares it with: round after round, half the
tender's own PDFs one after the other in this process, the award with 2 processes, then the other half; the mean
time per document of both halves is that round's average PDF (gunning_ratio: the median of the rounds' ratios).
Times on the bench machine drift by a tenth and more between minutes; a ratio of two figures measured minutes
apart would drift with them.

The site build and the stages compared with it are measured the same way: round after round the site build, then
the release check inside it, load, the front end, diff and export; each ratio is the median of the rounds' ratios.

    python bench/stages.py PROJECT OUT RUNS  ->  one JSON object on stdout (seconds and ratios, medians of RUNS)
"""
from __future__ import annotations

import json
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import generator.validate.project as validation  # noqa: E402
from generator import pipeline  # noqa: E402
from generator.core.collector import fewer_collections  # noqa: E402


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    project, out, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    release_checks: list[float] = []
    check_changes = validation.check_changes

    def measured(*args, **kwargs):  # the release check of validation, timed inside every build
        start = time.perf_counter()
        try:
            return check_changes(*args, **kwargs)
        finally:
            release_checks.append(time.perf_counter() - start)

    validation.check_changes = measured

    def site() -> None:
        shutil.rmtree(out, ignore_errors=True)
        pipeline.build(project, out, pdf=False)

    site()  # once to warm up (templates compiled, the PDF cache of the release looked at)
    from generator.load.project import load
    from generator.model.build import build_model
    from generator.render.environment import document_kinds, make_environment

    def front() -> None:  # what export does before its own stage (pipeline.export steps 1-3)
        loaded = load(project)
        validation.validate(loaded, document_kinds(make_environment(loaded.root)), False, {}, export=True)
        build_model(loaded)

    rounds: list[dict[str, float]] = []
    for _ in range(runs):  # side by side: each round the site build, then every stage compared with it
        release_checks.clear()
        figures = {"site_build_s": timed(site)}
        figures["release_check_s"] = sum(release_checks)  # the check inside that build
        figures["load_s"] = timed(lambda: load(project))
        figures["front_s"] = timed(front)
        figures["diff_s"] = timed(lambda: pipeline.diff(project))
        figures["export_s"] = timed(lambda: pipeline.export(project, out))
        rounds.append(figures)
    results = {name: statistics.median(r[name] for r in rounds) for name in rounds[0]}
    site_ratios = {  # each the median of the rounds' ratios to that round's site build
        "diff_ratio": lambda r: r["diff_s"] / r["site_build_s"],
        "release_check_ratio": lambda r: r["release_check_s"] / r["site_build_s"],
        "export_ratio": lambda r: r["export_s"] / r["site_build_s"],
        # what diff and export add to the front end every command shares (load; load, validate and the model)
        "diff_stage_ratio": lambda r: (r["diff_s"] - r["load_s"]) / r["site_build_s"],
        "export_stage_ratio": lambda r: (r["export_s"] - r["front_s"]) / r["site_build_s"]}
    results.update({name: statistics.median(ratio(r) for r in rounds) for name, ratio in site_ratios.items()})
    gunning_s, average_s = [], []
    pages, files = print_pages(project)
    before, after = halves(pages)
    for _ in range(runs):  # side by side: half the tender's PDFs, the award, the other half, in the same minute
        seconds = pdf_seconds(before, files)
        gunning_s.append(timed(lambda: pipeline.gunning(project, out, jobs=2)))
        seconds += pdf_seconds(after, files)
        average_s.append(sum(seconds) / len(seconds))
    ratios = [g / a for g, a in zip(gunning_s, average_s, strict=True)]
    results.update(gunning_s=statistics.median(gunning_s), gunning_pdf_average_s=statistics.median(average_s),
                   gunning_ratio=statistics.median(ratios))
    print(json.dumps(results))


def print_pages(project: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    """The print HTML of every document of the project, and the files its PDFs may ask for (as a build serves them)."""
    from generator.load.project import load
    from generator.model.build import build_model
    from generator.render.environment import make_environment, render_documents

    loaded = load(project)
    model = build_model(loaded)
    pages = {r.document.id: r.pdf_html for r in render_documents(model, make_environment(loaded.root))}
    logo = model.logo
    return pages, {**model.files, **({logo[0]: logo[1]} if logo else {})}


def halves(pages: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The documents in two halves of about the same size (largest first, dealt A B B A A B ...): measured before
    and after the award, a drift of the machine's speed during the round weighs on both sides of the ratio alike."""
    order = sorted(pages, key=lambda key: (-len(pages[key]), key))
    first = {key for i, key in enumerate(order) if i % 4 in (0, 3)}
    return ({k: pages[k] for k in order if k in first}, {k: pages[k] for k in order if k not in first})


def pdf_seconds(pages: dict[str, str], files: dict[str, bytes]) -> list[float]:
    """The time (s) of each PDF of these pages, rendered one after the other in this process, as `build --jobs 1`
    renders them (the figure pdf_average_s of bench/run.py is that build's)."""
    from generator.core.paths import THEME_DIR
    from generator.render.pdfpool import render_many

    seconds: list[float] = []
    render_many(pages, THEME_DIR, files, 1, lambda key, result: seconds.append(result.seconds))
    return seconds


if __name__ == "__main__":
    with fewer_collections():
        main()
