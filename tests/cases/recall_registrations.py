"""Handlers registered in other ways, and objects obtained through wrappers."""

import contextlib

import falcon.asgi
import websocket
from quart import websocket as quart_websocket
from sanic import Sanic
from tornado import gen
from tornado.websocket import websocket_connect

app = Sanic("demo")


async def feed(request, ws):
    await ws.close(1015)  # expect: WSC101:20


app.add_websocket_route(feed, "/feed")


class Resource:
    async def on_websocket_stream(self, req, ws):
        await ws.close(1006)  # expect: WSC101:24


async def quart_handler():
    current = quart_websocket._get_current_object()
    await current.close(1006)  # expect: WSC101:25


@gen.coroutine
def tornado_client(url):
    conn = yield websocket_connect(url)
    conn.close(1006)  # expect: WSC101:16


def on_message(app, message):
    app.close(status=1006)  # expect: WSC101:22


def start(url):
    runner = websocket.WebSocketApp(url, on_message=on_message, on_error=lambda sock, error: sock.close(status=1015))  # expect: WSC101:112
    with contextlib.closing(websocket.create_connection(url)) as conn:
        conn.close(1005)  # expect: WSC101:20
    return runner
