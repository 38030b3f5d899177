"""The detector's API: positions, values, messages, replacements, settings, the cheap path."""

from __future__ import annotations

import ast
import textwrap

import pytest

import wscc.detector as detector
from wscc.detector import Settings, detect, detect_source, might_send
from wscc.rules import default_enabled


def findings(source: str, settings: Settings = detector.DEFAULT_SETTINGS):
    return detect_source(textwrap.dedent(source), settings)


# --------------------------------------------------------------------------- positions


def test_finding_is_at_the_code_argument_of_a_multi_line_call():
    [finding] = findings("""\
        from starlette.websockets import WebSocket

        async def f(websocket: WebSocket):
            await websocket.close(
                reason="bye",
                code=1006,
            )
        """)
    assert (finding.code, finding.line, finding.col, finding.end_line, finding.end_col) == ("WSC101", 6, 13, 6, 17)


def test_reason_finding_is_at_the_reason():
    found = findings("""\
        import websockets

        async def f(ws):
            await ws.close(4000, "%s")
        """ % ("x" * 124))
    assert [(f.code, f.line, f.col) for f in found] == [("WSC203", 4, 19), ("WSC106", 4, 25)]
    assert "124 bytes" in found[1].message


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(("expression", "value", "code"), [
    ("1006", 1006, "WSC101"),
    ("-1", -1, "WSC103"),
    ("+1006", 1006, "WSC101"),
    ("3_000", 3000, "WSC203"),
    ("ABNORMAL", 1006, "WSC101"),
    ("FINAL_CODE", 1005, "WSC101"),
    ("Codes.AUTH", 4001, None),
    ("Codes.GONE", 1006, "WSC101"),
    ("Codes.GONE.value", 1006, "WSC101"),
    ("Plain.RESERVED", 1004, "WSC102"),
    ("status.WS_1006_ABNORMAL_CLOSURE", 1006, "WSC101"),
    ("st.WS_1005_NO_STATUS_RCVD", 1005, "WSC101"),
    ("WS_1015_TLS_HANDSHAKE", 1015, "WSC101"),
    ("status.HTTP_403_FORBIDDEN", 403, "WSC103"),
    ("HTTPStatus.NOT_FOUND", 404, "WSC103"),
    ("http.HTTPStatus.UNAUTHORIZED", 401, "WSC103"),
    ("CloseCode.ABNORMAL_CLOSURE", 1006, "WSC101"),
    ("WSCloseCode.ABNORMAL_CLOSURE", 1006, "WSC101"),
    ("websocket.STATUS_ABNORMAL_CLOSED", 1006, "WSC101"),
    ("CloseReason.TLS_HANDSHAKE_FAILED", 1015, "WSC101"),
    ("'1000'", "1000", "WSC107"),
    ("1000.0", 1000.0, "WSC107"),
    ("b'1000'", b"1000", "WSC107"),
    ("True", True, "WSC107"),
])
def test_value_resolution(expression: str, value, code):
    source = f"""\
        import enum
        import http
        from http import HTTPStatus
        from typing import Final
        import websocket
        from aiohttp import WSCloseCode
        from starlette import status
        import starlette.status as st
        from starlette.status import WS_1015_TLS_HANDSHAKE
        from starlette.websockets import WebSocket
        from websockets.frames import CloseCode
        from wsproto.frame_protocol import CloseReason

        ABNORMAL = 1006
        FINAL_CODE: Final[int] = 1005

        class Codes(enum.IntEnum):
            AUTH = 4001
            GONE = 1006

        class Plain:
            RESERVED = 1004

        async def f(sock: WebSocket):
            await sock.close({expression})
        """
    found = findings(source)
    if code is None:
        assert found == []
    else:
        [finding] = found
        assert (finding.code, finding.value, type(finding.value)) == (code, value, type(value))


def test_a_parameter_shadowing_a_module_is_not_the_module():
    assert findings("""\
        import websocket
        from starlette.websockets import WebSocket

        async def f(websocket: WebSocket):
            await websocket.close(websocket.STATUS_ABNORMAL_CLOSED)
        """) == []


def test_a_name_assigned_twice_is_not_resolved():
    assert findings("""\
        from starlette.websockets import WebSocket
        CODE = 1006
        CODE = 1000

        async def f(websocket: WebSocket):
            await websocket.close(CODE)
        """) == []


# --------------------------------------------------------------------------- messages


def _message(code_expression: str, prelude: str = "") -> tuple[str, str]:
    [finding] = findings(f"""\
        from http import HTTPStatus
        from starlette.websockets import WebSocket
        {prelude}
        async def f(websocket: WebSocket):
            await websocket.close({code_expression})
        """)
    return finding.code, finding.message


