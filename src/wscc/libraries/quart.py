"""Quart: ``await websocket.close(code, reason)`` on the context-local proxy."""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind

LIBRARY = Library(
    name="quart",
    imports=("quart",),
    kinds=(
        ObjectKind(
            "websocket",
            side="server",
            classes=("quart:Websocket",),
            proxies=("quart.websocket",),
        ),
    ),
    method_sends=(
        MethodSend(
            "close",
            ("websocket",),
            CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
            signatures=("quart.wrappers:Websocket.close",),
        ),
    ),
    # No constants; hypercorn (and so wsproto) is only Quart's default server, not
    # something a Quart app may import for names.
    runtime_note="no check (ASGI); under hypercorn, wsproto behaviour",
)
