from lilya.exceptions import WebSocketException
from lilya.websockets import WebSocket


async def endpoint(websocket: WebSocket):
    await websocket.close(code=1001)
    raise WebSocketException(code=1008)
