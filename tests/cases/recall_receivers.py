"""WebSockets held in containers, dataclass fields, narrowed by isinstance, typed by a
bound TypeVar, or iterated in comprehensions."""

from dataclasses import dataclass
from typing import TypeVar

from fastapi import WebSocket

WS = TypeVar("WS", bound=WebSocket)


class Manager:
    def __init__(self):
        self.active: dict[str, WebSocket] = {}
        self.clients = set()

    def join(self, uid: str, websocket: WebSocket):
        self.active[uid] = websocket
        self.clients.add(websocket)

    async def kick(self, uid: str):
        await self.active[uid].close(code=1006)  # expect: WSC101:43
        await self.active.pop(uid).close(code=1006)  # expect: WSC101:47

    async def shutdown(self):
        for client in self.clients:
            await client.close(code=1015)  # expect: WSC101:37
        await asyncio_gather(*(peer.close(code=1006) for peer in self.active.values()))  # expect: WSC101:48
        [await peer.close(code=1005) for peer in self.clients]  # expect: WSC101:32


@dataclass
class Connection:
    websocket: WebSocket
    user: str


async def drop(connection: Connection, thing, generic: WS):
    await connection.websocket.close(code=1006)  # expect: WSC101:43
    if isinstance(thing, WebSocket):
        await thing.close(code=1006)  # expect: WSC101:32
    await generic.close(code=1006)  # expect: WSC101:30


def asyncio_gather(*aws):
    return aws
