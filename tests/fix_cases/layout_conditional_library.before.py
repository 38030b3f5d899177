"""aiohttp is optional here: the new import must stay inside the try."""
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