def test_reserved_code_message_suggests_a_replacement():
    code, message = _message("1006")
    # The library's constants, not literals (a literal 1011 would be WSC201).
    assert code == "WSC101" and "status.WS_1011_INTERNAL_ERROR" in message
    assert "status.WS_1000_NORMAL_CLOSURE" in message and " 1011 " not in message


@pytest.mark.parametrize("expression", ["403", "HTTPStatus.FORBIDDEN"])
def test_http_status_message_suggests_a_close_code(expression):
    code, message = _message(expression)
    assert code == "WSC103" and "HTTP status" in message and "4403" in message and "3003" in message


def test_out_of_range_message_without_http_status():
    code, message = _message("70000")
    assert code == "WSC103" and "HTTP" not in message and "16-bit" in message


@pytest.mark.parametrize(("value", "meaning"), [(3000, "Unauthorized"), (3003, "Forbidden"), (3008, "Timeout")])
def test_registered_application_codes_name_their_iana_meaning(value, meaning):
    code, message = _message(str(value))
    assert code == "WSC203" and meaning in message


# --------------------------------------------------------------------------- replacements


REPLACEMENTS = {
    "fastapi": ("from fastapi import WebSocket\nasync def f(websocket: WebSocket):\n    await websocket.close(1008)",
                "status.WS_1008_POLICY_VIOLATION", "fastapi.status", "container"),
    "starlette": ("from starlette.websockets import WebSocket\nasync def f(websocket: WebSocket):\n    await websocket.close(1008)",
                  "status.WS_1008_POLICY_VIOLATION", "starlette.status", "container"),
    "websockets": ("import websockets\nasync def f(ws):\n    await ws.close(1008)",
                   "CloseCode.POLICY_VIOLATION", "websockets.frames.CloseCode", "container"),
    "aiohttp": ("from aiohttp import web\nasync def f(ws: web.WebSocketResponse):\n    await ws.close(code=1000)",
                "WSCloseCode.OK", "aiohttp.WSCloseCode", "container"),
    "websocket-client": ("import websocket\nws = websocket.create_connection('ws://x')\nws.close(1000)",
                         "websocket.STATUS_NORMAL", "websocket", "module"),
    "litestar": ("from litestar import WebSocket\nasync def f(socket: WebSocket):\n    await socket.close(1008)",
                 "WS_1008_POLICY_VIOLATION", "litestar.status_codes", "member"),
    "autobahn": ("from autobahn.asyncio.websocket import WebSocketServerProtocol\n"
                 "class P(WebSocketServerProtocol):\n    def onOpen(self):\n        self.sendClose(1000)",
                 "self.CLOSE_STATUS_CODE_NORMAL", "autobahn.websocket.protocol.WebSocketProtocol", "self"),
    "trio-websocket (wsproto's)": ("from trio_websocket import WebSocketConnection\n"
                                   "async def f(ws: WebSocketConnection):\n    await ws.aclose(1008)",
                                   "CloseReason.POLICY_VIOLATION", "wsproto.frame_protocol.CloseReason", "container"),
    "sanic (websockets')": ("from sanic import Websocket\nasync def f(request, ws: Websocket):\n    await ws.close(1008)",
                            "CloseCode.POLICY_VIOLATION", "websockets.frames.CloseCode", "container"),
    "falcon": ("import falcon.asgi\nclass R:\n    async def on_websocket(self, req, ws):\n        await ws.close(1011)",
               "WSCloseCode.SERVER_ERROR", "falcon.asgi_spec.WSCloseCode", "container"),
    "picows": ("from picows import WSTransport\ndef f(transport: WSTransport):\n    transport.send_close(1011)",
               "WSCloseCode.INTERNAL_ERROR", "picows.WSCloseCode", "container"),
}


@pytest.mark.parametrize(("source", "display", "container", "style"), REPLACEMENTS.values(), ids=REPLACEMENTS.keys())
def test_library_constant_replacement(source, display, container, style):
    [finding] = findings(source)
    assert finding.code == "WSC201"
    replacement = finding.replacement
    assert (replacement.display, replacement.constant_set.container, replacement.constant_set.style) == (
        display, container, style)
    assert replacement.constant_set.members[replacement.member] == finding.value
    assert display in finding.message


@pytest.mark.parametrize("source", [
    "from tornado.websocket import WebSocketHandler\nclass H(WebSocketHandler):\n    def open(self):\n        self.close(1011)",
    "from channels.generic.websocket import WebsocketConsumer\nclass C(WebsocketConsumer):\n    def connect(self):\n        self.close(1000)",
    "async def app(scope, receive, send):\n    await send({'type': 'websocket.close', 'code': 1011})",
    "from quart import websocket\nasync def f():\n    await websocket.close(1011)",
    "from wsproto.events import CloseConnection\ndef close(conn):\n    return conn.send(CloseConnection(1014))",
])
def test_no_constant_means_wsc202_without_replacement(source):
    [finding] = findings(source)
    assert finding.code == "WSC202" and finding.replacement is None and "give it a name" in finding.message


