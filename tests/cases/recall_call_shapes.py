"""Close calls written in other shapes: deferred, looked up by name, kept in a variable,
through @overload'ed or *args-forwarding wrappers."""

import asyncio
import functools
import threading
from typing import overload

import websocket
from fastapi import WebSocket
from tornado.websocket import WebSocketHandler


async def deferred(ws: WebSocket, loop: asyncio.AbstractEventLoop):
    closer = functools.partial(ws.close, code=1006)  # expect: WSC101:47
    await closer()
    await getattr(ws, "close")(1006)  # expect: WSC101:32
    close = ws.close
    await close(1015)  # expect: WSC101:17
    await asyncio.to_thread(ws.close, 1005)  # expect: WSC101:39
    loop.call_soon(ws.close, 4000)  # expect: WSC203:30


class Handler(WebSocketHandler):
    def open(self):
        self.io_loop.call_later(300, self.close, 1006)  # expect: WSC101:50


def client(url: str):
    conn = websocket.create_connection(url)
    timer = threading.Timer(5.0, conn.close, kwargs={"status": 1006})  # expect: WSC101:64
    timer.start()
    threading.Thread(target=conn.close, args=(1015,)).start()  # expect: WSC101:47


class Session:
    def __init__(self, websocket: WebSocket):
        self.websocket = websocket

    @overload
    async def end(self, code: int) -> None: ...
    @overload
    async def end(self, code: str) -> None: ...
    async def end(self, code):
        await self.websocket.close(code=code)

    async def stop(self, *args, **kwargs):
        await self.websocket.close(*args, **kwargs)


async def use(session: Session):
    await session.end(1006)  # expect: WSC101:23
    await session.stop(1006)  # expect: WSC101:24
    await session.stop(code=1015)  # expect: WSC101:29
