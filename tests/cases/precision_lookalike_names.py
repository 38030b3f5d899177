"""Conventional names give way to contrary evidence: another library whose objects go
by that name, a call that does not fit the library's method, a comprehension's own
variable."""

import pika
import zmq
from fastapi import WebSocket


def stop_consuming(connection):
    connection.close(200, "Normal shutdown")
    connection.close(reply_code=200, reply_text="Normal shutdown")


def stop_socket(socket):
    socket.close(0)
    socket.close(linger=0)


async def handler(websocket: WebSocket, conn, peers):
    await websocket.close(1006)  # expect: WSC101:27
    # The comprehension's ``websocket`` is an element of ``peers``, not the handler's.
    [websocket.close(1006) for websocket in peers]
    [c.close(4000) for c in peers]


def setup(broker: pika.BlockingConnection, context: zmq.Context):
    return broker, context
