"""websockets' trio implementation: Connection.aclose and Server.aclose."""

from websockets.trio.client import connect
from websockets.trio.server import Server, ServerConnection


async def handler(websocket: ServerConnection) -> None:
    await websocket.aclose(1006)  # expect: WSC101:28
    await websocket.aclose(code=1011, reason="boom")  # expect: WSC201:33


async def client(uri: str) -> None:
    async with connect(uri) as peer:
        await peer.aclose(1015)  # expect: WSC101:27


async def stop(server: Server) -> None:
    await server.aclose(True, 1005)  # expect: WSC101:31
    await server.aclose(close_connections=True, code=4000)  # expect: WSC203:54
    await server.aclose()
