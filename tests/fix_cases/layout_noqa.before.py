from fastapi import WebSocket


async def endpoint(websocket: WebSocket):
    await websocket.close(1000)  # noqa: WSC201
    await websocket.close(1001)  # noqa
    await websocket.close(1008)  # noqa: E501
    await websocket.close(1005)
