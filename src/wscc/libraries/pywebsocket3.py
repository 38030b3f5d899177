"""pywebsocket3: ``request.ws_stream.close_connection(code, reason)`` in ``*_wsh.py``
handlers, and ``(code, reason)`` returned from ``web_socket_passive_closing_handshake``.

pywebsocket3 4.0.2 takes a handler module's functions from its namespace after executing
it (``dispatch._source_handler_file``), so only a module-level function counts.  When the
peer starts the closing handshake, ``stream.Stream._process_close_message`` calls it
through ``dispatch.Dispatcher.passive_closing_handshake``, unpacks ``code, reason = ...``
(two elements exactly: any other size raises ``ValueError`` and the connection drops
without a close frame) and sends them with ``Stream._send_closing_handshake``.  That goes
through ``create_closing_handshake_body``, the check ``close_connection`` makes too:
1005/1006/1015 and codes outside 1000–4999 raise ``BadOperationException``, and the server
then closes with 1011.  ``request.ws_close_code`` is the peer's code, 1005 after a close
frame without one: returning it unchanged is WSC111's echo.  A handler module need not
import pywebsocket3; one that does not is not looked at.
"""

from wscc.spec import CodeParameter, ConstantSet, Library, MethodSend, ObjectKind, ReturnSend

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
    return_sends=(
        ReturnSend("web_socket_passive_closing_handshake", CodeParameter(None, 0, reason_position=1), size=2),
    ),
    constants=(STATUS,),
    constants_from=("pywebsocket3",),
    runtime_accepts=((1000, 1004), (1007, 1014), (1016, 4999)),
    runtime_refusal="pywebsocket3 raises BadOperationException for codes outside 1000–4999 and for "
    "1005/1006/1015; uncaught, the server closes with 1011",
    runtime_note="refuses <1000, >4999 and 1005/1006/1015 (BadOperationException); 1004 and 2000 are sent",
    peer_code_attributes=("ws_close_code",),
)
