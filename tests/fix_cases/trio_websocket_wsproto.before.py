import trio_websocket


async def client():
    async with trio_websocket.open_websocket_url("ws://example.invalid") as ws:
        await ws.aclose(code=1001)
