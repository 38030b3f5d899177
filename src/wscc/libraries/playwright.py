"""playwright: ``WebSocketRoute.close(*, code, reason)`` (``page.route_web_socket``), both sides.

The page side is a mock: the page's ``onclose`` receives whatever code is given.  The
server side (``ws.connect_to_server()``) runs the browser's ``WebSocket.close``, which
sends only 1000 and 3000–4999 and silently drops anything else.  Added in 1.48.0.
"""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind, Route

CODE = CodeParameter("code", None, reason_keyword="reason")
_ROUTE = ("playwright.async_api:WebSocketRoute", "playwright.sync_api:WebSocketRoute")

LIBRARY = Library(
    name="playwright",
    imports=("playwright",),
    kinds=(
        # The page side: playwright plays the server.
        ObjectKind(
            "page route",
            side="server",
            classes=_ROUTE,
            routes=(Route(parameter=0, registration=".route_web_socket", handler_argument=1,
                          handler_keyword="handler",
                          signatures=("playwright.async_api:Page.route_web_socket",
                                      "playwright.async_api:BrowserContext.route_web_socket")),),
        ),
        # The server side: the browser's real WebSocket, the client of the real server.
        ObjectKind("server route", side="client", factory_methods=("connect_to_server",)),
    ),
    method_sends=(
        MethodSend("close", ("page route", "server route"), CODE,
                   signatures=("playwright.async_api:WebSocketRoute.close",
                               "playwright.sync_api:WebSocketRoute.close")),
    ),
    runtime_accepts=((1000, 1000), (3000, 4999)),
    runtime_accepts_side="client",
    runtime_refusal="the server side of a playwright WebSocketRoute closes through the browser's "
    "WebSocket.close, which drops anything but 1000 and 3000–4999 without an error (nothing is sent)",
    runtime_note="page side (a mock): any code reaches the page; server side: only 1000 and 3000–4999, others silently dropped",
)
