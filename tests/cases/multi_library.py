"""Several libraries in one module: the strongest evidence decides which one a receiver is."""

import aiohttp
from aiohttp import web
from starlette.websockets import WebSocket


async def by_name(websocket):
    # aiohttp's close takes no positional code, so this can only be starlette's.
    await websocket.close(1006)  # expect: WSC101:27
    await websocket.close(code=1005)  # expect: WSC101:32


async def by_annotation(ws: web.WebSocketResponse, other: WebSocket):
    await ws.close(1006)
    await ws.close(code=1011)  # expect: WSC201:25
    await other.close(1011)  # expect: WSC201:23


async def client(session: aiohttp.ClientSession, url: str):
    async with session.ws_connect(url) as conn:
        await conn.close(1006)
        await conn.close(code=1006)  # expect: WSC101:31
