"""Tornado: ``WebSocketHandler.close`` and the client connection's ``close``."""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind

LIBRARY = Library(
    name="tornado",
    imports=("tornado",),
    kinds=(
        ObjectKind("handler", side="server", classes=("tornado:WebSocketHandler",), self_in_subclass=True),
        ObjectKind(
            "client connection",
            side="client",
            classes=("tornado:WebSocketClientConnection",),
            factories=("tornado:websocket_connect",),
        ),
        # ``self.ws_connection`` of a handler: the protocol object its ``close`` uses.
        ObjectKind(
            "protocol",
            side="server",
            classes=("tornado:WebSocketProtocol13",),
            base_attributes={"tornado.websocket:WebSocketHandler": ("ws_connection",)},
        ),
    ),
    method_sends=(
        MethodSend(
            "close",
            ("handler", "client connection", "protocol"),
            CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
            signatures=(
                "tornado.websocket:WebSocketHandler.close",
                "tornado.websocket:WebSocketClientConnection.close",
                "tornado.websocket:WebSocketProtocol13.close",
            ),
        ),
    ),
    runtime_note="no check: anything is sent; close() with no code sends an empty frame (peer sees 1005)",
    peer_code_attributes=("close_code",),
)
