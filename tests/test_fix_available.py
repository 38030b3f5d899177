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
from autobahn.asyncio.websocket import WebSocketServerProtocol


class Codes(enum.IntEnum):
    AWAY = 4001


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
