from autobahn.asyncio.websocket import WebSocketServerProtocol


class Echo(WebSocketServerProtocol):
    def onMessage(self, payload, isBinary):
        if isBinary:
            self.sendClose(1000, "no binary")
        else:
            self.sendClose(code=4000)
