from sanic import Request, Sanic, Websocket

app = Sanic("demo")


@app.websocket("/feed")
async def feed(request: Request, ws: Websocket):
    await ws.close(code=1008)
