"""A two-page handbook with a Swedish catalog: the translation machinery (tests/test_languages.py)."""
from pathlib import Path

import handbook  # on sys.path: tests/conftest.py puts the project's _ext/ there

PROJECT = Path(handbook.__file__).resolve().parents[2]
# The handbook's own settings, so that these tests check what the real build does.
exec((PROJECT / "conf.py").read_text(encoding="utf-8"))
# The project's templates and style sheet, not copies.
templates_path = [str(PROJECT / "_templates")]
html_static_path = [str(PROJECT / "_static")]
html_favicon = str(PROJECT / "_static" / "favicon.svg")
