"""The run-time behaviour that issue 17's library data states (WSC108 ranges, WSC112
manglings), checked against the real libraries' code paths.

Most tests drive the library function that decides what goes on the wire, with the
codes the data says are refused, rewritten or mangled and with codes it says are fine,
without a network peer.  The handler shapes that only the library's own server runs
(websockify's ``raise self.CClose(code, reason)``, pywebsocket3's returned
``(code, reason)``) are run on loopback: the real server, a raw client, the close frame
read off the socket, and wscc's reading of the same source beside it.  The loopback wire
test (``tests/reliability/test_wire.py``) covers curl_cffi end to end.
"""

from __future__ import annotations

import ast
import base64
import os
import socket
import struct
import threading
from contextlib import contextmanager

import pytest

from wscc.libraries import BY_NAME
from wscc.model import ModuleModel
from wscc.sends import find_sends

SAMPLE = (0, 1, 999, 1000, 1001, 1003, 1004, 1005, 1006, 1007, 1011, 1014, 1015, 1016, 2000, 2999,
          3000, 3003, 4000, 4999, 5000, 65535, 70000, -1)


def _shape(library: str, method: str):
    return next(s for s in BY_NAME[library].method_sends if s.method == method)


def _accepted(library: str, code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in BY_NAME[library].runtime_accepts)


def test_curl_cffi_rewrites_exactly_the_codes_the_data_says():
    from curl_cffi.requests.websockets import WebSocket, WsCloseCode

    (rewrite,) = _shape("curl_cffi", "close").code.mangled
    ws = WebSocket.__new__(WebSocket)  # _validate_close_code reads only class data
    for code in SAMPLE:
        sent = ws._validate_close_code(code)
        assert (sent == WsCloseCode.INTERNAL_ERROR and code != 1011) == rewrite.applies(code, True), code
        assert sent == code or sent == 1011


def test_websocket_server_refuses_what_runtime_accepts_excludes():
    from websocket_server import WebSocketHandler

    class Socket:
        sent = b""

        def send(self, data):
            self.sent += data

    for code in SAMPLE:
        handler = WebSocketHandler.__new__(WebSocketHandler)
        handler.request = Socket()
        handler._send_lock = __import__("threading").Lock()
        if _accepted("websocket-server", code):
            handler.send_close(code, b"")
            assert handler.request.sent[2:4] == struct.pack("!H", code)
        else:
            with pytest.raises(Exception, match="between 1000 and 1015"):
                handler.send_close(code, b"")
            assert handler.request.sent == b""


def test_gevent_websocket_ignores_the_code():
    from geventwebsocket.websocket import WebSocket

    (ignored,) = _shape("gevent-websocket", "close").code.mangled
    class Recording(WebSocket):
        """The real ``close``; only the frame writer and the logger are replaced."""

        logger = __import__("logging").getLogger("gevent-websocket-facts")

        def send_frame(self, message, opcode):
            self.frames.append((message, opcode))

    payloads = {}
    for code in (1000, 1008, 4000, 1005):
        assert ignored.applies(code, True) and ignored.applies(code, False)
        ws = Recording.__new__(Recording)
        ws.closed = False
        ws.frames = []
        ws.close(code, "bye")
        ((payload, opcode),) = ws.frames
        assert opcode == WebSocket.OPCODE_CLOSE
        payloads[code] = payload
    # The same payload whatever the code: "bye" alone, read by a peer as code 25209.
    assert set(payloads.values()) == {b"bye"}
    assert struct.unpack("!H", b"by")[0] == 25209


def test_ws4py_sends_a_reason_without_a_code_for_0_and_none():
    from ws4py.streaming import Stream

    (reason_only,) = _shape("ws4py", "close").code.mangled
    for code in (0, None):
        assert reason_only.applies(code, True) and not reason_only.applies(code, False)
        assert Stream().close(code, b"r").data == b"r"
    assert Stream().close(4000, b"r").data == struct.pack("!H", 4000) + b"r"
    assert not reason_only.applies(4000, True)


def test_pywebsocket3_refuses_what_runtime_accepts_excludes():
    from pywebsocket3.stream import BadOperationException, create_closing_handshake_body

    for code in SAMPLE:
        if _accepted("pywebsocket3", code):
            assert create_closing_handshake_body(code, "")[:2] == struct.pack("!H", code)
        else:
            with pytest.raises(BadOperationException):
                create_closing_handshake_body(code, "")


# --------------------------------------------------------------------------- loopback

TIMEOUT = 5  # seconds, for any single exchange
NO_CLOSE_FRAME = "no close frame"


