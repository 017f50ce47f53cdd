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
# The PDF's name, as conf.py's latex_documents gives it.
PDF          := $(BUILDDIR)/latex/$(shell sed -nE 's/.*"([^"]+)\.tex".*/\1/p' conf.py).pdf

.DEFAULT_GOAL := help
.PHONY: help html pdf site serve test test-fast check-redirects bench lint new-chapter clean gettext translation-status
# The language `make serve` previews: make serve LANGUAGE=sv
LANGUAGE     ?= en

help: ## Show this help
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.build-stamp: requirements.txt
	@$(SYSTEM) build
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev-stamp: $(VENV)/.build-stamp requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

html: $(VENV)/.build-stamp ## Build the website strictly, both languages at once: _build/html/sv and _build/html/en
	@$(SYSTEM) build
	$(BIN)/python tools/build_languages.py $(BUILDDIR)/html $(STRICT) $(SPHINXOPTS)
	@echo "Open $(CURDIR)/$(BUILDDIR)/html/index.html in your browser."

pdf: $(VENV)/.build-stamp ## Build the PDF into _build/latex (LaTeX's own output goes to its .log file)
	@$(SYSTEM) pdf
	$(BIN)/sphinx-build -M latexpdf . $(BUILDDIR) $(STRICT) -q $(SPHINXOPTS)
	@echo "The PDF is $(CURDIR)/$(PDF)"

site: $(VENV)/.build-stamp ## Build the website with the PDF in it, as the host publishes it
	$(MAKE) pdf
	for code in $$($(BIN)/python tools/build_languages.py --list); do mkdir -p $(BUILDDIR)/html/$$code && cp $(PDF) $(BUILDDIR)/html/$$code/; done
	$(BIN)/python tools/build_languages.py $(BUILDDIR)/html -E $(STRICT) $(SPHINXOPTS)
	@echo "The site, with the PDF, is in $(CURDIR)/$(BUILDDIR)/html."

serve: $(VENV)/.dev-stamp ## Live preview at http://127.0.0.1:8000 (Swedish: make serve LANGUAGE=sv)
	@$(SYSTEM) build
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port 8000 -n -D language=$(LANGUAGE) -d $(BUILDDIR)/doctrees-serve/$(LANGUAGE) . $(BUILDDIR)/serve/$(LANGUAGE)

test: $(VENV)/.dev-stamp ## Run the whole test suite (website, PDF and browser)
	@$(SYSTEM) test pdf
	@$(MAKE) --no-print-directory check-redirects
	@echo "Running every test: the rules on small sites, the whole site, the PDF (LaTeX) and the browser (Chromium)."
	$(BIN)/python -m pytest

test-fast: $(VENV)/.dev-stamp ## Run the tests without the PDF and the browser (for the edit-test loop)
	@$(SYSTEM) test
	@echo "Running the tests without the PDF and the browser; make test runs them all."
	$(BIN)/python -m pytest -m "not pdf and not browser and not translation_complete"

check-redirects: $(VENV)/.build-stamp ## Check that every page deleted or renamed since main has a redirect
	@if git rev-parse --verify -q main >/dev/null; then \
	  echo "Checking that every page deleted or renamed since main has a line in redirects.txt."; \
	  $(BIN)/sphinx-build -b handbook-redirects -W -q . $(BUILDDIR)/redirects; \
	else echo "No main branch to compare with: redirect check skipped."; fi

bench: $(VENV)/.dev-stamp ## Measure build time, page weight and word counts
	@$(SYSTEM) test
	$(BIN)/python tools/bench.py

lint: $(VENV)/.dev-stamp ## Run the pre-commit hooks on every file
	$(BIN)/pre-commit run --all-files

new-chapter: $(VENV)/.build-stamp ## Scaffold a chapter: make new-chapter PART=guidance TOPIC=live-video TITLE="Live video"
	$(BIN)/python tools/new_chapter.py "$(PART)" "$(TOPIC)" "$(TITLE)"

gettext: $(VENV)/.dev-stamp ## After editing English: extract the messages and update the Swedish catalogs in locales/
	$(BIN)/sphinx-build -b gettext -q . $(BUILDDIR)/gettext
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -d locales -l sv
	mkdir -p $(BUILDDIR)/gettext-handbook
	$(BIN)/pybabel -q extract -k _ --no-location -o $(BUILDDIR)/gettext-handbook/handbook.pot _ext/handbook
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext-handbook -d _ext/handbook/locales -l sv

translation-status: $(VENV)/.dev-stamp ## Per catalog: translated, fuzzy and untranslated messages
	@echo "The pages (locales/):"; $(BIN)/sphinx-intl stat -d locales -l sv
	@echo "The handbook's own strings and the theme's (_ext/handbook/locales/):"; $(BIN)/sphinx-intl stat -d _ext/handbook/locales -l sv

clean: ## Remove build output (keeps .venv)
	rm -rf $(BUILDDIR)
