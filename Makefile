# eventwire: two commands on a fresh machine.
#   make demo   create .venv, install the pinned package, code the bundled examples, print a summary
#   make test   the same setup plus the test extras, then ruff and pytest
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# --no-deps: the hashed lock is the whole closure, installed exactly as written, so no resolver runs and a new
# upstream release cannot change what gets installed; pip check then proves the closure is consistent.
PIP    := $(BIN)/python -m pip install -qq --disable-pip-version-check --no-deps --require-hashes
CHECK  := $(BIN)/python -m pip check --disable-pip-version-check
OUT    ?= out

.PHONY: demo test setup setup-test browser lint lock clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "eventwire needs Python 3.11 (set PYTHON=python3.11)"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base: $(BIN)/python requirements/base.txt pyproject.toml
	$(PIP) -r requirements/base.txt
	$(CHECK)
	$(BIN)/python -m pip install -qq --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.test: $(VENV)/.base requirements/dev.txt
	$(PIP) -r requirements/dev.txt
	$(CHECK)
	touch $@

# Debian chromium + chromium-driver for the dashboard's browser test (skips with a message if it cannot).
browser:
	bash scripts/install-browser.sh

setup: $(VENV)/.base
setup-test: $(VENV)/.test

demo: setup
	@mkdir -p $(OUT)
	rm -f $(OUT)/demo.duckdb
	$(BIN)/eventwire ingest examples/ --db $(OUT)/demo.duckdb --no-progress
	$(BIN)/eventwire events --db $(OUT)/demo.duckdb --limit 12
	$(BIN)/eventwire quotes --db $(OUT)/demo.duckdb --limit 6
	$(BIN)/eventwire code examples/kerry-lavrov-call.txt --no-progress > $(OUT)/kerry-lavrov-call.json
	@echo
	@echo "Coded the bundled examples (examples/) into $(OUT)/demo.duckdb; one article's JSON is in $(OUT)/kerry-lavrov-call.json"
	@echo "Open the dashboard:  $(BIN)/eventwire serve --db $(OUT)/demo.duckdb   then browse http://127.0.0.1:8000/"

test: setup-test browser
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/python -m pytest

lint: setup-test
	$(BIN)/ruff check src tests benchmarks scripts

# Regenerate the pinned, hashed requirement files from requirements/*.in (needs network to PyPI).
lock:
	$(BIN)/python -m pip install --quiet uv==0.13.8
	$(BIN)/uv pip compile --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
	    requirements/base.in -o requirements/base.txt
	$(BIN)/uv pip compile --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
	    requirements/dev.in -o requirements/dev.txt

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
