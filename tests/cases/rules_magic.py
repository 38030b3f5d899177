"""WSC201–WSC203: literal codes, the constant each library offers, and module-level names."""

from tornado.websocket import WebSocketHandler
from starlette.websockets import WebSocket

INTERNAL = 1011
AUTH_FAILED = 4001


async def endpoint(websocket: WebSocket) -> None:
    await websocket.close(1000)  # expect: WSC201:27
    await websocket.close(1001)  # expect: WSC201:27
    await websocket.close(1003)  # expect: WSC201:27
    await websocket.close(1007)  # expect: WSC201:27
    await websocket.close(1009)  # expect: WSC201:27
    await websocket.close(1012)  # expect: WSC201:27
    await websocket.close(1013)  # expect: WSC201:27
    await websocket.close(1014)  # expect: WSC201:27
    await websocket.close(3000)  # expect: WSC203:27
    await websocket.close(3003)  # expect: WSC203:27
    await websocket.close(3008)  # expect: WSC203:27
    await websocket.close(3001)  # expect: WSC203:27
    await websocket.close(3999)  # expect: WSC203:27
    await websocket.close(4000)  # expect: WSC203:27
    await websocket.close(4999)  # expect: WSC203:27
    await websocket.close(AUTH_FAILED)
    await websocket.close(INTERNAL)


class Handler(WebSocketHandler):
    def open(self):
        self.close(1011)  # expect: WSC202:20
        self.close(INTERNAL)
        self.close(4001)  # expect: WSC203:20
        self.close(1014)  # expect: WSC202:20
