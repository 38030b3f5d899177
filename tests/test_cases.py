"""Annotated case files in ``tests/cases``, run through the real flake8.

A line that must produce findings ends with ``# expect: WSC101:32``: the code and the
1-based column flake8 prints, which is where the code expression (or the reason) starts,
as flake8-bugbear's eval files pin them.  Several findings are comma-separated
(``# expect: WSC201:20, WSC106:40``); every other line must produce nothing.  A file may
start with ``# flake8-args: ...`` to run with extra options (the opt-in rules).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import CASES_DIR, run_flake8, run_flake8_with_config

#: Anything after ``# expect:`` must be this list, or the file is rejected: a code without
#: its column would pass wherever on the line the finding points.
EXPECT = re.compile(r"#\s*expect\b(:?)(.*)$")
PINNED = re.compile(r"\s*(WSC\d{3}):(\d+)\s*")
ARGS = re.compile(r"^#\s*flake8-args:\s*(.+)$", re.MULTILINE)
CASE_FILES = sorted(CASES_DIR.glob("*.py"))


def _args_of(path: Path) -> tuple[str, ...]:
    match = ARGS.search(path.read_text(encoding="utf-8"))
    return tuple(match.group(1).split()) if match else ()


Pin = tuple[str, int]  # (code, 1-based column)


def _expected(path: Path) -> dict[int, list[Pin]]:
    expected = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            pins = [PINNED.fullmatch(item) for item in match.group(2).split(",")]
            if not match.group(1) or not all(pins):
                raise ValueError(f"{path.name}:{number}: annotate every finding as CODE:COLUMN "
                                 f"(e.g. '# expect: WSC101:32'), not {match.group(0)!r}")
            expected[number] = sorted((pin.group(1), int(pin.group(2))) for pin in pins)
    return expected


def _groups() -> dict[tuple[str, ...], list[Path]]:
    """The case files by the extra options they run with."""
    groups: dict[tuple[str, ...], list[Path]] = defaultdict(list)
    for path in CASE_FILES:
        groups[_args_of(path)].append(path)
    return groups


@lru_cache(maxsize=None)
def _findings_by_file() -> dict[str, dict[int, list[Pin]]]:
    """One flake8 run per distinct set of extra options, over every case file at once."""
    found: dict[str, dict[int, list[Pin]]] = defaultdict(lambda: defaultdict(list))
    for args, paths in _groups().items():
        # No ``--select``: an explicit select would also turn on the opt-in rules
        # (flake8's default-ignore yields to it), so other plugins' codes are filtered.
        for path, row, col, code, _text in run_flake8(paths, *args):
            if code.startswith("WSC"):
                found[Path(path).name][row].append((code, col))
    return {name: {row: sorted(pins) for row, pins in rows.items()} for name, rows in found.items()}


@lru_cache(maxsize=None)
def _wscc_findings_by_file() -> dict[str, dict[int, list[Pin]]]:
    """The same as ``_findings_by_file``, from the real ``wscc`` command."""
    found: dict[str, dict[int, list[Pin]]] = defaultdict(lambda: defaultdict(list))
    for args, paths in _groups().items():
        done = subprocess.run([sys.executable, "-m", "wscc", "--format", "json", *args, *map(str, paths)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode in (0, 1), done.stderr
        for finding in json.loads(done.stdout)["findings"]:
            found[Path(finding["path"]).name][finding["line"]].append((finding["code"], finding["column"]))
    return {name: {row: sorted(pins) for row, pins in rows.items()} for name, rows in found.items()}


def test_wscc_reports_what_flake8_reports_on_every_case_file():
    assert _wscc_findings_by_file() == _findings_by_file()


def _shown(pins: list[Pin]) -> str:
    return ", ".join(f"{code}:{col}" for code, col in pins) or "nothing"


def test_there_are_case_files():
    assert len(CASE_FILES) >= 20
    assert sum(len(_expected(path)) for path in CASE_FILES) >= 300


@pytest.mark.parametrize("annotation", [
    "# expect: WSC101",
    "# expect: WSC101:32, WSC106",
    "# expect: WSC101:",
    "# expect: WSC101 : 32",
    "# expect:",
    "# expect WSC101:32",
])
def test_an_unpinned_annotation_is_rejected(annotation: str, tmp_path: Path):
    path = tmp_path / "case.py"
    path.write_text(f"import websockets\nawait ws.close(1006)  {annotation}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"case\.py:2: annotate every finding as CODE:COLUMN"):
        _expected(path)


def test_a_pinned_annotation_is_read(tmp_path: Path):
    path = tmp_path / "case.py"
    path.write_text("x = 1\n    await ws.close(1000 if ok else 1006)  # expect: WSC201:27, WSC101:43\n",
                    encoding="utf-8")
    assert _expected(path) == {2: [("WSC101", 43), ("WSC201", 27)]}


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
            report.append(f"  {path.name}:{row}: expected {_shown(want)}, got {_shown(got)}"
                          f"\n      {lines[row - 1].strip()}")
    pytest.fail("findings differ from the annotations:\n" + "\n".join(report), pytrace=False)


# --------------------------------------------------------------------------- options

_OPTIONS_SOURCE = '''\
import websockets


async def handler(peer, link):
    await peer.close(1006)
    await link.close(1008)


async def conventional(websocket):
    await websocket.close(4001)
    await websocket.close(1008)
    await websocket.close(3001)
    await websocket.close(1014)
'''


def _codes(findings) -> list[tuple[int, str]]:
    return sorted((row, code) for _path, row, _col, code, _text in findings if code.startswith("WSC"))


@pytest.fixture
def options_file(tmp_path: Path) -> Path:
    path = tmp_path / "app.py"
    path.write_text(_OPTIONS_SOURCE, encoding="utf-8")
    return path


def test_receiver_names_option(options_file: Path):
    assert (5, "WSC101") not in _codes(run_flake8([options_file]))
    found = _codes(run_flake8([options_file], "--wscc-receiver-names", "peer,link"))
    assert (5, "WSC101") in found and (6, "WSC201") in found


def test_receiver_names_from_a_config_file(options_file: Path, tmp_path: Path):
    (tmp_path / "setup.cfg").write_text("[flake8]\nwscc-receiver-names = peer\n", encoding="utf-8")
    found = _codes(run_flake8_with_config([options_file], tmp_path))
    assert (5, "WSC101") in found and not any(row == 6 for row, _ in found)


def test_allowed_codes_option(options_file: Path):
    default = _codes(run_flake8([options_file]))
    assert (10, "WSC203") in default and (11, "WSC201") in default
    allowed = _codes(run_flake8([options_file], "--wscc-allowed-codes", "4001,1008"))
    assert (10, "WSC203") not in allowed and (11, "WSC201") not in allowed
    assert (12, "WSC203") in allowed  # codes not listed are still reported


def test_allowed_codes_never_silence_errors(tmp_path: Path):
    path = tmp_path / "app.py"
    path.write_text("import websockets\n\nasync def f(ws):\n    await ws.close(1006)\n", encoding="utf-8")
    assert _codes(run_flake8([path], "--wscc-allowed-codes", "1006")) == [(4, "WSC101")]


def test_opt_in_rules_are_off_by_default(options_file: Path):
    found = _codes(run_flake8([options_file]))
    assert (12, "WSC203") in found and (13, "WSC201") in found
    assert not any(code in ("WSC109", "WSC110") for _row, code in found)


def test_the_echoed_peer_code_rule_is_off_by_default():
    path = CASES_DIR / "following_forwarded.py"
    assert "WSC111" not in {code for _row, code in _codes(run_flake8([path]))}
    assert (18, "WSC111") in _codes(run_flake8([path], "--extend-select", "WSC111"))


@pytest.mark.parametrize("args", [
    ("--extend-select", "WSC109,WSC110"),
    ("--select", "WSC"),
    ("--select", "WSC109,WSC110,WSC2"),
])
def test_opt_in_rules_can_be_selected(options_file: Path, args):
    found = _codes(run_flake8([options_file], *args))
    # The opt-in rule is more severe than the magic-number rule, so it replaces it.
    assert (12, "WSC109") in found and (12, "WSC203") not in found
    assert (13, "WSC110") in found and (13, "WSC201") not in found


def test_ignoring_the_most_severe_rule_reports_the_next(tmp_path: Path):
    path = tmp_path / "app.py"
    path.write_text("import websockets\n\nasync def f(ws):\n    await ws.close(3001)\n", encoding="utf-8")
    assert _codes(run_flake8([path], "--extend-select", "WSC109")) == [(4, "WSC109")]
    assert _codes(run_flake8([path], "--extend-select", "WSC109", "--extend-ignore", "WSC109")) == [(4, "WSC203")]


def test_every_library_has_a_case_file():
    """Each supported library (a row of docs/libraries.md) is exercised by a case file that
    imports it; raw ASGI messages need no import and have asgi.py."""
    import ast

    from wscc.libraries import LIBRARIES

    imported: set[str] = set()
    for path in CASE_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.partition(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.partition(".")[0])
    missing = [library.name for library in LIBRARIES
               if library.imports and not imported & set(library.imports)]
    assert missing == []
    assert (CASES_DIR / "asgi.py").is_file()
