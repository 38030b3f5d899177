"""Annotated case files in ``tests/cases``, run through the real flake8.

A line that must produce findings ends with ``# expect: WSC101`` (several codes
comma-separated); every other line must produce nothing.  A file may start with
``# flake8-args: ...`` to run with extra options (the opt-in rules).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import CASES_DIR, run_flake8

EXPECT = re.compile(r"#\s*expect:\s*(WSC\d{3}(?:\s*,\s*WSC\d{3})*)")
ARGS = re.compile(r"^#\s*flake8-args:\s*(.+)$", re.MULTILINE)
CASE_FILES = sorted(CASES_DIR.glob("*.py"))


def _args_of(path: Path) -> tuple[str, ...]:
    match = ARGS.search(path.read_text(encoding="utf-8"))
    return tuple(match.group(1).split()) if match else ()


def _expected(path: Path) -> dict[int, list[str]]:
    expected = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            expected[number] = sorted(code.strip() for code in match.group(1).split(","))
    return expected


@lru_cache(maxsize=None)
def _findings_by_file() -> dict[str, dict[int, list[str]]]:
    """One flake8 run per distinct set of extra options, over every case file at once."""
    groups: dict[tuple[str, ...], list[Path]] = defaultdict(list)
    for path in CASE_FILES:
        groups[_args_of(path)].append(path)
    found: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for args, paths in groups.items():
        # No ``--select``: an explicit select would also turn on the opt-in rules
        # (flake8's default-ignore yields to it), so other plugins' codes are filtered.
        for path, row, _col, code, _text in run_flake8(paths, *args):
            if code.startswith("WSC"):
                found[Path(path).name][row].append(code)
    return {name: {row: sorted(codes) for row, codes in rows.items()} for name, rows in found.items()}


def test_there_are_case_files():
    assert len(CASE_FILES) >= 20


@pytest.mark.parametrize("path", CASE_FILES, ids=[path.name for path in CASE_FILES])
def test_case_file(path: Path):
    expected = _expected(path)
    actual = _findings_by_file().get(path.name, {})
    if expected == actual:
        return
    lines = path.read_text(encoding="utf-8").splitlines()
    report = []
    for row in sorted(set(expected) | set(actual)):
        want, got = expected.get(row, []), actual.get(row, [])
        if want != got:
            report.append(f"  {path.name}:{row}: expected {want or 'nothing'}, got {got or 'nothing'}"
                          f"\n      {lines[row - 1].strip()}")
    pytest.fail("findings differ from the annotations:\n" + "\n".join(report), pytrace=False)
