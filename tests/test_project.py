"""Close codes followed across modules: case projects run through the real ``wscc`` (on
the tree and on each file alone, as pre-commit runs it), the real flake8, and
``wscc-fix``.  Each file's lines end with ``# expect: CODE:COLUMN`` where a finding is due
(as in tests/cases)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

EXPECT = re.compile(r"#\s*expect:\s*(.+)$")

HUB = {
    "pyproject.toml": "[project]\nname = 'demo'\n",
    "app/__init__.py": "from .closing import shut\n",
    "app/hub.py": """\
        from fastapi import WebSocket


        class Hub:
            def __init__(self):
                self.active: dict[str, WebSocket] = {}

            async def drop(self, websocket: WebSocket, code: int = 1000):  # expect: WSC201:60
                await websocket.close(code=code)


        hub = Hub()
        """,
    "app/closing.py": """\
        from starlette.websockets import WebSocket


        async def shut(websocket: WebSocket, code: int, reason: str = ""):
            await websocket.close(code=code, reason=reason)
        """,
    "app/errors.py": """\
        from fastapi import WebSocketException


        class Kicked(WebSocketException):
            def __init__(self, code: int):
                super().__init__(code=code)
        """,
    "app/resilient.py": """\
        import aiohttp


        class Resilient(aiohttp.ClientWebSocketResponse):
            pass
        """,
    "app/safe.py": """\
        from starlette.websockets import WebSocket


        class SafeWebSocket(WebSocket):
            async def close(self, code: int = 1000, reason: str | None = None) -> None:
                if code in (1005, 1006, 1015):
                    code = 1011
                await super().close(code, reason)
        """,
    "app/safe_views.py": """\
        from app.safe import SafeWebSocket


        async def view(ws: SafeWebSocket):
            await ws.close(1006)  # the override maps it to 1011
        """,
    "app/views.py": """\
        from app import shut
        from app.errors import Kicked
        from app.hub import Hub, hub
        from app.resilient import Resilient
        from . import hub as hub_module


        async def view(ws, other: Hub, upstream: Resilient):
            await hub.drop(ws, 1006)  # expect: WSC101:24
            await other.drop(ws, code=4000)  # expect: WSC203:31
            await shut(ws, 1015)  # expect: WSC101:20
            await upstream.close(code=1005)  # expect: WSC101:31
            await hub_module.hub.drop(ws, 1015)  # expect: WSC101:35
            raise Kicked(1005)  # expect: WSC101:18


        def built_not_raised():
            return [Kicked(1006)]
        """,
    "app/client.py": """\
        import websockets


        class FeedClient:
            def __init__(self, url: str):
                self.url = url

            async def start(self):
                self.connection = await websockets.connect(self.url)

            async def stop(self, code: int = 1000):  # expect: WSC201:38
                await self.connection.close(code=code)
        """,
    "app/main.py": """\
        from app.client import FeedClient
        from app.closing import shut as close_socket
        import app.closing as closing


        async def main(ws, url):
            client = FeedClient(url)
            await client.stop(code=1006)  # expect: WSC101:28
            await close_socket(ws, 1005)  # expect: WSC101:28
            await closing.shut(ws, 1015)  # expect: WSC101:28
        """,
}

NEGATIVES = {
    "pyproject.toml": "[project]\nname = 'demo'\n",
    "lib/__init__.py": "",
    "lib/sockets.py": """\
        from fastapi import WebSocket


        async def shut(websocket: WebSocket, code: int):
            await websocket.close(code=code)
        """,
    "lib/pool.py": """\
        class Pool:
            def shutdown(self, code):
                return code

            def shut(self, websocket, code):
                return code


        pool = Pool()
        """,
    "lib/other.py": """\
        def shut(websocket, code):
            return websocket, code
        """,
    "lib/cycle_a.py": """\
        from fastapi import WebSocket

        from lib import cycle_b


        async def close_a(websocket: WebSocket, code: int):
            await websocket.close(code=code)


        async def use_b(websocket):
            await cycle_b.close_b(websocket, 1006)  # expect: WSC101:38
        """,
    "lib/cycle_b.py": """\
        from lib import cycle_a


        async def close_b(websocket, code):
            await cycle_a.close_a(websocket, code)
        """,
    "lib/callers.py": """\
        from lib.other import shut
        from lib.pool import pool
        from lib import sockets


        async def caller(ws):
            shut(ws, 1006)  # an unrelated module's shut
            pool.shutdown(1005)
            pool.shut(ws, 1005)


        async def shadowed(ws):
            sockets = None
            await sockets.shut(ws, 1006)  # a local name hides the module
        """,
}

SRC_LAYOUT = {
    "pyproject.toml": "[project]\nname = 'demo'\n",
    "src/demo/__init__.py": "",
    "src/demo/ws.py": """\
        from litestar import WebSocket


        async def finish(socket: WebSocket, code: int) -> None:
            await socket.close(code=code)
        """,
    "src/demo/api/__init__.py": "",
    "src/demo/api/routes.py": """\
        from ..ws import finish


        async def route(socket):
            await finish(socket, 1006)  # expect: WSC101:26
        """,
}

#: Calls on an interface (an abstract class, a typing.Protocol) whose implementations in
#: other modules forward the code: adapters for two libraries (judged as magic numbers:
#: no one library's constant names the code), one that forwards nothing (no veto, and
#: called on its own type, silent), an abstract method whose only implementation sends
#: nothing (beside an unrelated class with a same-named wrapper: silent), a Protocol
#: implemented in another module (one library: its constant), and the interface's own
#: module calling it through ``type[Adapter]``.
INTERFACES = {
    "pyproject.toml": "[project]\nname = 'demo'\n",
    "app/__init__.py": "",
    "app/adapter.py": """\
        import abc


        class Adapter(abc.ABC):
            @abc.abstractmethod
            async def close(self, code: int, reason: str) -> None: ...


        class View:
            adapter_class: type[Adapter]

            async def refuse(self):
                adapter = self.adapter_class()
                await adapter.close(4406, "no subprotocol")  # expect: WSC203:29
        """,
    "app/starlette_impl.py": """\
        from starlette.websockets import WebSocket

        from app.adapter import Adapter


        class StarletteAdapter(Adapter):
            def __init__(self, ws: WebSocket):
                self.ws = ws

            async def close(self, code: int, reason: str) -> None:
                await self.ws.close(code=code, reason=reason)


        class NullAdapter(Adapter):
            async def close(self, code: int, reason: str) -> None:
                self.closed = True
        """,
    "app/aiohttp_impl.py": """\
        from aiohttp import web

        from .adapter import Adapter


        class AiohttpAdapter(Adapter):
            def __init__(self, ws: web.WebSocketResponse):
                self.ws = ws

            async def close(self, code: int, reason: str) -> None:
                await self.ws.close(code=code, message=reason.encode())
        """,
    "app/handler.py": """\
        from app.adapter import Adapter
        from app.starlette_impl import NullAdapter


        class Handler:
            def __init__(self, websocket: Adapter):
                self.websocket = websocket

            async def timeout(self):
                await self.websocket.close(code=4408, reason="timeout")  # expect: WSC203:41
                await self.websocket.close(1000, "bye")  # expect: WSC202:36
                await self.websocket.close(1006, "gone")  # expect: WSC101:36


        async def quiet(null: NullAdapter):
            await null.close(1006, "never sent")  # NullAdapter.close forwards nothing
        """,
    "app/sink.py": """\
        from abc import ABC, abstractmethod


        class Sink(ABC):
            @abstractmethod
            def close(self, code):
                raise NotImplementedError
        """,
    "app/sinks.py": """\
        from starlette.websockets import WebSocket

        from app.sink import Sink


        class LogSink(Sink):
            def close(self, code):
                print("closing with", code)


        class Pipe:  # not a Sink: its close is no implementation of Sink.close
            def __init__(self, ws: WebSocket):
                self.ws = ws

            async def close(self, code):
                await self.ws.close(code)
        """,
    "app/draining.py": """\
        from app.sink import Sink


        def drain(sink: Sink):
            sink.close(1006)
        """,
    "app/protocols.py": """\
        from typing import Protocol


        class Channel(Protocol):
            async def close(self, code: int) -> None: ...
        """,
    "app/channels_impl.py": """\
        from fastapi import WebSocket

        from app.protocols import Channel


        class FastChannel(Channel):
            def __init__(self, ws: WebSocket):
                self.ws = ws

            async def close(self, code: int) -> None:
                await self.ws.close(code)
        """,
    "app/rooms.py": """\
        from fastapi import WebSocket

        from app.protocols import Channel


        async def leave(channel: Channel, ws: WebSocket):
            await channel.close(1001)  # expect: WSC201:25
            await channel.close(4000)  # expect: WSC203:25
        """,
}


#: Wrappers reached through names that spell no module that defines them: a package's
#: renamed re-export, imported absolutely and relatively, and a plain module's re-export.
REEXPORTS = {
    "pyproject.toml": "[project]\nname = 'demo'\n",
    "app/__init__.py": "from .hub import hub as center\n",
    "app/hub.py": """\
        from fastapi import WebSocket


        class Hub:
            async def drop(self, websocket: WebSocket, code: int = 1000):  # expect: WSC201:60
                await websocket.close(code=code)


        hub = Hub()
        """,
    "app/compat.py": "from app.hub import Hub as LegacyRoom\n",
    "app/rooms.py": """\
        from . import center


        async def leave(ws):
            await center.drop(ws, 1006)  # expect: WSC101:27
        """,
    "views.py": """\
        from app import center


        async def view(ws):
            await center.drop(ws, 1006)  # expect: WSC101:27
        """,
    "legacy.py": """\
        from app.compat import LegacyRoom


        async def old(ws):
            await LegacyRoom().drop(ws, 1006)  # expect: WSC101:33
        """,
}


#: ``from m import *``: the names m's literal ``__all__`` lists (or its public names), through
#: a package's own star import; not a name ``__all__`` leaves out, nor any name of an
#: ``__all__`` built at run time; star imports in a cycle.
STAR_IMPORTS = {
    "pyproject.toml": "[project]\nname = 'demo'\n",
    "app/__init__.py": "from .gateway import *\n",
    "app/gateway.py": """\
        import aiohttp

        __all__ = ("GatewaySocket",)


        class GatewaySocket:
            def __init__(self, socket: aiohttp.ClientWebSocketResponse):
                self.socket = socket

            async def close(self, code: int = 4000) -> None:  # expect: WSC203:39
                await self.socket.close(code=code)


        class Unlisted(GatewaySocket):
            pass
        """,
    "app/client.py": """\
        from .gateway import *


        class Client:
            def __init__(self):
                self.ws: GatewaySocket = None

            async def close(self):
                await self.ws.close(code=1000)  # expect: WSC201:34
        """,
    "main.py": """\
        from app import *
        from app.gateway import *


        async def run(ws: GatewaySocket):
            await ws.close(code=1006)  # expect: WSC101:25


        async def unlisted(ws: Unlisted):
            await ws.close(code=1006)  # a NameError at run time: Unlisted is not exported
        """,
    "dynamic.py": """\
        import aiohttp

        __all__ = ["Socket" + "Closer"]


        class SocketCloser:
            def __init__(self, socket: aiohttp.ClientWebSocketResponse):
                self.socket = socket

            async def shut(self, code: int) -> None:
                await self.socket.close(code=code)
        """,
    "uses_dynamic.py": """\
        from dynamic import *


        async def run(closer: SocketCloser):
            await closer.shut(1006)  # what __all__ holds is not known: not followed
        """,
    "cycle_a.py": "from cycle_b import *\n",
    "cycle_b.py": """\
        from cycle_a import *


        async def run(ws: Nowhere):
            await ws.close(code=1006)
        """,
}


#: Constants another module binds: read as that module reads them (bound once, through
#: aliases, library constants, re-exports and ``from m import *``, members of its classes
#: and enums, an ASGI message type named by a ``StrEnum`` member); not a name
#: bound twice or rebound through ``global``, a function's local, a cycle of imports, or a
#: module that does not parse.
CONSTANTS = {
    "pyproject.toml": "[project]\nname = 'demo'\n",
    "app/__init__.py": "from .consts import ABNORMAL as CRASHED\n",
    "app/consts.py": """\
        import enum
        from http import HTTPStatus

        from websockets.frames import CloseCode

        ABNORMAL = 1006
        ALIAS = ABNORMAL
        LIBRARY = CloseCode.ABNORMAL_CLOSURE
        GOING_AWAY = 1001
        REBOUND = 1006
        TWICE = 1006


        def reset():
            global REBOUND
            REBOUND = 1000
            LOCAL = 1006


        if reset:
            TWICE = 1000


        class Codes:
            SHUTDOWN = 1006


        class Status(enum.IntEnum):
            FORBIDDEN = HTTPStatus.FORBIDDEN


        class Color(enum.Enum):
            RED = 1
        """,
    "app/more.py": "__all__ = ['EXPORTED']\nEXPORTED = 1005\nHIDDEN = 1006\n",
    "app/starred.py": """\
        from fastapi import WebSocket

        from app.more import *


        async def view(ws: WebSocket):
            await ws.close(EXPORTED)  # expect: WSC101:20
            await ws.close(HIDDEN)
        """,
    "app/events.py": """\
        import enum


        class Event(enum.StrEnum):
            WEBSOCKET_CLOSE = "websocket.close"
        """,
    "app/raw_asgi.py": """\
        from starlette.types import Receive, Scope, Send

        from app.events import Event


        async def app(scope: Scope, receive: Receive, send: Send) -> None:
            await send({"type": Event.WEBSOCKET_CLOSE, "code": 1006})  # expect: WSC101:56
        """,
    "app/cycle_a.py": "from app.cycle_b import LOOP\n",
    "app/cycle_b.py": "from app.cycle_a import LOOP\n",
    "app/broken.py": "CODE = 1006\ndef (:\n",
    "app/views.py": """\
        from fastapi import WebSocket

        from app import CRASHED, consts
        from app.broken import CODE
        from app.consts import ABNORMAL, ALIAS, GOING_AWAY, LIBRARY, REBOUND, TWICE, Codes, Color, Status, reset
        from app.cycle_a import LOOP


        async def view(ws: WebSocket):
            await ws.close(ABNORMAL)  # expect: WSC101:20
            await ws.close(ALIAS)  # expect: WSC101:20
            await ws.close(LIBRARY)  # expect: WSC101:20
            await ws.close(consts.ABNORMAL)  # expect: WSC101:20
            await ws.close(CRASHED)  # expect: WSC101:20
            await ws.close(Codes.SHUTDOWN)  # expect: WSC101:20
            await ws.close(Status.FORBIDDEN)  # expect: WSC103:20
            await ws.close(Color.RED)  # expect: WSC107:20
            await ws.close(GOING_AWAY)
            await ws.close(REBOUND)
            await ws.close(TWICE)
            await ws.close(reset.LOCAL)
            await ws.close(LOOP)
            await ws.close(CODE)
        """,
}


#: Codes kept in attributes of other modules' classes, reported where they are sent and
#: naming where they come from: a class attribute of a caught exception, what a class's
#: methods assign (also to an instance of a class taken from another module's dict of
#: classes); not a parameter kept in an attribute, nor a class no registry holds.
ATTRIBUTES = {
    "pyproject.toml": "[project]\nname = 'demo'\n",
    "app/__init__.py": "",
    "app/errors.py": """\
        class AuthError(Exception):
            code = 1006


        class Kicked(Exception):
            def __init__(self, code: int) -> None:
                self.code = code
        """,
    "app/processors.py": """\
        class Processor:
            def __init__(self, message: str) -> None:
                self.close_code = None
                self.process(message)

            def process(self, message: str) -> None:
                pass


        class Goodbye(Processor):
            def process(self, message: str) -> None:
                self.close_code = 1000


        class Crash(Processor):
            def process(self, message: str) -> None:
                self.close_code = 1006


        class Unlisted(Processor):
            def process(self, message: str) -> None:
                self.close_code = 1015
        """,
    "app/registry.py": """\
        from app.processors import Crash, Goodbye

        PROCESSORS = {"bye": Goodbye, "crash": Crash}
        """,
    "app/views.py": """\
        from fastapi import WebSocket

        from app import registry
        from app.errors import AuthError, Kicked
        from app.processors import Goodbye, Processor


        async def view(ws: WebSocket, message: str):
            try:
                await ws.receive_text()
            except AuthError as error:
                await ws.close(error.code)  # expect: WSC101:24
            except Kicked as kicked:
                await ws.close(kicked.code)
            kind = registry.PROCESSORS.get(message, Processor)
            processor = kind(message)
            await ws.close(processor.close_code)  # expect: WSC101:20
            await ws.close(Goodbye(message).close_code)  # expect: WSC201:20
        """,
}


#: An exception raised in one module, caught in another, its code sent there: the class
#: (in a third module) keeps its constructor's ``code`` in ``self.code``, so whoever builds
#: one passes a close code, also through a package's re-export, and the class's own module
#: (its default, its own ``raise``).  Not: a class whose attribute nothing sends, a
#: same-named class of another module.
RAISED_ELSEWHERE = {
    "pyproject.toml": "[project]\nname = 'demo'\n",
    "app/__init__.py": "from .errors import Refused, WSError as AppError\n",
    "app/errors.py": """\
        class Refused(Exception):
            def __init__(self, code: int) -> None:
                self.code = code


        class WSError(Exception):
            def __init__(self, code: int = 1015, reason: str = "") -> None:  # expect: WSC101:36
                self.code = code
                self.reason = reason


        class NotSent(Exception):
            def __init__(self, code: int = 1015) -> None:
                self.code = code


        def timeout() -> None:
            raise WSError(4000)  # expect: WSC203:19
        """,
    "app/services.py": """\
        from app import AppError, errors
        from app.errors import NotSent, WSError


        def check(token: str) -> None:
            if not token:
                raise WSError(1006, "no token")  # expect: WSC101:23
            if token == "x":
                raise WSError(code=4001)  # expect: WSC203:28
            if token == "y":
                raise AppError(1015)  # expect: WSC101:24
            if token == "z":
                raise errors.Refused(1006)  # expect: WSC101:30
            raise NotSent(1006)
        """,
    "app/gate.py": """\
        from fastapi import WebSocket

        from app import Refused


        async def refuse(ws: WebSocket, error: Refused) -> None:
            await ws.close(error.code)  # the class as its package re-exports it
        """,
    "other/errors.py": """\
        class WSError(Exception):
            def __init__(self, code: int) -> None:
                self.code = code


        def fail() -> None:
            raise WSError(1006)
        """,
    "app/endpoint.py": """\
        from fastapi import WebSocket

        from app.errors import WSError
        from app.services import check


        async def endpoint(ws: WebSocket, token: str) -> None:
            try:
                check(token)
            except WSError as error:
                await ws.close(error.code, error.reason)
        """,
}


# A close message built with a type another module binds: no library import, no string.
CLOSE_TYPES = {
    "pyproject.toml": "[project]\nname = 'demo'\n",
    "app/__init__.py": "",
    "app/events.py": """\
        from enum import Enum, StrEnum


        class Event(StrEnum):
            WEBSOCKET_CLOSE = "websocket.close"


        class Plain(Enum):
            WEBSOCKET_CLOSE = "websocket.close"


        CLOSE: str = "websocket.close"
        SHUTDOWN = CLOSE
        """,
    "app/shutdown.py": """\
        from app.events import SHUTDOWN


        async def app(scope, receive, send):
            await send({"type": SHUTDOWN, "code": 1015})  # expect: WSC101:43
        """,
    "app/endpoint.py": """\
        from app.events import CLOSE, Event, Plain


        async def app(scope, receive, send):
            await send({"type": Event.WEBSOCKET_CLOSE, "code": 1006})  # expect: WSC101:56


        async def other(scope, receive, send):
            await send({"type": CLOSE, "code": 1005})  # expect: WSC101:40


        async def plain(scope, receive, send):
            await send({"type": Plain.WEBSOCKET_CLOSE, "code": 1006})  # a plain Enum's member is no string
        """,
    "app/unrelated.py": """\
        from app.events import Event


        def describe(event: Event) -> dict:
            return {"type": event, "code": 1006}
        """,
}

def _write(root: Path, files: dict[str, str]) -> dict[str, dict[int, list[str]]]:
    expected: dict[str, dict[int, list[str]]] = {}
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = textwrap.dedent(text)
        path.write_text(text, encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            match = EXPECT.search(line)
            if match:
                expected.setdefault(name, {})[number] = sorted(p.strip() for p in match.group(1).split(","))
    return expected


def _wscc(root: Path, *paths: str) -> dict[str, dict[int, list[str]]]:
    done = subprocess.run([sys.executable, "-m", "wscc", "--format", "json", *paths], cwd=root,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    found: dict[str, dict[int, list[str]]] = {}
    for finding in json.loads(done.stdout)["findings"]:
        found.setdefault(Path(finding["path"]).as_posix(), {}).setdefault(finding["line"], []).append(
            f"{finding['code']}:{finding['column']}")
    return {path: {line: sorted(pins) for line, pins in lines.items()} for path, lines in found.items()}


def _flake8(root: Path) -> dict[str, dict[int, list[str]]]:
    done = subprocess.run([sys.executable, "-m", "flake8", "--select", "WSC1,WSC2", "--format",
                           "%(path)s|%(row)d|%(col)d|%(code)s", "."], cwd=root, capture_output=True, text=True,
                          timeout=120)
    found: dict[str, dict[int, list[str]]] = {}
    for line in done.stdout.splitlines():
        path, row, col, code = line.split("|")
        found.setdefault(Path(path).as_posix().removeprefix("./"), {}).setdefault(int(row), []).append(f"{code}:{col}")
    return {path: {line: sorted(pins) for line, pins in lines.items()} for path, lines in found.items()}


@pytest.mark.parametrize("files", [HUB, NEGATIVES, SRC_LAYOUT, REEXPORTS, STAR_IMPORTS, CONSTANTS, ATTRIBUTES,
                                   RAISED_ELSEWHERE, CLOSE_TYPES],
                         ids=["hub", "negatives", "src-layout", "re-exports", "star-imports", "constants", "attributes",
                              "raised-elsewhere", "close-types"])
def test_findings_across_modules(tmp_path: Path, files: dict[str, str]):
    expected = _write(tmp_path, files)
    assert _wscc(tmp_path, ".") == expected
    assert _flake8(tmp_path) == expected
    for name in files:
        if name.endswith(".py"):
            # What pre-commit runs after an edit: one file, the project still indexed.
            assert _wscc(tmp_path, name) == ({name: expected[name]} if name in expected else {}), name


def test_a_finding_says_where_the_code_goes(tmp_path: Path):
    _write(tmp_path, HUB)
    done = subprocess.run([sys.executable, "-m", "wscc", "--format", "json", "app/main.py"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    first = json.loads(done.stdout)["findings"][0]
    assert first["message"].endswith("(it reaches the close through FeedClient.stop, app/client.py:11)")
    assert first["related"] == [{"path": "app/client.py", "line": 11, "message": "FeedClient.stop sends the close code"}]
    sarif = subprocess.run([sys.executable, "-m", "wscc", "--format", "sarif", "app/main.py"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    related = json.loads(sarif.stdout)["runs"][0]["results"][0]["relatedLocations"]
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"] == "app/client.py"


def test_a_constant_from_another_module_says_where_it_is_bound_and_follows_its_edits(tmp_path: Path):
    _write(tmp_path, CONSTANTS)

    def first_finding() -> dict:
        done = subprocess.run([sys.executable, "-m", "wscc", "--format", "json", "app/views.py"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)
        return json.loads(done.stdout)["findings"][0]

    first = first_finding()
    assert (first["line"], first["code"]) == (10, "WSC101")
    assert first["message"].endswith("(ABNORMAL comes from app/consts.py:6)")
    assert first["related"] == [{"path": "app/consts.py", "line": 6, "message": "where ABNORMAL gets its value"}]
    # An edit of the constant's module alone (the cache and the manifest saw both files).
    consts = tmp_path / "app" / "consts.py"
    consts.write_text(consts.read_text(encoding="utf-8").replace("ABNORMAL = 1006", "ABNORMAL = 4006"),
                      encoding="utf-8")
    after = first_finding()
    assert (after["line"], after["code"]) == (12, "WSC101")  # ABNORMAL and ALIAS are 4006 now; LIBRARY is not


def test_following_across_modules_can_be_turned_off(tmp_path: Path):
    files = {**HUB, "pyproject.toml": "[tool.wscc]\nfollow-imports = false\n"}
    _write(tmp_path, files)
    assert "app/main.py" not in _wscc(tmp_path, ".")


CALLER_IMPORTS_LIBRARY = """\
from starlette.websockets import WebSocket

