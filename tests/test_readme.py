"""The README's commands, run: every line of every fenced ``sh`` block that can run
offline is run against a fresh copy of the bundled example, and the printed example
output is what flake8 really prints."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()

#: Lines that need the network or a checkout of wscc itself (pip fetches build and
#: runtime dependencies; the test suite would run itself): documented, not run here.
NOT_OFFLINE = ("python -m pip install", "python -m pip wheel", "python -m pytest")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```\n", README, re.DOTALL | re.MULTILINE)


def commands() -> list[str]:
    lines = [line.strip() for block in blocks("sh") for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


OFFLINE = [line for line in commands() if not line.startswith(NOT_OFFLINE)]


def test_the_readme_has_runnable_commands() -> None:
    assert len(OFFLINE) >= 15, OFFLINE
    skipped = [line for line in commands() if line.startswith(NOT_OFFLINE)]
    assert skipped and len(skipped) <= 6, skipped


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    # The scripts of the Python running the tests first on PATH: wscc, wscc-fix, flake8.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return subprocess.run(["sh", "-c", command], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PATH": path})


@pytest.fixture
def example(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path


@pytest.mark.parametrize("command", OFFLINE)
def test_each_offline_command_runs_on_the_bundled_example(example: Path, command: str) -> None:
    result = shell(command, example)
    assert result.returncode in (0, 1), f"{command}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines()
                if line.startswith(("wscc: ", "wscc-fix: ")) and "rewrote" not in line and "would rewrite" not in line]
    assert problems == [], f"{command}: {problems}"
    assert result.stdout or result.stderr or (example / "wscc.sarif").stat().st_size, command


def test_the_example_output_is_what_flake8_prints(example: Path) -> None:
    printed = next(block for block in blocks("text") if "examples/chat/api.py" in block)
    result = shell("flake8 examples/", example)
    assert result.returncode == 1  # "findings", as the README says
    assert result.stdout == printed
    assert "It prints six findings, four of them errors (WSC1xx), and exits 1" in README
    lines = result.stdout.splitlines()
    assert len(lines) == 6 and sum(line.split()[1].startswith("WSC1") for line in lines) == 4


def test_no_invented_addresses() -> None:
    """wscc has no public repository or PyPI page: no web address may claim one."""
    addresses = set(re.findall(r"https?://[^\s)>\"']+", README))
    assert addresses == set(), addresses
    assert not any(re.match(r"(python -m )?pip install wscc\b", line) for line in commands())
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert "[project.urls]" not in pyproject and "https://" not in pyproject.split("[project.optional-dependencies]")[0]


def test_license_matches_pyproject() -> None:
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text()
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")


def test_changelog_names_this_version() -> None:
    version = re.search(r'^version = "(.+)"', (ROOT / "pyproject.toml").read_text(), re.MULTILINE).group(1)
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert f"## {version}" in changelog and "## Unreleased" in changelog


def _python_block(marker: str) -> str:
    return next(block for block in blocks("python") if marker in block)


def _wscc_json(path: Path, *args: str) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "wscc.cli", "--format", "json", *args, str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["findings"]


OPT_IN = ("--extend-select", "WSC109,WSC110,WSC111")


def test_what_it_catches_before_and_after_run_through_wscc(tmp_path: Path) -> None:
    """The "before" is reported as its comments say; the "after" passes ``wscc`` clean,
    every rule on, and flake8 (pyflakes included) finds nothing in it."""
    before, after = tmp_path / "before.py", tmp_path / "after.py"
    before.write_text(_python_block("code=1006)  # WSC101"))
    after.write_text(_python_block("code=FORBIDDEN"))
    found = _wscc_json(before, *OPT_IN)
    lines = before.read_text().splitlines()
    assert [f["code"] for f in found] == ["WSC103", "WSC101", "WSC201"]
    for finding in found:
        comment = lines[finding["line"] - 1].split("# ", 1)[1]
        code, _, text = comment.partition(" ")
        assert code == finding["code"]
        for part in text.rstrip(". ").split(": "):  # each quoted piece is in the message
            assert part.replace("must never be sent", "must never be sent in a Close frame") in finding["message"] \
                or part in finding["message"], (part, finding["message"])
    assert _wscc_json(after, *OPT_IN) == []
    assert [line for line in shell(f"flake8 --isolated {' '.join(OPT_IN)} after.py", tmp_path).stdout.splitlines()
            if ": WSC" in line or ": F" in line] == []


def _codes(output: str) -> list[str]:
    return sorted(line.split(": ", 1)[0] + " " + line.split(": ", 1)[1].split()[0]
                  for line in output.splitlines() if ": WSC" in line)


@pytest.mark.parametrize("pair", [("flake8 {}", "wscc {}"),
                                  ("flake8 --select WSC {}", "wscc --select WSC {}"),
                                  ("flake8 --extend-select WSC109,WSC110,WSC111 {}",
                                   "wscc --extend-select WSC109,WSC110,WSC111 {}")],
                         ids=["defaults", "select WSC", "opt-in"])
def test_the_documented_flake8_commands_report_what_wscc_reports(pair, tmp_path: Path) -> None:
    """On a file with default and opt-in findings, through the real commands."""
    (tmp_path / "app.py").write_text(
        "from fastapi import WebSocket\n\n\n"
        "async def handler(websocket: WebSocket):\n"
        "    await websocket.close(code=3001)\n"
        "    await websocket.close(code=1014)\n"
        "    await websocket.close(code=1006)\n")
    flake8, wscc = (shell(command.format("app.py"), tmp_path) for command in pair)
    assert _codes(flake8.stdout) == _codes(wscc.stdout) != [], (flake8.stdout, wscc.stdout)
    opt_in = any(code in wscc.stdout for code in ("WSC109", "WSC110"))
    assert opt_in == (pair[0] != "flake8 {}")


def test_the_readme_documents_those_commands() -> None:
    assert "flake8 examples/                 " in README
    assert "flake8 --select WSC examples/" not in README
    assert "turns the opt-in rules\nWSC109, WSC110 and WSC111 on as well" in README


def test_the_across_modules_constant_example_reports_what_it_says(tmp_path: Path) -> None:
    """The README's example of a constant from another module, written out file by file
    (each ``# app/...`` line starts one) and run: the finding's message ends as shown."""
    block = next(block for block in blocks("python") if "SERVER_CRASHED" in block)
    files = re.split(r"^# (app/\S+)\n", block, flags=re.MULTILINE)[1:]
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    shown = ""
    for name, text in zip(files[::2], files[1::2]):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
        shown = next((line.partition("# ")[2] for line in text.splitlines() if "# WSC" in line), shown)
    done = subprocess.run([sys.executable, "-m", "wscc", "app/views.py"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    code, _, tail = shown.partition(" ... ")
    message = done.stdout.strip().partition(": ")[2]
    assert message.startswith(code.split(" = ")[0]) and message.endswith(tail), done.stdout
