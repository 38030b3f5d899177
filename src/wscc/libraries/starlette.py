"""Starlette: ``WebSocket.close``, ``WebSocketClose`` and ``WebSocketException``."""

from wscc.spec import RAISED, CallSend, CodeParameter, ConstantSet, Library, MethodSend, ObjectKind, Route

CODE = CodeParameter("code", 0, reason_keyword="reason", reason_position=1)

#: ``starlette.status`` WebSocket names (plain ints).  The pre-0.19.1 names
#: ``WS_1004_NO_STATUS_RCVD``/``WS_1005_ABNORMAL_CLOSURE`` meant other values and are
#: gone since 0.45.0: never mapped.
STATUS_MEMBERS = {
    "WS_1000_NORMAL_CLOSURE": 1000, "WS_1001_GOING_AWAY": 1001, "WS_1002_PROTOCOL_ERROR": 1002,
    "WS_1003_UNSUPPORTED_DATA": 1003, "WS_1005_NO_STATUS_RCVD": 1005,
    "WS_1006_ABNORMAL_CLOSURE": 1006, "WS_1007_INVALID_FRAME_PAYLOAD_DATA": 1007,
    "WS_1008_POLICY_VIOLATION": 1008, "WS_1009_MESSAGE_TOO_BIG": 1009,
    "WS_1010_MANDATORY_EXT": 1010, "WS_1011_INTERNAL_ERROR": 1011,
    "WS_1012_SERVICE_RESTART": 1012, "WS_1013_TRY_AGAIN_LATER": 1013,
    "WS_1014_BAD_GATEWAY": 1014, "WS_1015_TLS_HANDSHAKE": 1015,
}

STATUS = ConstantSet(
    container="starlette.status",
    members=STATUS_MEMBERS,
    http_status_prefix="HTTP_",
    same_object_as=("fastapi.status",),
    # All 198 final releases read, each name with its value (tests/release_names.py): the
    # module from 0.5.0, whose WebSocket names were ``WS_1000_OK``, ``WS_1001_LEAVING``,
    # ``WS_1010_TLS_FAIL`` etc. but for 1002 and 1008; the listed names from 0.5.2, all but
    # 1005 and 1006, which 0.5.2–0.19.0 called ``WS_1004_NO_STATUS_RCVD = 1004`` and
    # ``WS_1005_ABNORMAL_CLOSURE = 1005`` (other values, never read as the listed ones);
    # ``WS_1005_NO_STATUS_RCVD`` and ``WS_1006_ABNORMAL_CLOSURE`` from 0.19.1.  No listed
    # name ever had another value, and none left again (to 1.10.0).
    since="0.5.0",
    member_since={
        **{name: "0.5.2" for name in STATUS_MEMBERS
           if name not in ("WS_1002_PROTOCOL_ERROR", "WS_1008_POLICY_VIOLATION")},
        "WS_1005_NO_STATUS_RCVD": "0.19.1", "WS_1006_ABNORMAL_CLOSURE": "0.19.1",
    },
)

WEBSOCKET = ObjectKind(
    "websocket",
    side="server",
    classes=("starlette:WebSocket",),
    parameter_names=("websocket", "ws"),
    # ``WebSocketEndpoint`` hands the WebSocket to its hooks, whatever it is called.
    handler_methods={"on_connect": 0, "on_receive": 0, "on_disconnect": 0},
    routes=(
        Route(parameter=0, registration="starlette:WebSocketRoute", handler_argument=1, handler_keyword="endpoint",
              signatures=("starlette.routing:WebSocketRoute",)),
        Route(parameter=0, registration=".add_websocket_route", handler_argument=1, handler_keyword="endpoint",
              signatures=("starlette.routing:Router.add_websocket_route",)),
    ),
)

LIBRARY = Library(
    name="starlette",
    imports=("starlette",),
    kinds=(WEBSOCKET,),
    method_sends=(
        MethodSend("close", ("websocket",), CODE, signatures=("starlette.websockets:WebSocket.close",)),
    ),
    call_sends=(
        # An ASGI app object: built in a route, it is the response.
        CallSend(("starlette:WebSocketClose",), CODE, signatures=("starlette.websockets:WebSocketClose",)),
        CallSend(("starlette:WebSocketException",), CODE,
                 signatures=("starlette.exceptions:WebSocketException",), delivered_by=(RAISED,)),
    ),
    constants=(STATUS,),
    constants_from=("starlette",),
    runtime_note="no check: the code goes to the ASGI server unchanged",
    peer_close_exceptions=("WebSocketDisconnect",),
)
