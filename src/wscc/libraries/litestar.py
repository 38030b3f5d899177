"""Litestar: ``socket.close``, and the exceptions whose ``code`` is sent."""

from wscc.spec import RAISED, CallSend, CodeParameter, ConstantSet, Library, MethodSend, ObjectKind

STATUS_CODES = ConstantSet(
    container="litestar.status_codes",
    style="member",
    http_status_prefix="HTTP_",
    members={
        "WS_1000_NORMAL_CLOSURE": 1000, "WS_1001_GOING_AWAY": 1001, "WS_1002_PROTOCOL_ERROR": 1002,
        "WS_1003_UNSUPPORTED_DATA": 1003, "WS_1005_NO_STATUS_RECEIVED": 1005,
        "WS_1006_ABNORMAL_CLOSURE": 1006, "WS_1007_INVALID_FRAME_PAYLOAD_DATA": 1007,
        "WS_1008_POLICY_VIOLATION": 1008, "WS_1009_MESSAGE_TOO_BIG": 1009,
        "WS_1010_MANDATORY_EXT": 1010, "WS_1011_INTERNAL_ERROR": 1011,
        "WS_1012_SERVICE_RESTART": 1012, "WS_1013_TRY_AGAIN_LATER": 1013,
        "WS_1014_BAD_GATEWAY": 1014, "WS_1015_TLS_HANDSHAKE": 1015,
    },
    # Checked by tests/test_fix_versions.py: every member is in 2.0.0, litestar's first
    # final release (the project was published as starlite before).
    since="2.0.0",
)

LIBRARY = Library(
    name="litestar",
    imports=("litestar",),
    kinds=(
        ObjectKind(
            "websocket",
            side="server",
            classes=("litestar:WebSocket",),
            # Litestar injects the WebSocket only into a parameter named ``socket``.
            parameter_names=("socket",),
        ),
    ),
    method_sends=(
        MethodSend(
            "close",
            ("websocket",),
            CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
            signatures=("litestar.connection:WebSocket.close",),
        ),
    ),
    call_sends=(
        # ``WebSocketDisconnect`` subclasses ``WebSocketException``: raising it sends its code.
        CallSend(
            ("litestar:WebSocketException", "litestar:WebSocketDisconnect"),
            CodeParameter("code", None, reason_keyword="detail"),
            signatures=("litestar.exceptions:WebSocketException", "litestar.exceptions:WebSocketDisconnect"),
            # Raised in a handler; built as a mock's ``side_effect`` it sends nothing.
            delivered_by=(RAISED,),
        ),
    ),
    constants=(STATUS_CODES,),
    constants_from=("litestar",),
    runtime_note="no check (ASGI); an unhandled exception closes with 4500",
    peer_close_exceptions=("WebSocketDisconnect",),
)
