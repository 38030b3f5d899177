from starlette import status as http_status
from starlette.websockets import WebSocket


async def app(websocket: WebSocket):
    await websocket.close(code=1009)
    return http_status.HTTP_200_OK
