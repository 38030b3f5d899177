"""wscc-fix over every annotated case file of the detector tests and the example app:
no problems, idempotent, and the detector afterwards reports exactly the findings that
were not fixed (a rename never creates a new finding, e.g. an IntEnum where autobahn
needs an int)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from wscc import detector
from wscc.config import Config
from wscc.fix import fix_bytes

ROOT = Path(__file__).parent.parent
FILES = sorted(
    [*(ROOT / "tests" / "cases").rglob("*.py"), *(ROOT / "examples").rglob("*.py"),
     *(ROOT / "tests" / "fix_cases").glob("*.before.py")]
)
SETTINGS = Config().settings_for(None)


def test_the_corpus_has_something_to_fix():
    changed = [path for path in FILES if fix_bytes(path.read_bytes(), str(path), SETTINGS).changed]
    assert len(changed) >= 20


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_fixing_removes_exactly_the_fixed_findings(path: Path):
    data = path.read_bytes()
    result = fix_bytes(data, str(path), SETTINGS)
    assert result.problem is None, result.problem
    if not result.changed:
        return
    again = fix_bytes(result.new, str(path), SETTINGS)
    assert again.problem is None and not again.changed
    before = Counter(f.code for f in detector.detect(ast.parse(data), SETTINGS))
    after = Counter(f.code for f in detector.detect(ast.parse(result.new), SETTINGS))
    assert sum(before.values()) - sum(after.values()) == result.fixed
    assert not after - before  # nothing new
    assert set((before - after)) <= {"WSC201", "WSC202", "WSC203"}
