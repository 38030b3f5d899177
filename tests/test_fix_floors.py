"""The project's declared floors (``wscc.floors``, ``[tool.wscc] library-versions``) and
what ``wscc-fix`` does below them: no rewrite, and the summary names the constant and
the release it needs."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wscc.config import ConfigError, load, parse
from wscc.floors import floors, lower_bound, parse_requirement, version_key

HANDLER = """\
import websockets


async def stop(ws: websockets.ServerConnection):
    await ws.close(1008)
"""


@pytest.mark.parametrize(("line", "expected"), [
    ("websockets>=10.3", ("websockets", "10.3")),
    ("websockets >=10.3, <14", ("websockets", "10.3")),
    ("Websocket_Client~=1.1", ("websocket-client", "1.1")),
    ("aiohttp[speedups]==3.7.4 ; python_version < '3.12'", ("aiohttp", "3.7.4")),
    ("aiohttp>3.7,>=3.8.1", ("aiohttp", "3.8.1")),
    ("starlette (>=0.20)", ("starlette", "0.20")),
    ("websockets", ("websockets", None)),
    ("websockets<13", ("websockets", None)),
    ("wsproto==1.*", ("wsproto", "1")),
    ("-r other.txt", None),
    ("git+https://example.invalid/x.git", None),
])
def test_requirement_lines(line, expected):
    assert parse_requirement(line) == expected


def test_poetry_constraints_and_version_order():
    assert lower_bound("^10.3") == "10.3" and lower_bound("~1.2.3") == "1.2.3"
    assert version_key("12.0") == version_key("12") < version_key("12.0.1") < version_key("13")
    # A pre-release comes before its final release (lomond 0.1.3a0 lacks PROTOCOL_ERROR).
    assert version_key("0.1.3a0") < version_key("0.1.3rc1") < version_key("0.1.3") < version_key("0.1.3.post1")
    assert version_key("2.0.dev3") < version_key("2.0") < version_key("2.0.1")
    assert version_key("0.1.2") < version_key("0.1.3a0")


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text))
    return tmp_path


@pytest.mark.parametrize(("files", "expected"), [
    ({"pyproject.toml": """
        [project]
        name = "x"
        dependencies = ["websockets>=10.3", "fastapi"]
        [project.optional-dependencies]
        client = ["websocket-client>=1.1.0"]
     """}, {"websockets": "10.3", "websocket-client": "1.1.0"}),
    ({"pyproject.toml": """
        [tool.poetry.dependencies]
        python = "^3.9"
        aiohttp = "^3.7.4"
        websockets = { version = ">=10.0", optional = true }
        [tool.poetry.group.dev.dependencies]
        starlette = "*"
     """}, {"aiohttp": "3.7.4", "websockets": "10.0"}),
    ({"pyproject.toml": """
        [tool.pdm.dev-dependencies]
        test = ["wsproto>=0.14"]
     """}, {"wsproto": "0.14"}),
    ({"setup.cfg": """
        [options]
        install_requires =
            websockets>=9.1
            requests
        [options.extras_require]
        aio = aiohttp>=3.6
     """}, {"websockets": "9.1", "aiohttp": "3.6"}),
    ({"setup.py": """
        from setuptools import setup

        REQUIRES = ["websocket-client>=0.58", "six"]
        setup(name="x", install_requires=REQUIRES, extras_require={"aio": ["aiohttp>=3.5"]})
     """}, {"websocket-client": "0.58", "aiohttp": "3.5"}),
    ({"requirements.txt": "websockets>=11\n-r requirements-dev.txt\n",
      "requirements-dev.txt": "websockets>=10.3  # the oldest that CI runs\n",
      "constraints.txt": "aiohttp==3.8.1\n"}, {"websockets": "10.3", "aiohttp": "3.8.1"}),
    # Declared once without a lower bound: no floor for it.
    ({"requirements.txt": "websockets>=11\n", "requirements-extra.txt": "websockets\n"}, {}),
])
def test_floors_from_each_kind_of_declaration(tmp_path: Path, files, expected):
    assert floors(_project(tmp_path, files)) == expected


@pytest.mark.parametrize(("declared", "expected"), [
    ('dependencies = ["Websocket_Client>=1.1.0"]', {"websocket-client": "1.1.0"}),  # any PEP 503 spelling
    ('dependencies = ["requests>=2"]', {}),
])
def test_only_a_file_that_names_a_library_is_parsed_for_its_floors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   declared: str, expected):
    import tomllib

    parsed = []
    loads = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: parsed.append(text) or loads(text))
    _project(tmp_path, {"pyproject.toml": f"""
        [project]
        name = "x"
        {declared}
    """})
    assert floors(tmp_path, ["websocket-client", "websockets"]) == expected
    assert len(parsed) == (1 if expected else 0)  # most projects: no TOML parser to import and run
    assert floors(tmp_path) == {"websocket-client": "1.1.0"} if expected else {"requests": "2"}  # no names: parsed


def test_library_versions_wins_over_the_declared_floor(tmp_path: Path):
    _project(tmp_path, {"pyproject.toml": """
        [project]
        name = "x"
        dependencies = ["websockets>=10.3", "aiohttp>=3.7"]
        [tool.wscc]
        library-versions = { websockets = "12.0" }
    """})
    config = load([str(tmp_path)], flake8_section=False)
    assert config.settings_for(str(tmp_path / "a.py")).floors == {"websockets": "12.0", "aiohttp": "3.7"}


def test_library_versions_is_checked():
    with pytest.raises(ConfigError, match="unknown library 'websocket'"):
        parse({"library-versions": {"websocket": "1.0"}})
    with pytest.raises(ConfigError, match="expected a table of library"):
        parse({"library-versions": {"websockets": ">=10"}})


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=tmp_path, capture_output=True, text=True, timeout=120)


def test_below_the_floor_nothing_is_rewritten_and_the_summary_says_why(tmp_path: Path):
    _project(tmp_path, {"pyproject.toml": '[project]\nname = "x"\ndependencies = ["websockets>=10.3"]\n',
                        "handler.py": HANDLER})
    done = _run(tmp_path, "wscc.fix", "handler.py")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "handler.py").read_text() == HANDLER
    assert done.stderr.strip().endswith(
        "1 left as they are: 1 CloseCode.POLICY_VIOLATION needs websockets>=12.0 (the project allows 10.3)")
    report = json.loads(_run(tmp_path, "wscc", "--format", "json", "handler.py").stdout)
    (finding,) = report["findings"]
    assert finding["fix"]["available"] is False
    assert finding["fix"]["reason"] == "CloseCode.POLICY_VIOLATION needs websockets>=12.0 (the project allows 10.3)"


def test_at_the_floor_and_without_one_the_constant_is_written(tmp_path: Path):
    _project(tmp_path, {"pyproject.toml": '[project]\nname = "x"\ndependencies = ["websockets>=12.0"]\n',
                        "handler.py": HANDLER})
    done = _run(tmp_path, "wscc.fix", "handler.py")
    assert done.returncode == 1, done.stderr
    assert "close(CloseCode.POLICY_VIOLATION)" in (tmp_path / "handler.py").read_text()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["websockets"]\n')
    (tmp_path / "handler.py").write_text(HANDLER)
    assert _run(tmp_path, "wscc.fix", "handler.py").returncode == 1


def test_a_member_newer_than_its_container_is_checked_on_its_own(tmp_path: Path):
    # discord.py allows aiohttp 3.7.4; WSCloseCode.BAD_GATEWAY arrived in 3.8.0.
    _project(tmp_path, {"requirements.txt": "aiohttp>=3.7.4\n", "bot.py": """\
        from aiohttp import web


        async def handler(request):
            ws = web.WebSocketResponse()
            await ws.prepare(request)
            await ws.close(code=1011)
            await ws.close(code=1014)
            return ws
    """})
    done = _run(tmp_path, "wscc.fix", "bot.py")
    text = (tmp_path / "bot.py").read_text()
    assert "code=WSCloseCode.INTERNAL_ERROR" in text and "code=1014" in text, done.stderr
    assert "1 WSCloseCode.BAD_GATEWAY needs aiohttp>=3.8.0 (the project allows 3.7.4)" in done.stderr


SANIC_HANDLER = """\
from sanic import Sanic

