"""websockify: close/shutdown (code at position 2)/send_close, and raise self.CClose(code,
reason) in its request handlers; no check at run time."""

import socket

import websockify
from websockify import ProxyRequestHandler
from websockify.websocketserver import WebSocketRequestHandler
from websockify.websockifyserver import WebSockifyRequestHandler


class Handler(WebSocketRequestHandler):
    def handle_websocket(self):
        self.request.close(1005, "bye")  # expect: WSC101:28
        self.request.shutdown(socket.SHUT_RDWR, 4000)  # expect: WSC203:49


class Proxy(WebSockifyRequestHandler):
    def new_websocket_client(self):
        self.send_close(1011, "upstream")  # expect: WSC202:25
        self.send_close(code=1006)  # expect: WSC101:30
        raise self.CClose(1006, "upstream vanished")  # expect: WSC101:27


class Proxied(ProxyRequestHandler):
    GONE = 1006

    def new_websocket_client(self):
        try:
            self.do_proxy(None)
        except OSError as exc:
            raise self.CClose(1011, "upstream failed") from exc  # expect: WSC202:31
        closing = self.CClose(self.GONE, "closed")  # expect: WSC101:31
        raise closing

    def relay(self, closed):
        raise self.CClose(closed["code"], closed["reason"])

    def refuse(self):
        raise self.CClose(4000)  # expect: WSC112:27

    def validate_connection(self):
        if self.path != "/websockify":
            raise self.CClose(1008, "before the handshake: the connection drops, nothing is sent")

    def auth_connection(self):
        def deny():
            raise self.CClose(1006, "also before the handshake")

        deny()

    def keywords(self):
        raise self.CClose(code=1006, reason="Exception takes no keywords: a TypeError, no close")

    def not_raised(self):
        self.CClose(1006, "built, never raised: nothing is sent")
        return [self.CClose(1005, "data")]


class Plain(WebSocketRequestHandler):
    def handle_websocket(self):
        raise self.CClose(1006, "WebSocketRequestHandler has no CClose")


class Unrelated:
    class CClose(Exception):
        pass

    def run(self):
        raise self.CClose(1006, "not websockify's")


def client():
    ws = websockify.WebSocket()
    ws.connect("ws://localhost:5900")
    ws.close(1000)  # expect: WSC202:14
    ws.shutdown(socket.SHUT_RDWR, code=1015)  # expect: WSC101:40
    if ws.close_code == 1006:
        print(ws.close_reason)
