"""The pinned theme as it comes, without the handbook's overrides: tests/test_theme_gaps.py."""
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
html_theme = "sphinx_book_theme"
bibtex_bibfiles = ["references.bib"]
