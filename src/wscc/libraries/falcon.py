"""Falcon (ASGI): ``await ws.close(code, reason)`` and ``ws_options.error_close_code``."""

from wscc.spec import AttributeSend, CodeParameter, ConstantSet, Library, MethodSend, ObjectKind

#: Only five members, in a module not re-exported from ``falcon`` or ``falcon.asgi``.
WS_CLOSE_CODE = ConstantSet(
    container="falcon.asgi_spec.WSCloseCode",
    members={"NORMAL": 1000, "SERVER_ERROR": 1011, "FORBIDDEN": 3403,
             "PATH_NOT_FOUND": 3404, "HANDLER_NOT_FOUND": 3405},
    # Checked against the releases by tests/test_fix_versions.py: every member is in 3.0.0
    # (ASGI WebSocket support), 2.0.0 has no ``falcon/asgi_spec.py``.
    since="3.0.0",
)

LIBRARY = Library(
    name="falcon",
    imports=("falcon",),
    kinds=(
        ObjectKind(
            "websocket",
            side="server",
            classes=("falcon:WebSocket",),
            # ``async def on_websocket(self, req, ws)`` responders, and suffixed ones
            # (``on_websocket_feed``, routed with ``add_route(..., suffix="feed")``).
            handler_methods={"on_websocket": 1},
            handler_method_prefixes={"on_websocket_": 1},
        ),
    ),
    method_sends=(
        MethodSend(
            "close",
            ("websocket",),
            CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
            signatures=("falcon.asgi:WebSocket.close",),
        ),
    ),
    attribute_sends=(AttributeSend(("ws_options", "error_close_code")),),
    constants=(WS_CLOSE_CODE,),
    constants_from=("falcon",),
    runtime_note="ValueError for non-int, < 1000, 1004–1006 and 1015–1999; lets 2000–2999 and > 4999 through",
)
