"""lomond (Status constants) and aiosonic: close(code, reason), unchecked at run time."""

import aiosonic
from lomond import WebSocket
from lomond.events import Closed


def lomond_client():
    ws = WebSocket("wss://example.com/ws")
    for event in ws.connect():
        if isinstance(event, Closed) and event.code == 1006:
            break
        ws.close(1000)  # expect: WSC201:18
        ws.close(1007, b"bad data")  # expect: WSC201:18
        ws.close(1012)  # expect: WSC202:18
        ws.close(1005)  # expect: WSC101:18


async def aiosonic_client():
    async with aiosonic.WebSocketClient() as client:
        ws = await client.connect("ws://localhost:8080/ws")
        await ws.close(code=1006)  # expect: WSC101:29
        await ws.close(4000, "bye")  # expect: WSC203:24
        print(ws.close_code == 1005)
