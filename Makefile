# Two commands do all the set-up: `make book` (build the student edition) and `make test` (run every test).
# Editions: `make book EDITION=student|self-study|instructor` (see README.md, "Three editions").
# Both create .venv and install into it from the lock files in requirements/ (exact versions, so a new pandas
# or plotly release cannot change a stored output under CI); `make test` also installs Debian's Chromium.
# One venv serves both: requirements/test.lock holds every pin of requirements/book.lock at the same version
# (tests/test_dependencies.py checks it), so `make test` after `make book` only adds the test tools and
# `make book` after `make test` installs nothing. A stamp per lock makes a second run install nothing.
# `make test` also installs bubblewrap (the sandbox `workbook check` runs submissions in).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
WB     := $(VENV)/bin/workbook
BOOK_LOCK  := requirements/book.lock
TEST_LOCK  := requirements/test.lock
BOOK_STAMP := $(VENV)/.installed-book
TEST_STAMP := $(VENV)/.installed-test
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
EDITION ?= student
# uv (PyPI) installs the locks: it downloads in parallel and used about a tenth of pip's time on a loaded
# 2-core machine (36 s against 6 min for the test lock). pip only bootstraps it into the venv.
# --compile-bytecode: uv, unlike pip, writes no .pyc at install, and where PYTHONDONTWRITEBYTECODE is set (as on
# the project's machines) no process ever writes one, so every interpreter -- each Sphinx build, kernel, server
# and sandboxed run of the suite -- compiled every module it imported from source: about half the CPU of a Sphinx
# build (11.0 s -> 4.5 s) or of an nbval run (17.6 s -> 9.1 s for chapter 1 and its exercises). Compiling once at
# install costs about 30 s of CPU, spread over the cores. The package's own src/ is compiled by `make test`.
UV_VERSION ?= 0.13.9
UV     := $(VENV)/bin/uv
# --excludes: `uv pip install -r LOCK` resolves the pins' own dependencies again, so a package the locks leave out
# on purpose (requirements/excludes.txt: rfc3987-syntax, whose import costs ~2 s of CPU in every process that
# imports jsonschema) came back with the package that asks for it; the same file keeps it out at install.
EXCLUDES := requirements/excludes.txt
INSTALL = $(UV) pip install --quiet --compile-bytecode --excludes $(EXCLUDES) --python $(PY)

.PHONY: setup setup-book book book-instructor book-self-study test execute exercises lab voila browser-deps bench clean \
	lock lock-upgrade ranges sandbox-deps print-deps pdf site hub-deps hub-repo bench-hub

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "make: the locks in requirements/ \
	are resolved for Python 3.11 (they also install on 3.12 and 3.13); $(PYTHON) is older: run make PYTHON=python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv==$(UV_VERSION)

# The package itself goes in editable and without dependencies: every dependency comes from the lock.
$(BOOK_STAMP): $(BOOK_LOCK) $(EXCLUDES) pyproject.toml | $(UV)
	$(INSTALL) -r $(BOOK_LOCK)
	$(INSTALL) --no-deps -e .
	$(UV) pip check --quiet --python $(PY)
	touch $@

$(TEST_STAMP): $(TEST_LOCK) $(EXCLUDES) pyproject.toml | $(UV)
	$(INSTALL) -r $(TEST_LOCK)
	$(INSTALL) --no-deps -e .
	$(UV) pip check --quiet --python $(PY)
	touch $@ $(BOOK_STAMP)

setup-book: $(BOOK_STAMP)
setup: $(TEST_STAMP)

# A book for a course hub: `make book HUB_URL=https://hub.example.edu HUB_REPO=https://git.example.edu/c/ex.git`
# (HUB_BRANCH=main by default) gives every chapter page and the start page a launch link (deploy/hub/README.md).
HUB_ARGS = $(if $(HUB_URL)$(HUB_REPO),--hub-url "$(HUB_URL)" --hub-repo "$(HUB_REPO)" $(if $(HUB_BRANCH),--hub-branch "$(HUB_BRANCH)"))
book: $(BOOK_STAMP)
	$(WB) build --edition $(EDITION) $(HUB_ARGS)

book-instructor: $(BOOK_STAMP)
	$(WB) build --edition instructor

book-self-study: $(BOOK_STAMP)
	$(WB) build --edition self-study

