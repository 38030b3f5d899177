from fastapi import WebSocket, status


async def endpoint(websocket: WebSocket):
    await websocket.close(1000)  # noqa: WSC201
    await websocket.close(1001)  # noqa
    await websocket.close(status.WS_1008_POLICY_VIOLATION)  # noqa: E501
    await websocket.close(1005)
