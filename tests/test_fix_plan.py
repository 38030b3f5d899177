"""wscc-fix's choices of names and import places: shadowing, order, star imports,
merged ``from`` imports, several libraries in one module, ``fallback-constants``."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from wscc.config import load
from wscc.fix import cli, fix_text

HANDLER = """\
from fastapi import FastAPI, WebSocket
app = FastAPI()
"""


def fix(source: str) -> str:
    return fix_text(textwrap.dedent(source))


@pytest.mark.parametrize("shadow", [
    "def f(websocket: WebSocket, status): return websocket.close({code})",
    "def f(websocket: WebSocket):\n    status = 1\n    return websocket.close({code})",
    "def f(websocket: WebSocket):\n    for status in ():\n        pass\n    return websocket.close({code})",
    "def f(websocket: WebSocket):\n    import os as status\n    return websocket.close({code})",
    "def f(websocket: WebSocket):\n    global status\n    return websocket.close({code})",
    "def f(websocket: WebSocket):\n    return [websocket.close({code}) for status in ()]",
    "def outer(status):\n    def f(websocket: WebSocket):\n        return websocket.close({code})\n    return f",
    "f = lambda websocket, status: websocket.close({code})",
])
def test_a_new_import_never_takes_a_name_in_use(shadow):
    source = HANDLER + shadow.format(code="1008") + "\n"
    out = fix_text(source)
    assert "import FastAPI, WebSocket, status as ws_status\n" in out
    assert "close(ws_status.WS_1008_POLICY_VIOLATION)" in out


@pytest.mark.parametrize("shadow", [
    "def f(websocket: WebSocket, status): return websocket.close({code})",
    "def outer(status):\n    def f(websocket: WebSocket):\n        return websocket.close({code})\n    return f",
    "def f(websocket: WebSocket):\n    return [websocket.close({code}) for status in ()]",
])
def test_an_existing_import_hidden_by_a_local_name_is_not_duplicated(shadow):
    source = HANDLER.replace("WebSocket\n", "WebSocket, status\n") + shadow.format(code="1008") + "\n"
    assert fix_text(source) == source


def test_a_class_attribute_does_not_hide_a_module_name_in_methods():
    out = fix("""\
        from fastapi import WebSocket, status
        class Endpoint:
            status = "class attribute"
            async def close(self, websocket: WebSocket):
                await websocket.close(1008)
        """)
    assert "await websocket.close(status.WS_1008_POLICY_VIOLATION)" in out


def test_a_later_star_import_blocks_the_rewrite():
    source = HANDLER + "from os.path import *\nasync def f(websocket: WebSocket):\n    await websocket.close(1008)\n"
    assert fix_text(source) == source


def test_module_level_code_needs_the_name_before_it_runs():
    source = textwrap.dedent("""\
        import websocket
        ws = websocket.WebSocket()
        ws.close(status=4003)
        FORBIDDEN = 4003
        def later():
            ws.close(status=4003)
        def forbid():
            ws.close(status=FORBIDDEN)
        """)
    out = fix_text(source)
    assert out == source.replace("    ws.close(status=4003)", "    ws.close(status=FORBIDDEN)")


def test_two_libraries_two_imports_each_next_to_its_library():
    out = fix("""\
        import asyncio

        import websockets
        from fastapi import FastAPI, WebSocket

        app = FastAPI()

        @app.websocket("/ws")
        async def relay(websocket: WebSocket):
            async with websockets.connect("ws://upstream.invalid") as upstream:
                await upstream.close(1001)
            await websocket.close(1001)
        """)
    assert out.startswith(
        "import asyncio\n\nimport websockets\nfrom websockets.frames import CloseCode\n"
        "from fastapi import FastAPI, WebSocket, status\n")
    assert "await upstream.close(CloseCode.GOING_AWAY)" in out
    assert "await websocket.close(status.WS_1001_GOING_AWAY)" in out


def test_no_import_of_the_library_at_all_goes_after_the_docstring():
    source = textwrap.dedent('''\
        """Receivers named by configuration only."""
        def stop(ws):
            ws.close(1000)
        ''')
    # Without an import of a library the detector has nothing to report: unchanged.
    assert fix_text(source) == source


def test_merged_from_import_keeps_comments_and_layout():
    out = fix("""\
        from fastapi import (
            APIRouter,  # routes
            WebSocket,  # sockets
        )
        async def f(websocket: WebSocket):
            await websocket.close(1000)
        """)
    assert out.startswith("from fastapi import (\n    APIRouter,  # routes\n    WebSocket,  # sockets\n    status,\n)\n")


def test_fallback_constants_from_the_users_own_module(tmp_path: Path, capsys):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.wscc]\nfallback-constants = { tornado = "myapp.codes:Close", quart = "myapp.plain" }\n')
    package = tmp_path / "src" / "myapp"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "codes.py").write_text("import enum\nclass Close(enum.IntEnum):\n    POLICY = 1008\n    AUTH = 4001\n")
    (package / "plain.py").write_text("TRY_AGAIN = 1013\nTRY_AGAIN_TOO = 1013\nTWICE = 1\nTWICE = 1011\n")
    (package / "handlers.py").write_text(textwrap.dedent("""\
        import tornado.websocket

        class Handler(tornado.websocket.WebSocketHandler):
            def on_message(self, message):
                self.close(1008)
                self.close(4001)
                self.close(4002)
        """))
    (package / "quart_app.py").write_text(textwrap.dedent("""\
        from quart import Quart, websocket

        app = Quart(__name__)

        @app.websocket("/ws")
        async def ws():
            await websocket.close(1013)
            await websocket.close(1011)
        """))
    assert cli.main([str(tmp_path / "src")]) == 1
    handlers = (package / "handlers.py").read_text()
    assert handlers.startswith("import tornado.websocket\nfrom myapp.codes import Close\n")
    assert "self.close(Close.POLICY)\n        self.close(Close.AUTH)\n        self.close(4002)\n" in handlers
    quart_app = (package / "quart_app.py").read_text()
    assert quart_app.startswith("from quart import Quart, websocket\nfrom myapp.plain import TRY_AGAIN\n")
    assert "close(TRY_AGAIN)\n    await websocket.close(1011)\n" in quart_app  # TWICE is bound twice
    # The constants module is found statically: it was never imported.
    import sys
    assert "myapp" not in sys.modules
    assert load([str(tmp_path)]).fallback_constants["tornado"] == "myapp.codes:Close"


def test_a_library_imported_lazily_inside_functions_gets_no_module_level_import():
    source = textwrap.dedent('''\
        """simple-websocket is optional here."""
        import os

        def handler(environ):
            import simple_websocket
            ws = simple_websocket.Server(environ)
            ws.close(1008)
        ''')
    from wscc.config import Config
    from wscc.fix import fix_bytes

    result = fix_bytes(source.encode(), "lazy.py", Config().settings_for(None))
    assert not result.changed
    assert dict(result.skipped) == {"library imported only inside functions": 1}


def test_a_class_attribute_of_the_same_name_is_not_the_module_definition():
    source = textwrap.dedent("""\
        import websocket
        class Other:
            FORBIDDEN = 4003
        ws = websocket.WebSocket()
        ws.close(status=4003)
        FORBIDDEN = 4003
        """)
    assert fix_text(source) == source  # FORBIDDEN does not exist yet when line 5 runs
