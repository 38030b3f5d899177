"""Falcon (ASGI): ``on_websocket`` responders and ``ws_options.error_close_code``."""

import falcon.asgi
from falcon.asgi import WebSocket
from falcon.asgi_spec import WSCloseCode


class Feed:
    async def on_websocket(self, req, ws):
        await ws.accept()
        await ws.close(1006)  # expect: WSC101:24
        await ws.close(1011)  # expect: WSC201:24
        await ws.close(WSCloseCode.SERVER_ERROR)
        await ws.close(WSCloseCode.FORBIDDEN)
        await ws.close(1008)  # expect: WSC202:24
        await ws.close(3403)  # expect: WSC203:24
        await ws.close()


async def annotated(sock: WebSocket) -> None:
    await sock.close(2000)  # expect: WSC104:22


app = falcon.asgi.App()
app.add_route("/feed", Feed())
app.ws_options.error_close_code = 1006  # expect: WSC101:35
app.ws_options.error_close_code = 4000  # expect: WSC203:35
