"""asgi-tools and muffin: ``await ws.close(code)`` on a ``ResponseWebSocket`` (no reason)."""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind

LIBRARY = Library(
    name="asgi-tools",
    imports=("asgi_tools", "muffin"),
    kinds=(
        ObjectKind("websocket", side="server", classes=("asgi_tools:ResponseWebSocket", "muffin:ResponseWebSocket"),
                   factories=("asgi_tools:ResponseWebSocket", "muffin:ResponseWebSocket")),
    ),
    method_sends=(
        MethodSend("close", ("websocket",), CodeParameter("code", 0),
                   signatures=("asgi_tools:ResponseWebSocket.close",)),
    ),
    runtime_note="no check: the code goes to the ASGI server unchanged; close() before accept() sends nothing",
)
