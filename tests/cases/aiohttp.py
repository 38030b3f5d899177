"""aiohttp: keyword-only ``code=`` on server and client WebSockets."""

import aiohttp
from aiohttp import WSCloseCode, web
from aiohttp.http import WSCloseCode as HttpCloseCode


async def handler(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    await ws.close(code=1006)  # expect: WSC101:25
    await ws.close(code=WSCloseCode.ABNORMAL_CLOSURE)  # expect: WSC101:25
    await ws.close(code=HttpCloseCode.OK)
    await ws.close(code=aiohttp.WSCloseCode.GOING_AWAY)
    await ws.close(code=1010)  # expect: WSC105:25
    await ws.close(code=1011, message=b"boom")  # expect: WSC201:25
    await ws.close(code=1005)  # expect: WSC101:25
    await ws.close(code=4000, message=b"private")  # expect: WSC203:25
    # Positional is a TypeError in aiohttp, not a close code.
    await ws.close(1006)
    await ws.close()
    return ws


async def annotated(ws_server: web.WebSocketResponse) -> None:
    await ws_server.close(code=1004)  # expect: WSC102:32


async def client(session: aiohttp.ClientSession, url: str) -> None:
    async with session.ws_connect(url) as ws:
        await ws.close(code=1010)  # expect: WSC201:29
        await ws.close(code=1015)  # expect: WSC101:29
    sock = await session.ws_connect(url)
    await sock.close(code=2999)  # expect: WSC104:27
    await session.close()


async def client_annotated(conn: aiohttp.ClientWebSocketResponse) -> None:
    await conn.close(code=500)  # expect: WSC103:27
    await conn.close(code=1011, message=b"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123")  # expect: WSC201:27, WSC106:41


async def conventional(websocket):
    await websocket.close(code=1000)  # expect: WSC201:32
    await websocket.close(code=WSCloseCode.OK)


async def session_only(url: str) -> None:
    async with aiohttp.ClientSession() as session:
        await session.close()
    http_session = aiohttp.ClientSession()
    await http_session.close()


async def long_message(ws: web.WebSocketResponse) -> None:
    await ws.close(message=b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")  # expect: WSC106:28


class GatewaySocket(aiohttp.ClientWebSocketResponse):
    # The override forwards its default to aiohttp: judged as if written in the call.
    async def close(self, *, code: int = 4000, message: bytes = b"") -> bool:  # expect: WSC203:42
        if code == 4999:
            return await super().close(code=1006)  # expect: WSC101:45
        return await super().close(code=code, message=message)


class Unrelated:
    async def close(self, code=1000):
        return await super().close(code=1006)
