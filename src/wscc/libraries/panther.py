"""panther: ``self.close(code, reason)`` in ``GenericWebsocket`` subclasses and
``close_websocket_connection(connection_id, code, reason)``; ``panther.status`` constants."""

from wscc.spec import CallSend, CodeParameter, ConstantSet, Library, MethodSend, ObjectKind

#: Plain ints; 1004, 1005, 1006 and 1015 deliberately have no names.
STATUS = ConstantSet(
    container="panther.status",
    # 3.0.0 also had WS_RESERVED (1004), WS_NO_STATUS_RCVD (1005), WS_ABNORMAL_CLOSURE (1006) and
    # WS_TLS_HANDSHAKE (1015); 5.5.0 lists them in a docstring only.  The module (HTTP
    # statuses only) is older: 1.2.2; its WebSocket names came in 3.0.0.
    since="1.2.2",
    members={
        "WS_1000_NORMAL_CLOSURE": 1000, "WS_1001_GOING_AWAY": 1001, "WS_1002_PROTOCOL_ERROR": 1002,
        "WS_1003_UNSUPPORTED_DATA": 1003, "WS_1007_INVALID_FRAME_PAYLOAD_DATA": 1007,
        "WS_1008_POLICY_VIOLATION": 1008, "WS_1009_MESSAGE_TOO_BIG": 1009, "WS_1010_MANDATORY_EXT": 1010,
        "WS_1011_INTERNAL_ERROR": 1011, "WS_1012_SERVICE_RESTART": 1012, "WS_1013_TRY_AGAIN_LATER": 1013,
        "WS_1014_BAD_GATEWAY": 1014,
    },
    member_since={name: "3.0.0" for name in (
        "WS_1000_NORMAL_CLOSURE", "WS_1001_GOING_AWAY", "WS_1002_PROTOCOL_ERROR", "WS_1003_UNSUPPORTED_DATA",
        "WS_1007_INVALID_FRAME_PAYLOAD_DATA", "WS_1008_POLICY_VIOLATION", "WS_1009_MESSAGE_TOO_BIG",
        "WS_1010_MANDATORY_EXT", "WS_1011_INTERNAL_ERROR", "WS_1012_SERVICE_RESTART", "WS_1013_TRY_AGAIN_LATER",
        "WS_1014_BAD_GATEWAY")},
    http_status_prefix="HTTP_",
)

LIBRARY = Library(
    name="panther",
    imports=("panther",),
    kinds=(
        ObjectKind("websocket", side="server", self_in_subclass=True,
                   classes=("panther.websocket:GenericWebsocket", "panther.base_websocket:Websocket")),
    ),
    method_sends=(
        MethodSend("close", ("websocket",), CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
                   signatures=("panther.websocket:GenericWebsocket.close",)),
    ),
    call_sends=(
        # Module level; the code comes after the connection id.
        CallSend(("panther.websocket.close_websocket_connection",),
                 CodeParameter("code", 1, reason_keyword="reason", reason_position=2),
                 signatures=("panther.websocket:close_websocket_connection",)),
    ),
    constants=(STATUS,),
    constants_from=("panther",),
    runtime_note="no check: the code goes to the ASGI server unchanged",
)
