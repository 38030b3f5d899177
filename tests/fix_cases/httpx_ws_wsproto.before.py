from httpx_ws import aconnect_ws


async def client(client):
    async with aconnect_ws("ws://example.invalid", client) as ws:
        await ws.close(1011)
