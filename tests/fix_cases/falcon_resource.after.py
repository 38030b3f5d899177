import falcon.asgi
from falcon.asgi_spec import WSCloseCode


class Feed:
    async def on_websocket(self, req, ws: falcon.asgi.WebSocket):
        await ws.accept()
        await ws.close(WSCloseCode.SERVER_ERROR)
        await ws.close(1008)
