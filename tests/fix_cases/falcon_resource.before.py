import falcon.asgi


class Feed:
    async def on_websocket(self, req, ws: falcon.asgi.WebSocket):
        await ws.accept()
        await ws.close(1011)
        await ws.close(1008)
