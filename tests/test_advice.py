"""What the messages propose is clean code: pasted in place of the reported code, each
suggestion passes ``wscc`` (and the flake8 plugin says the same).

A case is a module with one bad close code, the rule it is reported as, and the
suggestions its message must make.  Each suggestion is either a library constant (with
the import that brings it) or a named module constant (``FORBIDDEN = 4403``); the test
writes the module again with the suggestion in place of the bad code and runs the real
``wscc`` over it, every rule on.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import run_flake8
from wscc.rules import RULES

ALL_RULES = ("--extend-select", ",".join(rule.code for rule in RULES if not rule.default_enabled))

FASTAPI = """\
from fastapi import WebSocket{extra}
{constants}

async def handler(websocket: WebSocket):
    await websocket.close(code={code})
"""

WEBSOCKETS = """\
import websockets{extra}
{constants}

async def handler(ws: websockets.ServerConnection):
    await ws.close(code={code})
"""

TORNADO = """\
from tornado.websocket import WebSocketHandler
{constants}

class Handler(WebSocketHandler):
    def on_message(self, message):
        self.close({code})
"""

CHANNELS = """\
from channels.generic.websocket import AsyncWebsocketConsumer
{constants}

class Consumer(AsyncWebsocketConsumer):
    async def receive(self, text_data=None, bytes_data=None):
        await self.close(code={code})
"""

FASTAPI_ECHO = """\
from fastapi import WebSocket, WebSocketDisconnect{extra}
{constants}

async def handler(websocket: WebSocket):
    try:
        await websocket.receive_text()
    except WebSocketDisconnect as exc:
        await websocket.close(code={code})
"""


@dataclass(frozen=True)
class Case:
    name: str
    template: str
    code: str
    rule: str
    #: What the message proposes: a constant of the library (with the import that brings
    #: it, as ``extra``), or ``NAME = value`` for a module constant.
    suggestions: tuple[tuple[str, str], ...]
    #: ``[project] dependencies`` of the project, for its floors.
    dependencies: tuple[str, ...] = ()
    #: Text the message must also contain.
    says: str = ""


CASES = (
    Case("fastapi-1006", FASTAPI, "1006", "WSC101",
         (("status.WS_1011_INTERNAL_ERROR", ", status"), ("status.WS_1000_NORMAL_CLOSURE", ", status"))),
    Case("fastapi-403", FASTAPI, "403", "WSC103", (("FORBIDDEN = 4403", ""), ("FORBIDDEN = 3003", ""))),
    Case("fastapi-401", FASTAPI, "401", "WSC103", (("UNAUTHORIZED = 4401", ""), ("UNAUTHORIZED = 3000", ""))),
    Case("fastapi-500", FASTAPI, "500", "WSC103", (("INTERNAL_SERVER_ERROR = 4500", ""),)),
    Case("websockets-1006", WEBSOCKETS, "1006", "WSC101",
         (("CloseCode.INTERNAL_ERROR", "\nfrom websockets.frames import CloseCode"),
          ("CloseCode.NORMAL_CLOSURE", "\nfrom websockets.frames import CloseCode"))),
    Case("websockets-10.3-1006", WEBSOCKETS, "1006", "WSC101",
         (("INTERNAL_ERROR = 1011", ""), ("NORMAL_CLOSURE = 1000", "")), ("websockets>=10.3",),
         says="CloseCode.INTERNAL_ERROR needs websockets>=12.0; this project allows 10.3"),
    Case("websockets-10.3-1008", WEBSOCKETS, "1008", "WSC201", (("POLICY_VIOLATION = 1008", ""),),
         ("websockets>=10.3",), says="CloseCode.POLICY_VIOLATION needs websockets>=12.0; this project allows 10.3"),
    Case("websockets-12-1008", WEBSOCKETS, "1008", "WSC201",
         (("CloseCode.POLICY_VIOLATION", "\nfrom websockets.frames import CloseCode"),), ("websockets>=12.0",)),
    Case("tornado-1015", TORNADO, "1015", "WSC101", (("INTERNAL_ERROR = 1011", ""), ("NORMAL_CLOSURE = 1000", ""))),
    # daphne refuses 1011: only 1000 is proposed.
    Case("channels-1006", CHANNELS, "1006", "WSC101", (("NORMAL_CLOSURE = 1000", ""),), says="1011 is refused at run time here"),
    Case("fastapi-echo", FASTAPI_ECHO, "exc.code", "WSC111", (("status.WS_1000_NORMAL_CLOSURE", ", status"),)),
)


def _project(root: Path, case: Case, code: str, extra: str = "", constants: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    if case.dependencies:
        listed = ", ".join(f'"{d}"' for d in case.dependencies)
        (root / "pyproject.toml").write_text(f'[project]\nname = "app"\nversion = "1"\ndependencies = [{listed}]\n')
    path = root / "app.py"
    path.write_text(case.template.format(code=code, extra=extra, constants=constants and f"\n{constants}\n"))
    return path


def _wscc(path: Path) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "wscc.cli", "--format", "json", *ALL_RULES, path.name],
                          capture_output=True, text=True, cwd=path.parent, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["findings"]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_each_suggestion_passes_wscc(case: Case, tmp_path: Path) -> None:
    before = _project(tmp_path / "before", case, case.code)
    findings = _wscc(before)
    assert [f["code"] for f in findings] == [case.rule], findings
    message = findings[0]["message"]
    assert case.says in message, message
    # flake8 reads the same floors and says the same thing.
    flake8 = run_flake8([before], *ALL_RULES, cwd=before.parent)
    assert [(code, text) for _p, _r, _c, code, text in flake8 if code.startswith("WSC")] == [(case.rule, message)]
    for index, (suggestion, extra) in enumerate(case.suggestions):
        assert suggestion in message, message
        named = re.fullmatch(r"([A-Z_][A-Z0-9_]*) = (\d+)", suggestion)
        if named:
            after = _project(tmp_path / f"after{index}", case, named.group(1), constants=suggestion)
        else:
            after = _project(tmp_path / f"after{index}", case, suggestion, extra=extra)
        assert _wscc(after) == [], (suggestion, after.read_text())


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_no_bare_literal_is_proposed(case: Case, tmp_path: Path) -> None:
    """A number in the advice is a named constant's value or part of a range, never a
    literal to write at the call (a literal 1011 is WSC201/WSC202, 4403 is WSC203)."""
    message = _wscc(_project(tmp_path, case, case.code))[0]["message"]
    # The advice: after "close code N (...) is ...:", or after "; " where the message
    # first says what the peer may have sent (WSC111).
    advice = message.split("; ", 1)[1] if case.rule == "WSC111" else message.split(": ", 1)[1]
    for match in re.finditer(r"\b\d{4}\b", advice):
        before, after = advice[:match.start()], advice[match.end():]
        assert before.endswith(("= ", "–", "(", "code ")) or after.startswith("–") \
            or re.search(r">=[\d.]*$|allows [\d.]*$", before), (match.group(), message)
