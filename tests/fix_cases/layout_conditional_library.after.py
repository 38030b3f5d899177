"""aiohttp is optional here: no import is added where a failed import is swallowed
(an old aiohttp without the name would silently lose the whole block), nor outside the try."""
from __future__ import annotations

import logging

try:
    from aiohttp import web
except ImportError:  # pragma: no cover
    logging.getLogger(__name__).info("no aiohttp")

log = logging.getLogger(__name__)


async def handler(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    await ws.close(code=1001)
    return ws
