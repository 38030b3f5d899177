"""The rules: codes, names, defaults, severity order and documentation.

Rule pages in ``docs/rules/`` are generated from this module (``python -m wscc.docs``).
The order of ``RULES`` is the severity order: when several rules apply to one code
argument, the first enabled one is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from wscc import registry
from wscc.registry import CodeClass


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    default_enabled: bool
    #: Can ``wscc-fix`` rewrite it?  "never", or "sometimes" (when a constant exists).
    fix: str
    what: str
    why: str
    example: str
    use_instead: str
    #: What ``wscc-fix`` does with a finding of this rule, and why that is safe.
    fix_safety: str = ""
    #: The settings that change what this rule reports or proposes: setting -> effect.
    options: tuple[tuple[str, str], ...] = ()
    #: The sources each claim of the page rests on (RFC sections, the IANA registry, the
    #: library source read in the installed release): no web addresses.
    references: tuple[str, ...] = ()
    #: What the rule does not see, or sees wrongly.
    limitations: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.code.startswith("WSC1")


def _names(code_class: CodeClass) -> str:
    return ", ".join(entry.label for entry in registry.codes_of_class(code_class))


_RULES: tuple[Rule, ...] = (
    Rule(
        "WSC103", "close-code-out-of-range",
        "a close code outside 1000–4999 (often an HTTP status)",
        True, "never",
        what="Finds close codes below 1000 or above 4999, including negative numbers, values "
        "that do not fit in the 16-bit code field, and HTTP statuses such as 403 or "
        "`HTTPStatus.FORBIDDEN` passed where a WebSocket close code belongs, including a "
        "status forwarded from an exception or a response (`code=exc.status_code`, "
        "`code=response.status`).",
        why="RFC 6455 §7.4.2 says 0–999 are not used and §11.7 defines close codes as 1000–4999. "
        "Peers fail the connection with 1002 when they receive such a code; some libraries "
        "raise, truncate the value modulo 65536 (picows sends 70000 as 4464) or drop the "
        "connection. An HTTP status is not a close code: the usual mapping is 4000 + status "
        "(4403) or the registered 3000 (Unauthorized), 3003 (Forbidden) and 3008 (Timeout).",
        example=(
            "from fastapi import WebSocket\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=403)"
        ),
        use_instead=(
            "from fastapi import WebSocket\n"
            "\n"
            "FORBIDDEN = 4403  # 4000 + the HTTP status, or IANA's 3003\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=FORBIDDEN)"
        ),
    ),
    Rule(
        "WSC101", "reserved-close-code-sent",
        "1005, 1006 or 1015 sent in a Close frame",
        True, "never",
        what=f"Finds the codes that exist only to report a condition locally: {_names(CodeClass.RESERVED_NEVER_SEND)}.",
        why="RFC 6455 §7.4.1: these codes MUST NOT be set as a status code in a Close frame. "
        "`websockets` raises ProtocolError and sends nothing; wsproto and everything built on "
        "it (hypercorn, simple-websocket, trio-websocket, httpx-ws) silently send 1000, i.e. "
        "success; aiohttp, tornado and websocket-client send the code and the peer fails the "
        "connection. Sending 1006 \"to signal an error\" is the usual mistake.",
        example=(
            "from fastapi import WebSocket\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=1006)"
        ),
        use_instead=(
            "from fastapi import WebSocket, status\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    # an internal error; for a normal end, status.WS_1000_NORMAL_CLOSURE\n"
            "    await websocket.close(code=status.WS_1011_INTERNAL_ERROR)"
        ),
    ),
    Rule(
        "WSC102", "reserved-future-close-code",
        "1004 (reserved) sent",
        True, "never",
        what="Finds the code 1004, which IANA lists as Reserved.",
        why="RFC 6455 §7.4.1: \"the specific meaning might be defined in the future\". Every "
        "validator rejects it on receipt and fails the connection with 1002.",
        example=(
            "from fastapi import WebSocket\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=1004)"
        ),
        use_instead=(
            "from fastapi import WebSocket, status\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=status.WS_1008_POLICY_VIOLATION)"
        ),
    ),
    Rule(
        "WSC104", "unassigned-close-code",
        "an unassigned code in 1016–2999",
        True, "never",
        what="Finds codes in 1016–2999, which are reserved for future revisions of the protocol "
        "and for extensions and are currently unassigned.",
        why="RFC 6455 §7.4.2: 1000–2999 are assigned by IANA through standards action only. "
        "Peers that validate codes (websockets, wsproto, the Autobahn test suite's case 7.9) "
        "reject them and fail the connection.",
        example=(
            "from fastapi import WebSocket\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=2000)"
        ),
        use_instead=(
            "from fastapi import WebSocket\n"
            "\n"
            "SESSION_REPLACED = 4000  # private use, agreed with the client\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=SESSION_REPLACED)"
        ),
    ),
    Rule(
        "WSC107", "close-code-wrong-type",
        "a close code that is not an int",
        True, "never",
        what="Finds close codes written as a str, float, bytes or bool literal.",
        why="The close code is a 16-bit integer. Libraries that pack it with `struct` raise, "
        "falcon and autobahn reject anything but `int`, and ASGI servers may coerce it with "
        "`int()` or send garbage. `True` is 1 to Python, not a close code.",
        example=(
            "from fastapi import WebSocket\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            '    await websocket.close(code="1000")'
        ),
        use_instead=(
            "from fastapi import WebSocket, status\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=status.WS_1000_NORMAL_CLOSURE)"
        ),
    ),
    Rule(
        "WSC105", "client-only-close-code-from-server",
        "1010 (Mandatory Ext.) sent by a server",
        True, "never",
        what="Finds 1010 sent from server-side code.",
        why="RFC 6455 §7.4.1: 1010 is sent by a client that expected the server to negotiate an "
        "extension; \"this status code is not used by the server\". A server that lacks an "
        "extension should fail the handshake instead.",
        example=(
            "from fastapi import WebSocket\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=1010)"
        ),
        use_instead=(
            "from fastapi import WebSocket, status\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=status.WS_1008_POLICY_VIOLATION)"
        ),
    ),
    Rule(
        "WSC106", "close-reason-too-long",
        "a literal close reason longer than 123 bytes of UTF-8",
        True, "never",
        what="Finds literal reason texts (str or bytes) longer than 123 bytes once encoded as "
        "UTF-8. Bytes, not characters: 62 × `é` is 124 bytes.",
        why="RFC 6455 §5.5: a control frame carries at most 125 bytes, two of which are the "
        "code. What happens depends on the library: websockets raises ProtocolError and "
        "sends nothing, the browser throws SyntaxError, wsproto (and what is built on it: "
        "hypercorn, simple-websocket, trio-websocket, httpx-ws) silently cuts the reason to "
        "123 bytes, and aiohttp sends an oversized Close frame that the peer rejects.",
        example=(
            "from fastapi import WebSocket, status\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(\n"
            "        code=status.WS_1008_POLICY_VIOLATION,\n"
            '        reason="Your session expired after 30 minutes without activity. "\n'
            '        "Sign in again to reconnect: messages you had not sent yet "\n'
            '        "are kept as drafts.",\n'
            "    )"
        ),
        use_instead=(
            "from fastapi import WebSocket, status\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(\n"
            '        code=status.WS_1008_POLICY_VIOLATION, reason="session expired"\n'
            "    )"
        ),
    ),
    Rule(
        "WSC108", "close-code-refused-by-library",
        "a code the library or its reference server refuses at run time",
        True, "never",
        what="Finds codes that the RFC allows but the library in use, or the server it is "
        "normally deployed on, refuses: autobahn's `sendClose` and Django Channels under "
        "daphne accept only 1000 and 3000–4999, and autobahn accepts only a plain `int` "
        "(an IntEnum member raises); websocket-server accepts only 1000–1015, so every "
        "application code 3000–4999 raises; pywebsocket3 refuses 1005, 1006 and 1015; the "
        "browser's `WebSocket.close` (pyodide's `js.WebSocket`, PyScript's `WebSocket`, and "
        "the server side of a playwright `WebSocketRoute`) accepts only 1000 and 3000–4999. "
        "A code the library takes without an error but does not send as written is WSC112's.",
        why="The call raises at run time (autobahn and websocket-server a bare `Exception`, "
        "pywebsocket3 `BadOperationException`, the browser `InvalidAccessError`), or, through "
        "playwright, the browser's error is swallowed; either way no Close frame is sent and "
        "the peer waits until its timeout.",
        example=(
            "from autobahn.asyncio.websocket import WebSocketServerProtocol\n"
            "\n"
            "\n"
            "class ChatServer(WebSocketServerProtocol):\n"
            "    def onMessage(self, payload, isBinary):\n"
            "        self.sendClose(code=1008)"
        ),
        use_instead=(
            "from autobahn.asyncio.websocket import WebSocketServerProtocol\n"
            "\n"
            "POLICY_VIOLATION = 4008  # sendClose accepts only 1000 and 3000–4999\n"
            "\n"
            "\n"
            "class ChatServer(WebSocketServerProtocol):\n"
            "    def onMessage(self, payload, isBinary):\n"
            "        self.sendClose(code=POLICY_VIOLATION)"
        ),
    ),
    Rule(
        "WSC112", "close-code-not-sent-as-given",
        "a code the library ignores, rewrites or mangles on the wire",
        True, "never",
        what="Finds close codes that the library in use accepts without an error but does not "
        "put on the wire as written: gevent-websocket 0.10 (and flask-sockets, "
        "bottle-websocket on top of it) ignores the code and sends the message alone as the "
        "close payload; granian's RSGI `protocol.close(status)` sends an empty close frame "
        "after `accept()` whatever the status (before `accept()` it is an HTTP status); "
        "socketify's `ws.end(code)` without a message sends nothing at all; ws4py's "
        "`close(0, reason)` or `close(None, reason)` sends the reason without a code; "
        "websockify's `raise self.CClose(code)` without a reason fails inside websockify "
        "and sends no close frame; "
        "curl_cffi 0.17.0 and later send 1011 for any code outside 1000–1003, 1007–1014 and "
        "3000–4999. A code the library refuses with an error is WSC108's; a code that is "
        "wrong everywhere (1005, 0, 1016) is reported by its own, more severe rule first, "
        "so WSC112 names the library's behaviour only when that rule is off.",
        why="Nothing fails at run time: the call returns, and the peer receives an empty "
        "frame (it reports 1005), a different code (gevent-websocket's `close(4000, \"bye\")` "
        "reaches the peer as code 25209, the bytes `by`), or no close frame at all. "
        "Whatever the code was meant to tell the peer is lost.",
        example=(
            "from socketify import App\n"
            "\n"
            "BYE = 4000\n"
            "\n"
            "\n"
            "def on_open(ws):\n"
            "    ws.end(BYE)\n"
            "\n"
            "\n"
            "app = App()\n"
            'app.ws("/*", {"open": on_open})'
        ),
        use_instead=(
            "from socketify import App\n"
            "\n"
            "BYE = 4000\n"
            "\n"
            "\n"
            "def on_open(ws):\n"
            '    ws.end(BYE, "bye")  # socketify sends a code only with a message\n'
            "\n"
            "\n"
            "app = App()\n"
            'app.ws("/*", {"open": on_open})'
        ),
    ),
    Rule(
        "WSC110", "bad-gateway-close-code",
        "1014 (Bad Gateway), which many peers reject",
        False, "never",
        what="Finds 1014. Opt-in: enable it when clients may be built on wsproto, gorilla, "
        "tungstenite or autobahn.",
        why="1014 was registered in 2016, after those implementations froze their list of "
        "valid codes; they fail the connection with 1002 when they receive it.",
        example=(
            "from fastapi import WebSocket\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=1014)"
        ),
        use_instead=(
            "from fastapi import WebSocket, status\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=status.WS_1011_INTERNAL_ERROR)"
        ),
    ),
    Rule(
        "WSC109", "unregistered-application-close-code",
        "an unregistered 3000–3999 code",
        False, "never",
        what="Finds codes in 3000–3999 other than the IANA-registered "
        f"{_names(CodeClass.REGISTERED_APPLICATION)}. Opt-in.",
        why="RFC 6455 §7.4.2: 3000–3999 are for libraries and frameworks and are registered "
        "with IANA first come first served. A code only your two endpoints understand "
        "belongs in 4000–4999, reserved for private use.",
        example=(
            "from fastapi import WebSocket\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=3001)"
        ),
        use_instead=(
            "from fastapi import WebSocket\n"
            "\n"
            "AUTH_FAILED = 4001  # private use, agreed with the client\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=AUTH_FAILED)"
        ),
    ),
    Rule(
        "WSC111", "echoed-peer-close-code",
        "the peer's close code sent back, which may be 1005 or 1006",
        False, "never",
        what="Finds the code the peer sent passed back as the code of your own Close frame: "
        "`ws.close(code=ws.close_code)`, or the `code` of a caught `WebSocketDisconnect` / "
        "`ConnectionClosed`. Opt-in: enable it where handlers close after the peer did.",
        why="When the peer sent a Close frame without a code, or the connection dropped "
        "without one, libraries report 1005 or 1006 — the codes RFC 6455 §7.4.1 forbids in a "
        "Close frame (WSC101). `websockets` then raises, wsproto sends 1000, others send the "
        "forbidden code. Once the peer has closed, the code you answer with is your own.",
        example=(
            "from fastapi import WebSocket, WebSocketDisconnect\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    try:\n"
            "        await websocket.receive_text()\n"
            "    except WebSocketDisconnect as exc:\n"
            "        await websocket.close(code=exc.code)"
        ),
        use_instead=(
            "from fastapi import WebSocket, WebSocketDisconnect, status\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    try:\n"
            "        await websocket.receive_text()\n"
            "    except WebSocketDisconnect:\n"
            "        await websocket.close(code=status.WS_1000_NORMAL_CLOSURE)"
        ),
    ),
    Rule(
        "WSC201", "magic-close-code-with-constant",
        "a literal standard close code where the library has a named constant",
        True, "sometimes",
        what="Finds literal standard codes (1000–1003, 1007–1014) where the library in use, or "
        "a hard dependency of it, has a named constant; the message names the constant.",
        why="`1008` says nothing to a reader; `status.WS_1008_POLICY_VIOLATION` says what "
        "happened and is checked by the import.",
        example=(
            "from fastapi import WebSocket\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=1008)"
        ),
        use_instead=(
            "from fastapi import WebSocket, status\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=status.WS_1008_POLICY_VIOLATION)"
        ),
    ),
    Rule(
        "WSC202", "magic-close-code",
        "a literal standard close code (no library constant exists)",
        True, "sometimes",
        what="Finds literal standard codes (1000–1003, 1007–1014) where the library has no "
        "constant for it.",
        why="A named module-level constant documents intent and keeps the code in one place. "
        "`wscc-fix` reuses a constant the module already defines with that value.",
        example=(
            "from tornado.websocket import WebSocketHandler\n"
            "\n"
            "\n"
            "class ChatHandler(WebSocketHandler):\n"
            "    def on_message(self, message):\n"
            "        self.close(1011)"
        ),
        use_instead=(
            "from tornado.websocket import WebSocketHandler\n"
            "\n"
            "INTERNAL_ERROR = 1011\n"
            "\n"
            "\n"
            "class ChatHandler(WebSocketHandler):\n"
            "    def on_message(self, message):\n"
            "        self.close(INTERNAL_ERROR)"
        ),
    ),
    Rule(
        "WSC203", "magic-application-close-code",
        "a literal application close code (3000–4999)",
        True, "sometimes",
        what="Finds literal application codes in 3000–4999; for the registered 3000, 3003 and "
        "3008 the message gives IANA's name.",
        why="Private codes are a contract with the client; give each a name in one place.",
        example=(
            "from fastapi import WebSocket\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=4001)"
        ),
        use_instead=(
            "from fastapi import WebSocket\n"
            "\n"
            "AUTH_FAILED = 4001\n"
            "\n"
            "\n"
            "async def handler(websocket: WebSocket):\n"
            "    await websocket.close(code=AUTH_FAILED)"
        ),
    ),
)

# --------------------------------------------------------------------------- rule pages

_RFC = "RFC 6455"
_IANA = "IANA, WebSocket Close Code Number Registry (names and assignments of 1000–1015 and 3000–3008)"
_RECEIVERS = ("receiver-names", "extra names that hold a WebSocket: more calls count as sends")
_NO_FIX = ("No automatic fix. The code is wrong, and only a person knows which code was meant; "
           "`wscc-fix` never touches it (it rewrites only WSC201, WSC202 and WSC203 literals).")
_ADVICE_VERSIONS = ("library-versions", "the oldest release of each library the project allows: "
                    "the message proposes the library's constant only if that release has it, "
                    "else a named module constant (read from the requirements when not set)")
_MODULE_ONLY = ("Codes are followed across the project's modules through functions, methods, "
                "classes and instances, but the value of a constant imported from another module "
                "is not resolved, and a call through an interface whose implementations live in "
                "other modules is not followed.")
_AUTOBAHN_SEND_CLOSE = "autobahn 26.10.2, `autobahn/websocket/protocol.py`: `sendClose()` raises `Exception`"
_WEBSOCKETS_CHECK = ("websockets 17.4, `websockets/frames.py`: `Close.check()` raises `ProtocolError` "
                     "(\"invalid status code\") unless the code is in `EXTERNAL_CLOSE_CODES` or 3000–4999; "
                     "`Close.serialize()` calls it before sending, `Close.parse()` on receipt")
_WSPROTO_LOCAL = ("wsproto 1.3.2, `wsproto/frame_protocol.py`: `FrameProtocol.close()` replaces a code in "
                  "`LOCAL_ONLY_CLOSE_REASONS` (1005, 1006, 1015) with `CloseReason.NORMAL_CLOSURE`")
_WSPROTO_RECEIVE = ("wsproto 1.3.2, `wsproto/frame_protocol.py`: on receipt a code below 1000 or above "
                    "4999, a local-only code, or a code up to 2999 that is not a `CloseReason` member "
                    "fails the connection (`ParseFailed`, \"CLOSE with unknown reserved code\")")

_PAGES: dict[str, dict] = {
    "WSC103": dict(
        fix_safety=_NO_FIX,
        options=(_RECEIVERS, _ADVICE_VERSIONS),
        references=(f"{_RFC} §7.4.2 (0–999 are not used) and §11.7 (a status code is 1000–4999)",
                    f"{_RFC} §5.5.1 (the code is a 2-byte unsigned integer)",
                    f"{_IANA}: 3000 Unauthorized, 3003 Forbidden, 3008 Timeout",
                    _WEBSOCKETS_CHECK),
        limitations=("An HTTP status is recognised by its value (100–599) or by evidence that it "
                     "comes from an exception or a response; a parameter merely named `status_code` "
                     "is not evidence.", _MODULE_ONLY),
    ),
    "WSC101": dict(
        fix_safety=_NO_FIX,
        options=(_RECEIVERS, _ADVICE_VERSIONS),
        references=(f"{_RFC} §7.4.1 (1005, 1006, 1015 \"MUST NOT be set as a status code in a Close "
                    "control frame\")", _IANA, _WEBSOCKETS_CHECK, _WSPROTO_LOCAL,
                    "aiohttp 3.14.5, `aiohttp/_websocket/writer.py`: `WebSocketWriter.close()` packs "
                    "the code as given"),
        limitations=(_MODULE_ONLY,),
    ),
    "WSC102": dict(
        fix_safety=_NO_FIX,
        options=(_RECEIVERS,),
        references=(f"{_RFC} §7.4.1 and §7.4.2", f"{_IANA}: 1004 Reserved", _WEBSOCKETS_CHECK, _WSPROTO_RECEIVE),
        limitations=(_MODULE_ONLY,),
    ),
    "WSC104": dict(
        fix_safety=_NO_FIX,
        options=(_RECEIVERS,),
        references=(f"{_RFC} §7.4.2 (1000–2999: assigned through IANA only)", f"{_IANA}: 1016–2999 Unassigned",
                    _WEBSOCKETS_CHECK, _WSPROTO_RECEIVE),
        limitations=(_MODULE_ONLY,),
    ),
    "WSC107": dict(
        fix_safety=_NO_FIX,
        options=(_RECEIVERS,),
        references=(f"{_RFC} §5.5.1 (the code is a 2-byte unsigned integer in network byte order)",
                    f"{_AUTOBAHN_SEND_CLOSE} when `type(code) != int`"),
        limitations=("Only values the module resolves are judged: a str read from a setting at run "
                     "time is not seen.", _MODULE_ONLY),
    ),
    "WSC105": dict(
        fix_safety=_NO_FIX,
        options=(_RECEIVERS,),
        references=(f"{_RFC} §7.4.1 (1010: \"this status code is not used by the server\")",
                    f"{_IANA}: 1010 Mandatory Ext."),
        limitations=(_MODULE_ONLY,),
    ),
    "WSC106": dict(
        fix_safety="No automatic fix: shortening a reason changes what the peer reads; a person "
        "chooses the words.",
        options=(_RECEIVERS,),
        references=(f"{_RFC} §5.5 (a control frame's payload is at most 125 bytes) and §5.5.1 (the "
                    "reason follows the 2-byte code)",
                    "websockets 17.4, `websockets/frames.py`: `Frame.check()` raises `ProtocolError` "
                    "(\"control frame too long\") for a control frame over 125 bytes",
                    "wsproto 1.3.2, `wsproto/frame_protocol.py`: `FrameProtocol.close()` cuts the "
                    "encoded reason to `MAX_PAYLOAD_NORMAL - 2` = 123 bytes with `_truncate_utf8()`, "
                    "dropping a split character; the frame is sent",
                    "aiohttp 3.14.5, `aiohttp/_websocket/writer.py`: `WebSocketWriter.close()` and "
                    "`_write_websocket_frame()` send the payload whatever its length (a Close frame "
                    "over 125 bytes, which the peer rejects)",
                    "WHATWG WebSockets standard, `close()` steps: a reason over 123 bytes of UTF-8 "
                    "throws `SyntaxError`"),
        limitations=("Only a literal reason (one str or bytes constant, implicit concatenation "
                     "included) is measured: a reason built at run time (`\"…\" * 5`, an f-string, "
                     "a variable) is not.", _MODULE_ONLY),
    ),
    "WSC108": dict(
        fix_safety=_NO_FIX,
        options=(_RECEIVERS,),
        references=(f"{_AUTOBAHN_SEND_CLOSE} unless `type(code) == int` and the code is 1000 or 3000–4999",
                    "websocket-server 0.6.4, `websocket_server/websocket_server.py`: `send_close()` "
                    "raises `Exception` unless 1000 <= status <= 1015",
                    "pywebsocket3 4.0.2: the refused codes driven by `tests/test_library_runtime_facts.py`",
                    "WHATWG WebSockets standard, `close()` steps 1–2: only 1000 and 3000–4999, else "
                    "`InvalidAccessError`"),
        limitations=("Channels is judged as served by daphne, its reference server, whatever "
                     "server the project really uses.", _MODULE_ONLY),
    ),
    "WSC112": dict(
        fix_safety=_NO_FIX,
        options=(_RECEIVERS,),
        references=("gevent-websocket 0.10.1, ws4py 0.6.0 and curl_cffi 0.17.0: the code paths that "
                    "decide what goes on the wire, driven with the codes the data names by "
                    "`tests/test_library_runtime_facts.py` against the installed releases",
                    "websockify 0.13.0 (`raise self.CClose(4000)` without a reason): a loopback server "
                    "in `tests/test_library_runtime_facts.py`",
                    "granian (RSGI `protocol.close`) and socketify (`ws.end`): wscc's library data in "
                    "`src/wscc/libraries/granian.py` and `socketify.py`, not re-run by the test suite"),
        limitations=("curl_cffi's rewrite is reported for every project, whatever release it "
                     "allows (the behaviour starts in 0.17.0).", _MODULE_ONLY),
    ),
    "WSC110": dict(
        fix_safety=_NO_FIX,
        options=(_RECEIVERS,),
        references=(f"{_IANA}: 1014 Bad Gateway (registered after RFC 6455)", _WSPROTO_RECEIVE,
                    "wsproto 1.3.2: `CloseReason` has no 1014 member"),
        limitations=("Opt-in: whether peers reject 1014 depends on who connects, which wscc cannot know.",),
    ),
    "WSC109": dict(
        fix_safety=_NO_FIX,
        options=(_RECEIVERS,),
        references=(f"{_RFC} §7.4.2 (3000–3999: registered with IANA; 4000–4999: private use)",
                    f"{_IANA}: only 3000, 3003 and 3008 are registered"),
        limitations=("The list of registered codes is wscc's copy of the IANA registry; a code "
                     "registered later is reported until wscc's registry is updated.",),
    ),
    "WSC111": dict(
        fix_safety=_NO_FIX,
        options=(_RECEIVERS, _ADVICE_VERSIONS),
        references=(f"{_RFC} §7.4.1 (1005: no status code was present; 1006: closed abnormally; "
                    "neither may be set in a Close frame)", _WEBSOCKETS_CHECK, _WSPROTO_LOCAL),
        limitations=("Recognised by name: the library's peer-close exceptions "
                     "(`WebSocketDisconnect`, `ConnectionClosed`…) caught `as` a name in the same "
                     "function, and the WebSocket's own close-code attributes.", _MODULE_ONLY),
    ),
    "WSC201": dict(
        fix_safety="Safe: `wscc-fix` replaces the literal with the library's constant, whose value "
        "equals the literal, adding or reusing the import; what goes on the "
        "wire is unchanged. It skips the literal, and says why, where the import could fail or "
        "add a dependency (a guarded or optional import), where the project's oldest allowed "
        "release lacks the constant, or where the name is not safe at that spot.",
        options=(_RECEIVERS, ("allowed-codes", "codes that may stay literals: not reported"),
                 ("library-versions", "the oldest release of each library the project allows: a "
                  "constant newer than that is neither written by `wscc-fix` nor proposed as is "
                  "(the message says which release it needs)")),
        references=(_IANA, "The constants and the first release that has each: `src/wscc/libraries/` "
                    "(listed in `docs/libraries.md`)"),
        limitations=("A constant whose first release is not recorded is proposed and written "
                     "whatever release the project allows (every constant wscc knows is recorded "
                     "today). Where the constants come from another library than the one the code is "
                     "sent through (sanic: websockets), a floor for the latter alone is not taken to "
                     "allow the constant: declare the former's floor.", _MODULE_ONLY),
    ),
    "WSC202": dict(
        fix_safety="Safe where it applies: `wscc-fix` reuses a name the module already sends as a "
        "close code, bound once to that int at module level and never rebound (or the user's "
        "`fallback-constants`); it invents no name, so without one the finding stays.",
        options=(_RECEIVERS, ("allowed-codes", "codes that may stay literals: not reported"),
                 ("fallback-constants", "your own constants module for a library without "
                  "constants: `wscc-fix` imports the name from it")),
        references=(_IANA,),
        limitations=(_MODULE_ONLY,),
    ),
    "WSC203": dict(
        fix_safety="Safe where it applies: as WSC202, `wscc-fix` reuses only a name the module "
        "already sends as a close code (or the user's `fallback-constants`), and invents none.",
        options=(_RECEIVERS, ("allowed-codes", "codes that may stay literals: not reported"),
                 ("fallback-constants", "your own constants module: `wscc-fix` imports the name from it")),
        references=(f"{_RFC} §7.4.2 (3000–3999 registered, 4000–4999 private use)",
                    f"{_IANA}: 3000 Unauthorized, 3003 Forbidden, 3008 Timeout"),
        limitations=(_MODULE_ONLY,),
    ),
}

RULES: tuple[Rule, ...] = tuple(replace(rule, **_PAGES[rule.code]) for rule in _RULES)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
SEVERITY: dict[str, int] = {rule.code: index for index, rule in enumerate(RULES)}
DEFAULT_DISABLED: tuple[str, ...] = tuple(rule.code for rule in RULES if not rule.default_enabled)


def default_enabled(code: str) -> bool:
    return BY_CODE[code].default_enabled
