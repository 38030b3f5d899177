"""httpx-ws (client): ``ws.close(code, reason)`` on a WebSocket session."""

import httpx
from httpx_ws import AsyncWebSocketSession, WebSocketDisconnect, aconnect_ws, connect_ws


def sync_client(client: httpx.Client) -> None:
    with connect_ws("http://localhost:8000/ws", client) as ws:
        ws.close(1006)  # expect: WSC101:18
        ws.close(code=1000, reason="bye")  # expect: WSC201:23
        ws.close()
    client.close()


async def async_client(client: httpx.AsyncClient) -> None:
    async with aconnect_ws("http://localhost:8000/ws", client) as session:
        await session.close(1015)  # expect: WSC101:29
        await session.close(4000)  # expect: WSC203:29
    await client.aclose()


async def annotated(link: AsyncWebSocketSession) -> None:
    await link.close(1010)  # expect: WSC201:22
    raise WebSocketDisconnect(code=1006)
