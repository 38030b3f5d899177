"""trio-websocket: ``await ws.aclose(code, reason)``."""

import trio_websocket
from trio_websocket import WebSocketConnection, open_websocket_url, serve_websocket


async def client() -> None:
    async with open_websocket_url("ws://localhost:8000") as conn:
        await conn.aclose(1006)  # expect: WSC101:27
        await conn.aclose(code=1000, reason="bye")  # expect: WSC201:32
        await conn.aclose(4000)  # expect: WSC203:27
        await conn.aclose()


async def handler(request) -> None:
    ws = await request.accept()
    await ws.aclose(1015)  # expect: WSC101:21


async def annotated(link: WebSocketConnection) -> None:
    await link.aclose(2000)  # expect: WSC104:23


async def main() -> None:
    await serve_websocket(handler, "127.0.0.1", 8000, ssl_context=None)
    async with trio_websocket.open_websocket("localhost", 8000, "/", use_ssl=False) as other:
        await other.aclose(1004)  # expect: WSC102:28
