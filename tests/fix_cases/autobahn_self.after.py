from autobahn.asyncio.websocket import WebSocketServerProtocol


class Echo(WebSocketServerProtocol):
    def onMessage(self, payload, isBinary):
        if isBinary:
            self.sendClose(self.CLOSE_STATUS_CODE_NORMAL, "no binary")
        else:
            self.sendClose(code=4000)
