from litestar import WebSocket, websocket
from litestar.status_codes import WS_1011_INTERNAL_ERROR


@websocket("/ws")
async def handler(socket: WebSocket) -> None:
    await socket.close(code=WS_1011_INTERNAL_ERROR)
