"""ws4py: ``close(0|None, reason)`` sends the reason without a code (WSC112 for None, WSC103 for 0)."""

from ws4py.client.threadedclient import WebSocketClient
from ws4py.manager import WebSocketManager
from ws4py.websocket import WebSocket


class Echo(WebSocket):
    def received_message(self, message):
        self.close(None, "bye")  # expect: WSC112:20
        self.close(0, "bye")  # expect: WSC103:20
        self.close(None)
        self.close(4000, reason="private")  # expect: WSC203:20
        self.close(1005)  # expect: WSC101:20
        self.close()

    def closed(self, code, reason=None):
        if code == 1006:
            print(reason)


class Client(WebSocketClient):
    def opened(self):
        self.close(code=1001)  # expect: WSC202:25


client = WebSocketClient("ws://localhost:9000/")
client.connect()
client.close(1011, "x")  # expect: WSC202:14
manager = WebSocketManager()
manager.close_all(code=1006, message="shutting down")  # expect: WSC101:24
