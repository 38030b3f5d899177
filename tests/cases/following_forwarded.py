# flake8-args: --extend-select WSC111
"""Values forwarded into a close code: HTTP statuses (WSC103) and the peer's code (opt-in WSC111)."""

import http

import websockets
from fastapi import HTTPException, WebSocket, WebSocketDisconnect


async def endpoint(websocket: WebSocket, processor):
    try:
        await websocket.accept()
    except HTTPException as exc:
        await websocket.close(code=exc.status_code)  # expect: WSC103:36
    try:
        await websocket.receive_text()
    except WebSocketDisconnect as gone:
        await websocket.close(code=gone.code)  # expect: WSC111:36
    await websocket.close(code=websocket.close_code)  # expect: WSC111:32
    # An application's own attribute called close_code is not the peer's code.
    await websocket.close(code=processor.close_code)
    await websocket.close(code=http.HTTPStatus.FORBIDDEN)  # expect: WSC103:32


async def proxy(upstream: websockets.ClientConnection, response, status_code, session, health_url):
    # Names alone are no evidence of an HTTP status: a parameter called status_code, an
    # attribute .status of an unknown object.
    await upstream.close(code=response.status)
    await upstream.close(code=status_code)
    reply = await session.get(health_url)
    await upstream.close(code=reply.status)  # expect: WSC103:31
    try:
        await upstream.recv()
    except websockets.ConnectionClosed as closed:
        await upstream.close(code=closed.rcvd.code)  # expect: WSC111:35
