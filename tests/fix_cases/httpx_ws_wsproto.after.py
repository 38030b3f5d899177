from httpx_ws import aconnect_ws
from wsproto.frame_protocol import CloseReason


async def client(client):
    async with aconnect_ws("ws://example.invalid", client) as ws:
        await ws.close(CloseReason.INTERNAL_ERROR)
