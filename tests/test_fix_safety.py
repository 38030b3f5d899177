"""wscc-fix never breaks code: one test per risky layout (issue "wscc-fix never breaks code").

Each test writes a small realistic module (a package where the layout needs one), runs the
real fixer on it, and executes the result in a fresh interpreter with the real libraries,
blocking the optional library where the layout is about one (``sys.modules[name] = None``
makes ``import name`` raise ``ImportError``, as on a machine without it).  A fresh
interpreter matters: a submodule another test imported would otherwise be an attribute
of its package already.
"""

from __future__ import annotations

import json
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
    _guarded(tmp_path, IF_FLAG, "aiohttp", "library imported only under an if")


def test_import_under_with_suppress_is_not_made_unconditional(tmp_path: Path):
    _guarded(tmp_path, WITH_SUPPRESS, "aiohttp", "library imported only inside a with block")


def test_import_only_in_the_main_block_is_not_made_unconditional(tmp_path: Path):
    _guarded(tmp_path, MAIN_ONLY, "websocket", "library imported only in the __main__ block")


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


# --------------------------------------------------------------------------- reused names
#
# Each module sends 4001 (WSC203: no library constant) through Tornado, and defines a
# name of that value that is not a close code wherever it is read.  The literal stays;
# the test also shows, with the real libraries, why the name would be wrong.

HANDLER = """
    from tornado.websocket import WebSocketHandler


    class Handler(WebSocketHandler):
        def on_message(self, message):
            self.close(4001)
"""

#: (name, module text added before the handler, the decoy expression, what it really is
#: when the module is imported: a Python expression over ``value``, true when it is
#: *not* the int 4001).
DECOYS = [
    ("namedtuple_field", "from typing import NamedTuple\n\nclass Limits(NamedTuple):\n    kick: int = 4001\n",
     "Limits.kick", "type(value) is not int"),
    ("dataclass_slots_field", "from dataclasses import dataclass\n\n@dataclass(slots=True)\nclass Limits:\n"
     "    kick: int = 4001\n", "Limits.kick", "type(value) is not int"),
    ("pydantic_field", "from pydantic import BaseModel\n\nclass Limits(BaseModel):\n    kick: int = 4001\n",
     "Limits.kick", None),  # AttributeError
    ("attrs_field", "import attrs\n\n@attrs.define\nclass Limits:\n    kick: int = 4001\n", "Limits.kick",
     "type(value) is not int"),
    ("msgspec_field", "import msgspec\n\nclass Limits(msgspec.Struct):\n    kick: int = 4001\n",
     "Limits.kick", "type(value) is not int"),
    ("enum_base_elsewhere", "from base import Base\n\nclass Codes(Base):\n    KICK = 4001\n",
     "Codes.KICK", "type(value) is not int"),
    ("env_only", "import os\n\nif os.environ.get('STRICT'):\n    KICK = 4001\n", "KICK", None),  # NameError
    ("global_rebound", "KICK = 4001\n\ndef configure(code):\n    global KICK\n    KICK = code\n\nconfigure(4400)\n",
     "KICK", "value != 4001"),
    ("attribute_rebound", "class Codes:\n    KICK = 4001\n\nCodes.KICK = 4400\n", "Codes.KICK", "value != 4001"),
    ("later_import", "KICK = 4001\n\ntry:\n    from local_settings import KICK\nexcept ImportError:\n    pass\n",
     "KICK", "value != 4001"),
    ("deleted", "KICK = 4001\ndel KICK\n", "KICK", None),
]


def _with_send(name: str, decoy: str) -> str:
    # The decoy is also sent as a close code, so that only the way it is bound decides.
    use = f"\n\nclass Other(WebSocketHandler):\n    def on_close(self):\n        self.close({name})\n"
    return decoy + "\n" + textwrap.dedent(HANDLER) + use


import pytest  # noqa: E402


