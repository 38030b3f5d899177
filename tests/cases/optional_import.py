"""A library imported optionally, with ``None`` as the fallback, is still that library."""

try:
    from aiohttp import web
except ImportError:  # pragma: no cover
    web = None

try:
    import websockets
except ImportError:  # pragma: no cover
    websockets = None

try:
    from starlette.websockets import WebSocket
except ImportError:  # pragma: no cover
    # A stand-in class is not the library: nothing on it is reported.
    class WebSocket:
        async def close(self, code=1000):
            pass


async def handler(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    await ws.close(code=1006)  # expect: WSC101:25


async def client(url):
    async with websockets.connect(url) as conn:
        await conn.close(code=1006)  # expect: WSC101:31


async def endpoint(websocket: WebSocket):
    await websocket.close(code=1006)


def rebound():
    web = object()  # a local name, not the import
    return web.WebSocketResponse().close(code=1006)
