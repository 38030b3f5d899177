"""asgi-tools and muffin: ResponseWebSocket.close(code), no reason parameter."""

import muffin
from asgi_tools import ResponseWebSocket

app = muffin.Application()


@app.route("/ws")
async def websocket(request):
    async with muffin.ResponseWebSocket(request) as ws:
        await ws.close(1006)  # expect: WSC101:24
        await ws.close(4000)  # expect: WSC203:24


async def plain(request):
    ws = ResponseWebSocket(request)
    await ws.accept()
    await ws.close(code=1000)  # expect: WSC202:25
