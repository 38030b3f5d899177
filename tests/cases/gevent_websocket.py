"""gevent-websocket 0.10 ignores the close code (WSC112), whatever reaches it: environ,
flask-sockets routes, WebSocketApplication's ``self.ws``."""

from flask import Flask, request
from flask_sockets import Sockets
from geventwebsocket.resource import WebSocketApplication

app = Flask(__name__)
sockets = Sockets(app)


@sockets.route("/echo")
def echo(socket):
    socket.close(4000, "bye")  # expect: WSC112:18
    socket.close(code=1000)  # expect: WSC112:23
    socket.close()
    socket.close(1006)  # expect: WSC101:18


@app.route("/plain")
def plain():
    ws = request.environ.get("wsgi.websocket")
    ws.close(1000)  # expect: WSC112:14
    return ""


def wsgi_app(environ, start_response):
    environ["wsgi.websocket"].close(4001, "x")  # expect: WSC112:37
    ws = environ["wsgi.websocket"]
    ws.close(1008)  # expect: WSC112:14
    while not ws.closed:
        ws.receive()


class Chat(WebSocketApplication):
    def on_message(self, message):
        self.ws.close(1000)  # expect: WSC112:23

    def on_close(self, reason):
        print(reason)


def look_alikes(environ):
    codes = {"wsgi.version": (1, 0)}
    codes["close"] = 1006
    handler = environ.get("wsgi.input")
    handler.close()