from app.closing import shut


async def handler(websocket: WebSocket):
    await shut(websocket, 1008)
"""


def test_wscc_fix_rewrites_only_where_the_library_is_imported(tmp_path: Path):
    _write(tmp_path, {**HUB, "app/handler.py": CALLER_IMPORTS_LIBRARY})
    done = subprocess.run([sys.executable, "-m", "wscc.fix", "app/handler.py", "app/main.py"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    handler = (tmp_path / "app/handler.py").read_text()
    assert "await shut(websocket, status.WS_1008_POLICY_VIOLATION)" in handler
    assert "from starlette import status" in handler
    main = (tmp_path / "app/main.py").read_text()
    assert main == textwrap.dedent(HUB["app/main.py"])  # errors only, and no library import there
    compile(handler, "handler.py", "exec")


def test_a_literal_kept_in_another_modules_attribute_is_named_where_it_is_written(tmp_path: Path):
    _write(tmp_path, ATTRIBUTES)
    done = subprocess.run([sys.executable, "-m", "wscc", "--format", "json", "app/views.py"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    magic = [finding for finding in json.loads(done.stdout)["findings"] if finding["code"] == "WSC201"][0]
    assert magic["message"].endswith("(Goodbye(message).close_code comes from app/processors.py:12)")
    assert magic["related"] == [{"path": "app/processors.py", "line": 12,
                                 "message": "where Goodbye(message).close_code gets its value"}]
    before = (tmp_path / "app/views.py").read_bytes()
    fixed = subprocess.run([sys.executable, "-m", "wscc.fix", "app/views.py"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    assert (tmp_path / "app/views.py").read_bytes() == before  # not a literal here: nothing to rewrite
    assert "1 the literal is written in another module" in fixed.stderr + fixed.stdout


def test_a_module_that_starts_sending_an_exceptions_code_reaches_its_raisers_on_the_next_run(tmp_path: Path):
    """The cache and the manifest saw every module before the endpoint sent ``error.code``;
    the next run, with the cache, finds the raise in the unchanged module, and loses it
    again when the endpoint stops."""
    # Without app/gate.py: the endpoint is the only module that sends an attribute of a class.
    expected = _write(tmp_path, {name: text for name, text in RAISED_ELSEWHERE.items() if name != "app/gate.py"})
    services = (tmp_path / "app" / "services.py").read_text(encoding="utf-8").splitlines()
    expected["app/services.py"] = {line: pins for line, pins in expected["app/services.py"].items()
                                   if "Refused(" not in services[line - 1]}
    endpoint = tmp_path / "app" / "endpoint.py"
    sending = endpoint.read_text(encoding="utf-8")

    for number in range(60):  # more files than an index on demand takes: the whole tree is walked
        (tmp_path / "app" / f"plain_{number}.py").write_text("import json\n", encoding="utf-8")
    past = time.time() - 3600
    for path in [tmp_path, *tmp_path.rglob("*")]:
        os.utime(path, (past, past))

    def edit(text: str, age: float) -> None:
        # Dated back past RACY_SECONDS, each edit to its own time: the manifest answers for
        # every file the edit left alone.
        endpoint.write_text(text, encoding="utf-8")
        os.utime(endpoint, (past + age, past + age))

    edit(sending.replace("await ws.close(error.code, error.reason)", "await ws.close()"), 300)
    assert _wscc(tmp_path, ".") == {}
    edit(sending, 200)
    assert _wscc(tmp_path, ".") == expected  # services.py, unchanged, is read again for the new word
    assert _wscc(tmp_path, "app/services.py") == {"app/services.py": expected["app/services.py"]}
    edit(sending.replace("error.code", "1000"), 100)
    assert "app/services.py" not in _wscc(tmp_path, ".")


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["first-run", "no-cache"])
def test_a_sink_class_module_alone_before_any_walk_of_the_project(tmp_path: Path, options: tuple[str, ...]):
    """pre-commit on a fresh clone: the module of a class whose attribute another module
    sends, checked alone, when no run has walked the project yet (or, without a cache,
    none ever remembers it): its default and its own raise are still judged."""
    expected = _write(tmp_path, RAISED_ELSEWHERE)
    assert _wscc(tmp_path, *options, "app/errors.py") == {"app/errors.py": expected["app/errors.py"]}

def test_the_cache_is_kept_under_the_project_and_survives_damage_and_edits(tmp_path: Path):
    expected = _write(tmp_path, HUB)
    assert _wscc(tmp_path, "app/views.py") == {"app/views.py": expected["app/views.py"]}
    cache = tmp_path / ".wscc_cache"
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*" and any(cache.rglob("*/*"))
    for entry in cache.rglob("*"):
        if entry.is_file() and entry.parent != cache:
            entry.write_bytes(b"\x00garbage")  # damaged entries are rebuilt silently
    assert _wscc(tmp_path, "app/views.py") == {"app/views.py": expected["app/views.py"]}
    # An edit is seen: Hub.drop no longer forwards its code.
    hub = tmp_path / "app/hub.py"
    hub.write_text(hub.read_text().replace("await websocket.close(code=code)", "await websocket.close(code=1000)"))
    assert 9 not in _wscc(tmp_path, "app/views.py").get("app/views.py", {})


def test_no_cache_writes_nothing(tmp_path: Path):
    expected = _write(tmp_path, HUB)
    done = subprocess.run([sys.executable, "-m", "wscc", "--no-cache", "--format", "json", "app/main.py"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert len(json.loads(done.stdout)["findings"]) == len(expected["app/main.py"])
    assert not (tmp_path / ".wscc_cache").exists()


def test_calls_on_an_interface_reach_its_implementations_in_other_modules(tmp_path: Path):
    expected = _write(tmp_path, INTERFACES)
    assert _wscc(tmp_path, ".") == expected
    assert _flake8(tmp_path) == expected
    done = subprocess.run([sys.executable, "-m", "wscc", "--format", "json", "app/handler.py"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    findings = json.loads(done.stdout)["findings"]
    assert [(f["line"], f["code"]) for f in findings] == [(10, "WSC203"), (11, "WSC202"), (12, "WSC101")]
    name = "AiohttpAdapter.close (one of 2 implementations of Adapter.close)"
    assert findings[0]["message"].endswith(f"(it reaches the close through {name}, app/aiohttp_impl.py:10)")
    assert findings[0]["related"] == [{"path": "app/aiohttp_impl.py", "line": 10,
                                       "message": f"{name} sends the close code"}]


@pytest.mark.slow
def test_each_interface_module_alone(tmp_path: Path):
    """What pre-commit runs after an edit: one file, the project still indexed."""
    expected = _write(tmp_path, INTERFACES)
    for name in INTERFACES:
        # Not app/adapter.py: alone, it can send nothing and imports no module of the
        # project, so the project is not indexed for it (Project.for_paths' only_if_used).
        if name.endswith(".py") and name != "app/adapter.py":
            assert _wscc(tmp_path, name) == ({name: expected[name]} if name in expected else {}), name


INTERFACE_CALLER_IMPORTS_FASTAPI = """\
from fastapi import WebSocket

