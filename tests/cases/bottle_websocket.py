"""bottle-websocket hands gevent-websocket's WebSocket to the route as ``ws``."""

from bottle import get, run
from bottle_websocket import GeventWebSocketServer, websocket


@get("/websocket", apply=[websocket])
def echo(ws):
    message = ws.receive()
    if message is None:
        ws.close(1000)  # expect: WSC112:18
    ws.send(message)


def lookalike(reader):
    reader.close(1000)


run(host="127.0.0.1", port=8080, server=GeventWebSocketServer)
