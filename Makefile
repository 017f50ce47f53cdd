# The agency social-media handbook: build, preview, test.
# Run `make` to see the targets.  The first run creates .venv and installs
# what is missing; later runs reinstall only when a requirements file changes.

SHELL        := /bin/bash
PYTHON       ?= python3
VENV         := .venv
BIN          := $(VENV)/bin
BUILDDIR     := _build
SPHINXOPTS   ?=
# The strict flags, here only: tests/conftest.py reads them from this line.
STRICT       := -W --keep-going -n -j auto
SYSTEM       := bash tools/system-packages.sh
# The editions `make pdf`, `make epub` and `make site` build (one of them: make pdf LANGUAGES=sv).
LANGUAGES    ?= sv en

.DEFAULT_GOAL := help
.PHONY: help html pdf epub site publish serve preview test test-fast check-redirects bench lint linkcheck lock new-chapter clean gettext translation-status
# The language `make preview` shows: make preview LANGUAGE=sv
LANGUAGE     ?= en

help: ## Show this help
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-12s %s\n", $$1, $$2}'

# Installs from the lock files, every package checked against its hash.
# requirements*.txt are what a person edits; `make lock` regenerates the locks.
PIP_INSTALL  := $(BIN)/pip install --quiet --disable-pip-version-check --require-hashes
LOCKOPTS     := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

$(VENV)/.build-stamp: requirements.txt requirements.lock
	@$(PYTHON) tools/check_lock.py requirements.txt requirements.lock
	@$(SYSTEM) build
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.lock
	@touch $@

$(VENV)/.dev-stamp: $(VENV)/.build-stamp requirements-dev.txt requirements-dev.lock
	@$(PYTHON) tools/check_lock.py requirements-dev.txt requirements-dev.lock
	$(PIP_INSTALL) -r requirements-dev.lock
	@touch $@

lock: ## Regenerate requirements.lock and requirements-dev.lock, with hashes, after editing requirements*.txt
	@$(SYSTEM) build
	test -x $(BIN)/pip || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/pip-compile || $(PIP_INSTALL) -r requirements-dev.lock
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile $(LOCKOPTS) --output-file requirements.lock requirements.txt
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile $(LOCKOPTS) --output-file requirements-dev.lock requirements-dev.txt
	@echo "Commit requirements.lock and requirements-dev.lock with the change to requirements*.txt."

html: $(VENV)/.build-stamp ## Build the website strictly, both languages at once: _build/html/sv and _build/html/en
	@$(SYSTEM) build
	$(BIN)/python tools/build_languages.py $(BUILDDIR)/html $(STRICT) $(SPHINXOPTS)
	@echo "Run make serve and open http://127.0.0.1:8000/ in your browser."

# `make pdf epub` builds both in one run: each language in its own process, its pages read once for both.
BOOKS        := $(or $(filter pdf epub,$(MAKECMDGOALS)),pdf epub)
pdf: ## Build a tagged PDF per language (LANGUAGES="sv en") into _build/pdf (WeasyPrint)
epub: ## Build an EPUB per language into _build/epub/<lang> and check it with EPUBCheck
pdf epub &: $(if $(filter epub,$(BOOKS)),$(VENV)/.dev-stamp,$(VENV)/.build-stamp)
	@$(SYSTEM) $(BOOKS)
	$(BIN)/python tools/build_books.py $(addprefix --,$(BOOKS)) $(addprefix --language ,$(LANGUAGES)) --builddir $(BUILDDIR)

site: $(VENV)/.build-stamp ## Build the website with each edition's PDF in it (_build/html/sv, _build/html/en), as the host publishes it
	@$(SYSTEM) pdf
	$(BIN)/python tools/build_books.py --pdf $(addprefix --language ,$(LANGUAGES)) --builddir $(BUILDDIR) --copy-pdf-to $(BUILDDIR)/html
	$(BIN)/python tools/build_languages.py $(BUILDDIR)/html -E $(STRICT) $(SPHINXOPTS)
	@echo "The site, with the PDFs, is in $(CURDIR)/$(BUILDDIR)/html."

