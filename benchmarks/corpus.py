"""The dense synthetic corpus: generated WebSocket handler modules, every one of which
sends several literal close codes that ``wscc`` reports and ``wscc-fix`` rewrites.

Django is the realistic corpus (almost no file there mentions a WebSocket library, so it
measures what wscc costs when there is nothing to do); this one measures the cost of real
work.  Each module is a handler for one library plus ordinary application code around it,
so that parsing is a realistic share of the cost.  The output is deterministic: the same
``count`` always gives the same files.
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

# Each template is a handler module for one library.  ``{n}`` makes names unique and the
# ``{c*}`` placeholders are literal close codes chosen per module from ``STANDARD`` or
# ``APPLICATION``.  Every template holds at least three literal sends.
TEMPLATES: dict[str, str] = {
    "fastapi": '''
        from fastapi import FastAPI, WebSocket, WebSocketException

        app = FastAPI()


        @app.websocket("/rooms/{n}")
        async def room_{n}(websocket: WebSocket):
            await websocket.accept()
            text = await websocket.receive_text()
            if not text:
                await websocket.close(code={c0})
                return
            if text == "bye":
                await websocket.close({c1}, reason="client said bye")
                return
            if len(text) > 4096:
                raise WebSocketException(code={c2})
            await websocket.send_text(text.upper())
    ''',
    "starlette": '''
        from starlette.applications import Starlette
        from starlette.routing import WebSocketRoute
        from starlette.websockets import WebSocket, WebSocketClose


        async def feed_{n}(websocket: WebSocket):
            await websocket.accept()
            async for message in websocket.iter_text():
                if message == "stop":
                    await websocket.close(code={c0})
                    return
                if message == "restart":
                    await websocket.close({c1})
                    return
            await websocket.close(code={c2}, reason="stream ended")


        async def refuse_{n}(scope, receive, send):
            response = WebSocketClose(code={c3})
            await response(scope, receive, send)


        app = Starlette(routes=[WebSocketRoute("/feed/{n}", feed_{n})])
    ''',
    "aiohttp": '''
        from aiohttp import WSMsgType, web


        async def chat_{n}(request):
            ws = web.WebSocketResponse()
            await ws.prepare(request)
            async for msg in ws:
                if msg.type == WSMsgType.TEXT and msg.data == "close":
                    await ws.close(code={c0}, message=b"bye")
                elif msg.type == WSMsgType.ERROR:
                    await ws.close(code={c1})
                elif len(msg.data) > 65536:
                    await ws.close(code={c2})
            return ws


        app = web.Application()
        app.router.add_get("/chat/{n}", chat_{n})
    ''',
    "websockets": '''
        import asyncio

        import websockets


        async def echo_{n}(websocket):
            async for message in websocket:
                if message == "quit":
                    await websocket.close({c0}, "quit")
                    return
                if message == "restart":
                    await websocket.close(code={c1})
                    return
                await websocket.send(message)
            await websocket.close({c2})


        async def main_{n}():
            async with websockets.serve(echo_{n}, "localhost", 8765):
                await asyncio.Future()
    ''',
    "wsproto": '''
        from wsproto import ConnectionType, WSConnection
        from wsproto.events import CloseConnection, Message


        def handle_{n}(connection: WSConnection, data: bytes) -> bytes:
            connection.receive_data(data)
            out = b""
            for event in connection.events():
                if isinstance(event, CloseConnection):
                    out += connection.send(CloseConnection(code={c0}))
                elif isinstance(event, Message) and event.data == "stop":
                    out += connection.send(CloseConnection(code={c1}, reason="stopped"))
                elif isinstance(event, Message) and not event.data:
                    out += connection.send(CloseConnection({c2}))
            return out


        CONNECTION_{n} = WSConnection(ConnectionType.SERVER)
    ''',
    "websocket-client": '''
        import websocket


        def poll_{n}(url: str) -> str:
            ws = websocket.create_connection(url)
            try:
                ws.send("ping")
                reply = ws.recv()
                if reply != "pong":
                    ws.close(status={c0})
                    return ""
                if len(reply) > 100:
                    ws.send_close({c1}, b"too long")
                    return ""
                return reply
            finally:
                ws.close(status={c2})
    ''',
    "litestar": '''
        from litestar import Litestar, WebSocket, websocket
        from litestar.exceptions import WebSocketException


        @websocket("/stream/{n}")
        async def stream_{n}(socket: WebSocket) -> None:
            await socket.accept()
            data = await socket.receive_json()
            if "token" not in data:
                await socket.close(code={c0})
                return
            if data.get("size", 0) > 1000:
                raise WebSocketException(detail="too big", code={c1})
            await socket.send_json(data)
            await socket.close(code={c2}, reason="done")


        app = Litestar([stream_{n}])
    ''',
    "autobahn": '''
        from autobahn.asyncio.websocket import WebSocketServerProtocol


        class EchoProtocol{n}(WebSocketServerProtocol):
            def onConnect(self, request):
                if not request.path.startswith("/echo"):
                    self.sendClose({a2})

            def onMessage(self, payload, isBinary):
                if isBinary:
                    self.sendClose(code={a0}, reason="text only")
                    return
                if payload == b"stop":
                    self.sendClose({a1})
                    return
                self.sendMessage(payload, isBinary)
    ''',
    "tornado": '''
        import tornado.web
        import tornado.websocket


        class EchoHandler{n}(tornado.websocket.WebSocketHandler):
            def open(self):
                if not self.get_argument("token", None):
                    self.close({c0}, "no token")

            def on_message(self, message):
                if message == "stop":
                    self.close(code={c1})
                    return
                if len(message) > 4096:
                    self.close({c2})
                    return
                self.write_message(message)


        def make_app_{n}():
            return tornado.web.Application([(r"/echo/{n}", EchoHandler{n})])
    ''',
    "channels": '''
        from channels.generic.websocket import AsyncJsonWebsocketConsumer, WebsocketConsumer


        class ChatConsumer{n}(WebsocketConsumer):
            def connect(self):
                if not self.scope.get("user"):
                    self.close(code={a0})
                    return
                self.accept()

            def receive(self, text_data=None, bytes_data=None):
                if text_data == "bye":
                    self.send(text_data="bye", close={a1})


        class FeedConsumer{n}(AsyncJsonWebsocketConsumer):
            async def receive_json(self, content, **kwargs):
                if "topic" not in content:
                    await self.close({a2})
    ''',
    "falcon": '''
        import falcon.asgi
        from falcon.asgi import WebSocket


        class FeedResource{n}:
            async def on_websocket(self, req, ws: WebSocket):
                await ws.accept()
                message = await ws.receive_text()
                if not message:
                    await ws.close({c0})
                    return
                if message == "stop":
                    await ws.close(code={c1})
                    return
                await ws.send_text(message)
                await ws.close({c2})


        app = falcon.asgi.App()
        app.add_route("/feed/{n}", FeedResource{n}())
        app.ws_options.error_close_code = {c3}
    ''',
    "sanic": '''
        from sanic import Sanic

        app = Sanic("app{n}")


        @app.websocket("/feed/{n}")
        async def feed_{n}(request, ws):
            message = await ws.recv()
            if message is None:
                await ws.close({c0})
                return
            if message == "stop":
                await ws.close(code={c1}, reason="stopped")
                return
            await ws.send(message)
            await ws.close({c2})
    ''',
    "asgi": '''
        async def app_{n}(scope, receive, send):
            if scope["type"] != "websocket":
                return
            event = await receive()
            if event["type"] == "websocket.connect":
                await send({{"type": "websocket.close", "code": {c0}}})
                return
            if event.get("text") == "stop":
                await send({{"type": "websocket.close", "code": {c1}, "reason": "stopped"}})
            await send({{"type": "websocket.close", "code": {c2}}})
    ''',
}

# Ordinary code around the handler: the share of a real module that is not WebSocket code.
FILLER = '''

        def summarise_{n}_{k}(records: list[dict]) -> dict[str, float]:
            """Totals and averages over a batch of records."""
            totals: dict[str, float] = {{}}
            counts: dict[str, int] = {{}}
            for record in records:
                key = str(record.get("kind", "unknown"))
                totals[key] = totals.get(key, 0.0) + float(record.get("value", 0))
                counts[key] = counts.get(key, 0) + 1
            return {{key: totals[key] / counts[key] for key in totals if counts[key]}}


        class Buffer{n}_{k}:
            def __init__(self, limit: int = {limit}) -> None:
                self.limit = limit
                self.items: list[str] = []

            def push(self, item: str) -> bool:
                if len(self.items) >= self.limit:
                    self.items.pop(0)
                self.items.append(item)
                return len(self.items) == self.limit

            def drain(self) -> list[str]:
                items, self.items = self.items, []
                return items
'''

#: Standard codes that every library with constants can name (1000, 1001, 1008, 1011).
STANDARD = (1000, 1001, 1002, 1003, 1007, 1008, 1009, 1011, 1012, 1013)
#: Codes that Channels and Autobahn accept at run time: 1000 and 3000–4999.
APPLICATION = (1000, 4000, 4001, 4003, 4004, 4008, 4029, 3000, 3003, 3008)


def module_source(library: str, n: int, rng: random.Random) -> str:
    codes = {f"c{i}": rng.choice(STANDARD) for i in range(4)}
    codes.update({f"a{i}": rng.choice(APPLICATION) for i in range(3)})
    parts = [textwrap.dedent(TEMPLATES[library]).format(n=n, **codes)]
    for k in range(rng.randint(1, 3)):
        parts.append(textwrap.dedent(FILLER).format(n=n, k=k, limit=rng.choice((16, 64, 256))))
    return "".join(parts).lstrip()


def build(directory: Path, count: int, seed: int = 6455) -> list[Path]:
    """Write ``count`` handler modules into ``directory`` (one package per library)."""
    rng = random.Random(seed)
    libraries = sorted(TEMPLATES)
    written = []
    for n in range(count):
        library = libraries[n % len(libraries)]
        package = directory / library.replace("-", "_")
        package.mkdir(parents=True, exist_ok=True)
        path = package / f"handler_{n:04d}.py"
        path.write_text(module_source(library, n, rng), encoding="utf-8")
        written.append(path)
    return written