# Chromium (Debian) for the browser tests; axe-core (npm) for the accessibility audit, in its own prefix: an
# `npm install --no-save --prefix` removes every other package of that prefix (MathJax lives in .cache/npm).
AXE_JS := .cache/npm-axe/node_modules/axe-core/axe.min.js
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@test -f $(AXE_JS) || npm install --no-save --no-audit --no-fund --prefix .cache/npm-axe axe-core@4 >/dev/null

# bubblewrap (Debian) for `workbook check`: each submission runs in its own sandbox.
sandbox-deps:
	@command -v bwrap >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq bubblewrap >/dev/null; }

# poppler-utils (Debian) for the print edition: pdfinfo counts pages, pdfunite joins the book's parts, pdftotext
# reads a PDF's text and word boxes back in the print tests.
print-deps:
	@command -v pdftotext >/dev/null 2>&1 && command -v pdfunite >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; }

# The print edition, from the built site of EDITION (default student; `make book` first): an A4 PDF of the whole
# book, one per chapter and an exercise sheet per chapter, in _build/html/pdf/ (Chromium and the print
# stylesheet; playwright from the test lock), offered on the site's start page. `make site` builds and prints.
pdf: $(TEST_STAMP) browser-deps print-deps
	$(WB) pdf --edition $(EDITION)

site: $(TEST_STAMP) browser-deps print-deps
	$(WB) build --edition $(EDITION) $(HUB_ARGS)
	$(WB) pdf --edition $(EDITION)

# The course hub (deploy/hub/): configurable-http-proxy from npm in its own prefix, and the students' Python
# environment as a course installs it -- the package's wheel with the `lab` extra, nbgitpuller and jupyterhub
# (for jupyterhub-singleuser), pinned by the test lock -- in .cache/hub-env, made with Debian's python3, which
# every Unix user may run (the venv's own Python may live in root's home). Used by the hub test and bench-hub.
CHP      := .cache/npm-chp/node_modules/.bin/configurable-http-proxy
HUB_ENV  := .cache/hub-env
HUB_PYTHON ?= /usr/bin/python3
hub-deps: $(TEST_STAMP)
	@test -x $(CHP) || npm install --no-save --no-audit --no-fund --prefix .cache/npm-chp configurable-http-proxy@5 >/dev/null
	@command -v git >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq git >/dev/null; }
	@test -x $(HUB_PYTHON) || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3 >/dev/null; }
	@rm -rf .cache/hub-wheel && $(PY) -m pip wheel --quiet --no-deps --no-build-isolation -w .cache/hub-wheel .
	@test -x $(HUB_ENV)/bin/python || $(UV) venv --quiet --python $(HUB_PYTHON) $(HUB_ENV)
	$(UV) pip install --quiet --compile-bytecode --excludes $(EXCLUDES) --python $(HUB_ENV)/bin/python -c $(TEST_LOCK) --reinstall-package territorial-trap-workbook \
	  "$$(ls .cache/hub-wheel/*.whl)[lab]" nbgitpuller jupyterhub
	@chmod -R a+rX $(HUB_ENV)

# The exercise repository a course hub pulls (`workbook hub-repo`): HUB_REPO_DIR=../workbook-exercises by default.
HUB_REPO_DIR ?= ../workbook-exercises
hub-repo: $(BOOK_STAMP)
	$(WB) hub-repo $(HUB_REPO_DIR) $(if $(HUB_BRANCH),--branch $(HUB_BRANCH))

# Class-size benchmark of a real JupyterHub on loopback (benchmarks/hub.py): 30 simulated students, then a ramp
# to the largest class with a median check latency <= 1 s (stops at 60 students, 16 GB or a median over 2 s).
# Loads the machine for several minutes: not part of `make test`. Writes benchmarks/hub.json and prints a table.
BENCH_HUB_ARGS ?=
bench-hub: $(TEST_STAMP) hub-deps
	$(PY) benchmarks/hub.py $(BENCH_HUB_ARGS)

# The student edition first (it fills the npm and wheel caches the others copy from), then the other two side
# by side: each build is one mostly single-threaded Sphinx process, and the machines have two cores.
test: $(TEST_STAMP) browser-deps sandbox-deps print-deps hub-deps
	$(PY) -m compileall -q src
	$(WB) build --edition student
	$(WB) build --edition instructor & other=$$!; $(WB) build --edition self-study; mine=$$?; \
	  wait $$other && exit $$mine
	WORKBOOK_BUILT=_build WORKBOOK_REQUIRE_BROWSER=1 WORKBOOK_REQUIRE_SANDBOX=1 $(PY) -m pytest -n 2 --dist loadscope --no-loadscope-reorder \
	  --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg \
	  tests book exercises solutions

