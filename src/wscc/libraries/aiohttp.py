"""aiohttp, server (``web.WebSocketResponse``) and client (``ClientWebSocketResponse``)."""

from wscc.spec import CodeParameter, ConstantSet, Library, MethodSend, ObjectKind

WS_CLOSE_CODE = ConstantSet(
    container="aiohttp.WSCloseCode",
    aliases=("aiohttp.http.WSCloseCode", "aiohttp.http_websocket.WSCloseCode"),
    int_enum=True,
    members={
        "OK": 1000, "GOING_AWAY": 1001, "PROTOCOL_ERROR": 1002, "UNSUPPORTED_DATA": 1003,
        "ABNORMAL_CLOSURE": 1006, "INVALID_TEXT": 1007, "POLICY_VIOLATION": 1008,
        "MESSAGE_TOO_BIG": 1009, "MANDATORY_EXTENSION": 1010, "INTERNAL_ERROR": 1011,
        "SERVICE_RESTART": 1012, "TRY_AGAIN_LATER": 1013, "BAD_GATEWAY": 1014,
    },
    # Checked against the releases by tests/test_fix_versions.py: 0.22.5 has no
    # WSCloseCode, 1.0.0 exports it (from ``_ws_impl``); 3.7.4 lacks the two newer members;
    # ``aiohttp.http`` and ``aiohttp.http_websocket`` appear in 2.0.0.
    since="1.0.0",
    member_since={"ABNORMAL_CLOSURE": "3.8.0", "BAD_GATEWAY": "3.8.0"},
    alias_since={"aiohttp.http.WSCloseCode": "2.0.0", "aiohttp.http_websocket.WSCloseCode": "2.0.0"},
)

LIBRARY = Library(
    name="aiohttp",
    imports=("aiohttp",),
    kinds=(
        ObjectKind(
            "server websocket",
            side="server",
            classes=("aiohttp:WebSocketResponse",),
            factories=("aiohttp:WebSocketResponse",),
        ),
        ObjectKind(
            "client websocket",
            side="client",
            classes=("aiohttp:ClientWebSocketResponse",),
            factories=(),
            factory_methods=("ws_connect",),
        ),
        ObjectKind("websocket", side=None, parameter_names=("ws", "websocket")),
    ),
    method_sends=(
        MethodSend(
            "close",
            ("server websocket", "client websocket", "websocket"),
            # Keyword-only: ``ws.close(1000)`` is a TypeError, so a positional
            # argument is not a close code.
            CodeParameter("code", None, reason_keyword="message"),
            signatures=(
                "aiohttp.web:WebSocketResponse.close",
                "aiohttp:ClientWebSocketResponse.close",
            ),
        ),
    ),
    constants=(WS_CLOSE_CODE,),
    constants_from=("aiohttp",),
    runtime_note="no check: 0–65535 sent as given (1005, 1006, 1015 included); out of uint16 range drops TCP",
    peer_code_attributes=("close_code",),
)
