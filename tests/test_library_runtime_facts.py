"""The run-time behaviour that issue 17's library data states (WSC108 ranges, WSC112
manglings), checked against the real libraries' code paths without a network peer.

Each test drives the library function that decides what goes on the wire, with the
codes the data says are refused, rewritten or mangled and with codes it says are fine.
The loopback wire test (``tests/reliability/test_wire.py``) covers curl_cffi end to end.
"""

from __future__ import annotations

import struct

import pytest

from wscc.libraries import BY_NAME

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