def _handshake(port: int, path: str) -> tuple[socket.socket, object]:
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    stream = sock.makefile("rb")
    status = stream.readline()
    assert b" 101 " in status, status
    while stream.readline() not in (b"\r\n", b""):
        pass
    return sock, stream


def _send_close(sock: socket.socket, payload: bytes) -> None:
    """A masked close frame from the client."""
    mask = os.urandom(4)
    sock.sendall(bytes([0x88, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def _close_frame(stream) -> tuple[int, str] | str:
    """The server's close frame as (code, reason), or ``NO_CLOSE_FRAME``."""
    head = stream.read(2)
    if len(head) < 2:
        return NO_CLOSE_FRAME
    assert head[0] & 0x0F == 0x8, f"opcode {head[0] & 0x0F}, not a close frame"
    payload = stream.read(head[1] & 0x7F)
    return struct.unpack("!H", payload[:2])[0], payload[2:].decode()


@contextmanager
def _serving(server):
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(TIMEOUT)


def _wscc_codes(source: str) -> list[object]:
    """The code values of the sends wscc finds in ``source`` (``None``: not known)."""
    model = ModuleModel(ast.parse(source))
    values = [model.resolve(send.code_node, send.scope) for send in find_sends(model)]
    return [value.value if value is not None else None for value in values]


#: pywebsocket3 handler modules, by resource: (module-level definitions, what wscc reads,
#: what the server sends when the client starts the closing handshake with 1000 "bye").
_SHAPE = BY_NAME["pywebsocket3"].return_sends[0]


def _pair(code: object, reason: str, size: int = _SHAPE.size) -> str:
    values = ["None"] * size
    values[_SHAPE.code.position] = repr(code)
    values[_SHAPE.code.reason_position] = repr(reason)
    return ", ".join(values)


_HANDLERS = {
    # The returned pair is the close frame the server answers with.
    "pair": (f"def {_SHAPE.function}(request):\n    return {_pair(4001, 'from the tuple')}\n",
             [4001], (4001, "from the tuple")),
    # A code pywebsocket3 refuses (runtime_accepts): BadOperationException, then 1011.
    "reserved": (f"def {_SHAPE.function}(request):\n    return ({_pair(1006, 'gone')})\n",
                 [1006], (1011, "")),
    # The peer's 1000 echoed: sent as it came.
    "echo": (f"def {_SHAPE.function}(request):\n    return request.ws_close_code, request.ws_close_reason\n",
             [None], (1000, "bye")),
    # Another tuple size: pywebsocket3's unpacking raises ValueError, and the connection
    # drops without a close frame.
    "triple": (f"def {_SHAPE.function}(request):\n    return {_pair(4001, 'x', _SHAPE.size + 1)}\n",
               [], NO_CLOSE_FRAME),
    # A method of that name is not in the module's namespace: the default (1000, '').
    "method": (f"class Handler:\n    def {_SHAPE.function}(self, request):\n        return 4001, 'x'\n",
               [], (1000, "")),
}
_PROLOGUE = ("import pywebsocket3\n\n\ndef web_socket_do_extra_handshake(request):\n    pass\n\n\n"
             "def web_socket_transfer_data(request):\n    request.ws_stream.receive_message()\n\n\n")


def _pywebsocket3_server(handlers: str):
    from pywebsocket3 import standalone
    from pywebsocket3.websocket_server import WebSocketServer

    options, _args = standalone._parse_args_and_config(
        ["-H", "127.0.0.1", "-p", "0", "-d", handlers, "-w", handlers, "--log-level", "critical"])
    # What standalone._main sets before it builds the server (without its os.chdir).
    options.cgi_directories = []
    options.is_executable_method = None
    options.scan_dir = options.websock_handlers
    return WebSocketServer(options)


def test_pywebsocket3_sends_the_code_its_passive_closing_handler_returns(tmp_path):
    """``ReturnSend``: a module-level ``web_socket_passive_closing_handshake`` returning a
    2-tuple is what pywebsocket3 answers the peer's close with (``Stream._process_close_message``);
    wscc reads the same code from the same source, and nothing from the shapes it skips."""
    for name, (definition, _read, _sent) in _HANDLERS.items():
        (tmp_path / f"{name}_wsh.py").write_text(_PROLOGUE + definition, encoding="utf-8")
    with _serving(_pywebsocket3_server(str(tmp_path))) as server:
        for name, (definition, read, sent) in _HANDLERS.items():
            assert _wscc_codes(_PROLOGUE + definition) == read, name
            sock, stream = _handshake(server.server_port, f"/{name}")
            with sock, stream:
                _send_close(sock, struct.pack("!H", 1000) + b"bye")
                assert _close_frame(stream) == sent, name
            if read and read[0] is not None and sent != NO_CLOSE_FRAME:
                assert (sent[0] == read[0]) == _accepted("pywebsocket3", read[0]), name


def test_pywebsocket3_echoing_an_empty_close_sends_1011(tmp_path):
    """WSC111's premise for pywebsocket3: after a close frame without a code,
    ``request.ws_close_code`` is 1005, which the server refuses to send; it closes with 1011."""
    definition, _read, _sent = _HANDLERS["echo"]
    (tmp_path / "echo_wsh.py").write_text(_PROLOGUE + definition, encoding="utf-8")
    with _serving(_pywebsocket3_server(str(tmp_path))) as server:
        sock, stream = _handshake(server.server_port, "/echo")
        with sock, stream:
            _send_close(sock, b"")
            assert _close_frame(stream) == (1011, "")
    assert "ws_close_code" in BY_NAME["pywebsocket3"].peer_code_attributes


def _websockify_handler(source: str):
    """The ``Handler`` class the source defines, quiet."""
    namespace: dict = {}
    exec(compile(source, "<handler>", "exec"), namespace)

    class Quiet(namespace["Handler"]):
        def log_message(self, *_args):
            pass

        def log_error(self, *_args):
            pass

    return Quiet


_CCLOSE = BY_NAME["websockify"].call_sends[0]


def _cclose_source(method: str, arguments: tuple) -> str:
    """A handler subclass raising ``self.CClose(*arguments)`` in ``method`` (a helper
    method is called from ``new_websocket_client``)."""
    raised = f"raise self.{_CCLOSE.attribute}({', '.join(map(repr, arguments))})"
    body = {"new_websocket_client": f"        {raised}\n"}
    if method == "helper":
        body = {"new_websocket_client": "        self.helper()\n", "helper": f"        {raised}\n"}
    elif method != "new_websocket_client":
        body = {"new_websocket_client": "        pass\n", method: f"        {raised}\n"}
    methods = "".join(f"    def {name}(self):\n{code}\n" for name, code in body.items())
    return ("from websockify.websockifyserver import WebSockifyRequestHandler\n\n\n"
            f"class Handler(WebSockifyRequestHandler):\n{methods}")


@pytest.mark.parametrize(("method", "arguments", "sent"), [
    ("new_websocket_client", (1006, "gone"), (1006, "gone")),
    ("new_websocket_client", (4000, "bye"), (4000, "bye")),
    ("helper", (4001, "from a helper"), (4001, "from a helper")),
    ("new_websocket_client", (4000,), NO_CLOSE_FRAME),
    ("validate_connection", (1008, "before the handshake"), NO_CLOSE_FRAME),
    ("auth_connection", (1008, "before the handshake"), NO_CLOSE_FRAME),
])
def test_websockify_sends_what_cclose_is_raised_with(method, arguments, sent):
    """``raise self.CClose(code, reason)`` in ``new_websocket_client``'s run is caught by
    ``WebSockifyRequestHandler.handle_websocket``, which sends ``args[0]`` and ``args[1]``;
    with one argument nothing is sent (the WSC112 mangling), nor when it is raised in the
    methods ``handle_upgrade`` runs before the handshake.  wscc reads the same source."""
    code = _CCLOSE.code
    source = _cclose_source(method, arguments)
    read = _wscc_codes(source)
    server = __import__("websockify.websocketserver", fromlist=["WebSocketServer"]).WebSocketServer(
        ("127.0.0.1", 0), _websockify_handler(source))
    assert (method in _CCLOSE.not_delivered_in) == (read == [])
    with _serving(server):
        if method in ("validate_connection", "auth_connection"):
            # No handshake answer at all: the connection drops.
            with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=TIMEOUT) as sock:
                sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                assert sock.makefile("rb").read() == b""
            assert read == []
            return
        sock, stream = _handshake(server.server_address[1], "/")
        with sock, stream:
            assert _close_frame(stream) == sent
    assert read == [arguments[code.position]]
    has_reason = len(arguments) > code.reason_position
    mangled = any(m.applies(arguments[code.position], has_reason) for m in code.mangled)
    assert mangled == (sent == NO_CLOSE_FRAME)
    if sent != NO_CLOSE_FRAME:
        assert sent == (arguments[code.position], arguments[code.reason_position])
