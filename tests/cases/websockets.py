"""websockets: asyncio, sync, legacy, trio and sans-I/O sends; Server.close and friends."""

import asyncio
from typing import Final

import websockets
import websockets.sync.server
from websockets import CloseCode as CC
from websockets.asyncio.client import ClientConnection, connect
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.frames import CloseCode
from websockets.protocol import Protocol
from websockets.server import ServerProtocol

AUTH_FAILED = 4001
TIMEOUT: Final = 3_008
GONE: Final[int] = 1006


async def annotated(websocket: ServerConnection) -> None:
    await websocket.close(1006)  # expect: WSC101:27
    await websocket.close(code=1005)  # expect: WSC101:32
    await websocket.close(1015, "tls")  # expect: WSC101:27
    await websocket.close(1004)  # expect: WSC102:27
    await websocket.close(403)  # expect: WSC103:27
    await websocket.close(2000)  # expect: WSC104:27
    await websocket.close(1010)  # expect: WSC105:27
    await websocket.close(1008)  # expect: WSC201:27
    await websocket.close(4001)  # expect: WSC203:27
    await websocket.close(3000)  # expect: WSC203:27
    await websocket.close(AUTH_FAILED)
    await websocket.close(TIMEOUT)
    await websocket.close(GONE)  # expect: WSC101:27
    await websocket.close(CloseCode.NORMAL_CLOSURE)
    await websocket.close(CloseCode.ABNORMAL_CLOSURE)  # expect: WSC101:27
    await websocket.close(CC.NO_STATUS_RCVD)  # expect: WSC101:27
    await websocket.close(websockets.CloseCode.TLS_HANDSHAKE)  # expect: WSC101:27
    await websocket.close(-1)  # expect: WSC103:27
    await websocket.close(70000)  # expect: WSC103:27
    await websocket.close("1000")  # expect: WSC107:27
    await websocket.close(1000.0)  # expect: WSC107:27
    await websocket.close(True)  # expect: WSC107:27
    await websocket.close()
    await websocket.close(1000, "x" * 200)  # expect: WSC201:27
    await websocket.close(CloseCode.NORMAL_CLOSURE, "éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé")  # expect: WSC106:53
    await websocket.close(CloseCode.NORMAL_CLOSURE, "€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€")
    await websocket.close(1000, reason="ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé")  # expect: WSC201:27, WSC106:40
    await websocket.close(
        code=1006,  # expect: WSC101:14
        reason="multi-line call: the finding is on the argument's line",
    )
    await websocket.close(1006)  # noqa: WSC101
    await websocket.close(1008)  # noqa


async def client_origin(uri: str) -> None:
    async with connect(uri) as ws_client:
        await ws_client.close(1006)  # expect: WSC101:31
    conn_b = await connect(uri)
    await conn_b.close(1010)  # expect: WSC201:24
    async for reconnecting in connect(uri):
        await reconnecting.close(1004)  # expect: WSC102:34
    async with websockets.connect(uri) as other:
        await other.close(code=1002)  # expect: WSC201:32


async def annotated_client(peer: ClientConnection) -> None:
    await peer.close(1010)  # expect: WSC201:22


async def registered_handler(peer):
    await peer.close(1005)  # expect: WSC101:22


async def main_server() -> None:
    async with serve(registered_handler, "localhost", 8765) as server:
        server.close(True, 1006)  # expect: WSC101:28
        server.close(close_connections=False, code=1001)  # expect: WSC201:52
        server.close(True)
        server.close(False)
        await server.wait_closed()


def stop(server: Server) -> None:
    server.close(True, 4000, "bye")  # expect: WSC203:24


def sync_server() -> None:
    with websockets.sync.server.serve(registered_handler, "localhost", 8765) as srv:
        srv.shutdown(True, 1005)  # expect: WSC101:28
        srv.shutdown(code=4000)  # expect: WSC203:27


def sans_io(protocol: Protocol, other: ServerProtocol) -> None:
    protocol.send_close(1006)  # expect: WSC101:25
    protocol.send_close()
    other.send_close(code=1011)  # expect: WSC201:27
    machine = ServerProtocol()
    machine.send_close(999)  # expect: WSC103:24
    protocol.fail(1002)  # expect: WSC201:19
    protocol.fail(1006)
    protocol.fail(CloseCode.ABNORMAL_CLOSURE)
    protocol.fail(2000)  # expect: WSC104:19


async def conventional(ws, conn, connection):
    await ws.close(1006)  # expect: WSC101:20
    await conn.close(1001)  # expect: WSC201:22
    await connection.close(code=4000)  # expect: WSC203:33


class Chat:
    def __init__(self) -> None:
        self.peer: ServerConnection | None = None
        self.link = None

    async def start(self, uri: str) -> None:
        self.link = await connect(uri)

    async def stop(self) -> None:
        if self.peer is not None:
            await self.peer.close(1006)  # expect: WSC101:35
        await self.link.close(1006)  # expect: WSC101:31


async def unknown_values(websocket: ServerConnection, code: int) -> None:
    await websocket.close(code)
    await websocket.close(compute())
    await websocket.close(*args())


def compute() -> int:
    return 1000


def args():
    return (1000,)


asyncio.run(main_server())


async def unspecific(websocket: "Any", ws: object) -> None:
    await websocket.close(1006)  # expect: WSC101:27
    await ws.close(1005)  # expect: WSC101:20


async def keyword_handler(peer_b):
    await peer_b.close(1006)  # expect: WSC101:24


server_b = serve(handler=keyword_handler, host="localhost", port=8766)


class Service:
    async def run(self) -> None:
        async with serve(self.on_client, "localhost", 8767):
            await asyncio.Future()

    async def on_client(self, client) -> None:
        await client.close(1006)  # expect: WSC101:28

    async def shutdown(self, clients: set[ServerConnection]) -> None:
        for each in clients:
            await each.close(1001)  # expect: WSC201:30


async def entered_by_hand(uri: str) -> None:
    manual = await connect(uri).__aenter__()
    await manual.close(1006)  # expect: WSC101:24
