"""picows: ``transport.send_close(close_code, close_message)`` and its websockets-like layer."""

from wscc.spec import CodeParameter, ConstantSet, Library, MethodSend, ObjectKind

WS_CLOSE_CODE = ConstantSet(
    container="picows.WSCloseCode",
    aliases=("picows.websockets.CloseCode", "picows.picows.WSCloseCode"),
    int_enum=True,
    members={
        "NO_INFO": 0, "OK": 1000, "GOING_AWAY": 1001, "PROTOCOL_ERROR": 1002,
        "UNSUPPORTED_DATA": 1003, "ABNORMAL_CLOSURE": 1006, "INVALID_TEXT": 1007,
        "POLICY_VIOLATION": 1008, "MESSAGE_TOO_BIG": 1009, "MANDATORY_EXTENSION": 1010,
        "INTERNAL_ERROR": 1011, "SERVICE_RESTART": 1012, "TRY_AGAIN_LATER": 1013,
        "BAD_GATEWAY": 1014,
    },
    # Checked by tests/test_fix_versions.py (members read from the Cython ``cpdef enum`` in
    # picows.pxd/.pyx): all are in 0.1.1, the release before has none; ``picows.websockets``
    # appears in 2.0.0.
    since="0.1.1",
    alias_since={"picows.websockets.CloseCode": "2.0.0"},
)

LIBRARY = Library(
    name="picows",
    imports=("picows",),
    kinds=(
        ObjectKind(
            "transport",
            side=None,
            classes=("picows:WSTransport",),
            parameter_names=("transport",),
            unpacked_factories={"picows:ws_connect": 0},
            # ``WSListener`` callbacks receive the transport first.
            handler_methods={"on_ws_connected": 0, "on_ws_frame": 0, "on_ws_disconnected": 0},
        ),
        ObjectKind(
            "compat connection",
            side=None,
            classes=("picows.websockets:ServerConnection", "picows.websockets:ClientConnection"),
            factories=("picows.websockets:connect",),
        ),
        ObjectKind("compat server", side="server", classes=("picows.websockets:Server",),
                   factories=("picows.websockets:serve",)),
    ),
    method_sends=(
        MethodSend(
            "send_close",
            ("transport",),
            CodeParameter("close_code", 0, reason_keyword="close_message", reason_position=1),
            signatures=("picows:WSTransport.send_close",),
        ),
        MethodSend(
            "close",
            ("compat connection",),
            CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
            signatures=("picows.websockets:ServerConnection.close", "picows.websockets:ClientConnection.close"),
        ),
        MethodSend(
            "close",
            ("compat server",),
            CodeParameter("code", 1, reason_keyword="reason", reason_position=2),
            signatures=("picows.websockets:Server.close",),
        ),
    ),
    constants=(WS_CLOSE_CODE,),
    constants_from=("picows",),
    runtime_note="no check: codes are truncated mod 65536 (70000 is sent as 4464); send_close() sends 0",
)
