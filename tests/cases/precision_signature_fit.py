"""A receiver known by its conventional name alone must also be called the library's
way: ``reply_code=`` is not a keyword of any WebSocket's close."""

import fastapi
import websockets


async def shutdown(connection, conn):
    connection.close(reply_code=200, reply_text="Normal shutdown")
    await conn.close(code=1006, reason="gone")  # expect: WSC101:27
    await conn.close(1006)  # expect: WSC101:22


async def client(url):
    ws = await websockets.connect(url)
    await shut(ws)


async def shut(ws):
    # Callers pass a websockets client: 1010 is a client's code, not a server's.
    await ws.close(1010)  # expect: WSC201:20
APP = fastapi.FastAPI()
