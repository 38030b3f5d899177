from websockets.asyncio.server import ServerConnection, serve


async def handler(websocket: ServerConnection):
    async for message in websocket:
        if message == "quit":
            await websocket.close(1000, "bye")
        elif len(message) > 10:
            await websocket.close(code=1009)


async def main():
    async with serve(handler, "localhost", 8765):
        pass