def test_wsc202_and_wsc203_reuse_a_module_constant():
    found = findings("""\
        from tornado.websocket import WebSocketHandler
        INTERNAL = 1011
        AUTH_FAILED = 4001

        class H(WebSocketHandler):
            def open(self):
                self.close(1011)
                self.close(4001)

            def on_message(self, message):
                self.close(INTERNAL if message else AUTH_FAILED)
        """)
    assert [(f.code, f.replacement.local_name, f.replacement.display) for f in found] == [
        ("WSC202", "INTERNAL", "INTERNAL"), ("WSC203", "AUTH_FAILED", "AUTH_FAILED")]


# --------------------------------------------------------------------------- settings


SETTINGS_SOURCE = """\
import websockets

async def f(peer, websocket):
    await peer.close(1006)
    await websocket.close(4001)
    await websocket.close(1014)
"""


def test_receiver_names_setting():
    assert [f.line for f in detect_source(SETTINGS_SOURCE)] == [5, 6]
    with_peer = detect_source(SETTINGS_SOURCE, Settings(receiver_names=frozenset({"peer"})))
    assert [(f.line, f.code) for f in with_peer] == [(4, "WSC101"), (5, "WSC203"), (6, "WSC201")]


def test_allowed_codes_setting():
    found = detect_source(SETTINGS_SOURCE, Settings(allowed_codes=frozenset({4001, 1014})))
    assert found == []


def test_enabled_setting_picks_the_most_severe_enabled_rule():
    opt_in = Settings(enabled=lambda code: default_enabled(code) or code == "WSC110")
    assert [f.code for f in detect_source(SETTINGS_SOURCE, opt_in)] == ["WSC203", "WSC110"]
    nothing_magic = Settings(enabled=lambda code: default_enabled(code) and not code.startswith("WSC2"))
    assert detect_source(SETTINGS_SOURCE, nothing_magic) == []


# --------------------------------------------------------------------------- the cheap path


def test_the_gate_knows_every_library_root_and_close_message():
    from wscc.gate import IMPORT_ROOTS, MESSAGE_TYPES
    from wscc.libraries import BY_IMPORT
    from wscc.messages import message_types

    assert IMPORT_ROOTS == frozenset(BY_IMPORT), f"set wscc.gate.IMPORT_ROOTS to {sorted(BY_IMPORT)}"
    assert MESSAGE_TYPES == message_types()


def test_a_run_where_nothing_passes_the_gate_never_loads_the_detector(tmp_path):
    import subprocess
    import sys

    (tmp_path / "plain.py").write_text("import os\nos.close(3)\n", encoding="utf-8")
    probe = ("import sys; from wscc.cli import main; code = main([sys.argv[1]]); "
             "print(code, *(name in sys.modules for name in ('wscc.detector', 'wscc.libraries', 'libcst')))")
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False", "False", "False"]
    # A file with a finding loads the detector, never libcst (that is wscc-fix's alone).
    (tmp_path / "app.py").write_text("import websockets\n\nasync def f(ws):\n    await ws.close(1006)\n",
                                     encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1].split() == ["1", "True", "True", "False"]


def test_might_send_rejects_unrelated_text():
    assert not might_send("import os\nos.close(3)\n")
    assert might_send("import websockets\n")
    assert might_send('await send({"type": "websocket.close", "code": 1000})')
    assert might_send("from quart import websocket as ws\n") and might_send("import sanic.response\n")
    assert not might_send("quarter = sanicity = 1\n")


@pytest.mark.parametrize("source", [
    "import os, websockets\n", "import os as o, aiohttp.web as web\n", "import os, \\\n    websockets\n",
    "from \\\n  starlette.websockets import WebSocket\n", "from\tjs import WebSocket\n",
    "if x:\n    import tornado.websocket\n", "try: import websocket; import os\nexcept ImportError: pass\n",
    "def f():\n    from falcon import asgi\n", "import json; import js\n",
])
def test_the_gate_opens_for_every_import_of_a_library(source):
    assert might_send(source)


@pytest.mark.parametrize("source", [
    # A library's name outside an import statement: the detector would find nothing.
    "import json\nFILES = ['app.js']  # js and channels\n", "from .channels import group\n",
    "# see the websockets docs\nimport os\n", "import os\nhandler = 'websocket.connect'\n",
])
def test_the_gate_stays_shut_without_an_import_or_a_close_message(source):
    assert not might_send(source)


