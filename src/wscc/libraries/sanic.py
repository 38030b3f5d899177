"""Sanic: ``await ws.close(code, reason)``, ``fail_connection`` and ``end_connection``."""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind, Route

CODE = CodeParameter("code", 0, reason_keyword="reason", reason_position=1)
FAIL_CODE = CodeParameter("code", 0, reason_keyword="reason", reason_position=1, not_a_code=(None, 1006))
_IMPL = "sanic.server.websockets.impl:WebsocketImplProtocol"

LIBRARY = Library(
    name="sanic",
    imports=("sanic",),
    kinds=(
        ObjectKind(
            "websocket",
            side="server",
            classes=("sanic:Websocket", "sanic:WebsocketImplProtocol"),
            # ``@app.websocket("/feed") async def feed(request, ws)``
            routes=(
                Route(parameter=1, decorator=".websocket"),
                # ``app.add_websocket_route(handler, "/feed")``
                Route(parameter=1, registration=".add_websocket_route", handler_argument=0, handler_keyword="handler",
                      signatures=("sanic:Sanic.add_websocket_route",)),
            ),
        ),
    ),
    method_sends=(
        # ``close(1006)`` and ``end_connection(1006)`` go to ``fail_connection``: no frame.
        MethodSend("close", ("websocket",), FAIL_CODE, signatures=(f"{_IMPL}.close",)),
        # 1006, its default, drops TCP without a close frame.
        MethodSend("fail_connection", ("websocket",), FAIL_CODE, signatures=(f"{_IMPL}.fail_connection",)),
        MethodSend("end_connection", ("websocket",), FAIL_CODE, signatures=(f"{_IMPL}.end_connection",)),
    ),
    # Sanic requires websockets; its CloseCode names are the natural ones.
    constants_from=("websockets",),
    runtime_note="native server: websockets' ProtocolError for bad codes, close(1006) drops TCP; in ASGI mode close() sends nothing",
)
