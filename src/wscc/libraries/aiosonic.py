"""aiosonic: ``await ws.close(code, reason)`` on a ``WebSocketClient().connect(url)`` result."""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind

LIBRARY = Library(
    name="aiosonic",
    imports=("aiosonic",),
    kinds=(
        # ``ws = await client.connect(url)`` on a ``WebSocketClient``.
        ObjectKind("connection", side="client", classes=("aiosonic:WebSocketConnection",),
                   factory_methods=("connect",)),
        ObjectKind("client", side="client", classes=("aiosonic:WebSocketClient",),
                   factories=("aiosonic:WebSocketClient",)),
    ),
    method_sends=(
        MethodSend("close", ("connection",), CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
                   signatures=("aiosonic.web_socket_client:WebSocketConnection.close",)),
    ),
    runtime_note="no check: 1005/1006/1015 and 0 are sent",
)
