"""The wheel runs: `pip install .` (not editable) gives a `bestek` that builds a project from another folder.

The wheel is built from a copy of exactly what it is made of (no stale build/ or egg-info of the checkout,
which setuptools would otherwise pick up), without network (--no-build-isolation: the setuptools of the
locked test venv). It is installed into a new venv that cannot see the checkout: no pip, no PYTHONPATH, the
working directory elsewhere. Its dependencies come from this venv's site-packages through a folder of links
that leaves out everything of bestek itself (its dist-info and the editable install's finder and .pth), so
the only `generator` it can import is the installed one.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO

#: what the wheel is built from
SOURCES = ["pyproject.toml", "setup.py", "README.md", "generator", "templates"]


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that points Python or pip at the checkout or at local indexes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_", "VIRTUAL_ENV"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env or clean_env(), capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, f"{args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(REPO / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-index", "--no-build-isolation",
        "-w", work / "dist", source, cwd=work)
    (built,) = (work / "dist").glob("bestek-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("venv")
    venv = root / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    python = venv / "bin" / "python"
    # install into the empty venv first, so pip sees no other bestek (and touches no other environment)
    run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel, cwd=root)
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=root)
                .stdout.strip())
    # the dependencies: links to this venv's installed distributions, bestek's own files left out
    deps = root / "deps"
    deps.mkdir()
    ours = Path(sysconfig.get_paths()["purelib"])
    for entry in ours.iterdir():
        name = entry.name
        if (name.startswith(("bestek-", "__editable__", "_distutils_hack", "pip", "setuptools", "pkg_resources"))
                or name in {"generator", "__pycache__"} or name.endswith(".pth")):
            continue
        (deps / name).symlink_to(entry)
    (site / "bestek-test-deps.pth").write_text(f"{deps}\n", encoding="utf-8")
    return venv


def test_wheel_carries_theme_and_rules(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = {f"generator/theme/{p.relative_to(REPO / 'templates').as_posix()}"
             for p in (REPO / "templates").rglob("*") if p.is_file()}
    assert theme <= names, f"missing from the wheel: {sorted(theme - names)}"
    assert "generator/validate/rules.yaml" in names
    assert {"generator/render/exports/xlsx_parts/styles.xml", "generator/render/exports/xlsx_parts/theme1.xml"} <= names
    packages = {f"{p.parent.relative_to(REPO).as_posix()}/__init__.py" for p in (REPO / "generator").rglob("__init__.py")}
    assert packages <= names, f"packages missing from the wheel: {sorted(packages - names)}"
    assert any(n.endswith(".ttf") for n in names)


def test_installed_generator_is_the_wheel(venv: Path, tmp_path: Path):
    probe = ("import sys, generator, importlib.metadata as m; from generator.core import paths; "
             "print(generator.__file__); print(paths.THEME_DIR); print(m.distribution('bestek')._path); "
             "print(any('editable' in type(f).__name__.lower() or 'editable' in repr(f).lower() for f in sys.meta_path)); "
             "print(any(str(p).startswith(sys.argv[1]) for p in sys.path))")
    out = run(venv / "bin" / "python", "-c", probe, str(REPO), cwd=tmp_path).stdout.splitlines()
    module, theme, dist, editable, sees_checkout = out
    assert Path(module).is_relative_to(venv), module
    assert Path(theme) == Path(module).parent / "theme" and (Path(theme) / "fonts").is_dir()
    assert Path(dist).is_relative_to(venv), dist
    assert (editable, sees_checkout) == ("False", "False")


def test_installed_bestek_builds_haarlem(venv: Path, tmp_path: Path):
    project = tmp_path / "haarlem"
    shutil.copytree(REPO / "examples" / "haarlem", project, ignore=shutil.ignore_patterns("build", ".build.*"))
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = clean_env(XDG_CACHE_HOME=str(tmp_path / "cache"))
    done = run(venv / "bin" / "bestek", "build", "--project", project, "--out", out, cwd=elsewhere, env=env)
    assert "Traceback" not in done.stderr
    pdfs = list((out / "pdf").glob("*.pdf"))
    assert pdfs and all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)
    pages = list((out / "site").rglob("*.html"))
    assert (out / "site" / "index.html").is_file() and len(pages) >= 5
    assert (out / "site" / "pagefind").is_dir()  # the search index: Pagefind found from the installed package
    assert any((out / "site").rglob("*.woff2")) or any((out / "site").rglob("*.ttf"))  # the theme's fonts
