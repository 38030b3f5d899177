"""websocket-client (import name ``websocket``): ``close(status=)`` and ``send_close``."""

from wscc.spec import CodeParameter, ConstantSet, Library, MethodSend, ObjectKind, Route

STATUS_CONSTANTS = ConstantSet(
    container="websocket",
    style="module",
    aliases=("websocket._abnf",),
    members={
        "STATUS_NORMAL": 1000, "STATUS_GOING_AWAY": 1001, "STATUS_PROTOCOL_ERROR": 1002,
        "STATUS_UNSUPPORTED_DATA_TYPE": 1003, "STATUS_STATUS_NOT_AVAILABLE": 1005,
        "STATUS_ABNORMAL_CLOSED": 1006, "STATUS_INVALID_PAYLOAD": 1007,
        "STATUS_POLICY_VIOLATION": 1008, "STATUS_MESSAGE_TOO_BIG": 1009,
        "STATUS_INVALID_EXTENSION": 1010, "STATUS_UNEXPECTED_CONDITION": 1011,
        "STATUS_SERVICE_RESTART": 1012, "STATUS_TRY_AGAIN_LATER": 1013,
        "STATUS_BAD_GATEWAY": 1014, "STATUS_TLS_HANDSHAKE_ERROR": 1015,
    },
    # All 88 final releases read, with values (0.3–0.12 are Python 2 source, read line by
    # line): the module from the first, 0.3; the names from 0.5.0 (0.4.1 has none);
    # ``STATUS_BAD_GATEWAY`` from 0.39.0.  1012 and 1013: defined in ``_abnf`` since
    # 1.3.0, but left out of its ``__all__`` (so not in ``websocket``'s namespace, which
    # star-imports it) until 1.9.1.  Checked by tests/test_fix_versions.py.
    since="0.3",
    member_since={
        **{name: "0.5.0" for name in (
            "STATUS_NORMAL", "STATUS_GOING_AWAY", "STATUS_PROTOCOL_ERROR", "STATUS_UNSUPPORTED_DATA_TYPE",
            "STATUS_STATUS_NOT_AVAILABLE", "STATUS_ABNORMAL_CLOSED", "STATUS_INVALID_PAYLOAD",
            "STATUS_POLICY_VIOLATION", "STATUS_MESSAGE_TOO_BIG", "STATUS_INVALID_EXTENSION",
            "STATUS_UNEXPECTED_CONDITION", "STATUS_TLS_HANDSHAKE_ERROR")},
        "STATUS_BAD_GATEWAY": "0.39.0",
        "STATUS_SERVICE_RESTART": "1.9.1", "STATUS_TRY_AGAIN_LATER": "1.9.1",
    },
    alias_since={"websocket._abnf": "0.16.0"},
)

STATUS = CodeParameter("status", 0, reason_keyword="reason", reason_position=1)

LIBRARY = Library(
    name="websocket-client",
    imports=("websocket",),
    kinds=(
        ObjectKind(
            "websocket",
            side="client",
            classes=("websocket:WebSocket",),
            factories=("websocket:create_connection", "websocket:WebSocket"),
        ),
        ObjectKind(
            "app",
            side="client",
            classes=("websocket:WebSocketApp",),
            factories=("websocket:WebSocketApp",),
            # The first parameter of on_open/on_message/on_error callbacks is the app,
            # whether they are methods of that name or any function or lambda given to it.
            handler_methods={"on_open": 0, "on_message": 0, "on_error": 0},
            routes=tuple(
                Route(parameter=0, registration="websocket:WebSocketApp", handler_argument=position,
                      handler_keyword=keyword, signatures=("websocket:WebSocketApp",))
                for keyword, position in (("on_open", 2), ("on_message", 4), ("on_error", 5), ("on_close", 6))
            ),
        ),
    ),
    method_sends=(
        MethodSend("close", ("websocket",), STATUS, signatures=("websocket:WebSocket.close",)),
        MethodSend("send_close", ("websocket",), STATUS, signatures=("websocket:WebSocket.send_close",)),
        # ``WebSocketApp.close(**kwargs)`` forwards keywords only.
        MethodSend("close", ("app",), CodeParameter("status", None, reason_keyword="reason"),
                   signatures=("websocket:WebSocketApp.close",)),
    ),
    constants=(STATUS_CONSTANTS,),
    constants_from=("websocket-client",),
    runtime_note="only 0 <= status < 65536 is checked; 1005, 1006, 1015 are sent",
)
