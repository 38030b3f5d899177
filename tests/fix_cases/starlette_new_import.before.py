from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket


async def endpoint(websocket: WebSocket):
    await websocket.close(1012)


routes = [WebSocketRoute("/ws", endpoint)]
