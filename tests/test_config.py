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
