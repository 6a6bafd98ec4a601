# Bestek: `make build` sets everything up and builds the default project; `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test check clean golden

build: $(STAMP)
	$(BIN)/bestek build

check: $(STAMP)
	$(BIN)/bestek check

test: $(STAMP)
	$(BIN)/python -m pytest

# Regenerate the golden output of tests/golden/ after an intended change (review the diff!).
golden: $(STAMP)
	BESTEK_REGENERATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py -q

$(STAMP): pyproject.toml scripts/install-system-deps
	bash scripts/install-system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf build $(VENV) .pytest_cache
