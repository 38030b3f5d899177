from starlette import status as http_status
from starlette.websockets import WebSocket


async def app(websocket: WebSocket):
    await websocket.close(code=http_status.WS_1009_MESSAGE_TOO_BIG)
    return http_status.HTTP_200_OK