def test_the_gate_admits_every_module_the_detector_could_find_a_send_in():
    """The gate is the detector's first question asked of the text: on the case files,
    whatever ``could_send`` admits, ``might_send`` admits."""
    import ast
    from pathlib import Path

    from wscc.detector import could_send

    cases = sorted((Path(__file__).parent / "cases").rglob("*.py"))
    assert cases
    for path in cases:
        text = path.read_text(encoding="utf-8")
        if could_send(ast.parse(text), text):
            assert might_send(text), path


@pytest.mark.parametrize("with_source", [True, False])
def test_module_without_a_library_is_never_analysed(monkeypatch, with_source):
    """A module that imports no WebSocket library (but mentions one in text) is dismissed
    before the scope walk."""
    source = "# talks to websockets elsewhere\nimport os\n\ndef f(ws):\n    ws.close(1006)\n"

    def refuse(*args, **kwargs):
        raise AssertionError("the module was analysed")

    monkeypatch.setattr(detector, "ModuleModel", refuse)
    tree = ast.parse(source)
    assert detect(tree, source=source if with_source else None) == []


def test_nested_imports_still_open_the_gate():
    found = findings("""\
        def main():
            try:
                import websockets
            except ImportError:
                return

            async def handler(ws):
                await ws.close(1006)
        """)
    assert [f.code for f in found] == ["WSC101"]


def test_asgi_dict_needs_no_import():
    assert [f.code for f in findings("async def app(s, r, send):\n    await send({'type': 'websocket.close', 'code': 1005})\n")] == ["WSC101"]


def test_very_deep_expressions_do_not_exhaust_the_stack():
    source = ("from starlette.websockets import WebSocket\n"
              "async def f(websocket: WebSocket):\n    await websocket.close(1006)\n"
              "TOTAL = " + " + ".join(["1"] * 2000) + "\n"
              "CHAIN = websocket" + ".attribute" * 2000 + "\n")
    assert [f.code for f in detect_source(source)] == ["WSC101"]


def test_wsc202_reuses_a_module_class_member_but_not_a_plain_enum_member():
    found = findings("""\
        import enum
        from tornado.websocket import WebSocketHandler

        class Labels(enum.Enum):
            AUTH = 4001

        class Codes:
            INTERNAL = 1011
            AUTH = 4001

        class H(WebSocketHandler):
            def open(self):
                self.close(1011)
                self.close(4001)

            def on_message(self, message):
                self.close(Labels.AUTH if message else Codes.INTERNAL)
                self.close(Codes.AUTH)
        """)
    assert [(f.code, f.replacement.local_name) for f in found if f.code != "WSC107"] == [
        ("WSC202", "Codes.INTERNAL"), ("WSC203", "Codes.AUTH")]


@pytest.mark.parametrize(("source", "who"), [
    ("from autobahn.asyncio.websocket import WebSocketServerProtocol\nfrom websockets.frames import CloseCode\n"
     "class P(WebSocketServerProtocol):\n    def onOpen(self):\n        self.sendClose(CloseCode.NORMAL_CLOSURE)", "autobahn"),
    ("from channels.generic.websocket import WebsocketConsumer\nfrom websockets.frames import CloseCode\n"
     "class C(WebsocketConsumer):\n    def connect(self):\n        self.close(CloseCode.NORMAL_CLOSURE)", "daphne"),
])
def test_intenum_refusal_names_who_refuses(source, who):
    [finding] = findings(source)
    assert finding.code == "WSC108" and "IntEnum" in finding.message and who in finding.message


@pytest.mark.parametrize(("expression", "shown"), [
    ("99999999999999999999999", "99999999999999999999999"),
    ("-9223372036854775809", "-9223372036854775809"),
    ("2**63 + 1", "9223372036854775809"),
    ("1" + "0" * 4000, "(4001 digits)"),
])
def test_codes_beyond_64_bits_are_out_of_range(expression, shown):
    [finding] = findings(f"""\
        from starlette.websockets import WebSocket

        async def f(websocket: WebSocket):
            await websocket.close({expression})
        """)
    assert finding.code == "WSC103" and shown in finding.message and len(finding.message) < 200


@pytest.mark.parametrize("expression", ["9**9**9", "(2**64) * (2**64) * (2**4000)", "10**100000"])
def test_hostile_arithmetic_is_not_folded(expression):
    assert findings(f"""\
        from starlette.websockets import WebSocket

        async def f(websocket: WebSocket):
            await websocket.close({expression})
        """) == []


def test_long_wrong_type_code_message_is_short():
    [finding] = findings("""\
        from starlette.websockets import WebSocket

        async def f(websocket: WebSocket):
            await websocket.close("%s")
        """ % ("x" * 500))
    assert finding.code == "WSC107" and len(finding.message) < 120
