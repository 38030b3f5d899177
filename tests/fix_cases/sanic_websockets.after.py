from sanic import Request, Sanic, Websocket
from websockets.frames import CloseCode

app = Sanic("demo")


@app.websocket("/feed")
async def feed(request: Request, ws: Websocket):
    await ws.close(code=CloseCode.POLICY_VIOLATION)
