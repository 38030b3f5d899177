"""curl_cffi: ``ws.close(code, message)`` on ``WebSocket`` / ``AsyncWebSocket`` (``ws_connect``)."""

from wscc.spec import CodeParameter, ConstantSet, Library, Mangling, MethodSend, ObjectKind

#: ``curl_cffi.WsCloseCode`` (IntEnum; also ``curl_cffi.requests.WsCloseCode``).  1005 is
#: called ``UNKNOWN``; there is no 1004 member.
WS_CLOSE_CODE = ConstantSet(
    container="curl_cffi.WsCloseCode",
    aliases=("curl_cffi.requests.WsCloseCode", "curl_cffi.requests.websockets.WsCloseCode"),
    int_enum=True,
    # The enum is in ``curl_cffi.requests.websockets`` since 0.6.0, at the top level since 0.10.0.
    since="0.10.0",
    member_since={"TLS_HANDSHAKE": "0.13.0", "UNAUTHORIZED": "0.13.0", "FORBIDDEN": "0.13.0", "TIMEOUT": "0.13.0"},
    alias_since={"curl_cffi.requests.WsCloseCode": "0.6.0", "curl_cffi.requests.websockets.WsCloseCode": "0.6.0"},
    members={
        "OK": 1000, "GOING_AWAY": 1001, "PROTOCOL_ERROR": 1002, "UNSUPPORTED_DATA": 1003,
        "UNKNOWN": 1005, "ABNORMAL_CLOSURE": 1006, "INVALID_DATA": 1007, "POLICY_VIOLATION": 1008,
        "MESSAGE_TOO_BIG": 1009, "MANDATORY_EXTENSION": 1010, "INTERNAL_ERROR": 1011,
        "SERVICE_RESTART": 1012, "TRY_AGAIN_LATER": 1013, "BAD_GATEWAY": 1014, "TLS_HANDSHAKE": 1015,
        "UNAUTHORIZED": 3000, "FORBIDDEN": 3003, "TIMEOUT": 3008,
    },
)

#: 0.17.0's ``_validate_close_code``: anything outside {1000–1003, 1007–1014} ∪ [3000, 4999]
#: goes out as 1011 (up to 0.16.3 the code was packed unchecked).
REWRITTEN = Mangling(
    "curl_cffi sends 1011 (Internal Error) instead of any code outside 1000–1003, 1007–1014 "
    "and 3000–4999 (up to 0.16.3 it sent the code as given)",
    codes=((-(2 ** 64), 999), (1004, 1006), (1015, 2999), (5000, 2 ** 64)),
    since="0.17.0",
)

CODE = CodeParameter("code", 0, reason_keyword="message", reason_position=1, mangled=(REWRITTEN,))

LIBRARY = Library(
    name="curl_cffi",
    imports=("curl_cffi",),
    kinds=(
        ObjectKind(
            "websocket",
            side="client",
            classes=("curl_cffi:WebSocket", "curl_cffi:AsyncWebSocket"),
            factories=("curl_cffi:WebSocket",),
            factory_methods=("ws_connect",),
        ),
    ),
    method_sends=(
        MethodSend("close", ("websocket",), CODE,
                   signatures=("curl_cffi.requests:WebSocket.close", "curl_cffi.requests:AsyncWebSocket.close")),
    ),
    constants=(WS_CLOSE_CODE,),
    constants_from=("curl_cffi",),
    runtime_note="0.17.0+: any invalid code silently becomes 1011; up to 0.16.3 it is sent unchecked",
)
