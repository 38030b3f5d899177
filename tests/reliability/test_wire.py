"""Real wire tests on loopback: a tiny server module closes with a literal code, a raw
client reads the close frame off the socket; after ``wscc-fix`` renames the literal, the
same code is on the wire.  Also the premises of the error rules, checked against the real
libraries.

Every server listens on 127.0.0.1 on an ephemeral port, every wait is bounded, and every
server is stopped in a ``finally``.
"""

from __future__ import annotations

import ast
import asyncio
import base64
import hashlib
import importlib.util
import itertools
import os
import socket
import struct
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from .helpers import assert_no_traceback, run_fix, write

TIMEOUT = 10  # seconds, for any single wire exchange
GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 section 1.3
NO_CLOSE_FRAME = "connection closed without a close frame"
EMPTY_CLOSE_FRAME = "close frame without a code"

# ----------------------------------------------------------------------------- raw WebSocket I/O


def _read_exact(stream, count: int) -> bytes:
    data = stream.read(count)
    if data is None or len(data) < count:
        raise EOFError
    return data


def read_frame(stream) -> tuple[int, bytes]:
    """One frame: (opcode, unmasked payload)."""
    first, second = _read_exact(stream, 2)
    length = second & 0x7F
    if length == 126:
        (length,) = struct.unpack("!H", _read_exact(stream, 2))
    elif length == 127:
        (length,) = struct.unpack("!Q", _read_exact(stream, 8))
    mask = _read_exact(stream, 4) if second & 0x80 else None
    payload = _read_exact(stream, length)
    if mask:
        payload = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
    return first & 0x0F, payload


def close_code_of(payload: bytes) -> int | str:
    return struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else EMPTY_CLOSE_FRAME


def first_close(stream) -> int | str:
    """The code of the first close frame on the stream (data frames are skipped)."""
    try:
        while True:
            opcode, payload = read_frame(stream)
            if opcode == 0x8:
                return close_code_of(payload)
    except (EOFError, ConnectionError):
        return NO_CLOSE_FRAME


def frame_close_code(data: bytes) -> int | str:
    """The code in one serialized close frame (bytes a sans-I/O library produced)."""
    import io

    opcode, payload = read_frame(io.BytesIO(data))
    assert opcode == 0x8
    return close_code_of(payload)


def observe_close(port: int, path: str = "/ws") -> int | str:
    """Open a WebSocket as a plain socket client and return what the server's close frame
    carries, byte for byte (no library in between that could reject or rewrite it)."""
    key = base64.b64encode(os.urandom(16))
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
        sock.sendall(
            b"GET " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1:" + str(port).encode() + b"\r\n"
            b"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key + b"\r\n"
            b"Sec-WebSocket-Version: 13\r\n\r\n"
        )
        stream = sock.makefile("rb")
        status = stream.readline()
        assert b" 101 " in status, status
        headers = b""
        while not headers.endswith(b"\r\n\r\n"):
            line = stream.readline()
            assert line, "handshake cut short"
            headers += line
        assert accept_key(b"Sec-WebSocket-Key: " + key) in headers, headers
        return first_close(stream)


def listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    return sock


def accept_key(request_headers: bytes) -> bytes:
    for line in request_headers.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"sec-websocket-key":
            return base64.b64encode(hashlib.sha1(value.strip() + GUID).digest())
    raise AssertionError("no Sec-WebSocket-Key")


@contextmanager
def raw_server(connections: int):
    """A plain socket server: accepts ``connections`` handshakes and records the code of
    each client's close frame.  Yields (port, list of codes)."""
    listener = listening_socket()
    listener.settimeout(TIMEOUT)
    codes: list[int | str] = []

    def serve():
        for _ in range(connections):
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(TIMEOUT)
                stream = connection.makefile("rb")
                headers = b""
                while not headers.endswith(b"\r\n\r\n"):
                    line = stream.readline()
                    if not line:
                        break
                    headers += line
                connection.sendall(
                    b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    b"Sec-WebSocket-Accept: " + accept_key(headers) + b"\r\n\r\n")
                codes.append(first_close(stream))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], codes
    finally:
        thread.join(TIMEOUT)
        listener.close()


