import enum

import websockets
from autobahn.asyncio.websocket import WebSocketServerProtocol

AUTH_FAILED = 4001


class Limits(enum.IntEnum):
    RATE = 4029


class Gone:
    CODE = 4010


class Guarded(WebSocketServerProtocol):
    def onMessage(self, payload, isBinary):
        self.sendClose(4001)
        self.sendClose(4029)  # autobahn raises for an IntEnum member: stays a literal
        self.sendClose(4010)

    def kick(self):
        self.sendClose(AUTH_FAILED)
        self.sendClose(Gone.CODE)


async def relay(ws: websockets.ServerConnection):
    await ws.close(Limits.RATE)  # the names are close codes: each is sent as one
