from websockets.asyncio.client import connect
from websockets.frames import CloseCode


async def main():
    async with connect("ws://example.invalid") as websocket:
        await websocket.close(CloseCode.NORMAL_CLOSURE)
        await websocket.close(1001)
