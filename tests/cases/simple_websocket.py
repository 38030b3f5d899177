"""simple-websocket and flask-sock: ``reason=`` is the numeric code, ``message=`` the text."""

import simple_websocket
from flask import Flask, request
from flask_sock import Sock
from simple_websocket import Client, Server

app = Flask(__name__)
sock = Sock(app)


@sock.route("/echo")
def echo(ws):
    ws.close(reason=1006)  # expect: WSC101:21
    ws.close(1006, "bye")  # expect: WSC101:14
    ws.close(reason=1000, message="bye")  # expect: WSC201:21
    ws.close(reason=4000, message="0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123")  # expect: WSC203:21, WSC106:35
    ws.close(1010)  # expect: WSC105:14
    ws.close()
    ws.close(reason=None)
    ws.close(0)


@app.route("/plain")
def plain(ws):
    # A Flask route, not a flask-sock one: no evidence that this is a WebSocket.
    ws.close(1006)


@app.route("/raw")
def raw():
    conn = Server(request.environ)
    conn.close(reason=1015)  # expect: WSC101:23
    accepted = simple_websocket.Server.accept(request.environ)
    accepted.close(2000)  # expect: WSC104:20
    return ""


def client() -> None:
    peer = Client.connect("ws://localhost:5000/echo")
    peer.close(reason=1010)  # expect: WSC201:23
    other = simple_websocket.Client("ws://localhost:5000/echo")
    other.close(1004)  # expect: WSC102:17


def annotated(server_ws: Server) -> None:
    server_ws.close(reason=1008)  # expect: WSC201:28
