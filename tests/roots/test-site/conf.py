"""The same settings as test-handbook: the real conf.py, with the project's templates and static files.

Read through the handbook package, not this file's folder: some tests build a copy of this root."""
from pathlib import Path

import handbook  # on sys.path: tests/conftest.py puts the project's _ext/ there

exec((Path(handbook.__file__).resolve().parents[2] / "tests/roots/test-handbook/conf.py").read_text(encoding="utf-8"))