@pytest.mark.parametrize(("case", "decoy", "name", "broken"), DECOYS, ids=[d[0] for d in DECOYS])
def test_a_name_that_is_not_a_close_code_is_not_reused(tmp_path: Path, case, decoy, name, broken):
    write(tmp_path, "base.py", "import enum\n\nclass Base(enum.Enum):\n    pass\n")
    write(tmp_path, "local_settings.py", "KICK = 4400\n")
    path = tmp_path / "decoy.py"
    path.write_text(_with_send(name, decoy))
    result = fix(path)
    assert [old for old, _ in result.renamed] == []
    # Why: imported with the real libraries, the name is not the int 4001.
    if broken is None:
        done = run(f"import decoy\ndecoy.{name}", tmp_path)
        assert done.returncode != 0 and ("Error" in done.stderr), done.stderr
    else:
        assert_runs(f"import decoy\nvalue = decoy.{name}\nassert {broken}, value", tmp_path)


def test_a_name_that_only_shares_the_value_is_not_reused(tmp_path: Path):
    path = write(tmp_path, "timing.py", """
        from tornado.websocket import WebSocketHandler

        MS_PER_SECOND = 1000
        PING_TIMEOUT_MS = 4000


        class Handler(WebSocketHandler):
            def on_message(self, message):
                self.close(1000)
                self.close(4000)
    """)
    result = fix(path)
    assert result.renamed == []
    assert dict(result.skipped) == {"no named constant for the code": 1, "no constant in that library": 1}


def test_a_close_code_name_sent_elsewhere_is_reused(tmp_path: Path):
    path = write(tmp_path, "named.py", """
        import enum

        from tornado.websocket import WebSocketHandler

        KICKED = 4001


        class Codes(enum.IntEnum):
            BANNED = 4003


        class Handler(WebSocketHandler):
            def on_message(self, message):
                self.close(4001)
                self.close(4003)

            def on_close(self):
                self.close(KICKED if self.ws_connection else Codes.BANNED)
    """)
    result = fix(path)
    assert result.renamed == [(4001, "KICKED"), (4003, "Codes.BANNED")]
    assert_runs("import named; assert named.KICKED == 4001 and named.Codes.BANNED == 4003", tmp_path)


def test_a_class_attribute_is_not_used_inside_its_own_class_statement(tmp_path: Path):
    # ``def close_with(self, code=Handler.KICK)`` inside ``class Handler`` is a NameError
    # at import: the class name is bound only when its body has run.
    path = write(tmp_path, "own.py", """
        from tornado.websocket import WebSocketHandler


        class Handler(WebSocketHandler):
            KICK = 4001

            def close_with(self, code=4001):
                self.close(code)

            def on_message(self, message):
                self.close(Handler.KICK)
    """)
    result = fix(path)
    assert result.renamed == []
    assert_runs("import own", tmp_path)


def test_int_choices_member_is_not_sent_through_daphne(tmp_path: Path):
    # Django's IntegerChoices members are IntEnum members by ancestry; daphne (autobahn)
    # refuses anything but an int.
    path = write(tmp_path, "consumer.py", """
        import websockets
        from channels.generic.websocket import WebsocketConsumer
        from django.db import models


        class Codes(models.IntegerChoices):
            KICK = 4001


        async def relay(ws: websockets.ServerConnection):
            await ws.close(Codes.KICK)


        class Consumer(WebsocketConsumer):
            def receive(self, text_data=None, bytes_data=None):
                self.close(4001)
    """)
    result = fix(path)
    assert result.renamed == []
    assert dict(result.skipped) == {"library needs a plain int": 1}
    assert_runs("from django.db import models\nimport consumer\n"
                "assert isinstance(consumer.Codes.KICK, models.IntegerChoices) and type(consumer.Codes.KICK) is not int",
                tmp_path)


def test_a_literal_typed_parameter_keeps_its_literal_default(tmp_path: Path):
    path = write(tmp_path, "typed.py", """
        from typing import Literal

        from fastapi import WebSocket


        async def stop(websocket: WebSocket, code: Literal[1000, 1008] = 1008):
            await websocket.close(code=code)
    """)
    result = fix(path)
    assert result.renamed == []
    assert dict(result.skipped) == {"parameter typed Literal[...]": 1}