execute: $(BOOK_STAMP)
	$(WB) execute

exercises: $(BOOK_STAMP)
	$(WB) exercises

# JupyterLab on a working copy in work/ (git-ignored), never on the generated exercises/: edits made there
# would reach every student with the next `make book` or hand-out. Re-running keeps your edits in work/.
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root --no-browser)
lab: $(TEST_STAMP)
	$(WB) handout work --backup
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=work $(LAB_ARGS)

# The teacher's command: `make voila CHAPTER=07-precedent` (or CHAPTER=7; CHAPTER=all lists every chapter, each
# its own dashboard) serves that chapter's explorers -- title, live sliders, read-out, figure, caption and things to try, no code
# -- at http://localhost:8866 (PORT=...), opening no browser and loading nothing from outside (`workbook dashboard`).
# The live browser test runs this very target, writing the dashboard notebook to DASHBOARD_DIR, with extra Voila
# options (VOILA_ARGS).
PORT          ?= 8866
DASHBOARD_DIR ?= .cache/dashboard
VOILA_ARGS    ?=
voila: $(TEST_STAMP)
	@test -n "$(CHAPTER)" || { echo "usage: make voila CHAPTER=NN-name (a number, or all), one of: $(basename $(notdir $(wildcard book/[0-9]*.ipynb)))"; exit 2; }
	$(WB) dashboard $(CHAPTER) --port $(PORT) --dir "$(DASHBOARD_DIR)" --voila-args $(VOILA_ARGS)

# Writes benchmarks/REPORT.md (and benchmarks/*.json): build and test times, page weights, axe counts, slider
# latency, Python-side update. `make test` is not re-run inside it: pass its wall time in, e.g.
# `make bench BENCH_ARGS="--make-test-seconds 290"`, or BENCH_ARGS=--time-make-test to time it once here.
BENCH_ARGS ?=
bench: $(TEST_STAMP) browser-deps
	$(PY) benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf _build .cache

# The locks: exact versions for Python 3.11 on Linux (the machines' Python), resolved by uv from the ranges in
# pyproject.toml. The test lock is resolved first and constrains the book lock, so shared packages get the same
# version in both. `make lock` re-resolves after a change to pyproject.toml and keeps every pin it can;
# `make lock-upgrade` moves every pin to the newest release the ranges allow. Commit both files.
LOCK_ARGS  ?=
UV_COMPILE  = $(UV) pip compile --quiet pyproject.toml --python-version 3.11 --python-platform linux \
	--excludes requirements/excludes.txt \
	--custom-compile-command "make lock" --annotation-style line $(LOCK_ARGS)
lock: | $(UV)
	$(UV_COMPILE) --extra test -o $(TEST_LOCK)
	$(UV_COMPILE) --extra author -c $(TEST_LOCK) -o $(BOOK_LOCK)

lock-upgrade: LOCK_ARGS += --upgrade
lock-upgrade: lock

# Does the package still install from its ranges (no lock) on the oldest Python the README promises, and do
# the fast tests pass there? Builds the wheel and installs it with the test extra into a scratch venv, newest
# releases first; `make ranges RESOLUTION=lowest-direct` tries the lowest version each range allows instead.
PYTHON_OLDEST ?= python3.10
RESOLUTION    ?= highest
RANGES_VENV   ?= .cache/venv-ranges
ranges: | $(UV)
	rm -rf $(RANGES_VENV) .cache/wheel && $(PYTHON_OLDEST) -m venv --without-pip $(RANGES_VENV)
	$(PY) -m pip wheel --quiet --no-deps -w .cache/wheel .
	$(UV) pip install --quiet --python $(RANGES_VENV)/bin/python --resolution $(RESOLUTION) \
	  "$$(ls .cache/wheel/*.whl)[test]"
	$(UV) pip check --python $(RANGES_VENV)/bin/python
	cd .cache && ../$(RANGES_VENV)/bin/python -m pytest -q -p no:cacheprovider -n 2 -c /dev/null \
	  $(addprefix ../tests/,test_params.py test_feedback.py test_explorers.py test_data.py) ../tests/test_model_*.py
