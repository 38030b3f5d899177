"""Autobahn: ``self.sendClose(code, reason)`` in WebSocket protocol subclasses."""

from wscc.spec import CodeParameter, ConstantSet, Library, MethodSend, ObjectKind

_PROTOCOLS = ("autobahn:WebSocketServerProtocol", "autobahn:WebSocketClientProtocol", "autobahn:WebSocketProtocol")

CLOSE_STATUS_CODES = ConstantSet(
    container="autobahn.websocket.protocol.WebSocketProtocol",
    style="self",
    aliases=tuple(f"autobahn.{flavour}.{side}"
                  for flavour in ("asyncio.websocket", "twisted.websocket", "websocket.protocol")
                  for side in ("WebSocketServerProtocol", "WebSocketClientProtocol")),
    members={
        "CLOSE_STATUS_CODE_NORMAL": 1000, "CLOSE_STATUS_CODE_GOING_AWAY": 1001,
        "CLOSE_STATUS_CODE_PROTOCOL_ERROR": 1002, "CLOSE_STATUS_CODE_UNSUPPORTED_DATA": 1003,
        "CLOSE_STATUS_CODE_RESERVED1": 1004, "CLOSE_STATUS_CODE_NULL": 1005,
        "CLOSE_STATUS_CODE_ABNORMAL_CLOSE": 1006, "CLOSE_STATUS_CODE_INVALID_PAYLOAD": 1007,
        "CLOSE_STATUS_CODE_POLICY_VIOLATION": 1008, "CLOSE_STATUS_CODE_MESSAGE_TOO_BIG": 1009,
        "CLOSE_STATUS_CODE_MANDATORY_EXTENSION": 1010, "CLOSE_STATUS_CODE_INTERNAL_ERROR": 1011,
        "CLOSE_STATUS_CODE_SERVICE_RESTART": 1012, "CLOSE_STATUS_CODE_TRY_AGAIN_LATER": 1013,
        "CLOSE_STATUS_CODE_UNASSIGNED1": 1014, "CLOSE_STATUS_CODE_TLS_HANDSHAKE_FAILED": 1015,
    },
    # No ``since``: the fixer writes ``self.NAME`` in a subclass and never imports the
    # container, so only the attributes of the protocol class matter, wherever it lives
    # (``autobahn/websocket.py`` until 0.6.5, ``autobahn/websocket/protocol.py`` from
    # 0.7.0).  Each member from its first release on PyPI that has it with this value
    # (0.3.2, the first final release, is Python 2 source, read line by line); 0.3.2 names
    # 1003, 1004, 1006 and 1007 otherwise (``..._PAYLOAD_NOT_ACCEPTED`` etc.).
    member_since={
        **{name: "0.3.2" for name in (
            "CLOSE_STATUS_CODE_NORMAL", "CLOSE_STATUS_CODE_GOING_AWAY", "CLOSE_STATUS_CODE_PROTOCOL_ERROR",
            "CLOSE_STATUS_CODE_NULL")},
        **{name: "0.4.2" for name in (
            "CLOSE_STATUS_CODE_UNSUPPORTED_DATA", "CLOSE_STATUS_CODE_RESERVED1", "CLOSE_STATUS_CODE_ABNORMAL_CLOSE",
            "CLOSE_STATUS_CODE_INVALID_PAYLOAD", "CLOSE_STATUS_CODE_POLICY_VIOLATION",
            "CLOSE_STATUS_CODE_MESSAGE_TOO_BIG", "CLOSE_STATUS_CODE_MANDATORY_EXTENSION")},
        "CLOSE_STATUS_CODE_INTERNAL_ERROR": "0.4.10", "CLOSE_STATUS_CODE_TLS_HANDSHAKE_FAILED": "0.4.10",
        **{name: "0.13.0" for name in (
            "CLOSE_STATUS_CODE_SERVICE_RESTART", "CLOSE_STATUS_CODE_TRY_AGAIN_LATER", "CLOSE_STATUS_CODE_UNASSIGNED1")},
    },
)

LIBRARY = Library(
    name="autobahn",
    imports=("autobahn",),
    kinds=(
        ObjectKind("server protocol", side="server", classes=(_PROTOCOLS[0],), self_in_subclass=True),
        ObjectKind("client protocol", side="client", classes=(_PROTOCOLS[1],), self_in_subclass=True),
        ObjectKind("protocol", side=None, classes=(_PROTOCOLS[2],), self_in_subclass=True),
    ),
    method_sends=(
        MethodSend(
            "sendClose",
            ("server protocol", "client protocol", "protocol"),
            CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
            signatures=("autobahn.websocket.protocol:WebSocketProtocol.sendClose",),
        ),
    ),
    constants=(CLOSE_STATUS_CODES,),
    constants_from=("autobahn",),
    runtime_accepts=((1000, 1000), (3000, 4999)),
    runtime_refusal="autobahn's sendClose raises for anything but 1000 and 3000–4999",
    requires_plain_int=True,
    plain_int_refusal="autobahn's sendClose checks type(code) is int and raises for IntEnum members",
    runtime_note="the strictest: only 1000 and 3000–4999, and only plain int (IntEnum members raise)",
)
