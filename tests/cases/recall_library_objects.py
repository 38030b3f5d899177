"""Library objects reached through a base class's attribute or an application mapping."""

from aiohttp import WSCloseCode, web
from tornado.websocket import WebSocketHandler


class Echo(WebSocketHandler):
    def on_message(self, message):
        self.ws_connection.close(1006)  # expect: WSC101:34


async def websocket_handler(request: web.Request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    request.app["websockets"].add(ws)
    return ws


async def on_shutdown(app: web.Application):
    for ws in set(app["websockets"]):
        await ws.close(code=WSCloseCode.GOING_AWAY, message=b"Server shutdown")
        await ws.close(code=1006)  # expect: WSC101:29
