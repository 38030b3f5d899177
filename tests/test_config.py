"""``[tool.wscc]`` in pyproject.toml, as read by the ``wscc`` command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wscc.config import ConfigError, find_pyproject, load, parse

HANDLER = """\
from fastapi import WebSocket


async def endpoint(websocket: WebSocket, sock):
    await websocket.close(code=1008)
    await websocket.close(code=4001)
    await sock.close(code=1006)
"""


def wscc(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wscc.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=60)


def project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.wscc]\n{table}\n")
    package = tmp_path / "app"
    package.mkdir()
    (package / "ws.py").write_text(HANDLER)
    (package / "legacy.py").write_text(HANDLER)
    return tmp_path


def codes(result: subprocess.CompletedProcess) -> list[str]:
    return [line.split(": ")[1].split()[0] for line in result.stdout.splitlines()]


def test_settings_are_found_by_walking_up_from_the_paths(tmp_path: Path) -> None:
    root = project(tmp_path, 'ignore = ["WSC2"]')
    assert find_pyproject([str(root / "app" / "ws.py")]) == root / "pyproject.toml"
    result = wscc("app/ws.py", cwd=root)
    assert codes(result) == [], result.stdout
    assert codes(wscc(str(root / "app"), cwd=Path("/"))) == []


def test_receiver_names_and_allowed_codes(tmp_path: Path) -> None:
    root = project(tmp_path, 'receiver-names = ["sock"]\nallowed-codes = [4001]')
    assert codes(wscc("app/ws.py", cwd=root)) == ["WSC201", "WSC101"]


def test_per_file_ignores_and_exclude(tmp_path: Path) -> None:
    root = project(tmp_path, 'exclude = ["app/legacy.py"]\n[tool.wscc.per-file-ignores]\n"app/ws.py" = ["WSC201"]')
    result = wscc("app", cwd=root)
    assert "legacy.py" not in result.stdout
    assert codes(result) == ["WSC203"]


def test_command_line_overrides_the_file(tmp_path: Path) -> None:
    root = project(tmp_path, 'select = ["WSC1"]')
    assert codes(wscc("app/ws.py", cwd=root)) == []
    assert codes(wscc("app/ws.py", "--select", "WSC2", cwd=root)) == ["WSC201", "WSC203"]


@pytest.mark.parametrize(
    "table, named",
    [
        ("colour = 1", "unknown key 'colour'"),
        ('select = "WSC1"', "select: expected a list of strings"),
        ('ignore = ["E501"]', "unknown rule code 'E501'"),
        ('allowed-codes = ["4000"]', "allowed-codes: expected a list of integers"),
        ('[tool.wscc.fallback-constants]\nnot-a-lib = "x:Y"', "unknown library 'not-a-lib'"),
        ("select = [", "invalid TOML"),
    ],
)
def test_bad_configuration_is_one_line_naming_the_key(tmp_path: Path, table: str, named: str) -> None:
    root = project(tmp_path, table)
    result = wscc("app", cwd=root)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and named in result.stderr, result.stderr
    with pytest.raises(ConfigError, match="^.*pyproject.toml"):
        load([str(root / "app")])


def test_enabled_follows_flake8_prefix_rules() -> None:
    default = parse({})
    assert default.enabled("WSC101") and not default.enabled("WSC109")
    assert parse({"extend-select": ["WSC109"]}).enabled("WSC109")
    assert not parse({"select": ["WSC", "WSC1"], "ignore": ["WSC10"]}).enabled("WSC101")
    assert parse({"select": ["WSC101"], "ignore": ["WSC1"]}).enabled("WSC101")


def flake8(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flake8", "--select", "WSC", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def located(result: subprocess.CompletedProcess) -> list[tuple[str, str, str, str]]:
    assert result.returncode in (0, 1), result.stderr
    return [tuple(line.split(" ")[0].split(":")[:3]) + (line.split(" ")[1],) for line in result.stdout.splitlines()]


# (pyproject.toml [tool.wscc], setup.cfg [flake8]) -> the codes every front end reports
CONFIGURED_EITHER_WAY = {
    "tool.wscc": ('receiver-names = ["sock"]\nallowed-codes = [4001]', None, ["WSC201", "WSC101"]),
    "setup.cfg": ("", "wscc-receiver-names = sock\nwscc_allowed_codes = 4001, 1008", ["WSC101"]),
    # Where both set an option, flake8's value wins (receiver names from setup.cfg,
    # allowed codes from [tool.wscc]).
    "both": ('receiver-names = ["other"]\nallowed-codes = [1008]', "wscc-receiver-names = sock", ["WSC203", "WSC101"]),
    "neither": ("", None, ["WSC201", "WSC203"]),
}


@pytest.mark.parametrize("way", sorted(CONFIGURED_EITHER_WAY))
def test_wscc_and_flake8_agree_however_the_project_is_configured(tmp_path: Path, way: str) -> None:
    table, flake8_section, expected = CONFIGURED_EITHER_WAY[way]
    root = project(tmp_path, table)
    if flake8_section is not None:
        (root / "setup.cfg").write_text(f"[flake8]\nmax-line-length = 120\n{flake8_section}\n")
    from_wscc = located(wscc("app/ws.py", cwd=root))
    from_flake8 = located(flake8("app/ws.py", cwd=root))
    assert [finding[3] for finding in from_wscc] == expected
    assert from_flake8 == from_wscc
    # the file is found from the paths, whatever the working folder (as wscc finds it)
    if way == "tool.wscc":
        assert located(flake8(str(root / "app" / "ws.py"), cwd=root.parent))[0][3] == "WSC201"


def test_flake8_command_line_replaces_tool_wscc(tmp_path: Path) -> None:
    root = project(tmp_path, 'receiver-names = ["sock"]\nallowed-codes = [4001]')
    codes_only = lambda result: [finding[3] for finding in located(result)]  # noqa: E731
    assert codes_only(flake8("--wscc-allowed-codes=1008", "app/ws.py", cwd=root)) == ["WSC203", "WSC101"]
    assert codes_only(flake8("--wscc-receiver-names=other", "app/ws.py", cwd=root)) == ["WSC201"]


@pytest.mark.parametrize("where", ["tool.wscc", "setup.cfg"])
def test_flake8_stops_on_a_bad_setting_with_one_line(tmp_path: Path, where: str) -> None:
    root = project(tmp_path, "allowed-codes = ['x']" if where == "tool.wscc" else "")
    if where == "setup.cfg":
        (root / "setup.cfg").write_text("[flake8]\nwscc-allowed-codes = x\n")
    for result in (flake8("app", cwd=root), wscc("app", cwd=root)):
        assert result.returncode == 2, result.stdout + result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "allowed-codes" in result.stderr, result.stderr
