"""The committed docs are exactly what the registry, rules and library modules generate."""

from __future__ import annotations

import re
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


def test_readme_rule_table_is_generated_from_the_rules() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    assert docs.readme_table() in readme, "README rule table drifted: run python -m wscc.docs"
    assert docs.with_readme_table(readme) == readme
    for rule in RULES:
        assert f"| [{rule.code}](docs/rules/{rule.code}.md) | {rule.summary} |" in readme


def test_check_mode_reports_a_drifted_readme_table(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    assert docs.main(["--docs", str(tmp_path / "docs")]) == 0
    readme = tmp_path / "README.md"
    readme.write_text(f"x\n{docs.README_TABLE_START}\n| old | table |\n{docs.README_TABLE_END}\ny\n")
    assert docs.main(["--check", "--docs", str(tmp_path / "docs")]) == 1
    assert docs.main(["--docs", str(tmp_path / "docs")]) == 0
    assert readme.read_text() == f"x\n{docs.readme_table()}\ny\n"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_rule_page_is_complete_and_its_own(rule) -> None:
    """Options, Known limitations, References and a Fix safety text of its own; codes in
    upper case (flake8 silently ignores ``--extend-select wsc111``); no web address."""
    page = docs.rule_page(rule)
    for heading in ("## Options", "## Known limitations", "## References"):
        body = page.split(heading + "\n", 1)[1].split("\n## ", 1)[0]
        assert body.strip().startswith("- "), (rule.code, heading)
    assert rule.fix_safety and rule.references and rule.limitations and rule.options
    assert "RFC 6455" in page or rule.code in ("WSC108", "WSC112", "WSC201", "WSC202")
    assert not re.search(r"\bwsc\d{3}\b", page) and not re.search(r"https?://", page)
    if rule.fix == "never":
        assert "No automatic fix" in rule.fix_safety
        assert "reserved, out-of-range or refused" not in rule.fix_safety
    option_names = {name for name, _ in rule.options}
    assert ("allowed-codes" in option_names) == rule.code.startswith("WSC2")


def test_fix_safety_texts_are_per_rule() -> None:
    wrong_code = [rule for rule in RULES if rule.code in ("WSC106", "WSC107", "WSC111")]
    assert all("reserved, out-of-range" not in rule.fix_safety for rule in wrong_code)
    assert "reason" in docs.rule_page(next(rule for rule in RULES if rule.code == "WSC106")).split("## Fix safety")[1]


def test_wsc106_page_says_what_each_library_does() -> None:
    page = docs.rule_page(next(rule for rule in RULES if rule.code == "WSC106"))
    assert "cuts the reason to 123 bytes" in page and "oversized" in page and "ProtocolError" in page


def test_wsproto_really_truncates_the_reason_to_123_bytes() -> None:
    """The claim of WSC106's page, against the installed wsproto."""
    from wsproto.frame_protocol import FrameProtocol

    frame = FrameProtocol(client=False, extensions=[]).close(1000, "é" * 100)
    # 200 bytes of reason cut to 123, and the split "é" dropped: 122 bytes + 2 of code.
    assert frame[1] & 0x7F == 124
    assert bytes(frame[4:]).decode("utf-8") == "é" * 61


def test_websockets_really_refuses_an_oversized_close_frame() -> None:
    from websockets.exceptions import ProtocolError
    from websockets.frames import Close, Frame, Opcode

    with pytest.raises(ProtocolError):
        Frame(Opcode.CLOSE, Close(1000, "x" * 124).serialize()).serialize(mask=False)


def test_library_table_says_whose_method_each_send_is() -> None:
    """Two ``.close()`` shapes of one library (websockets, picows) name their objects."""
    for row in docs.libraries_page().splitlines():
        if row.startswith("| ") and not row.startswith("| library"):
            shapes = row.split(" | ")[1].split("; ")
            assert len(shapes) == len(set(shapes)), row
            methods = [shape.split(" (")[0] for shape in shapes]
            assert len(methods) == len(set(methods)), row
