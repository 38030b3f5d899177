"""simple-websocket and flask-sock: ``ws.close(reason=<code>, message=<text>)``.

The parameter called ``reason`` is the numeric code; ``message`` is the text.
"""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind, Route

LIBRARY = Library(
    name="simple-websocket",
    imports=("simple_websocket", "flask_sock"),
    kinds=(
        ObjectKind(
            "server",
            side="server",
            classes=("simple_websocket:Server", "simple_websocket:AioServer"),
            factories=("simple_websocket:Server", "simple_websocket:Server.accept",
                       "simple_websocket:AioServer.accept"),
            routes=(Route(parameter=0, decorator=".route", decorator_owner=("flask_sock:Sock",)),),
        ),
        ObjectKind(
            "client",
            side="client",
            classes=("simple_websocket:Client", "simple_websocket:AioClient"),
            factories=("simple_websocket:Client", "simple_websocket:Client.connect",
                       "simple_websocket:AioClient.connect"),
        ),
    ),
    method_sends=(
        MethodSend(
            "close",
            ("server", "client"),
            CodeParameter("reason", 0, reason_keyword="message", reason_position=1, not_a_code=(None, 0)),
            signatures=("simple_websocket:Server.close", "simple_websocket:Client.close",
                        "simple_websocket:AioServer.close", "simple_websocket:AioClient.close"),
        ),
    ),
    constants_from=("wsproto",),  # a hard dependency
    runtime_note="wsproto behaviour: int 1005/1006/1015 become 1000; other bad codes are sent",
    peer_close_exceptions=("ConnectionClosed",),
)
