"""trio-websocket: ``await ws.aclose(code, reason)``.

``trio_websocket.CloseReason`` is a value class, not an enum: no constants here.
"""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind

LIBRARY = Library(
    name="trio-websocket",
    imports=("trio_websocket",),
    kinds=(
        ObjectKind(
            "connection",
            side=None,
            classes=("trio_websocket:WebSocketConnection",),
            factories=("trio_websocket:open_websocket_url", "trio_websocket:open_websocket",
                       "trio_websocket:connect_websocket_url", "trio_websocket:connect_websocket"),
            # ``ws = await request.accept()`` in a ``serve_websocket`` handler.
            factory_methods=("accept",),
            parameter_names=("ws",),
        ),
    ),
    method_sends=(
        MethodSend(
            "aclose",
            ("connection",),
            CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
            signatures=("trio_websocket:WebSocketConnection.aclose",),
        ),
    ),
    constants_from=("wsproto",),  # a hard dependency
    runtime_note="wsproto behaviour: int 1005/1006/1015 become 1000; other bad codes are sent",
    peer_close_exceptions=("ConnectionClosed",),
)
