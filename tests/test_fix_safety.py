"""wscc-fix never breaks code: one test per risky layout (issue "wscc-fix never breaks code").

Each test writes a small realistic module (a package where the layout needs one), runs the
real fixer on it, and executes the result in a fresh interpreter with the real libraries,
blocking the optional library where the layout is about one (``sys.modules[name] = None``
makes ``import name`` raise ``ImportError``, as on a machine without it).  A fresh
interpreter matters: a submodule another test imported would otherwise be an attribute
of its package already.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from wscc.config import Config
from wscc.fix import fix_bytes

RUNNER = textwrap.dedent("""
    import sys
    blocked, code = sys.argv[1], sys.argv[2]
    for name in filter(None, blocked.split(",")):
        sys.modules[name] = None
    exec(compile(code, "<check>", "exec"), {"__name__": "__check__"})
""")


def fix(path: Path):
    """The real fixer on one file, as ``wscc-fix`` runs it (settings for that path); the
    file is rewritten in place."""
    result = fix_bytes(path.read_bytes(), str(path), Config().settings_for(str(path)))
    assert result.problem is None, result.problem
    if result.changed:
        path.write_bytes(result.new)
    return result


def write(folder: Path, name: str, source: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source).lstrip("\n"))
    return path


def run(code: str, cwd: Path, blocked: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Execute ``code`` in a fresh interpreter in ``cwd`` (on ``sys.path``), with the
    ``blocked`` modules unimportable."""
    return subprocess.run([sys.executable, "-c", RUNNER, ",".join(blocked), textwrap.dedent(code)],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def assert_runs(code: str, cwd: Path, blocked: tuple[str, ...] = ()) -> None:
    done = run(code, cwd, blocked)
    assert done.returncode == 0, done.stderr[-2000:]


# --------------------------------------------------------------------------- guarded imports

TYPE_CHECKING_ONLY = """
    from __future__ import annotations

    from typing import TYPE_CHECKING

    if TYPE_CHECKING:
        from fastapi import WebSocket


    async def endpoint(websocket: WebSocket):
        await websocket.close(code=1008)
"""

IF_FLAG = """
    import importlib.util

    HAS_AIOHTTP = importlib.util.find_spec("aiohttp") is not None
    if HAS_AIOHTTP:
        from aiohttp import web


    async def handler(request):
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.close(code=1001)
        return ws
"""

WITH_SUPPRESS = """
    import contextlib

    with contextlib.suppress(ImportError):
        from aiohttp import web


    async def handler(request):
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.close(code=1011)
        return ws
"""

MAIN_ONLY = """
    import sys

    if __name__ == "__main__":
        import websocket

        ws = websocket.create_connection(sys.argv[1])
        ws.close(status=1001)
"""

TRY_IMPORT_ERROR = """
    import logging

    try:
        import websockets
    except ImportError:
        websockets = None

    log = logging.getLogger(__name__)


    async def stop(websocket: "websockets.WebSocketClientProtocol"):
        await websocket.close(code=1008)
"""


def _guarded(tmp_path: Path, source: str, library: str, reason: str) -> None:
    path = write(tmp_path, "guarded.py", source)
    before = path.read_text()
    result = fix(path)
    assert path.read_text() == before
    assert dict(result.skipped) == {reason: 1}
    assert_runs("import guarded", tmp_path, blocked=(library,))


def test_type_checking_only_import_is_not_made_unconditional(tmp_path: Path):
    _guarded(tmp_path, TYPE_CHECKING_ONLY, "fastapi", "library imported only under TYPE_CHECKING")


def test_import_under_a_module_level_if_is_not_made_unconditional(tmp_path: Path):
    _guarded(tmp_path, IF_FLAG, "aiohttp", "library imported only under a condition")


def test_import_under_with_suppress_is_not_made_unconditional(tmp_path: Path):
    _guarded(tmp_path, WITH_SUPPRESS, "aiohttp", "library imported only under a condition")


def test_import_only_in_the_main_block_is_not_made_unconditional(tmp_path: Path):
    _guarded(tmp_path, MAIN_ONLY, "websocket", "library imported only under a condition")


def test_no_import_is_added_inside_a_try_that_catches_import_error(tmp_path: Path):
    # fastapi-websocket-rpc: ``from websockets.frames import CloseCode`` inside this try
    # fails on websockets 10.3-11.x (no such name), the except swallows it, and the
    # module then dies with a NameError.  An old release is simulated here by blocking
    # ``websockets.frames``; tests/test_fix_versions.py installs the real one.
    path = write(tmp_path, "guarded.py", TRY_IMPORT_ERROR)
    before = path.read_text()
    result = fix(path)
    assert path.read_text() == before
    assert dict(result.skipped) == {"library imported only where a failed import is caught": 1}
    assert_runs("import guarded; assert guarded.websockets is not None", tmp_path, blocked=("websockets.frames",))


def test_a_try_whose_handler_reraises_still_takes_the_import(tmp_path: Path):
    source = """
        try:
            import websocket
        except ImportError:
            raise SystemExit("needs websocket-client")


        def stop(ws: websocket.WebSocket):
            ws.close(status=1001)
    """
    path = write(tmp_path, "reraises.py", source)
    result = fix(path)
    assert result.renamed == [(1001, "websocket.STATUS_GOING_AWAY")]
    assert_runs("import reraises, websocket; assert reraises.websocket.STATUS_GOING_AWAY == 1001", tmp_path)


# --------------------------------------------------------------------------- submodules

SHINY = """
    import starlette.websockets


    class Connection:
        def __init__(self, ws: starlette.websockets.WebSocket):
            self._ws = ws

        async def close(self):
            await self._ws.close(1008, "policy")
"""


def test_a_submodule_is_not_reached_through_its_package_binding(tmp_path: Path):
    # shiny 1.8.0: ``starlette.status`` through ``import starlette.websockets`` is an
    # AttributeError: nothing imports ``starlette.status``.
    path = write(tmp_path, "conn.py", SHINY)
    result = fix(path)
    assert result.renamed == [(1008, "status.WS_1008_POLICY_VIOLATION")]
    assert "from starlette import status\n" in path.read_text()
    assert_runs("""
        import asyncio, conn

        class FakeWebSocket:
            async def close(self, code, reason=None):
                self.code = code

        ws = FakeWebSocket()
        asyncio.run(conn.Connection(ws).close())
        assert ws.code == 1008 and type(ws.code) is int
    """, tmp_path)


def test_a_package_that_imports_its_submodule_is_reused(tmp_path: Path):
    # ``fastapi/__init__.py`` imports ``status`` itself: ``fastapi.status`` always works.
    path = write(tmp_path, "api.py", """
        import fastapi

        app = fastapi.FastAPI()


        @app.websocket("/ws")
        async def endpoint(websocket: fastapi.WebSocket):
            await websocket.close(code=1013)
    """)
    result = fix(path)
    assert result.renamed == [(1013, "fastapi.status.WS_1013_TRY_AGAIN_LATER")]
    assert_runs("import api, fastapi; assert api.fastapi.status.WS_1013_TRY_AGAIN_LATER == 1013", tmp_path)


# --------------------------------------------------------------------------- shadowing

ENDPOINT = """
    from fastapi import APIRouter, WebSocket

    router = APIRouter()


    @router.websocket("/ws")
    async def endpoint(websocket: WebSocket):
        await websocket.close(code=1008)
"""


def test_a_new_name_in_a_package_init_does_not_shadow_a_sibling_submodule(tmp_path: Path):
    init = write(tmp_path, "app/__init__.py", ENDPOINT)
    write(tmp_path, "app/status.py", "READY = 'ready'\n")
    result = fix(init)
    assert result.renamed == [(1008, "_ws_status.WS_1008_POLICY_VIOLATION")]
    assert_runs("from app import status; assert status.READY == 'ready'", tmp_path)
    assert_runs("import app; assert app._ws_status.WS_1008_POLICY_VIOLATION == 1008", tmp_path)


def test_a_new_name_in_a_star_exported_module_does_not_replace_the_packages_own(tmp_path: Path):
    write(tmp_path, "app/__init__.py", "from . import status\nfrom .routes import *\n")
    write(tmp_path, "app/status.py", "READY = 'ready'\n")
    routes = write(tmp_path, "app/routes.py", ENDPOINT)
    result = fix(routes)
    assert result.renamed == [(1008, "_ws_status.WS_1008_POLICY_VIOLATION")]
    assert_runs("import app; assert app.status.READY == 'ready'", tmp_path)


def test_a_module_with_all_keeps_the_plain_name(tmp_path: Path):
    write(tmp_path, "app/__init__.py", "from . import status\nfrom .routes import *\n")
    write(tmp_path, "app/status.py", "READY = 'ready'\n")
    routes = write(tmp_path, "app/routes.py", textwrap.dedent(ENDPOINT) + '\n__all__ = ["router"]\n')
    result = fix(routes)
    assert result.renamed == [(1008, "status.WS_1008_POLICY_VIOLATION")]
    assert_runs("import app; assert app.status.READY == 'ready'", tmp_path)


# --------------------------------------------------------------------------- double import


def test_a_module_imported_where_it_cannot_be_reused_is_not_imported_again(tmp_path: Path):
    path = write(tmp_path, "twice.py", """
        from fastapi import FastAPI, WebSocket

        app = FastAPI()


        @app.websocket("/ws")
        async def endpoint(websocket: WebSocket):
            await websocket.close(code=1008)


        def codes():
            from fastapi import status as st

            return st.WS_1000_NORMAL_CLOSURE
    """)
    before = path.read_text()
    result = fix(path)
    assert path.read_text() == before
    assert dict(result.skipped) == {"module already imported where it cannot be reused": 1}
