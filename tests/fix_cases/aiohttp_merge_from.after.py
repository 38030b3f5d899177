from aiohttp import web, WSCloseCode


async def handler(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    await ws.close(code=WSCloseCode.POLICY_VIOLATION, message=b"bye")
    return ws
