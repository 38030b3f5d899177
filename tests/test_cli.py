"""The ``wscc`` command: same findings as the flake8 plugin, formats, selection, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wscc.cli import main
from wscc.rules import BY_CODE, RULES

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

BUGGY = """\
from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/ws")
async def endpoint(websocket: WebSocket):
    await websocket.close(code=1006)
    await websocket.close(code=1008)
    await websocket.close(code=3001)
    await websocket.close(code=1006)  # noqa: WSC101
"""


def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wscc.cli", *args],
        input=stdin, capture_output=True, text=True, cwd=cwd, timeout=120,
    )


@pytest.fixture
def buggy(tmp_path: Path) -> Path:
    path = tmp_path / "app.py"
    path.write_text(BUGGY)
    return path


def _flake8_findings(paths: list[Path]) -> set[tuple[str, int, int, str]]:
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "WSC", "--format", "%(path)s|%(row)d|%(col)d|%(code)s %(text)s",
         *map(str, paths)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr
    records = (line.split("|", 3) for line in result.stdout.splitlines())
    return {(path, int(row), int(col), text) for path, row, col, text in records}


def _wscc_findings(paths: list[Path]) -> set[tuple[str, int, int, str]]:
    result = run("--format", "json", "--select", "WSC", *map(str, paths))
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(result.stdout)
    assert document["errors"] == []
    return {(r["path"], r["line"], r["column"], f"{r['code']} {r['message']}") for r in document["findings"]}


def test_same_findings_as_the_flake8_plugin(buggy: Path) -> None:
    corpora = [EXAMPLES, buggy]
    cases = ROOT / "tests" / "cases"
    if cases.is_dir():
        corpora.append(cases)
    expected = _flake8_findings(corpora)
    assert expected, "flake8 found nothing: the plugin is not installed?"
    assert _wscc_findings(corpora) == expected


def test_exit_codes_and_default_format(buggy: Path, tmp_path: Path) -> None:
    result = run(str(buggy))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{buggy}:8:32: WSC101 close code 1006 (Abnormal Closure) must never be sent in a "
                        "Close frame (RFC 6455 §7.4.1): send status.WS_1011_INTERNAL_ERROR for an internal error, "
                        "status.WS_1000_NORMAL_CLOSURE for a normal end")
    assert [line.split(": ")[1].split()[0] for line in lines] == ["WSC101", "WSC201", "WSC203"]
    clean = tmp_path / "clean.py"
    clean.write_text("import os\nos.close(3)\n")
    assert run(str(clean)).returncode == 0
    assert run("--exit-zero", str(buggy)).returncode == 0


def test_unreadable_and_missing_paths_exit_2_and_the_rest_is_checked(buggy: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("def f(:\n    pass\nimport websockets\n")
    result = run(str(tmp_path / "missing.py"), str(broken), str(buggy))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{tmp_path / 'missing.py'}: no such file or directory" in result.stderr
    assert f"{broken}:1:" in result.stderr and "cannot parse" in result.stderr
    assert "WSC101" in result.stdout  # the good file was still checked


def test_select_ignore_and_extend_select_use_prefixes(buggy: Path) -> None:
    codes = lambda r: [line.split(": ")[1].split()[0] for line in r.stdout.splitlines()]  # noqa: E731
    # As in flake8, selecting a prefix explicitly turns on the opt-in rules under it.
    assert codes(run("--select", "WSC1", str(buggy))) == ["WSC101", "WSC109"]
    assert codes(run("--select", "WSC101", str(buggy))) == ["WSC101"]
    assert codes(run("--ignore", "WSC2", str(buggy))) == ["WSC101"]
    # 3001 is unregistered: the opt-in WSC109 outranks WSC203 once selected.
    assert codes(run("--extend-select", "WSC109", str(buggy))) == ["WSC101", "WSC201", "WSC109"]
    assert codes(run("--select", "WSC", "--ignore", "WSC201", str(buggy))) == ["WSC101", "WSC109"]


def test_bad_options_are_one_line_errors(buggy: Path) -> None:
    for args in (["--select", "XYZ9"], ["--jobs", "zero"], ["--format", "xml"], ["--explain", "WSC999"]):
        result = run(*args, str(buggy))
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_noqa_is_honoured_unless_disabled(buggy: Path) -> None:
    assert run(str(buggy)).stdout.count("WSC101") == 1
    assert run("--disable-noqa", str(buggy)).stdout.count("WSC101") == 2


def test_stdin(buggy: Path) -> None:
    result = run("-", "--stdin-filename", "app.py", stdin=BUGGY)
    assert result.returncode == 1
    assert result.stdout.startswith("app.py:8:32: WSC101")


def test_json_format(buggy: Path) -> None:
    document = json.loads(run("--format", "json", str(buggy)).stdout)
    assert set(document) == {"findings", "errors"} and document["errors"] == []
    records = document["findings"]
    first, magic = records[0], records[1]
    assert set(first) >= {"path", "line", "column", "end_line", "end_column", "code", "name", "message", "fix"}
    assert (first["line"], first["column"], first["end_column"], first["code"]) == (8, 32, 36, "WSC101")
    assert first["name"] == BY_CODE["WSC101"].name and first["fix"]["available"] is False
    assert magic["fix"] == {"available": True, "replacement": "status.WS_1008_POLICY_VIOLATION", "reason": None}


def test_sarif_format(buggy: Path) -> None:
    log = json.loads(run("--format", "sarif", str(buggy)).stdout)
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == sorted(rule.code for rule in RULES)
    assert all(rule["help"]["markdown"].startswith(f"# {rule['id']}") for rule in driver["rules"])
    for rule in driver["rules"]:  # a path in this repository, not an invented web address
        assert rule["helpUri"] == f"docs/rules/{rule['id']}.md" and (ROOT / rule["helpUri"]).is_file()
    assert "informationUri" not in driver and "://" not in json.dumps(driver).replace(log["$schema"], "")
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["WSC101", "WSC201", "WSC203"]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    regions = [result["locations"][0]["physicalLocation"]["region"] for result in results]
    # One result per line of BUGGY, each at its code (1-based, as SARIF counts).
    assert [(region["startLine"], region["startColumn"]) for region in regions] == [(8, 32), (9, 32), (10, 32)]
    assert results[0]["level"] == "error" and results[1]["level"] == "warning"


def test_github_format(buggy: Path) -> None:
    first = run("--format", "github", str(buggy)).stdout.splitlines()[0]
    assert first.startswith(f"::error file={buggy},line=8,col=32,endLine=8,endColumn=36,title=WSC101::WSC101 close code 1006")


def test_explain_prints_the_rule_page() -> None:
    result = run("--explain", "wsc203")
    assert result.returncode == 0
    assert result.stdout.startswith("# WSC203 `magic-application-close-code`")
    assert "## Why is this bad?" in result.stdout


def test_statistics(buggy: Path) -> None:
    tail = run("--statistics", str(buggy)).stdout.splitlines()[-3:]
    assert [line.split()[:2] for line in tail] == [["1", "WSC101"], ["1", "WSC201"], ["1", "WSC203"]]


def test_jobs_give_the_same_output(tmp_path: Path) -> None:
    for index in range(80):  # above the parallel threshold
        (tmp_path / f"m{index:03}.py").write_text(BUGGY if index % 3 == 0 else "import os\n")
    serial = run("-j", "1", str(tmp_path))
    parallel = run("-j", "2", str(tmp_path))
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout and serial.stdout.count("WSC101") == 27


def test_in_process_entry_point(buggy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(buggy), "--select", "WSC101"]) == 1
    assert capsys.readouterr().out.count("\n") == 1


@pytest.fixture
def troubled(buggy: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A file with findings, a file that cannot be parsed and a path that does not exist."""
    broken = tmp_path / "broken.py"
    broken.write_text("import websockets\ndef f(:\n    pass\n")
    return buggy, broken, tmp_path / "missing.py"


