"""httpx-ws (client): ``ws.close(code, reason)`` on a (async) WebSocket session."""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind

LIBRARY = Library(
    name="httpx-ws",
    imports=("httpx_ws",),
    kinds=(
        ObjectKind(
            "session",
            side="client",
            classes=("httpx_ws:WebSocketSession", "httpx_ws:AsyncWebSocketSession"),
            factories=("httpx_ws:connect_ws", "httpx_ws:aconnect_ws"),
        ),
    ),
    method_sends=(
        MethodSend(
            "close",
            ("session",),
            CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
            signatures=("httpx_ws:WebSocketSession.close", "httpx_ws:AsyncWebSocketSession.close"),
        ),
    ),
    constants_from=("wsproto",),  # a hard dependency
    runtime_note="wsproto behaviour: int 1005/1006/1015 become 1000; other bad codes are sent",
    peer_close_exceptions=("WebSocketDisconnect",),
)
