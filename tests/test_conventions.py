"""Command-line conventions shared with ruff and flake8, through the real commands:
exclusion options, ``python -m``, ``--explain``/``--list-rules``, selection on
``wscc-fix``, stdin names, ``wscc --fix``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wscc.rules import RULES

HANDLER = """\
from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/ws")
async def endpoint(websocket: WebSocket):
    await websocket.close(code=1006)
    await websocket.close(code=1008)
    await websocket.close(code=4001)
"""

FIXED = HANDLER.replace("FastAPI, WebSocket\n", "FastAPI, WebSocket, status\n").replace(
    "code=1008", "code=status.WS_1008_POLICY_VIOLATION")


def command(name: str) -> list[str]:
    """The installed console script (what users run)."""
    script = shutil.which(name)
    assert script, f"{name} is not installed: python -m pip install -e ."
    return [script]


def run(name: str, *args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*command(name), *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120)


def codes(result: subprocess.CompletedProcess) -> list[tuple[str, str]]:
    """(path, code) of each finding in the default format."""
    return [(line.split(":")[0], line.split(": ")[1].split()[0]) for line in result.stdout.splitlines()]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.wscc]\nexclude = ["app/legacy.py"]\n')
    (tmp_path / "app").mkdir()
    for name in ("ws.py", "legacy.py", "other.py"):
        (tmp_path / "app" / name).write_text(HANDLER)
    return tmp_path


def files_of(result: subprocess.CompletedProcess) -> list[str]:
    return sorted({path for path, _ in codes(result)})


def test_exclude_extend_exclude_and_force_exclude(project: Path) -> None:
    assert files_of(run("wscc", "app", cwd=project)) == ["app/other.py", "app/ws.py"]
    # a file named on the command line is checked, as in ruff, unless --force-exclude
    assert files_of(run("wscc", "app/legacy.py", "app/ws.py", cwd=project)) == ["app/legacy.py", "app/ws.py"]
    forced = run("wscc", "--force-exclude", "app/legacy.py", cwd=project)
    assert forced.returncode == 0 and forced.stdout == ""
    # --exclude replaces [tool.wscc] exclude; --extend-exclude adds to it
    assert files_of(run("wscc", "--exclude", "app/ws.py", "app", cwd=project)) == ["app/legacy.py", "app/other.py"]
    assert files_of(run("wscc", "--extend-exclude", "ws.py,nothing", "app", cwd=project)) == ["app/other.py"]
    # force-exclude from the configuration file
    (project / "pyproject.toml").write_text('[tool.wscc]\nexclude = ["app/legacy.py"]\nforce-exclude = true\n')
    assert files_of(run("wscc", "app/legacy.py", "app/ws.py", cwd=project)) == ["app/ws.py"]


def test_wscc_fix_takes_the_same_exclusions(project: Path) -> None:
    done = run("wscc-fix", "--force-exclude", "--extend-exclude", "other.py", "app/legacy.py", "app/other.py",
               "app/ws.py", cwd=project)
    assert done.returncode == 1, done.stderr
    assert (project / "app" / "ws.py").read_text() == FIXED
    assert (project / "app" / "legacy.py").read_text() == HANDLER
    assert (project / "app" / "other.py").read_text() == HANDLER


@pytest.mark.parametrize("module, script", [("wscc", "wscc"), ("wscc.fix", "wscc-fix")])
def test_python_dash_m_runs_the_same_command(project: Path, module: str, script: str) -> None:
    args = ["app"] if script == "wscc" else ["--diff", "app"]
    by_module = subprocess.run([sys.executable, "-m", module, *args], cwd=project, capture_output=True, text=True,
                               timeout=120)
    by_script = run(script, *args, cwd=project)
    assert by_module.returncode == by_script.returncode == 1
    assert by_module.stdout == by_script.stdout and by_module.stdout
    assert by_module.stderr == by_script.stderr
    version = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.split() == [script, "0.1.0"]


def test_explain_takes_a_code_or_a_rule_name(tmp_path: Path) -> None:
    by_code = run("wscc", "--explain", "WSC102", cwd=tmp_path)
    by_name = run("wscc", "--explain", "reserved-future-close-code", cwd=tmp_path)
    assert by_code.returncode == by_name.returncode == 0
    assert by_code.stdout == by_name.stdout and by_code.stdout.startswith("# WSC102 `reserved-future-close-code`")
    unknown = run("wscc", "--explain", "no-such-rule", cwd=tmp_path)
    assert unknown.returncode == 2 and unknown.stdout == ""
    assert unknown.stderr == "wscc: unknown rule code or name 'no-such-rule'; run wscc --list-rules to list them\n"


def test_list_rules(tmp_path: Path) -> None:
    result = run("wscc", "--list-rules", cwd=tmp_path)
    assert result.returncode == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["code", "name", "default", "fix"]
    expected = sorted((r.code, r.name, "on" if r.default_enabled else "off", r.fix) for r in RULES)
    assert [tuple(row.split()) for row in rows] == expected
    assert ("WSC109", "unregistered-application-close-code", "off", "never") in expected


@pytest.mark.parametrize("name", ["wscc", "wscc-fix"])
def test_an_unknown_code_is_one_clear_line(project: Path, name: str) -> None:
    result = run(name, "--select=WSC9", "app", cwd=project)
    assert result.returncode == 2
    assert result.stderr == f"{name}: --select: unknown rule code 'WSC9'; run wscc --list-rules to list them\n"
    assert (project / "app" / "ws.py").read_text() == HANDLER


def test_wscc_fix_select_and_ignore(project: Path) -> None:
    ignored = run("wscc-fix", "--ignore", "WSC2", "app/ws.py", cwd=project)
    assert ignored.returncode == 0 and (project / "app" / "ws.py").read_text() == HANDLER
    only_errors = run("wscc-fix", "--select", "WSC1", "app/ws.py", cwd=project)
    assert only_errors.returncode == 0 and (project / "app" / "ws.py").read_text() == HANDLER
    selected = run("wscc-fix", "--select", "WSC201", "app/ws.py", cwd=project)
    assert selected.returncode == 1 and (project / "app" / "ws.py").read_text() == FIXED


def test_wscc_fix_of_a_missing_path_says_only_that(tmp_path: Path) -> None:
    result = run("wscc-fix", "nope/", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "wscc-fix: nope/: no such file or directory\n"


def test_stdin_names(project: Path) -> None:
    unnamed = run("wscc", "-", cwd=project, stdin=HANDLER)
    assert unnamed.returncode == 1 and unnamed.stdout.startswith("stdin:8:32: WSC101")
    # --stdin-filename alone reads stdin, names it, and finds its settings from that name
    (project / "pyproject.toml").write_text('[tool.wscc]\nper-file-ignores = { "app/ws.py" = ["WSC1"] }\n')
    named = run("wscc", "--stdin-filename", "app/ws.py", cwd=project, stdin=HANDLER)
    assert codes(named) == [("app/ws.py", "WSC201"), ("app/ws.py", "WSC203")]
    elsewhere = run("wscc", "--stdin-filename", str(project / "app" / "ws.py"), cwd=project.parent, stdin=HANDLER)
    assert [code for _, code in codes(elsewhere)] == ["WSC201", "WSC203"]
    # wscc-fix honours it too: the settings and the diff's file names
    (project / "pyproject.toml").write_text('[tool.wscc]\nper-file-ignores = { "app/skip.py" = ["WSC2"] }\n')
    diff = run("wscc-fix", "--diff", "--stdin-filename", "app/ws.py", "-", cwd=project, stdin=HANDLER)
    assert diff.returncode == 1 and diff.stdout.startswith("--- app/ws.py\n+++ app/ws.py\n")
    skipped = run("wscc-fix", "--stdin-filename", "app/skip.py", cwd=project, stdin=HANDLER)
    assert skipped.returncode == 0 and skipped.stdout == HANDLER
    fixed = run("wscc-fix", "-", cwd=project, stdin=HANDLER)
    assert fixed.returncode == 1 and fixed.stdout == FIXED
    # an excluded name under --force-exclude: nothing reported, the input given back as it is
    (project / "pyproject.toml").write_text('[tool.wscc]\nexclude = ["app/legacy.py"]\nforce-exclude = true\n')
    assert run("wscc", "--stdin-filename", "app/legacy.py", cwd=project, stdin=HANDLER).stdout == ""
    assert run("wscc-fix", "--stdin-filename", "app/legacy.py", cwd=project, stdin=HANDLER).stdout == HANDLER


def test_wscc_fix_flag_rewrites_then_reports_what_is_left(project: Path) -> None:
    result = run("wscc", "--fix", "app/ws.py", cwd=project)
    assert result.returncode == 1
    assert (project / "app" / "ws.py").read_text() == FIXED
    assert codes(result) == [("app/ws.py", "WSC101"), ("app/ws.py", "WSC203")]
    assert result.stderr.splitlines() == ["Rewrote app/ws.py", "wscc: rewrote 1 file (1 close code named); "
                                          "2 left as they are: 1 error rules (fix by hand), 1 no named constant for the code"]
    # the same settings as the check: an ignored rule is not fixed either
    (project / "app" / "other.py").write_text(HANDLER)
    ignored = run("wscc", "--fix", "--ignore", "WSC201", "app/other.py", cwd=project)
    assert (project / "app" / "other.py").read_text() == HANDLER and ignored.stderr == ""
    refused = run("wscc", "--fix", "-", cwd=project, stdin=HANDLER)
    assert refused.returncode == 2 and "use wscc-fix -" in refused.stderr
