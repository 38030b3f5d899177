"""websockets (asyncio, sync, legacy, trio and sans-I/O APIs)."""

from wscc.spec import CodeParameter, ConstantSet, Library, MethodSend, ObjectKind, Route

CODE = CodeParameter("code", 0, reason_keyword="reason", reason_position=1)
SERVER_CODE = CodeParameter("code", 1, reason_keyword="reason", reason_position=2)
FAIL_CODE = CodeParameter("code", 0, reason_keyword="reason", reason_position=1, not_a_code=(None, 1006))

CLOSE_CODE = ConstantSet(
    container="websockets.frames.CloseCode",
    aliases=("websockets.CloseCode",),
    int_enum=True,
    members={
        "NORMAL_CLOSURE": 1000, "GOING_AWAY": 1001, "PROTOCOL_ERROR": 1002,
        "UNSUPPORTED_DATA": 1003, "NO_STATUS_RCVD": 1005, "ABNORMAL_CLOSURE": 1006,
        "INVALID_DATA": 1007, "POLICY_VIOLATION": 1008, "MESSAGE_TOO_BIG": 1009,
        "MANDATORY_EXTENSION": 1010, "INTERNAL_ERROR": 1011, "SERVICE_RESTART": 1012,
        "TRY_AGAIN_LATER": 1013, "BAD_GATEWAY": 1014, "TLS_HANDSHAKE": 1015,
    },
    # Checked against the releases by tests/test_fix_versions.py (11.0.3 has no CloseCode;
    # the top-level ``websockets.CloseCode`` first appears in 14.2, not in 14.1).
    since="12.0",
    alias_since={"websockets.CloseCode": "14.2"},
)

_HANDLER = ("websockets:serve", "websockets:unix_serve")

LIBRARY = Library(
    name="websockets",
    imports=("websockets",),
    kinds=(
        ObjectKind(
            "server connection",
            side="server",
            classes=("websockets:ServerConnection", "websockets:WebSocketServerProtocol"),
            self_in_subclass=True,
            routes=(
                Route(parameter=0, registration="websockets:serve", handler_keyword="handler",
                      signatures=("websockets.asyncio.server:serve", "websockets.sync.server:serve")),
                # The legacy ``serve`` calls its handler ``ws_handler``.
                Route(parameter=0, registration="websockets:serve", handler_keyword="ws_handler",
                      signatures=("websockets.legacy.server:serve",)),
                Route(parameter=0, registration="websockets:unix_serve", handler_keyword="handler",
                      signatures=("websockets.asyncio.server:unix_serve", "websockets.sync.server:unix_serve")),
            ),
        ),
        ObjectKind(
            "client connection",
            side="client",
            classes=("websockets:ClientConnection", "websockets:WebSocketClientProtocol"),
            self_in_subclass=True,
            factories=("websockets:connect", "websockets:unix_connect"),
        ),
        ObjectKind(
            # Side unknown: a bare ``websocket`` parameter may be either end.
            "connection",
            side=None,
            classes=("websockets:Connection", "websockets:WebSocketCommonProtocol"),
            self_in_subclass=True,
            parameter_names=("websocket", "ws", "conn", "connection"),
        ),
        ObjectKind("server", side="server", classes=("websockets:Server",), factories=_HANDLER),
        ObjectKind(
            "sans-I/O protocol",
            side=None,
            classes=("websockets:ServerProtocol", "websockets:ClientProtocol", "websockets:Protocol"),
            factories=("websockets:ServerProtocol", "websockets:ClientProtocol"),
            parameter_names=("protocol",),
        ),
    ),
    method_sends=(
        MethodSend(
            "close",
            ("server connection", "client connection", "connection"),
            CODE,
            signatures=(
                "websockets.asyncio.connection:Connection.close",
                "websockets.sync.connection:Connection.close",
                "websockets.legacy.protocol:WebSocketCommonProtocol.close",
            ),
        ),
        MethodSend(
            "aclose",
            ("server connection", "client connection", "connection"),
            CODE,
            signatures=("websockets.trio.connection:Connection.aclose",),
        ),
        MethodSend("close", ("server",), SERVER_CODE, signatures=("websockets.asyncio.server:Server.close",)),
        MethodSend("shutdown", ("server",), SERVER_CODE, signatures=("websockets.sync.server:Server.shutdown",)),
        MethodSend("aclose", ("server",), SERVER_CODE, signatures=("websockets.trio.server:Server.aclose",)),
        MethodSend(
            "send_close",
            ("sans-I/O protocol",),
            CODE,
            signatures=("websockets.protocol:Protocol.send_close",),
        ),
        # Failing the connection sends a Close frame with the code, except 1006,
        # which means "drop TCP without a frame" there (so ``fail(1006)`` is fine).
        MethodSend("fail", ("sans-I/O protocol",), FAIL_CODE,
                   signatures=("websockets.protocol:Protocol.fail",)),
        MethodSend("fail_connection", ("connection", "server connection", "client connection"), FAIL_CODE,
                   signatures=("websockets.legacy.protocol:WebSocketCommonProtocol.fail_connection",)),
    ),
    constants=(CLOSE_CODE,),
    constants_from=("websockets",),
    runtime_note="strict: ProtocolError for anything outside 1000–1003, 1007–1014, 3000–4999; nothing is sent",
    peer_close_exceptions=("ConnectionClosed", "ConnectionClosedOK", "ConnectionClosedError"),
    peer_code_attributes=("close_code",),
)
