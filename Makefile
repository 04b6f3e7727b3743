# Two entry points: `make demo` (set up, then index the bundled corpora and look a quote up)
# and `make test` (set up, then run the test suite). Both create .venv on first use.
VENV ?= .venv
PY := $(VENV)/bin/python
FACTRACK := $(VENV)/bin/factrack
DEMO_DB ?= .factrack/demo

.PHONY: setup demo test test-fast lint typecheck browser

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test]'
	touch $@

demo: setup
	$(FACTRACK) index corpora/ --db $(DEMO_DB)
	$(FACTRACK) lookup "timetable for the withdrawal of US forces" --db $(DEMO_DB) -k 3 --format table
	$(FACTRACK) lookup "the plant was shut down" --db $(DEMO_DB) -k 3 --polarity denies --format table
	$(FACTRACK) claims --db $(DEMO_DB) --limit 5 --format table
	$(FACTRACK) contradictions --db $(DEMO_DB) --limit 10 --format table
	@echo "The demo store is $(DEMO_DB): query it with $(FACTRACK) lookup \"QUERY\" --db $(DEMO_DB);"
	@echo "also $(FACTRACK) show ID --db $(DEMO_DB), $(FACTRACK) claims ID --db $(DEMO_DB), or $(FACTRACK) --help"
	@echo "Open the pages: $(FACTRACK) serve --db $(DEMO_DB)   (then http://127.0.0.1:8765/)"

# Everything, the slow tests included (real models, the headless browser): what CI runs.
test: setup
	$(PY) -m pytest -q

# The quick loop while working: the tests that load no real model and drive no browser.
test-fast: setup
	$(PY) -m pytest -q -m "not slow"

# The habits CI enforces (pyproject.toml holds the settings): ruff; mypy over factrack/;
# the layering contracts of docs/architecture.md ("Rules") through import-linter.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

typecheck: setup
	$(VENV)/bin/mypy

# The headless-browser test (tests/test_serve.py, slow) drives the system chromium through
# playwright (a test extra); without chromium on PATH it skips. Debian/Ubuntu, as root;
# nothing to do when chromium is already there.
browser:
	command -v chromium >/dev/null || apt-get install -y chromium
