"""The committed docs are exactly what the registry, rules and library modules generate."""

from __future__ import annotations

from pathlib import Path

import pytest

from wscc import docs, registry
from wscc.libraries import LIBRARIES
from wscc.rules import RULES

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.mark.parametrize("relative", sorted(docs.pages()))
def test_generated_page_is_committed_unchanged(relative: str) -> None:
    path = DOCS / relative
    assert path.exists(), f"docs/{relative} missing: run python -m wscc.docs"
    assert path.read_text(encoding="utf-8") == docs.pages()[relative], f"docs/{relative} drifted: run python -m wscc.docs"


def test_check_mode_reports_drift(tmp_path: Path) -> None:
    assert docs.main(["--docs", str(tmp_path)]) == 0  # writes a fresh copy
    assert docs.main(["--check", "--docs", str(tmp_path)]) == 0
    (tmp_path / "rules" / "WSC101.md").write_text("stale\n")
    assert docs.main(["--check", "--docs", str(tmp_path)]) == 1


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_rule_page_has_the_sections(rule) -> None:
    page = docs.rule_page(rule)
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"):
        assert heading in page


def test_library_table_lists_every_library_and_registry_every_entry() -> None:
    table = docs.libraries_page()
    assert all(f"| {library.name} |" in table for library in LIBRARIES)
    page = docs.registry_page()
    assert page.count("\n| ") == len(registry.REGISTRY) + 1  # and the header row
    assert "| below 1000 (not used) |" in page and "| 5000 and above (undefined) |" in page


def test_registry_covers_every_int_exactly_once() -> None:
    entries = sorted(registry.REGISTRY, key=lambda entry: entry.low)
    for before, after in zip(entries, entries[1:]):
        assert after.low == before.high + 1, (before, after)
    assert registry.lookup(1006).code_class is registry.CodeClass.RESERVED_NEVER_SEND
    assert registry.lookup(1010).client_only
    assert [e.low for e in registry.codes_of_class(registry.CodeClass.REGISTERED_APPLICATION)] == [3000, 3003, 3008]
