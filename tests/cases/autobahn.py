"""Autobahn: ``self.sendClose`` accepts only 1000 and 3000–4999, plain ints only."""

from autobahn.asyncio.websocket import WebSocketClientProtocol, WebSocketServerProtocol
from autobahn.websocket.types import ConnectionDeny
from websockets.frames import CloseCode

PRIVATE = 4000


class Server(WebSocketServerProtocol):
    def onConnect(self, request):
        if request.path != "/":
            raise ConnectionDeny(403, "forbidden")

    def onMessage(self, payload, isBinary):
        self.sendClose(1006)  # expect: WSC101:24
        self.sendClose(1000)  # expect: WSC201:24
        self.sendClose(self.CLOSE_STATUS_CODE_NORMAL)
        self.sendClose(self.CLOSE_STATUS_CODE_GOING_AWAY)  # expect: WSC108:24
        self.sendClose(self.CLOSE_STATUS_CODE_ABNORMAL_CLOSE)  # expect: WSC101:24
        self.sendClose(self.CLOSE_STATUS_CODE_RESERVED1)  # expect: WSC102:24
        self.sendClose(1011)  # expect: WSC108:24
        self.sendClose(code=4000, reason="private")  # expect: WSC203:29
        self.sendClose(PRIVATE)
        self.sendClose(CloseCode.NORMAL_CLOSURE)  # expect: WSC108:24
        self.sendClose(WebSocketServerProtocol.CLOSE_STATUS_CODE_NULL)  # expect: WSC101:24
        self.sendClose()

    def onClose(self, wasClean, code, reason):
        if code == 1006:
            return


class Client(WebSocketClientProtocol):
    def onOpen(self):
        self.sendClose(1010)  # expect: WSC108:24
        self.sendClose(3000)  # expect: WSC203:24
