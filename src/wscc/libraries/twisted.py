"""Twisted's ``twisted.web.websocket`` (25.5.0+): ``transport.loseConnection(code, reason)``.

There is no base class: a WebSocket protocol is any class with
``negotiationStarted(self, transport)``, which keeps the transport.  Every other
Twisted ``transport.loseConnection()`` takes no argument and sends nothing.
"""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind

LIBRARY = Library(
    name="twisted",
    imports=("twisted",),
    kinds=(
        ObjectKind(
            "websocket transport",
            side=None,
            classes=("twisted.web.websocket:WebSocketTransport",),
            handler_methods={"negotiationStarted": 0},
        ),
    ),
    method_sends=(
        MethodSend(
            "loseConnection", ("websocket transport",),
            CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
            # The public Protocol declares ``code`` only; the transport passed in takes ``reason`` too.
            signatures=("twisted.web._websocket_impl:_WebSocketWireProtocol.loseConnection",),
        ),
    ),
    runtime_note="wsproto underneath: 1005/1006/1015 become 1000; 0 and other ints are sent",
)
