# flake8-args: --extend-select WSC109,WSC110
"""The opt-in rules, turned on with --extend-select: WSC109 (unregistered 3xxx), WSC110 (1014)."""

from autobahn.asyncio.websocket import WebSocketServerProtocol
from starlette import status
from starlette.websockets import WebSocket

UNREGISTERED = 3500


async def endpoint(websocket: WebSocket) -> None:
    await websocket.close(3001)  # expect: WSC109:27
    await websocket.close(3999)  # expect: WSC109:27
    await websocket.close(UNREGISTERED)  # expect: WSC109:27
    await websocket.close(3000)  # expect: WSC203:27
    await websocket.close(3003)  # expect: WSC203:27
    await websocket.close(3008)  # expect: WSC203:27
    await websocket.close(4000)  # expect: WSC203:27
    await websocket.close(1014)  # expect: WSC110:27
    await websocket.close(status.WS_1014_BAD_GATEWAY)  # expect: WSC110:27
    await websocket.close(1006)  # expect: WSC101:27


class Server(WebSocketServerProtocol):
    def onOpen(self):
        # autobahn refuses 1014 outright: WSC108 is the more severe finding.
        self.sendClose(1014)  # expect: WSC108:24
        self.sendClose(3001)  # expect: WSC109:24
