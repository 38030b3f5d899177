from curl_cffi.requests import AsyncSession
from curl_cffi import WsCloseCode


async def client(url):
    async with AsyncSession() as session:
        ws = await session.ws_connect(url)
        await ws.close(WsCloseCode.POLICY_VIOLATION, b"policy")
