"""Look-alikes of a close-code send: each snippet alone must produce no finding.

Each runs in a module that imports every WebSocket library wscc knows, so the import
gate is open and only the receiver and call-shape evidence can keep it quiet.  A
control snippet beside each group proves the same prelude does report a real send.
"""

from __future__ import annotations

import textwrap

import pytest

from wscc.detector import detect_source

PRELUDE = """\
import os
import socket
import sys
import zmq
import aiohttp
import websockets
import websocket
from autobahn.websocket.types import ConnectionDeny
from channels.generic.websocket import AsyncWebsocketConsumer
from fastapi import HTTPException, WebSocketDisconnect as FastAPIDisconnect
from starlette.websockets import WebSocketDisconnect
from tornado.websocket import WebSocketHandler
from websockets.server import ServerProtocol
from websockets.legacy.protocol import WebSocketCommonProtocol
import httpx_ws, blacksheep, falcon, simple_websocket, trio_websocket, picows, quart, sanic, litestar, wsproto
"""

LOOKALIKES = {
    "file.close": "def f(path):\n    handle = open(path)\n    handle.close()",
    "sock.close(0)": "def f():\n    sock = socket.socket()\n    sock.close(0)",
    "zmq linger": "def f(ctx):\n    zmq_socket = ctx.socket(zmq.PUB)\n    zmq_socket.close(linger=0)",
    "os.close(fd)": "def f(fd):\n    os.close(fd)",
    "sys.exit(2)": "def f():\n    sys.exit(2)",
    "SystemExit(1006)": "def f():\n    raise SystemExit(1006)",
    "HTTPException(status_code=403)": "def f():\n    raise HTTPException(status_code=403)",
    "starlette WebSocketDisconnect": "def f():\n    raise WebSocketDisconnect(code=1006)",
    "fastapi WebSocketDisconnect": "def f():\n    raise FastAPIDisconnect(1006)",
    "asgi disconnect dict": 'async def f(send):\n    await send({"type": "websocket.disconnect", "code": 1006})',
    "asgi send dict": 'async def f(send):\n    await send({"type": "websocket.send", "code": 1006})',
    "channels disconnect callback": (
        "class C(AsyncWebsocketConsumer):\n    async def disconnect(self, code):\n        code = 1006\n"
        "        return code"),
    "tornado on_close": (
        "class H(WebSocketHandler):\n    def on_close(self):\n        if self.close_code == 1006:\n"
        "            print(self.close_reason)"),
    "websocket-client on_close": "def on_close(ws, close_status_code, close_msg):\n    return close_status_code == 1006",
    "close_code comparison": "async def f(ws):\n    if ws.close_code == 1006:\n        return",
    "websockets fail(1006)": "def f(protocol: ServerProtocol):\n    protocol.fail(1006)",
    "websockets fail(code=1006)": "def f(protocol: ServerProtocol):\n    protocol.fail(code=1006, reason='x')",
    "websockets fail_connection(1006)": "def f(ws: WebSocketCommonProtocol):\n    ws.fail_connection(1006)",
    "websockets fail_connection()": "def f(ws: WebSocketCommonProtocol):\n    ws.fail_connection()",
    "autobahn ConnectionDeny(403)": "def on_connect(request):\n    raise ConnectionDeny(403, 'forbidden')",
    "websockets respond(403)": "def process_request(connection, request):\n    return connection.respond(403, 'no')",
    "websockets reject(404)": "def process_request(connection, request):\n    return connection.reject(404, 'no')",
    "aiohttp ClientSession.close()": "async def f():\n    session = aiohttp.ClientSession()\n    await session.close()",
    "aiohttp positional close": "async def f(ws: aiohttp.web.WebSocketResponse):\n    await ws.close(1006)",
    "close on an unknown object": "def f(channel):\n    channel.close(1006)",
    "close without a code": "async def f(websocket):\n    await websocket.close()",
    "close(None)": "async def f(websocket):\n    await websocket.close(None)",
    "close with a computed code": "async def f(websocket, code):\n    await websocket.close(code)",
    "annotated with another type": "def f(ws: socket.socket):\n    ws.close(1006)",
    "channels close=True": (
        "class C(AsyncWebsocketConsumer):\n    async def receive(self, text_data=None):\n"
        "        await self.send(text_data='bye', close=True)"),
    "a class's own close method": (
        "class Pool:\n    def close(self, code=0):\n        pass\n    def stop(self):\n        self.close(1006)"),
    "sanic fail_connection default": "def f(request, ws: sanic.Websocket):\n    ws.fail_connection(1006)",
    "litestar positional exception args": (
        "def f():\n    raise litestar.exceptions.WebSocketException(1006, detail='x')"),
    "simple-websocket close(0)": "def f(ws: simple_websocket.Server):\n    ws.close(0)",
}


@pytest.mark.parametrize("snippet", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_lookalike_is_not_a_send(snippet: str):
    source = PRELUDE + "\n\n" + textwrap.dedent(snippet) + "\n"
    assert [f.text for f in detect_source(source)] == []


def test_the_prelude_does_not_hide_real_sends():
    """The control: the same module reports a real WebSocket close."""
    source = PRELUDE + "\n\nasync def f(websocket):\n    await websocket.close(1006)\n"
    assert [f.code for f in detect_source(source)] == ["WSC101"]


NO_LIBRARY = {
    "websocket parameter": "async def f(websocket):\n    await websocket.close(1006)",
    "ws parameter": "async def f(ws):\n    await ws.close(code=1005)",
    "a class named WebSocket": (
        "class WebSocket:\n    def close(self, code=1000):\n        pass\n\n"
        "def f(ws: WebSocket):\n    ws.close(1006)"),
    "relative import of a websockets-like module": (
        "from .websockets import connect\n\nasync def f(uri):\n"
        "    async with connect(uri) as ws:\n        await ws.close(1006)"),
    "a module named like a library inside a package": (
        "from myapp.websockets import connect\n\nasync def f(uri):\n"
        "    async with connect(uri) as ws:\n        await ws.close(1006)"),
}


@pytest.mark.parametrize("snippet", NO_LIBRARY.values(), ids=NO_LIBRARY.keys())
def test_module_without_a_websocket_library_reports_nothing(snippet: str):
    source = "# a websocket server\n" + textwrap.dedent(snippet) + "\n"
    assert [f.text for f in detect_source(source)] == []