def test_a_backport_missing_the_member_is_not_used(tmp_path: Path):
    path = write(tmp_path, "backport.py", """
        from __future__ import annotations

        import enum
        from typing import TYPE_CHECKING

        try:
            from websockets.frames import CloseCode
        except ImportError:
            class CloseCode(enum.IntEnum):
                NORMAL_CLOSURE = 1000

        if TYPE_CHECKING:
            import websockets


        async def stop(ws: websockets.ServerConnection):
            await ws.close(CloseCode.NORMAL_CLOSURE)
            await ws.close(1008)
    """)
    result = fix(path)
    assert result.renamed == []
    assert dict(result.skipped) == {"the module's back-port lacks that member": 1}
    done = run("import backport\nbackport.CloseCode.POLICY_VIOLATION", tmp_path, blocked=("websockets",))
    assert "AttributeError: POLICY_VIOLATION" in done.stderr, done.stderr


# --------------------------------------------------------------------------- receiver library from evidence

#: litellm's layout: the object is typed as aiohttp's only for the type checker, but
#: ``close(code=..., reason=...)`` is Starlette's signature (aiohttp's ``close`` takes
#: ``message=``, and would raise ``TypeError`` on ``reason=``).
TYPED_FOR_THE_CHECKER = """
    from typing import TYPE_CHECKING

    from fastapi import FastAPI, WebSocket

    if TYPE_CHECKING:
        from aiohttp import ClientWebSocketResponse

    app = FastAPI()


    async def forward(websocket: "ClientWebSocketResponse", error: Exception):
        await websocket.close(code=1011, reason=str(error)[:100])


    @app.websocket("/relay")
    async def relay(websocket: WebSocket):
        await websocket.accept()
        await forward(websocket, RuntimeError("upstream failed"))
"""


def _reported(path: Path) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "wscc", "--format", "json", path.name], cwd=path.parent,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["findings"]


def test_an_annotation_for_the_type_checker_does_not_outweigh_the_call(tmp_path: Path):
    path = write(tmp_path, "relay.py", TYPED_FOR_THE_CHECKER)
    (finding,) = _reported(path)
    assert finding["library"] == "fastapi"
    assert finding["fix"] == {"available": True, "replacement": "status.WS_1011_INTERNAL_ERROR", "reason": None}
    result = fix(path)
    assert result.renamed == [(1011, "status.WS_1011_INTERNAL_ERROR")]
    assert "aiohttp" not in path.read_text().replace("from aiohttp import ClientWebSocketResponse", "")
    # The rewritten module closes a real Starlette WebSocket with the same code.
    assert_runs("""
        from starlette.testclient import TestClient
        from starlette.websockets import WebSocketDisconnect
        import relay

        try:
            with TestClient(relay.app) as client, client.websocket_connect("/relay") as ws:
                ws.receive_text()
        except WebSocketDisconnect as closed:
            assert (closed.code, closed.reason) == (1011, "upstream failed"), (closed.code, closed.reason)
        else:
            raise AssertionError("not closed")
    """, tmp_path, blocked=("aiohttp",))


def test_a_call_that_does_not_fit_the_checkers_type_is_not_that_librarys(tmp_path: Path):
    """Without other evidence the object's library is unknown: no aiohttp finding, no fix."""
    path = write(tmp_path, "relay.py", """
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from aiohttp import ClientWebSocketResponse


        async def forward(websocket: "ClientWebSocketResponse", error: Exception):
            await websocket.close(code=1011, reason=str(error)[:100])
    """)
    assert [f["library"] for f in _reported(path)] == []
    before = path.read_text()
    result = fix(path)
    assert path.read_text() == before and result.renamed == [] and not result.skipped


def test_a_call_that_fits_the_checkers_type_keeps_it(tmp_path: Path):
    """``message=`` is aiohttp's: the finding stays aiohttp's, and its fix stays declined."""
    path = write(tmp_path, "relay.py", """
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from aiohttp import ClientWebSocketResponse


        async def forward(websocket: "ClientWebSocketResponse"):
            await websocket.close(code=1011, message=b"upstream failed")
    """)
    (finding,) = _reported(path)
    assert finding["library"] == "aiohttp"
    assert finding["fix"]["available"] is False
    assert finding["fix"]["reason"] == "library imported only under TYPE_CHECKING"
    assert dict(fix(path).skipped) == {"library imported only under TYPE_CHECKING": 1}
