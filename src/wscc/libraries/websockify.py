"""websockify: ``close``/``shutdown`` on its ``WebSocket``; ``send_close`` and
``raise self.CClose(code, reason)`` in request handlers.

``CClose`` (websockify 0.13.0, ``websockify/websockifyserver.py``) is an ``Exception``
subclass without an ``__init__``, defined inside ``WebSockifyRequestHandler``.
``WebSockifyRequestHandler.handle_websocket`` runs ``self.new_websocket_client()`` in
``try: ... except self.CClose:`` and then calls ``self.send_close(exc.args[0],
exc.args[1])``: raising it sends ``args[0]`` as the code and ``args[1]`` as the reason
(``ProxyRequestHandler.new_websocket_client``/``do_proxy`` in ``websocketproxy.py``
raise it so).  Built without raising it sends nothing.  With one argument,
``exc.args[1]`` raises ``IndexError`` and the connection is dropped without a close
frame (WSC112).  Only a raise inside ``new_websocket_client``'s run is caught:
``handle_upgrade`` calls ``validate_connection`` and ``auth_connection`` before the
handshake, and a ``CClose`` raised there drops the connection without a close frame (or
an HTTP response), so a raise written directly in those two is no send; wscc takes one
in any other method of a handler subclass.
"""

from wscc.spec import RAISED, CallSend, CodeParameter, Library, Mangling, MethodSend, ObjectKind

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
    call_sends=(
        # ``self.CClose`` is a class kept on the handler; keyword arguments are a TypeError
        # (``Exception`` takes none), so the code and the reason are positional only.
        CallSend((), CodeParameter(None, 0, reason_position=1, mangled=(Mangling(
                     "no close frame: websockify reads exc.args[1] for the reason, raises IndexError "
                     "and drops the connection", without_reason=True),)),
                 signatures=("websockify.websockifyserver:WebSockifyRequestHandler.CClose",),
                 delivered_by=(RAISED,), attribute="CClose", receivers=("request handler",),
                 not_delivered_in=("validate_connection", "auth_connection")),
    ),
    runtime_note="no check: 1005/1006/1015 and 0 are sent; None sends an empty frame",
)
