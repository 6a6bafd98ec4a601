# Bestek: `make build` sets everything up and builds the default project; `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The site checks of the test suite: Chromium, Java, Node.js (Debian) and axe-core + vnu-jar (npm, tools/)
TOOLS_STAMP := tools/node_modules/.installed

.PHONY: bench build test check clean fuzz golden tools serve

build: $(STAMP)
	$(BIN)/bestek build

check: $(STAMP)
	$(BIN)/bestek check

test: $(STAMP) $(TOOLS_STAMP)
	$(BIN)/python -m pytest

# A long fuzz run of the default project (make test runs 30 cases): FUZZ_CASES and FUZZ_SEED change it.
FUZZ_CASES ?= 400
FUZZ_SEED ?= $(shell date +%Y%m%d)
fuzz: $(STAMP)
	BESTEK_FUZZ_CASES=$(FUZZ_CASES) BESTEK_FUZZ_SEED=$(FUZZ_SEED) $(BIN)/python -m pytest tests/hostile/test_fuzz.py -q -s

# Serve the default project on http://127.0.0.1:8000/, rebuilding on every change (Ctrl+C stops).
serve: $(STAMP)
	$(BIN)/bestek serve

tools: $(TOOLS_STAMP)

# --ignore-scripts: vnu-jar's install script would fetch a Java runtime from outside the npm registry;
# install-system-deps --test provides Java from Debian instead.
$(TOOLS_STAMP): tools/package.json tools/package-lock.json scripts/install-system-deps
	bash scripts/install-system-deps --test
	cd tools && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(TOOLS_STAMP)

# Regenerate the golden output of tests/golden/ after an intended change (review the diff!).
golden: $(STAMP)
	BESTEK_REGENERATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py -q

$(STAMP): pyproject.toml scripts/install-system-deps
	bash scripts/install-system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build $(VENV) .pytest_cache tools/node_modules

# Speed against WeasyPrint's own and the targets of issue 7 (several minutes; not part of make test).
bench: $(STAMP)
	$(BIN)/python bench/run.py
