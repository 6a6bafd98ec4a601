"""Fuzzing the default project: every mutation gives a clean build or positioned content errors.

Each case copies the default project, mutates one of its content files the way a careless colleague or
an attacker would (deleting, duplicating and swapping lines and characters, or replacing a value with
a hostile token: YAML tags, control characters, huge numbers, NaN, dates with times, surrogates, Markdown
floods) and runs `bestek check` through the real command line in a fresh process. The case fails on an
exit code other than 0 or 1, on a traceback or an internal error, on output that is not a positioned
message, or on a run over 20 seconds. Every fifth case also builds the site, which must agree with the
check: "In orde" means the build succeeds.

`make test` runs FUZZ_CASES cases from a fixed seed; `make fuzz` runs many more
(BESTEK_FUZZ_CASES=400 BESTEK_FUZZ_SEED=...).
"""
from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from ..conftest import REPO

FUZZ_CASES = int(os.environ.get("BESTEK_FUZZ_CASES", "30"))
FUZZ_SEED = int(os.environ.get("BESTEK_FUZZ_SEED", "20261201"))
TIME_LIMIT = 20.0
#: values an attacker or a confused colleague puts where a value stands
HOSTILE_TOKENS = [
    "!!python/object/apply:os.system ['touch hacked']", "!!bool misschien", "!!timestamp volgende week",
    "!!float nan", ".nan", "1.0e400", "-1.0e400", "1" + "0" * 400, "99999999999999999999", "-0", "0.0",
    "2025-04-22 10:00:00", "2025-04-22T10:00:00+02:00", "9999-12-31", "0001-01-01", "2025-02-30",
    '"\\ud800"', '"\\x0b"', '"wonen\\n"', "\x0b", "\x00", "\x0c", "\x85", "\u200b", "\u202e", "\ufeff",
    "&anker [1]", "*anker", "<<: {a: 1}", "{a: [", "[[[[", "~", "''", "- - -", "? x", "|", ">-",
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "![x](/etc/passwd)", "![x](../../etc/passwd)",
    "[x](.git/config)", "{{ segmenten }}", "{{ onbekend }}", "[[segment:bestaat-niet]]", "[[datum:x]]",
    "[^1]", "# Kop {bijlage}", "wоnen", "crisis\u200b", "x" * 5000, "[^" * 3000, "#" * 300,
]
MESSAGE = re.compile(r"[^\n:]+:\d+:\d+: .+")
SUMMARY = re.compile(r"\d+ (fout(en)?|waarschuwing(en)?) gevonden\.|(In orde|Klaar|Niets gewijzigd): .*")


def _mutate(rng: random.Random, text: str) -> tuple[str, str]:
    """One mutation of a file's text, and what it was (for the failure message)."""
    lines = text.split("\n")
    kind = rng.choice(["delete-line", "duplicate-line", "swap-lines", "delete-char", "duplicate-char",
                       "swap-chars", "token", "token", "token", "indent"])
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    if kind == "delete-line":
        del lines[i]
    elif kind == "duplicate-line":
        lines.insert(i, lines[i])
    elif kind == "swap-lines":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent":
        lines[i] = " " * rng.choice([1, 2, 3, 4, 8]) + lines[i]
    elif kind in ("delete-char", "duplicate-char", "swap-chars") and len(text) > 2:
        k = rng.randrange(len(text) - 1)
        text = (text[:k] + text[k + 1:] if kind == "delete-char" else
                text[:k] + text[k] + text[k:] if kind == "duplicate-char" else
                text[:k] + text[k + 1] + text[k] + text[k + 2:])
        return text, f"{kind} at {k}"
    else:
        token = rng.choice(HOSTILE_TOKENS)
        line = lines[i]
        if ": " in line and rng.random() < 0.7:  # replace a YAML value (or a front matter field)
            key = line[:line.index(": ") + 2]
            lines[i] = key + token
        else:  # put the token inside the line
            k = rng.randrange(len(line) + 1)
            lines[i] = line[:k] + token + line[k:]
        return "\n".join(lines), f"token {token[:40]!r} on line {i + 1}"
    return "\n".join(lines), f"{kind} {i + 1}" + (f"/{j + 1}" if kind == "swap-lines" else "")


def _run(args: list[str], cwd: Path) -> tuple[int, str, str, float]:
    start = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True,
                              text=True, timeout=TIME_LIMIT * 2, env={**os.environ, "PYTHONPATH": str(REPO)})
    except subprocess.TimeoutExpired:
        return -1, "", "", time.monotonic() - start
    return done.returncode, done.stdout, done.stderr, time.monotonic() - start


def _problems(code: int, out: str, err: str, seconds: float) -> list[str]:
    problems = []
    if code not in (0, 1):
        problems.append(f"exit {code}")
    if "Traceback" in out + err or "interne fout" in out + err:
        problems.append("traceback or internal error")
    if seconds > TIME_LIMIT:
        problems.append(f"took {seconds:.1f} s")
    for line in (out + err).splitlines():
        if not (MESSAGE.fullmatch(line) or SUMMARY.fullmatch(line)):
            problems.append(f"not a positioned message: {line[:120]!r}")
    return problems


@pytest.fixture(scope="module")
def default_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-source")
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    shutil.copytree(REPO / "content", root / "content")
    return root


def test_fuzzed_default_project(default_project, tmp_path):
    rng = random.Random(FUZZ_SEED)
    files = sorted(p.relative_to(default_project).as_posix() for p in default_project.rglob("*")
                   if p.suffix in (".yaml", ".md"))
    exits: Counter[str] = Counter()
    failures = []
    start = time.monotonic()
    for case in range(FUZZ_CASES):
        project = tmp_path / f"case-{case}"
        shutil.copytree(default_project, project)
        target = rng.choice(files)
        path = project / target
        mutated, what = _mutate(rng, path.read_text(encoding="utf-8"))
        path.write_text(mutated, encoding="utf-8")
        code, out, err, seconds = _run(["check", "--project", str(project)], project)
        exits[f"check {code}"] += 1
        problems = _problems(code, out, err, seconds)
        if case % 5 == 0 and not problems:
            built = _run(["build", "--no-pdf", "--quiet", "--project", str(project), "--out",
                          str(tmp_path / f"out-{case}")], project)
            exits[f"build {built[0]}"] += 1
            problems += [f"build: {p}" for p in _problems(*built)]
            if built[0] != code:
                problems.append(f"check exited {code} but build exited {built[0]}: {built[2][-300:]!r}")
        if (project / "hacked").exists():
            problems.append("a YAML tag ran a command")
        if problems:
            failures.append(f"case {case} ({target}: {what}): {'; '.join(problems)}\n{err[-600:]}")
        shutil.rmtree(project)
    print(f"fuzz: {FUZZ_CASES} cases, seed {FUZZ_SEED}, {time.monotonic() - start:.1f} s, "
          f"exits: {dict(sorted(exits.items()))}")
    assert not failures, "\n\n".join(failures)
