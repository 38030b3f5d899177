from litestar import WebSocket, websocket


@websocket("/ws")
async def handler(socket: WebSocket) -> None:
    await socket.close(code=1011)