publish: site ## The tree the host publishes: the site without .doctrees, .buildinfo or other dotfiles
	$(BIN)/python tools/publish_tree.py $(BUILDDIR)/html $(BUILDDIR)/publish

serve: html ## Build, then serve the website at http://127.0.0.1:8000 (search needs HTTP)
	$(BIN)/python tools/local_browser.py serve $(BUILDDIR)/html --port 8000

preview: $(VENV)/.dev-stamp ## Live preview at http://127.0.0.1:8000 that rebuilds as you edit
	@$(SYSTEM) build
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port 8000 -n -D language=$(LANGUAGE) -d $(BUILDDIR)/doctrees-serve/$(LANGUAGE) . $(BUILDDIR)/serve/$(LANGUAGE)

# The browser tests inject the pinned axe-core (package-lock.json); the build itself needs no Node.
node_modules/.stamp: package.json package-lock.json
	@$(SYSTEM) test
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test: $(VENV)/.dev-stamp node_modules/.stamp ## Run the whole test suite (website, PDF, EPUB and browser)
	@$(SYSTEM) test pdf epub
	@$(MAKE) --no-print-directory check-redirects
	@echo "Running every test: the rules on small sites, the whole site, the PDF and EPUB, and the browser (Chromium)."
	$(BIN)/python -m pytest

test-fast: $(VENV)/.dev-stamp ## Run the tests without the PDF and the browser (for the edit-test loop)
	@$(SYSTEM) test
	@echo "Running the tests without the PDF and the browser; make test runs them all."
	$(BIN)/python -m pytest -m "not pdf and not browser"

check-redirects: $(VENV)/.build-stamp ## Check that every page deleted or renamed since main has a redirect
	@if git rev-parse --verify -q main >/dev/null; then \
	  echo "Checking that every page deleted or renamed since main has a line in redirects.txt."; \
	  $(BIN)/sphinx-build -b handbook-redirects -W -q . $(BUILDDIR)/redirects; \
	else echo "No main branch to compare with: redirect check skipped."; fi

bench: $(VENV)/.dev-stamp ## Measure build time, page weight, search and word counts
	@$(SYSTEM) test
	$(BIN)/python tools/bench.py

lint: $(VENV)/.dev-stamp ## Run the pre-commit hooks on every file
	$(BIN)/pre-commit run --all-files

linkcheck: $(VENV)/.build-stamp ## Check every external link (needs the internet; says so and passes when offline)
	@$(SYSTEM) build
	$(BIN)/python tools/linkcheck.py $(BUILDDIR)/linkcheck

new-chapter: $(VENV)/.build-stamp ## Scaffold a chapter: make new-chapter PART=guidance TOPIC=live-video TITLE="Live video"
	$(BIN)/python tools/new_chapter.py "$(PART)" "$(TOPIC)" "$(TITLE)"

# -E reads every page afresh: messages that the handbook's extensions add (front matter, flowchart labels)
# change when their code does, which an incremental read would miss.
gettext: $(VENV)/.dev-stamp ## After editing English: extract the messages and update the Swedish catalogs in locales/
	$(BIN)/sphinx-build -b gettext -E -q . $(BUILDDIR)/gettext
	$(BIN)/sphinx-intl update -w 0 -p $(BUILDDIR)/gettext -d locales -l sv
	mkdir -p $(BUILDDIR)/gettext-handbook
	$(BIN)/pybabel -q extract -k _ --no-location -o $(BUILDDIR)/gettext-handbook/handbook.pot _ext/handbook
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext-handbook -d _ext/handbook/locales -l sv

translation-status: $(VENV)/.dev-stamp ## Per catalog: translated, fuzzy and untranslated messages
	@echo "The pages (locales/):"; $(BIN)/sphinx-intl stat -d locales -l sv
	@echo "The handbook's own strings and the theme's (_ext/handbook/locales/):"; $(BIN)/sphinx-intl stat -d _ext/handbook/locales -l sv

clean: ## Remove build output (keeps .venv)
	rm -rf $(BUILDDIR)
