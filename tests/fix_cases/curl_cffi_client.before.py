from curl_cffi.requests import AsyncSession


async def client(url):
    async with AsyncSession() as session:
        ws = await session.ws_connect(url)
        await ws.close(1008, b"policy")
