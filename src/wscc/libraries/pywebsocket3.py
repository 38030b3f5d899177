"""pywebsocket3: ``request.ws_stream.close_connection(code, reason)`` in ``*_wsh.py`` handlers.

The other way it sends a code, returning ``(code, reason)`` from
``web_socket_passive_closing_handshake(request)``, is not described: a return value is
no call shape.
"""

from wscc.spec import CodeParameter, ConstantSet, Library, MethodSend, ObjectKind

#: ``pywebsocket3.common``: plain ints, with aliases; no 1004 or 1012–1014 names.
STATUS = ConstantSet(
    container="pywebsocket3.common",
    # Every name with its value in both releases on PyPI, 4.0.0 and 4.0.2.
    since="4.0.0",
    members={
        "STATUS_NORMAL_CLOSURE": 1000, "STATUS_GOING_AWAY": 1001, "STATUS_PROTOCOL_ERROR": 1002,
        "STATUS_UNSUPPORTED_DATA": 1003, "STATUS_NO_STATUS_RECEIVED": 1005, "STATUS_ABNORMAL_CLOSURE": 1006,
        "STATUS_INVALID_FRAME_PAYLOAD_DATA": 1007, "STATUS_POLICY_VIOLATION": 1008,
        "STATUS_MESSAGE_TOO_BIG": 1009, "STATUS_MANDATORY_EXTENSION": 1010,
        "STATUS_INTERNAL_ENDPOINT_ERROR": 1011, "STATUS_TLS_HANDSHAKE": 1015,
    },
)

_HANDLERS = {"web_socket_do_extra_handshake": 0, "web_socket_transfer_data": 0,
             "web_socket_passive_closing_handshake": 0}

LIBRARY = Library(
    name="pywebsocket3",
    imports=("pywebsocket3",),
    kinds=(
        ObjectKind("request", side="server", handler_methods=_HANDLERS),
        ObjectKind("stream", side="server", classes=("pywebsocket3.stream:Stream",),
                   attribute_of={"request": ("ws_stream",)}),
    ),
    method_sends=(
        MethodSend("close_connection", ("stream",),
                   CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
                   signatures=("pywebsocket3.stream:Stream.close_connection",)),
    ),
    constants=(STATUS,),
    constants_from=("pywebsocket3",),
    runtime_accepts=((1000, 1004), (1007, 1014), (1016, 4999)),
    runtime_refusal="pywebsocket3 raises BadOperationException for codes outside 1000–4999 and for "
    "1005/1006/1015; uncaught, the server closes with 1011",
    runtime_note="refuses <1000, >4999 and 1005/1006/1015 (BadOperationException); 1004 and 2000 are sent",
)
