"""Sanic: ``@app.websocket`` handlers get the WebSocket as their second parameter."""

from sanic import Request, Sanic, Websocket
from websockets.frames import CloseCode

app = Sanic("demo")


@app.websocket("/feed")
async def feed(request, ws):
    # close(1006) and end_connection(1006) go to fail_connection: TCP drops, no frame.
    await ws.close(1006)
    ws.end_connection(1006)
    await ws.close(1008, "policy")  # expect: WSC201:20
    await ws.close(code=CloseCode.GOING_AWAY)
    await ws.close(4000)  # expect: WSC203:20
    ws.end_connection(1015)  # expect: WSC101:23
    ws.fail_connection(1002)  # expect: WSC201:24
    # fail_connection(1006) is its default: drop TCP without a close frame.
    ws.fail_connection(1006)
    ws.fail_connection()


@app.websocket("/named")
async def named(request: Request, conn: Websocket):
    await conn.close(2000)  # expect: WSC104:22
    await conn.close(1010)  # expect: WSC105:22


@app.get("/http")
async def http(request):
    request.ctx.close(1006)
    return None
