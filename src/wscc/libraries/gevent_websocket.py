"""gevent-websocket (and flask-sockets, bottle-websocket on top of it): ``ws.close(code, message)``.

Since 0.10 ``WebSocket.close`` ignores its code: the close payload is ``message`` alone, so
``close(1000)`` sends an empty frame and ``close(4000, "bye")`` reaches the peer as code
25209 (``b"by"``).  0.10.1 (2017) is the latest release.
"""

from wscc.spec import CodeParameter, Library, Mangling, MethodSend, ObjectKind, Route

IGNORED = Mangling(
    "gevent-websocket 0.10 ignores the code and sends the message alone as the close payload "
    "(no message: an empty frame, the peer reads 1005; close(4000, \"bye\"): the peer reads 25209)",
)

LIBRARY = Library(
    name="gevent-websocket",
    imports=("geventwebsocket", "flask_sockets", "bottle_websocket"),
    kinds=(
        ObjectKind(
            "websocket",
            side="server",
            classes=("geventwebsocket:WebSocket",),
            parameter_names=("ws",),
            subscript_keys=("wsgi.websocket",),
            base_attributes={"geventwebsocket:WebSocketApplication": ("ws",)},
            routes=(
                # flask-sockets: ``sockets = Sockets(app)`` then ``@sockets.route("/x") def f(ws)``.
                Route(parameter=0, decorator=".route", decorator_owner=("flask_sockets:Sockets",)),
            ),
        ),
    ),
    method_sends=(
        MethodSend(
            "close", ("websocket",),
            CodeParameter("code", 0, reason_keyword="message", reason_position=1, mangled=(IGNORED,)),
            signatures=("geventwebsocket.websocket:WebSocket.close",),
        ),
    ),
    runtime_note="0.10: the code is ignored; the message alone is the close payload (an empty frame without one)",
)
