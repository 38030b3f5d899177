"""websockify: ``close``/``shutdown`` on its ``WebSocket``, ``send_close`` in request handlers."""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind

CODE = CodeParameter("code", 0, reason_keyword="reason", reason_position=1)

LIBRARY = Library(
    name="websockify",
    imports=("websockify",),
    kinds=(
        ObjectKind(
            "websocket",
            side=None,
            classes=("websockify.websocket:WebSocket", "websockify:WebSocket"),
            factories=("websockify.websocket:WebSocket", "websockify:WebSocket"),
            # In ``WebSocketRequestHandler(Mixin)`` subclasses ``self.request`` is the WebSocket.
            base_attributes={
                "websockify.websocketserver:WebSocketRequestHandlerMixIn": ("request",),
                "websockify.websocketserver:WebSocketRequestHandler": ("request",),
            },
        ),
        ObjectKind(
            "request handler",
            side="server",
            self_in_subclass=True,
            classes=("websockify.websockifyserver:WebSockifyRequestHandler", "websockify:ProxyRequestHandler",
                     "websockify.websocketproxy:ProxyRequestHandler"),
        ),
    ),
    method_sends=(
        MethodSend("close", ("websocket",), CODE, signatures=("websockify.websocket:WebSocket.close",)),
        MethodSend("shutdown", ("websocket",),
                   CodeParameter("code", 1, reason_keyword="reason", reason_position=2),
                   signatures=("websockify.websocket:WebSocket.shutdown",)),
        MethodSend("send_close", ("request handler",), CODE,
                   signatures=("websockify.websockifyserver:WebSockifyRequestHandler.send_close",)),
    ),
    runtime_note="no check: 1005/1006/1015 and 0 are sent; None sends an empty frame",
)
