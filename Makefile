# Bestek: `make build` sets everything up and builds the default project; `make test` runs lint and the
# whole suite, `make test-fast` lint and the suite without the slow tests (browser, PDF, wheel, fuzz).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every Python package of the venv (dependencies, test and lint tools, setuptools), pinned with hashes;
# `make lock` regenerates it from pyproject.toml (LOCK_FLAGS=--upgrade takes the newest allowed versions).
LOCK := requirements.lock
LOCK_FLAGS ?=
PIP_TOOLS := $(VENV)/pip-tools
# pip-compile sees PyPI alone, whatever this machine's pip configuration adds (local index folders and
# wheel folders), so the hashes in the lock are the ones a fresh machine downloads.
PYPI_ONLY := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null
# The site checks of the test suite: Chromium, Java, Node.js, poppler-utils (Debian) and axe-core, pa11y,
# vnu-jar (npm, tools/)
TOOLS_STAMP := tools/node_modules/.installed
# `make bench` compares the site with MkDocs, installed in a venv of the bench's own
BENCH_VENV := .venv-bench
MKDOCS_VERSION := 1.6.1

.PHONY: bench build test test-fast lint lock check clean fuzz golden tools serve

build: $(STAMP)
	$(BIN)/bestek build

check: $(STAMP)
	$(BIN)/bestek check

test: lint $(TOOLS_STAMP)
	$(BIN)/python -m pytest

# The inner loop: without the tests marked slow (the list is in tests/conftest.py).
test-fast: lint
	$(BIN)/python -m pytest -m "not slow"

# ruff and mypy as configured in pyproject.toml ([tool.ruff], [tool.mypy]): 0 findings.
lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

lock:
	test -x $(PIP_TOOLS)/bin/pip-compile || { $(PYTHON) -m venv $(PIP_TOOLS) && \
	  $(PYPI_ONLY) $(PIP_TOOLS)/bin/python -m pip install -q 'pip-tools>=7.4,<8'; }
	CUSTOM_COMPILE_COMMAND="make lock" $(PYPI_ONLY) $(PIP_TOOLS)/bin/pip-compile --quiet $(LOCK_FLAGS) \
	  --generate-hashes --allow-unsafe --all-build-deps --extra test --strip-extras --output-file $(LOCK) pyproject.toml

# A long fuzz run of the default project (make test runs 30 cases): FUZZ_CASES and FUZZ_SEED change it.
FUZZ_CASES ?= 400
FUZZ_SEED ?= $(shell date +%Y%m%d)
fuzz: $(STAMP)
	BESTEK_FUZZ_CASES=$(FUZZ_CASES) BESTEK_FUZZ_SEED=$(FUZZ_SEED) $(BIN)/python -m pytest tests/hostile/test_fuzz.py -q -s

# Serve the default project on http://127.0.0.1:8000/, rebuilding on every change (Ctrl+C stops).
serve: $(STAMP)
	$(BIN)/bestek serve

tools: $(TOOLS_STAMP)

# --ignore-scripts: vnu-jar's install script would fetch a Java runtime and puppeteer's (pa11y's) a Chrome
# build from outside the npm registry; install-system-deps --test provides Java and Chromium from Debian
# instead (tools/pa11y-pages.js passes that Chromium to puppeteer).
$(TOOLS_STAMP): tools/package.json tools/package-lock.json scripts/install-system-deps
	bash scripts/install-system-deps --test
	cd tools && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(TOOLS_STAMP)

# Regenerate the golden output of tests/golden/ after an intended change (review the diff!): the small
# project's site (site/) and the default project's PDF pages as images (pdf/, tests/test_visual.py).
golden: $(STAMP)
	BESTEK_REGENERATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py tests/test_visual.py -q

# The locked packages first (--require-hashes: nothing else, nothing altered), then Bestek itself, editable,
# built with the locked setuptools (--no-build-isolation: no unpinned download of the build backend).
$(STAMP): pyproject.toml setup.py $(LOCK) scripts/install-system-deps
	bash scripts/install-system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q generator >/dev/null  # as pip does for a wheel: no start compiles Bestek
	touch $(STAMP)

clean:
	rm -rf build .setuptools-build $(VENV) $(BENCH_VENV) .pytest_cache tools/node_modules

# Speed where the officer feels it, against WeasyPrint and MkDocs in one run (issue 19; about 15 minutes;
# not part of make test). Writes build/bench.json; exits 1 when a target is missed.
bench: build $(BENCH_VENV)/.installed
	$(BIN)/python bench/run.py

# The bench's own venv, for the comparison with MkDocs on the same Markdown: no dependency of Bestek.
$(BENCH_VENV)/.installed:
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install -q --disable-pip-version-check 'mkdocs==$(MKDOCS_VERSION)'
	touch $@
