"""Full-text search: the Pagefind index of the built site. Part of the write stage.

Pagefind (the PyPI package `pagefind[extended]`, which ships the binary) reads the written pages and
writes its index and search library to site/pagefind/. Only the pages' <main data-pagefind-body> is
indexed, in Dutch. The search page (site/zoeken.html with assets/zoeken.js) loads the index in the
browser: it works on any plain web server, with no service behind it and no request to elsewhere.
Pagefind's output is deterministic (the same pages give the same files; tests/test_build.py checks it).
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from generator.core.errors import EnvironmentProblem

OUTPUT_DIR = "pagefind"
LANGUAGE = "nl"
MISSING = ("de zoekmachine Pagefind ontbreekt ({detail}). Voer 'make build' uit; dat installeert het "
           "Python-pakket pagefind[extended] met het programma pagefind_extended.")


def find_pagefind() -> Path:
    """The Pagefind binary: the one from the pagefind package (PAGEFIND_BINARY_PATH may name another)."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise EnvironmentProblem(MISSING.format(detail="het Python-pakket pagefind is niet geïnstalleerd")) from exc
    binary = get_executable()
    if binary is None:
        raise EnvironmentProblem(MISSING.format(detail="geen programma pagefind_extended of pagefind gevonden"))
    if not binary.is_file() or not os.access(binary, os.X_OK):
        raise EnvironmentProblem(MISSING.format(detail=f"'{binary}' is geen uitvoerbaar bestand"))
    return binary


def index_site(binary: Path, site: Path) -> int:
    """Index the built site into site/pagefind/; returns the number of pages indexed."""
    command = [str(binary), "--site", str(site), "--output-subdir", OUTPUT_DIR, "--force-language", LANGUAGE,
               "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False,
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EnvironmentProblem(f"de zoekindex maken lukt niet: Pagefind start niet ({exc})") from exc
    if result.returncode != 0:
        detail = " ".join((result.stderr or result.stdout).split())[-500:]
        raise EnvironmentProblem(f"de zoekindex maken lukt niet: Pagefind stopte met code {result.returncode}"
                                 f" ({detail})")
    try:
        entry = json.loads((site / OUTPUT_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(language["page_count"] for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EnvironmentProblem(f"de zoekindex is onvolledig: Pagefind schreef geen leesbare "
                                 f"{OUTPUT_DIR}/pagefind-entry.json ({exc})") from exc
