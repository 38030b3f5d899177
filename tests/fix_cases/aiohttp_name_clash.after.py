from aiohttp import web, WSCloseCode as ws_WSCloseCode


class WSCloseCode:
    """The application's own codes (not aiohttp's)."""

    AUTH = 4401


async def handler(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    await ws.close(code=ws_WSCloseCode.INTERNAL_ERROR)
    return ws
