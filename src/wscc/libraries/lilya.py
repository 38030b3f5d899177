"""lilya and ravyn (Esmerald's successor): starlette's API, ``lilya.status`` constants.

An unhandled exception after ``accept()`` makes lilya close with code 500 (the HTTP
status) and reason ``repr(exc)``: framework code, outside what a linter sees.
"""

from wscc.spec import CallSend, CodeParameter, ConstantSet, Library, MethodSend, ObjectKind

CODE = CodeParameter("code", 0, reason_keyword="reason", reason_position=1)

#: starlette's 15 names, plain ints; ``ravyn.status`` is the same module.
STATUS = ConstantSet(
    container="lilya.status",
    # Every name with its value in all 146 releases, from the first (0.1.0) to 0.29.0.
    since="0.1.0",
    aliases=("ravyn.status",),
    same_object_as=("ravyn.status",),
    http_status_prefix="HTTP_",
    members={
        "WS_1000_NORMAL_CLOSURE": 1000, "WS_1001_GOING_AWAY": 1001, "WS_1002_PROTOCOL_ERROR": 1002,
        "WS_1003_UNSUPPORTED_DATA": 1003, "WS_1005_NO_STATUS_RCVD": 1005,
        "WS_1006_ABNORMAL_CLOSURE": 1006, "WS_1007_INVALID_FRAME_PAYLOAD_DATA": 1007,
        "WS_1008_POLICY_VIOLATION": 1008, "WS_1009_MESSAGE_TOO_BIG": 1009,
        "WS_1010_MANDATORY_EXT": 1010, "WS_1011_INTERNAL_ERROR": 1011,
        "WS_1012_SERVICE_RESTART": 1012, "WS_1013_TRY_AGAIN_LATER": 1013,
        "WS_1014_BAD_GATEWAY": 1014, "WS_1015_TLS_HANDSHAKE": 1015,
    },
)

LIBRARY = Library(
    name="lilya",
    imports=("lilya", "ravyn"),
    kinds=(
        ObjectKind("websocket", side="server", classes=("lilya:WebSocket", "ravyn:WebSocket"),
                   parameter_names=("websocket", "ws")),
    ),
    method_sends=(
        MethodSend("close", ("websocket",), CODE, signatures=("lilya.websockets:WebSocket.close",)),
    ),
    call_sends=(
        CallSend(
            ("lilya:WebSocketClose", "lilya:WebSocketException", "ravyn.websockets.WebSocketClose", "ravyn:WebSocketException"),
            CODE,
            signatures=("lilya.websockets:WebSocketClose", "lilya.exceptions:WebSocketException",
                        "ravyn.exceptions:WebSocketException"),
        ),
    ),
    constants=(STATUS,),
    constants_from=("lilya",),
    runtime_note="no check: the code goes to the ASGI server unchanged; an unhandled exception closes with 500",
    peer_close_exceptions=("WebSocketDisconnect",),
)
