# Two commands do all the set-up: `make book` (build the student edition) and `make test` (run every test).
# Editions: `make book EDITION=student|self-study|instructor` (see README.md, "Three editions").
# Both create .venv and install the package if needed; `make test` also installs Debian's Chromium.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
WB     := $(VENV)/bin/workbook
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
EDITION ?= student

.PHONY: setup book book-instructor book-self-study test execute exercises lab voila browser-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

book: $(STAMP)
	$(WB) build --edition $(EDITION)

book-instructor: $(STAMP)
	$(WB) build --edition instructor

book-self-study: $(STAMP)
	$(WB) build --edition self-study

# Chromium (Debian) for the browser tests; axe-core (npm) for the accessibility audit, in its own prefix: an
# `npm install --no-save --prefix` removes every other package of that prefix (MathJax lives in .cache/npm).
AXE_JS := .cache/npm-axe/node_modules/axe-core/axe.min.js
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@test -f $(AXE_JS) || npm install --no-save --no-audit --no-fund --prefix .cache/npm-axe axe-core@4 >/dev/null

test: $(STAMP) browser-deps
	$(WB) build --edition student
	$(WB) build --edition instructor
	$(WB) build --edition self-study
	WORKBOOK_BUILT=_build WORKBOOK_REQUIRE_BROWSER=1 $(PY) -m pytest -n 2 --dist loadscope \
	  --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg \
	  tests book exercises solutions

execute: $(STAMP)
	$(WB) execute

exercises: $(STAMP)
	$(WB) exercises

# JupyterLab on a working copy in work/ (git-ignored), never on the generated exercises/: edits made there
# would reach every student with the next `make book` or hand-out. Re-running keeps your edits in work/.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root --no-browser)
lab: $(STAMP)
	$(WB) handout work --backup
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=work $(LAB_ARGS)

# The teacher's command: `make voila CHAPTER=01-ultimatum` serves that chapter's explorers as a code-free page
# (sources stripped) at http://localhost:8866 (PORT=...). The live browser test runs this very target, on a copy
# of the notebook (VOILA_NB) with extra server options (VOILA_ARGS).
PORT      ?= 8866
VOILA_NB  ?= book/$(CHAPTER).ipynb
VOILA_ARGS ?=
voila: $(STAMP)
	@test -f "$(VOILA_NB)" || { echo "usage: make voila CHAPTER=NN-name, one of: $(basename $(notdir $(wildcard book/[0-9]*.ipynb)))"; exit 2; }
	$(VENV)/bin/voila "$(VOILA_NB)" --strip_sources=True --port=$(PORT) $(VOILA_ARGS)

# Writes benchmarks/REPORT.md (and benchmarks/*.json): build and test times, page weights, axe counts, slider
# latency, Python-side update. `make test` is not re-run inside it: pass its wall time in, e.g.
# `make bench BENCH_ARGS="--make-test-seconds 290"`, or BENCH_ARGS=--time-make-test to time it once here.
BENCH_ARGS ?=
bench: $(STAMP) browser-deps
	$(PY) benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf _build .cache
