import aiohttp


async def client(session: aiohttp.ClientSession):
    async with session.ws_connect("ws://example.invalid") as ws:
        await ws.close(code=1001)