from app.adapter import Adapter
from app.protocols import Channel


async def leave(channel: Channel, adapter: Adapter, ws: WebSocket):
    await channel.close(1001)
    await adapter.close(1000, "bye")
"""


def test_wscc_fix_names_a_code_only_when_one_library_receives_it(tmp_path: Path):
    _write(tmp_path, {**INTERFACES, "app/leaving.py": INTERFACE_CALLER_IMPORTS_FASTAPI})
    done = subprocess.run([sys.executable, "-m", "wscc.fix", "app/leaving.py"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr  # the adapter's 1000 stays: no constant fits every library
    leaving = (tmp_path / "app/leaving.py").read_text()
    assert "await channel.close(status.WS_1001_GOING_AWAY)" in leaving
    assert 'await adapter.close(1000, "bye")' in leaving
    compile(leaving, "leaving.py", "exec")


@pytest.mark.parametrize(("source", "exported"), [
    ("x = 1\n", None),  # no __all__: the public names
    ("__all__ = ['Hub', 'drop']\n", ["Hub", "drop"]),
    ("__all__ = ('Hub',)\n", ["Hub"]),
    ("__all__: list[str] = ['Hub']\n", ["Hub"]),
    ("__all__ = ['Hub']\n__all__ += ['drop']\n", "unknown"),
    ("__all__ = ['Hub']\n__all__.append('drop')\n", "unknown"),
    ("__all__ = ['Hub' + 's']\n", "unknown"),
    ("__all__ = NAMES\n", "unknown"),
    ("if True:\n    __all__ = ['Hub']\n", "unknown"),
])
def test_what_a_star_import_of_a_module_binds(source: str, exported) -> None:
    import ast

    from wscc.model.imports import exported_names

    assert exported_names(ast.parse(source)) == exported


# ------------------------------------------- a large project's first run: a helper reads a share


def _padded(root: Path, files: dict[str, str], folder: str) -> dict[str, dict[int, list[str]]]:
    """A case project beside enough plain modules (in ``folder``, walked before or after
    ``app``) for a first run to share its read with a helper process
    (``wscc.project.helper``); one file that cannot be decoded, one written just now (the
    manifest cannot trust its stamp), the rest dated back."""
    from wscc.project.helper import FORK_FROM

    expected = _write(root, files)
    (root / folder).mkdir()
    for number in range(FORK_FROM):
        (root / folder / f"plain_{number}.py").write_text(f"import json\n\nVALUE_{number} = json.dumps({number})\n")
    (root / folder / "broken.py").write_bytes(b"x = '\xff'\n")
    past = time.time() - 3600
    for path in [root, *root.rglob("*")]:
        os.utime(path, (past, past))
    (root / folder / "fresh.py").write_text("import json\n")
    return expected


def _first_run(root: Path, jobs: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    """(exit code, findings per file, manifest) of an in-process ``wscc -j JOBS .`` with no cache."""
    from wscc.cli import main
    from wscc.project.build import summary_cache
    from wscc.project.cache import Manifest

    monkeypatch.chdir(root)
    shutil.rmtree(root / ".wscc_cache", ignore_errors=True)
    code = main(["--format", "json", "-j", str(jobs), "."])
    found: dict[str, dict[int, list[str]]] = {}
    for finding in json.loads(capsys.readouterr().out)["findings"]:
        found.setdefault(Path(finding["path"]).as_posix(), {}).setdefault(finding["line"], []).append(
            f"{finding['code']}:{finding['column']}")
    manifest = Manifest(summary_cache(root))
    return code, {path: {line: sorted(pins) for line, pins in lines.items()} for path, lines in found.items()}, (
        manifest.entries, manifest.complete, manifest.screened, manifest.sink_modules)


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> list:
    """Every ``RemoteShare`` the build starts (the real one, watched), with the chunk
    numbers its helper answered for (``answered``)."""
    from wscc.project.helper import RemoteShare

    started: list = []
    start, results = RemoteShare.start, RemoteShare.results

    def watched_start(self) -> bool:
        started.append(self)
        return start(self)

    def watched_results(self):
        answers = results(self)
        self.answered = set(answers or ())
        return answers

    monkeypatch.setattr(RemoteShare, "start", watched_start)
    monkeypatch.setattr(RemoteShare, "results", watched_results)
    return started


@pytest.mark.parametrize("folder", ["a_plain", "z_plain"], ids=["app-in-the-helpers-share", "app-read-here"])
@pytest.mark.parametrize("files", [HUB, RAISED_ELSEWHERE, REEXPORTS], ids=["hub", "raised-elsewhere", "re-exports"])
def test_a_large_projects_first_run_shares_its_read_and_finds_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, helpers: list,
        files: dict[str, str], folder: str) -> None:
    import wscc.project.build

    expected = _padded(tmp_path, files, folder)
    alone = _first_run(tmp_path, 1, monkeypatch, capsys)
    assert not helpers
    parent, read_here = os.getpid(), []
    read_bytes = wscc.project.build.read_bytes

    def watched_read(path: str):
        if os.getpid() == parent:
            read_here.append(path)
        return read_bytes(path)

    monkeypatch.setattr(wscc.project.build, "read_bytes", watched_read)
    shared = _first_run(tmp_path, 2, monkeypatch, capsys)
    helper = helpers[0] if len(helpers) == 1 else None
    assert helper is not None and not helper.failed and helper.answered
    # Each file is read once: the chunks the helper took there, screens included.
    taken_here = [path for number, chunk in enumerate(helper.chunks) if number not in helper.answered
                  for _module, path in chunk]
    assert sorted(read_here) == sorted(taken_here)
    assert shared[1] == alone[1] == expected
    assert shared[0] == alone[0] == 2  # broken.py cannot be decoded: reported either way
    assert shared[2] == alone[2]  # the same manifest: the same entries, incomplete (fresh.py)
    assert alone[2][1] is False and len(alone[2][0]) > 1000


def test_a_large_project_without_a_cache_shares_its_read_too(tmp_path: Path) -> None:
    expected = _padded(tmp_path, HUB, "a_plain")
    done = subprocess.run([sys.executable, "-m", "wscc", "--no-cache", "-j", "2", "--format", "json", "."],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "broken.py" in done.stderr  # the file that cannot be decoded
    found: dict[str, dict[int, list[str]]] = {}
    for finding in json.loads(done.stdout)["findings"]:
        found.setdefault(finding["path"].removeprefix("./"), {}).setdefault(finding["line"], []).append(
            f"{finding['code']}:{finding['column']}")
    assert {path: {line: sorted(pins) for line, pins in lines.items()} for path, lines in found.items()} == expected
    assert not (tmp_path / ".wscc_cache").exists()


def test_wscc_fix_on_a_large_projects_first_run_rewrites_the_same(tmp_path: Path) -> None:
    """``wscc-fix`` builds the index the same way (its own process, as a user runs it)."""
    _padded(tmp_path, HUB, "a_plain")

    def diff(jobs: int) -> tuple[int, str]:
        shutil.rmtree(tmp_path / ".wscc_cache", ignore_errors=True)
        done = subprocess.run([sys.executable, "-m", "wscc.fix", "--diff", "-j", str(jobs), "."], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr

    alone, shared = diff(1), diff(2)
    assert shared == alone
    assert "code: int = status.WS_1000_NORMAL_CLOSURE" in alone[1] and "would rewrite 2 files" in alone[2]


@pytest.mark.parametrize("breaks", ["the-read", "a-screen"])
def test_a_helper_that_fails_leaves_the_build_to_read_itself(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, helpers: list,
        breaks: str) -> None:
    from wscc.project.build import _Builder
    from wscc.project.index import Screen

    expected = _padded(tmp_path, HUB, "a_plain")  # the callers are in the helper's share
    alone = _first_run(tmp_path, 1, monkeypatch, capsys)
    parent = os.getpid()

    def broken(*args, **kwargs):
        raise RuntimeError("helper down")

    def broken_in_the_helper(original):
        def call(*args, **kwargs):
            if os.getpid() != parent:
                raise RuntimeError("helper down")
            return original(*args, **kwargs)
        return call

    if breaks == "the-read":
        monkeypatch.setattr(_Builder, "_read_share", broken)
    else:
        monkeypatch.setattr(Screen, "passing", broken_in_the_helper(Screen.passing))
    shared = _first_run(tmp_path, 2, monkeypatch, capsys)
    assert len(helpers) == 1 and helpers[0].failed
    assert shared[1] == alone[1] == expected
    assert shared[2] == alone[2]
