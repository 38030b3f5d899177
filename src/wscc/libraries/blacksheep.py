"""BlackSheep: ``await websocket.close(code, reason)``."""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind, Route

LIBRARY = Library(
    name="blacksheep",
    imports=("blacksheep",),
    kinds=(
        ObjectKind(
            "websocket",
            side="server",
            classes=("blacksheep:WebSocket",),
            parameter_names=("websocket", "ws"),
            routes=(Route(parameter=0, decorator=".ws"), Route(parameter=0, decorator="blacksheep:ws")),
        ),
    ),
    method_sends=(
        MethodSend(
            "close",
            ("websocket",),
            CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
            signatures=("blacksheep:WebSocket.close",),
        ),
    ),
    runtime_note="no check (ASGI); an unhandled exception closes with 1011",
)
