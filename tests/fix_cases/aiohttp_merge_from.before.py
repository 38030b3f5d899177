from aiohttp import web


async def handler(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    await ws.close(code=1008, message=b"bye")
    return ws
