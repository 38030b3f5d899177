"""Codes followed one step beyond the library call: wrappers, their defaults and callers."""

import asyncio
from typing import Protocol

import aiohttp
from starlette.websockets import WebSocket as StarletteWebSocket


class Connection:
    """Wraps a Starlette WebSocket built from the ASGI triple (an aliased import)."""

    def __init__(self, scope, receive, send):
        self._ws = StarletteWebSocket(scope, receive=receive, send=send)

    async def close(self, code: int = 1000):  # expect: WSC201:39
        await self._ws.close(code=code)

    async def ensure_closed(self, code=1006):  # expect: WSC101:40
        await self.close(code=code)

    async def reject(self):
        await self.close(code=403)  # expect: WSC103:31

    async def shout(self, message):
        # Not a wrapper: the parameter is not the code.
        await self._ws.send_text(message)


async def view(connection: Connection, ok: bool):
    await connection.ensure_closed(4001)  # expect: WSC203:36
    code = 1000 if ok else 2500  # expect: WSC201:12, WSC104:28
    await connection.close(code)
    await connection.shout(1006)


async def one_off(scope, receive, send):
    # Built in place and called at once.
    await Connection(scope, receive, send).close(1006)  # expect: WSC101:50


class Client:
    """A WebSocket held in an attribute, opened in one method and closed in another."""

    async def connect(self, session: aiohttp.ClientSession, url):
        self.ws = await session.ws_connect(url)

    async def stop(self):
        await self.ws.close(code=4000)  # expect: WSC203:34

    async def log_close(self, code=1006):
        # The code is only printed, never sent: not a wrapper.
        print("closing", code)
        await self.ws.close()

    async def fail(self):
        await self.log_close(1006)


async def close_with(ws: aiohttp.ClientWebSocketResponse, code):
    await ws.close(code=code)


async def use_module_function(ws: aiohttp.ClientWebSocketResponse):
    await close_with(ws, 1015)  # expect: WSC101:26
    await close_with(ws, code=4002)  # expect: WSC203:31


on_close = lambda ws: close_with(ws, 4003)  # noqa: E731  # expect: WSC203:38
# A lambda's own parameter called: its scope's body is an expression, not statements.
call_it = lambda close_with, ws: close_with(ws, 1006)  # noqa: E731


class Heartbeat(Protocol):
    """An object annotated with a protocol may be any module class that implements it."""

    async def close(self, code: int) -> None: ...


class GatewaySocket:
    def __init__(self, socket: aiohttp.ClientWebSocketResponse):
        self.socket = socket

    async def close(self, code: int = 4000) -> None:  # expect: WSC203:39
        await self.socket.close(code=code)


class Keeper:
    def __init__(self, ws: Heartbeat):
        self.ws: Heartbeat = ws

    async def stop(self):
        await self.ws.close(1006)  # expect: WSC101:29


class Closeable(Protocol):
    def shut(self, code: int) -> None: ...


class Logger:
    def shut(self, code: int) -> None:
        print("shut", code)  # implements the protocol but sends nothing


def stop_logger(target: Closeable):
    target.shut(1006)


class Stream(asyncio.Protocol):
    """asyncio.Protocol is a base class, not typing.Protocol: no structural matching."""

    def close(self, code: int) -> None:
        ...


class Transport:
    def __init__(self, socket: aiohttp.ClientWebSocketResponse):
        self.socket = socket

    async def close(self, code: int = 4001) -> None:  # expect: WSC203:39
        await self.socket.close(code=code)


async def shut_stream(stream: Stream):
    await stream.close(1006)
