"""lilya and ravyn: starlette's API with lilya.status constants."""

from lilya import status
from lilya.exceptions import WebSocketException
from lilya.websockets import WebSocket, WebSocketClose, WebSocketDisconnect
from ravyn import WebSocket as RavynWebSocket


async def endpoint(websocket: WebSocket):
    await websocket.accept()
    try:
        await websocket.receive_text()
    except WebSocketDisconnect as exc:
        if exc.code == 1006:
            return
    await websocket.close(1008)  # expect: WSC201:27
    await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
    await websocket.close(1005)  # expect: WSC101:27
    raise WebSocketException(code=1011)  # expect: WSC201:35


async def ravyn_endpoint(socket: RavynWebSocket):
    await socket.close(4000)  # expect: WSC203:24
    return WebSocketClose(code=1000)  # expect: WSC201:32
