from lilya.exceptions import WebSocketException
from lilya.websockets import WebSocket
from lilya import status


async def endpoint(websocket: WebSocket):
    await websocket.close(code=status.WS_1001_GOING_AWAY)
    raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION)
