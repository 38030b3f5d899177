"""Tornado: WebSocketHandler.close (server) and WebSocketClientConnection.close (client)."""

import tornado.websocket
from tornado.websocket import WebSocketClientConnection, WebSocketHandler, websocket_connect


class Echo(WebSocketHandler):
    def open(self):
        self.close(1006)  # expect: WSC101:20
        self.close(1011, "internal")  # expect: WSC202:20
        self.close(code=4000, reason="private")  # expect: WSC203:25
        self.close(1010)  # expect: WSC105:20
        self.close()

    def on_close(self):
        if self.close_code == 1006:
            return


class Qualified(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        self.close(1005)  # expect: WSC101:20


class Middle(WebSocketHandler):
    pass


class Leaf(Middle):
    def on_message(self, message):
        self.close(2000)  # expect: WSC104:20


async def client(url: str) -> None:
    conn = await websocket_connect(url)
    conn.close(1006)  # expect: WSC101:16
    conn.close(1010)  # expect: WSC202:16
    other = await tornado.websocket.websocket_connect(url)
    other.close(code=1015)  # expect: WSC101:22


def annotated(link: WebSocketClientConnection) -> None:
    link.close(1004)  # expect: WSC102:16


class Handler:
    """Not a WebSocketHandler: its close is not a WebSocket close."""

    def close(self, code=None):
        pass

    def done(self):
        self.close(1006)
