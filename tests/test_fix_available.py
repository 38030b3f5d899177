"""``wscc --format json`` says ``fix.available`` exactly for the literals ``wscc-fix`` rewrites,
and names the same replacement: both read the fix the detector attached to the finding."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wscc.fix.core import fix_bytes
from wscc.settings import DEFAULT_SETTINGS

FIX_CASES = sorted((Path(__file__).parent / "fix_cases").glob("*.before.py"))

#: Layouts where the fixer declines: the JSON must say so too.
DECLINED = {
    "function_local_import.py": '''\
async def handler(websocket):
    import websockets
    await websocket.close(1008)


async def other(ws: "websockets.ServerConnection"):
    await ws.close(1011)
''',
    "plain_int_library.py": '''\
import enum
import websockets
from autobahn.asyncio.websocket import WebSocketServerProtocol


class Codes(enum.IntEnum):
    AWAY = 4001


async def relay(ws: websockets.ServerConnection):
    await ws.close(Codes.AWAY)


class Proto(WebSocketServerProtocol):
    def onMessage(self, payload, isBinary):
        self.sendClose(code=4001)
''',
}


def _json_findings(paths: list[Path]) -> dict[str, list[dict]]:
    done = subprocess.run([sys.executable, "-m", "wscc", "--format", "json", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    by_path: dict[str, list[dict]] = {}
    for finding in json.loads(done.stdout)["findings"]:
        by_path.setdefault(Path(finding["path"]).name, []).append(finding)
    return by_path


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("declined")
    for name, text in DECLINED.items():
        (folder / name).write_text(text)
    return [*FIX_CASES, *(folder / name for name in DECLINED)]


def test_available_fixes_are_exactly_the_rewrites(cases):
    reported = _json_findings(cases)
    compared = 0
    for path in cases:
        result = fix_bytes(path.read_bytes(), str(path), DEFAULT_SETTINGS)
        assert result.problem is None, result.problem
        rewritten = sorted(expression for _value, expression in result.renamed)
        available = sorted(f["fix"]["replacement"] for f in reported.get(path.name, []) if f["fix"]["available"])
        assert available == rewritten, path.name
        compared += len(rewritten)
    assert compared >= 30  # the fix cases rewrite dozens of literals: the comparison is not empty


def test_declined_fixes_say_why(cases):
    reported = _json_findings([path for path in cases if path.name in DECLINED])
    reasons = {name: sorted({f["fix"]["reason"] for f in found}) for name, found in reported.items()}
    assert reasons == {
        "function_local_import.py": ["library imported only inside functions"],
        "plain_int_library.py": ["library needs a plain int"],
    }


def test_the_users_fallback_constants_count_for_both(tmp_path: Path):
    """``fallback-constants`` come from the configuration every front end reads: ``wscc``
    offers the same fix that ``wscc-fix`` makes, and not in the constants module itself."""
    (tmp_path / "pyproject.toml").write_text('[tool.wscc]\nfallback-constants = { tornado = "myapp.codes:Close" }\n')
    package = tmp_path / "myapp"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "codes.py").write_text("import tornado.websocket\n\n\nclass Close:\n    POLICY = 1008\n")
    (package / "handler.py").write_text(
        "import tornado.websocket\n\nfrom myapp.codes import Close\n\n\n"
        "class Handler(tornado.websocket.WebSocketHandler):\n    def on_message(self, message):\n"
        "        self.close(1008)\n"
    )
    done = subprocess.run([sys.executable, "-m", "wscc", "--format", "json", "myapp"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    (finding,) = json.loads(done.stdout)["findings"]
    assert finding["code"] == "WSC202" and finding["fix"] == {"available": True, "replacement": "Close.POLICY", "reason": None}
    fixed = subprocess.run([sys.executable, "-m", "wscc.fix", "myapp"], cwd=tmp_path, capture_output=True, text=True,
                           timeout=120)
    assert fixed.returncode == 1, fixed.stderr
    assert "self.close(Close.POLICY)" in (package / "handler.py").read_text()
