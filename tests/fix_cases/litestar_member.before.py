from litestar import WebSocket, websocket
from litestar.status_codes import WS_1000_NORMAL_CLOSURE


@websocket("/ws")
async def handler(socket: WebSocket) -> None:
    await socket.accept()
    await socket.close(code=1008)
    await socket.close(code=WS_1000_NORMAL_CLOSURE)