app = Sanic("app")


@app.websocket("/feed")
async def feed(request, ws):
    await ws.close(1008)
"""


def test_a_floor_for_the_library_alone_does_not_vouch_for_the_one_its_constants_come_from(tmp_path: Path):
    """sanic sends with websockets' ``CloseCode`` (websockets 12.0 and later); sanic 22.0
    allows websockets 10, where the rewrite would fail at import.  With only a sanic
    floor, nothing is rewritten, and the summary says what to declare; with a websockets
    floor that has it, the constant is written."""
    _project(tmp_path, {"pyproject.toml": '[project]\nname = "x"\ndependencies = ["sanic>=22.0"]\n',
                        "app.py": SANIC_HANDLER})
    done = _run(tmp_path, "wscc.fix", "app.py")
    assert (tmp_path / "app.py").read_text() == SANIC_HANDLER, done.stderr
    assert done.stderr.strip().endswith("1 CloseCode.POLICY_VIOLATION needs websockets>=12.0 "
                                        "(the project allows sanic 22.0, with no websockets floor of its own)")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["sanic>=22.0", "websockets>=12.0"]\n')
    done = _run(tmp_path, "wscc.fix", "app.py")
    assert "ws.close(CloseCode.POLICY_VIOLATION)" in (tmp_path / "app.py").read_text(), done.stderr
