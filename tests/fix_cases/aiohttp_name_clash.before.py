from aiohttp import web


class WSCloseCode:
    """The application's own codes (not aiohttp's)."""

    AUTH = 4401


async def handler(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    await ws.close(code=1011)
    return ws
