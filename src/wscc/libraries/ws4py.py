"""ws4py: ``self.close(code, reason)`` in ``WebSocket``/client subclasses; ``manager.close_all``."""

from wscc.spec import CodeParameter, Library, Mangling, MethodSend, ObjectKind

#: ``if code:`` decides whether a code is packed: 0 or ``None`` with a reason sends the
#: reason alone, an invalid close payload.
REASON_ONLY = Mangling(
    "ws4py packs no code for 0 or None and sends the reason alone, an invalid close payload",
    codes=((0, 0),), values=(None,), with_reason=True,
)

CODE = CodeParameter("code", 0, reason_keyword="reason", reason_position=1, mangled=(REASON_ONLY,))

LIBRARY = Library(
    name="ws4py",
    imports=("ws4py",),
    kinds=(
        # ``ws4py.async_websocket`` uses ``asyncio.coroutine``: gone since Python 3.11.
        # ``WebSocketWSGIApplication`` puts the WebSocket in ``environ["ws4py.websocket"]``.
        ObjectKind("server websocket", side="server", self_in_subclass=True, classes=("ws4py.websocket:WebSocket",),
                   subscript_keys=("ws4py.websocket",)),
        ObjectKind(
            "client websocket", side="client", self_in_subclass=True,
            classes=("ws4py.client:WebSocketBaseClient", "ws4py.client.threadedclient:WebSocketClient",
                     "ws4py.client.geventclient:WebSocketClient", "ws4py.client.tornadoclient:TornadoWebSocketClient"),
            factories=("ws4py.client.threadedclient:WebSocketClient", "ws4py.client.geventclient:WebSocketClient",
                       "ws4py.client.tornadoclient:TornadoWebSocketClient"),
        ),
        ObjectKind("manager", side="server", classes=("ws4py.manager:WebSocketManager",),
                   factories=("ws4py.manager:WebSocketManager",)),
    ),
    method_sends=(
        MethodSend("close", ("server websocket", "client websocket"), CODE,
                   signatures=("ws4py.websocket:WebSocket.close", "ws4py.client:WebSocketBaseClient.close")),
        MethodSend("close_all", ("manager",),
                   CodeParameter("code", 0, reason_keyword="message", reason_position=1, mangled=(REASON_ONLY,)),
                   signatures=("ws4py.manager:WebSocketManager.close_all",)),
    ),
    runtime_note="no check; 0 or None with a reason sends the reason alone (invalid); bad ints are swallowed server side",
)
