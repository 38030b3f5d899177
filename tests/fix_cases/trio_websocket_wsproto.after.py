import trio_websocket
from wsproto.frame_protocol import CloseReason


async def client():
    async with trio_websocket.open_websocket_url("ws://example.invalid") as ws:
        await ws.aclose(code=CloseReason.GOING_AWAY)