_module_names = itertools.count()


def load(path: Path):
    """Import the server module from its file (our own fixture, not analysed code)."""
    spec = importlib.util.spec_from_file_location(f"wire_server_{next(_module_names)}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------- servers


def run_websockets(module) -> int | str:
    from websockets.asyncio.server import serve

    async def main():
        with listening_socket() as sock:
            async with serve(module.handler, sock=sock):
                return await asyncio.to_thread(observe_close, sock.getsockname()[1])

    return asyncio.run(asyncio.wait_for(main(), TIMEOUT))


def run_aiohttp(module) -> int | str:
    from aiohttp import web

    async def main():
        app = web.Application()
        app.router.add_get("/ws", module.handler)
        runner = web.AppRunner(app)
        await runner.setup()
        with listening_socket() as sock:
            try:
                await web.SockSite(runner, sock).start()
                return await asyncio.to_thread(observe_close, sock.getsockname()[1])
            finally:
                await runner.cleanup()

    return asyncio.run(asyncio.wait_for(main(), TIMEOUT))


def run_uvicorn(app) -> int | str:
    import time

    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="off"))
    sock = listening_socket()
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + TIMEOUT
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            assert thread.is_alive(), "uvicorn stopped"
            time.sleep(0.02)
        return observe_close(sock.getsockname()[1])
    finally:
        server.should_exit = True
        thread.join(TIMEOUT)
        sock.close()
        assert not thread.is_alive(), "uvicorn did not stop"


def run_wsproto(module) -> int | str:
    """A wsproto server on a real socket: handshake, then the module's close frame."""
    from wsproto import ConnectionType, WSConnection
    from wsproto.events import AcceptConnection, Request

    listener = listening_socket()
    listener.settimeout(TIMEOUT)

    def serve():
        connection, _ = listener.accept()
        with connection:
            connection.settimeout(TIMEOUT)
            ws = WSConnection(ConnectionType.SERVER)
            while True:
                ws.receive_data(connection.recv(4096))
                if any(isinstance(event, Request) for event in ws.events()):
                    break
            connection.sendall(ws.send(AcceptConnection()))
            connection.sendall(module.close_frame(ws))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        return observe_close(listener.getsockname()[1])
    finally:
        thread.join(TIMEOUT)
        listener.close()


# ----------------------------------------------------------------------------- modules under test

SERVER_MODULES = {
    "websockets": (
        "import websockets\n\n\n"
        "async def handler(websocket: websockets.ServerConnection) -> None:\n"
        "    await websocket.close({code})\n",
        run_websockets,
    ),
    "aiohttp": (
        "from aiohttp import web\n\n\n"
        "async def handler(request: web.Request) -> web.WebSocketResponse:\n"
        "    ws = web.WebSocketResponse()\n"
        "    await ws.prepare(request)\n"
        "    await ws.close(code={code})\n"
        "    return ws\n",
        run_aiohttp,
    ),
    "starlette": (
        "from starlette.applications import Starlette\n"
        "from starlette.routing import WebSocketRoute\n"
        "from starlette.websockets import WebSocket\n\n\n"
        "async def endpoint(websocket: WebSocket) -> None:\n"
        "    await websocket.accept()\n"
        "    await websocket.close({code})\n\n\n"
        "app = Starlette(routes=[WebSocketRoute('/ws', endpoint)])\n",
        lambda module: run_uvicorn(module.app),
    ),
    "wsproto": (
        "from wsproto.events import CloseConnection\n\n\n"
        "def close_frame(connection):\n"
        "    return connection.send(CloseConnection({code}))\n",
        run_wsproto,
    ),
}


@pytest.mark.parametrize("library", sorted(SERVER_MODULES))
@pytest.mark.parametrize("code", [1008, 4001])
def test_literal_code_reaches_the_wire(library, code, tmp_path):
    template, run = SERVER_MODULES[library]
    path = write(tmp_path / f"{library}_server.py", template.format(code=code))
    assert run(load(path)) == code


