# Two commands do all the set-up: `make book` (build the student edition) and `make test` (run every test).
# Both create .venv and install the package if needed; `make test` also installs Debian's Chromium.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
WB     := $(VENV)/bin/workbook
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
EDITION ?= student

.PHONY: setup book book-instructor test execute exercises lab voila browser-deps bench clean

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

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser-deps
	$(WB) build --edition student
	$(WB) build --edition instructor
	WORKBOOK_BUILT=_build WORKBOOK_REQUIRE_BROWSER=1 $(PY) -m pytest -n 2 --dist loadscope \
	  --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg \
	  tests book exercises solutions

execute: $(STAMP)
	$(WB) execute

exercises: $(STAMP)
	$(WB) exercises

lab: $(STAMP)
	$(VENV)/bin/jupyter lab exercises

voila: $(STAMP)
	$(VENV)/bin/voila book/$(CHAPTER).ipynb --strip_sources=True

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf _build .cache
