from litestar import WebSocket, websocket
from litestar.status_codes import WS_1000_NORMAL_CLOSURE, WS_1008_POLICY_VIOLATION


@websocket("/ws")
async def handler(socket: WebSocket) -> None:
    await socket.accept()
    await socket.close(code=WS_1008_POLICY_VIOLATION)
    await socket.close(code=WS_1000_NORMAL_CLOSURE)