@pytest.mark.parametrize("library", sorted(SERVER_MODULES))
def test_rewritten_module_puts_the_same_code_on_the_wire(library, tmp_path):
    template, run = SERVER_MODULES[library]
    path = write(tmp_path / f"{library}_server.py", template.format(code=1008))
    before = run(load(path))
    result = run_fix([path.name], tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1, result.output
    rewritten = path.read_text()
    literals = [node.value for node in ast.walk(ast.parse(rewritten)) if isinstance(node, ast.Constant)]
    assert 1008 not in literals, rewritten  # the literal was really renamed
    after = run(load(path))
    assert before == after == 1008, rewritten


# ----------------------------------------------------------------------------- rule premises


def test_websockets_refuses_to_send_1006_and_sends_nothing():
    """WSC101 premise: websockets raises ProtocolError for 1006; the connection stays
    open (a later valid close still goes out)."""
    from websockets.exceptions import ProtocolError

    raised = []

    class Module:
        @staticmethod
        async def handler(websocket):
            for code in (1006, 1005, 1015, 1004, 2000, 999, 5000):
                try:
                    await websocket.close(code)
                except ProtocolError as error:
                    raised.append((code, str(error)))
            await websocket.close(4000)

    assert run_websockets(Module) == 4000
    assert [code for code, _ in raised] == [1006, 1005, 1015, 1004, 2000, 999, 5000]


def _open_wsproto_pair():
    from wsproto import ConnectionType, WSConnection
    from wsproto.events import AcceptConnection, Request

    client, server = WSConnection(ConnectionType.CLIENT), WSConnection(ConnectionType.SERVER)
    server.receive_data(client.send(Request(host="127.0.0.1", target="/ws")))
    assert any(isinstance(event, Request) for event in server.events())
    client.receive_data(server.send(AcceptConnection()))
    return client, server


@pytest.mark.parametrize(("sent", "on_the_wire"), [
    (1006, 1000),
    (1005, 1000),
    (1015, 1000),
    ("NO_STATUS_RCVD", EMPTY_CLOSE_FRAME),
    ("ABNORMAL_CLOSURE", 1000),
    (1004, 1004),
    (2000, 2000),
    (4001, 4001),
])
def test_wsproto_rewrites_reserved_codes(sent, on_the_wire):
    """WSC101 premise for wsproto: an int 1005/1006/1015 silently becomes 1000; the enum
    member NO_STATUS_RCVD becomes an empty close frame (so renaming 1005 would change
    the wire)."""
    from wsproto.events import CloseConnection
    from wsproto.frame_protocol import CloseReason

    _, server = _open_wsproto_pair()
    code = getattr(CloseReason, sent) if isinstance(sent, str) else sent
    assert frame_close_code(server.send(CloseConnection(code))) == on_the_wire


def test_wsproto_sends_the_same_frames_over_a_real_socket():
    class Module:
        @staticmethod
        def close_frame(connection):
            from wsproto.events import CloseConnection

            return connection.send(CloseConnection(1006))

    assert run_wsproto(Module) == 1000


@pytest.mark.parametrize("code", [1005, 1006, 1015, 2000])
def test_aiohttp_sends_reserved_codes_unchanged(code):
    """WSC101 premise for aiohttp: no check at all; 1005 goes on the wire as it is."""

    class Module:
        @staticmethod
        async def handler(request):
            from aiohttp import web

            ws = web.WebSocketResponse()
            await ws.prepare(request)
            await ws.close(code=code)
            return ws

    assert run_aiohttp(Module) == code


def test_websocket_client_checks_only_the_uint16_range():
    """WSC103 premise for websocket-client: ValueError only outside 0-65535; 1006 and
    65535 are sent as they are."""
    import websocket

    valid = [0, 1006, 65535]
    with raw_server(len(valid)) as (port, observed):
        for code in valid:
            ws = websocket.create_connection(f"ws://127.0.0.1:{port}/", timeout=TIMEOUT)
            try:
                for bad in (-1, 65536, 70000):
                    with pytest.raises(ValueError):
                        ws.send_close(bad)
                ws.send_close(code)
            finally:
                ws.shutdown()
    assert observed == valid


def test_autobahn_send_close_accepts_only_1000_and_3000_to_4999_plain_ints():
    """WSC108 premise: autobahn refuses 1001 (and every other standard code but 1000) and
    IntEnum members, raising before anything is sent."""
    import txaio

    txaio.use_asyncio()
    from autobahn.asyncio.websocket import WebSocketServerFactory, WebSocketServerProtocol
    from websockets.frames import CloseCode

    refused: list[object] = []

    class Protocol(WebSocketServerProtocol):
        def onOpen(self):
            for code in (1001, 1008, 1011, 2000, 5000, CloseCode.NORMAL_CLOSURE, True):
                try:
                    self.sendClose(code)
                except Exception:
                    refused.append(code)
            self.sendClose(4001)

    async def main():
        factory = WebSocketServerFactory()
        factory.protocol = Protocol
        loop = asyncio.get_running_loop()
        with listening_socket() as sock:
            server = await loop.create_server(factory, sock=sock)
            try:
                return await asyncio.to_thread(observe_close, sock.getsockname()[1])
            finally:
                server.close()
                await server.wait_closed()

    assert asyncio.run(asyncio.wait_for(main(), TIMEOUT)) == 4001
    assert refused == [1001, 1008, 1011, 2000, 5000, CloseCode.NORMAL_CLOSURE, True]


# ----------------------------------------------------------------------------- curl_cffi (a client)


@contextmanager
def websockets_server():
    """A loopback ``websockets`` server that records the code of each client's close frame.
    Yields (ws:// URL, list of codes)."""
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.server import serve

    codes: list[int | str] = []

    def handler(connection):
        try:
            while True:
                connection.recv(timeout=TIMEOUT)
        except ConnectionClosed as closed:
            codes.append(closed.rcvd.code if closed.rcvd else NO_CLOSE_FRAME)

    with serve(handler, "127.0.0.1", 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"ws://127.0.0.1:{server.socket.getsockname()[1]}/", codes
        finally:
            server.shutdown()
            thread.join(TIMEOUT)


CURL_CFFI_CLIENT = (
    "from curl_cffi.requests import Session\n\n\n"
    "def run(url: str) -> None:\n"
    "    ws = Session().ws_connect(url)\n"
    "    ws.close({code})\n"
)


def run_curl_cffi_client(path: Path) -> int | str:
    module = load(path)
    with websockets_server() as (url, codes):
        module.run(url)
        for _ in range(TIMEOUT * 20):  # the server records the code once it has read the frame
            if codes:
                break
            threading.Event().wait(0.05)
    assert len(codes) == 1, codes
    return codes[0]


def test_curl_cffi_rewritten_module_sends_the_same_code(tmp_path):
    """wscc-fix renames curl_cffi's literal to ``WsCloseCode.POLICY_VIOLATION``; a
    websockets server reads 1008 from the client before and after."""
    path = write(tmp_path / "curl_client.py", CURL_CFFI_CLIENT.format(code=1008))
    before = run_curl_cffi_client(path)
    result = run_fix([path.name], tmp_path)
    assert_no_traceback(result)
    assert result.returncode == 1, result.output
    rewritten = path.read_text()
    assert "WsCloseCode.POLICY_VIOLATION" in rewritten, rewritten
    literals = [node.value for node in ast.walk(ast.parse(rewritten)) if isinstance(node, ast.Constant)]
    assert 1008 not in literals, rewritten
    after = run_curl_cffi_client(path)
    assert before == after == 1008, rewritten


@pytest.mark.parametrize("code", [1004, 1005, 1006, 1015, 2000, 999, 5000, 0])
def test_curl_cffi_sends_1011_for_invalid_codes(code):
    """WSC112 premise (curl_cffi >= 0.17.0): an invalid code silently goes out as 1011;
    a raw server reads the bytes, with no library in between to reject them."""
    from curl_cffi.requests import Session

    with raw_server(2) as (port, observed):
        for sent in (code, 4000):
            ws = Session().ws_connect(f"ws://127.0.0.1:{port}/")
            ws.close(sent)
    assert observed == [1011, 4000]
