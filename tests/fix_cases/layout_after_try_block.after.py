import os

try:
    import ujson as json
except ImportError:
    import json

from aiohttp import web as aioweb, WSCloseCode

DEBUG = os.environ.get("DEBUG")


async def handler(request):
    ws = aioweb.WebSocketResponse()
    await ws.prepare(request)
    await ws.send_str(json.dumps({"debug": DEBUG}))
    await ws.close(code=WSCloseCode.INTERNAL_ERROR)
    return ws