def test_problems_are_in_the_json_output_beside_the_findings(troubled) -> None:
    buggy, broken, missing = troubled
    result = run("--format", "json", str(missing), str(broken), str(buggy))
    assert result.returncode == 2  # findings and problems: 2 wins, as documented
    document = json.loads(result.stdout)
    assert [r["code"] for r in document["findings"]] == ["WSC101", "WSC201", "WSC203"]
    assert document["errors"] == [
        {"path": str(missing), "line": None, "column": None, "message": "no such file or directory"},
        {"path": str(broken), "line": 2, "column": 7, "message": "cannot parse: invalid syntax"},
    ]
    assert result.stderr.splitlines() == [f"wscc: {missing}: no such file or directory",
                                          f"wscc: {broken}:2:7: cannot parse: invalid syntax"]


def test_problems_are_sarif_tool_execution_notifications(troubled) -> None:
    buggy, broken, missing = troubled
    result = run("--format", "sarif", str(missing), str(broken), str(buggy))
    assert result.returncode == 2
    run_log = json.loads(result.stdout)["runs"][0]
    [invocation] = run_log["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["error", "error"]
    assert notes[0]["message"]["text"] == f"{missing}: no such file or directory"
    location = notes[1]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == broken.as_posix()
    assert location["region"] == {"startLine": 2, "startColumn": 7}
    assert [r["ruleId"] for r in run_log["results"]] == ["WSC101", "WSC201", "WSC203"]


def test_problems_are_github_error_annotations(troubled) -> None:
    buggy, broken, missing = troubled
    result = run("--format", "github", str(missing), str(broken), str(buggy))
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"::error file={missing},title=wscc::{missing}: no such file or directory",
                         f"::error file={broken},line=2,col=7,title=wscc::{broken}:2:7: cannot parse: invalid syntax"]
    assert [line.split("title=")[1].split("::")[0] for line in lines[2:]] == ["WSC101", "WSC201", "WSC203"]


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_a_bad_setting_is_reported_in_the_format_too(buggy: Path, output_format: str) -> None:
    result = run("--format", output_format, "--select", "WSC9", str(buggy))
    assert result.returncode == 2
    message = "--select: unknown rule code 'WSC9'; run wscc --list-rules to list them"
    assert result.stderr == f"wscc: {message}\n"
    document = json.loads(result.stdout)
    if output_format == "json":
        assert document == {"findings": [], "errors": [{"path": None, "line": None, "column": None, "message": message}]}
    else:
        [invocation] = document["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is False
        assert invocation["toolExecutionNotifications"][0]["message"]["text"] == message
        assert document["runs"][0]["results"] == []
