"""The rules: codes, names, defaults, severity order and documentation.

Rule pages in ``docs/rules/`` are generated from this module (``python -m wscc.docs``).
The order of ``RULES`` is the severity order: when several rules apply to one code
argument, the first enabled one is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def is_error(self) -> bool:
        return self.code.startswith("WSC1")


def _names(code_class: CodeClass) -> str:
    return ", ".join(entry.label for entry in registry.codes_of_class(code_class))


RULES: tuple[Rule, ...] = (
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
        "code. websockets raises ProtocolError, browsers throw SyntaxError, and other "
        "libraries send an oversized frame that the peer rejects.",
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

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
SEVERITY: dict[str, int] = {rule.code: index for index, rule in enumerate(RULES)}
DEFAULT_DISABLED: tuple[str, ...] = tuple(rule.code for rule in RULES if not rule.default_enabled)


def default_enabled(code: str) -> bool:
    return BY_CODE[code].default_enabled
