"""A star import still opens the gate for its library (names stay unresolved)."""

from websockets.asyncio.server import *  # noqa: F403


async def handler(websocket):
    await websocket.close(1006)  # expect: WSC101:27
