"""websockify: close/shutdown (code at position 2)/send_close; no check at run time."""

import socket

import websockify
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


def client():
    ws = websockify.WebSocket()
    ws.connect("ws://localhost:5900")
    ws.close(1000)  # expect: WSC202:14
    ws.shutdown(socket.SHUT_RDWR, code=1015)  # expect: WSC101:40
    if ws.close_code == 1006:
        print(ws.close_reason)
