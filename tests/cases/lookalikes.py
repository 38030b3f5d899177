"""Look-alikes: none of these sends a close code, although the module imports WebSocket libraries."""

import os
import socket
import sqlite3
import sys

import aiohttp
import zmq
from autobahn.websocket.types import ConnectionDeny
from channels.generic.websocket import AsyncWebsocketConsumer
from fastapi import HTTPException, WebSocketDisconnect as FastAPIDisconnect
from starlette.websockets import WebSocketDisconnect
from tornado.websocket import WebSocketHandler
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed
from websockets.frames import Close
from websockets.server import ServerProtocol


def files(path: str) -> None:
    handle = open(path)
    handle.close()
    fd = os.open(path, os.O_RDONLY)
    os.close(fd)
    sock = socket.socket()
    sock.close()
    sock.close(0)
    db = sqlite3.connect(path)
    db.close()


def messaging() -> None:
    zmq_socket = zmq.Context().socket(zmq.PUB)
    zmq_socket.close(linger=0)


def leave() -> None:
    sys.exit(2)
    raise SystemExit(1006)


def http_errors(token: str) -> None:
    if not token:
        raise HTTPException(status_code=403, detail="forbidden")
    raise HTTPException(403)


def receive_side(code: int) -> None:
    if code:
        raise WebSocketDisconnect(code=1006)
    raise FastAPIDisconnect(1006, "gone")


def received_message() -> dict:
    return {"type": "websocket.disconnect", "code": 1006}


def closed_frame() -> None:
    raise ConnectionClosed(Close(1006, ""), None)


class Consumer(AsyncWebsocketConsumer):
    async def disconnect(self, code):
        if code == 1006:
            await self.log(code)

    async def log(self, code):
        print(code)


class Handler(WebSocketHandler):
    def on_close(self):
        if self.close_code == 1006:
            print(self.close_reason)


def on_close(ws, close_status_code, close_msg):
    if close_status_code == 1006:
        print(close_msg)


async def compare(ws: ServerConnection) -> None:
    if ws.close_code == 1006:
        print(ws.close_reason)
    codes = {1006: "abnormal"}
    print(codes[1006])


def fail_without_a_frame(protocol: ServerProtocol, websocket) -> None:
    protocol.fail(1006)
    protocol.fail(code=1006, reason="dropped")
    websocket.fail_connection(1006)
    websocket.fail_connection()


def process_request(connection, request):
    if request.path != "/":
        return connection.respond(403, "Forbidden\n")
    return connection.reject(404, "Not Found\n")


def deny(request):
    raise ConnectionDeny(403, "forbidden")


async def sessions(url: str) -> None:
    session = aiohttp.ClientSession()
    await session.close()
    async with aiohttp.ClientSession() as http:
        response = await http.get(url)
        response.close()
    connector = aiohttp.TCPConnector()
    await connector.close()


def not_a_receiver(server, transport, channel) -> None:
    server.close()
    transport.close()
    channel.close(1006)


async def annotated_otherwise(ws: sqlite3.Connection, websocket: "socket.socket") -> None:
    # Conventional names, but the annotation says these are not WebSockets.
    ws.close(1006)
    websocket.close(1006)
