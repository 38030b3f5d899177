from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket
from starlette import status


async def endpoint(websocket: WebSocket):
    await websocket.close(status.WS_1012_SERVICE_RESTART)


routes = [WebSocketRoute("/ws", endpoint)]
