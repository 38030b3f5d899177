from websockets.asyncio.server import ServerConnection, serve
from websockets.frames import CloseCode


async def handler(websocket: ServerConnection):
    async for message in websocket:
        if message == "quit":
            await websocket.close(CloseCode.NORMAL_CLOSURE, "bye")
        elif len(message) > 10:
            await websocket.close(code=CloseCode.MESSAGE_TOO_BIG)


async def main():
    async with serve(handler, "localhost", 8765):
        pass
