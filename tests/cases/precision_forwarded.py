"""A forwarded value is an HTTP status only with evidence: the status of a caught
exception or of a response, not a parameter called status_code or an attribute .status."""

import aiohttp
from fastapi import HTTPException, WebSocket, status


async def close_with(websocket: WebSocket, status_code: int):
    await websocket.close(code=status_code)


async def handler(websocket: WebSocket, state):
    await close_with(websocket, status.WS_1008_POLICY_VIOLATION)
    await websocket.close(code=state.status)
    try:
        await websocket.accept()
    except HTTPException as exc:
        await close_with(websocket, exc.status_code)  # expect: WSC103:37
        await websocket.close(code=exc.status_code)  # expect: WSC103:36


def status_of(error: Exception) -> int:
    return getattr(error, "status_code", 500)


async def proxied(websocket: WebSocket, session: aiohttp.ClientSession, url: str):
    async with session.get(url) as response:
        await websocket.close(code=response.status)  # expect: WSC103:36
    try:
        await websocket.receive_text()
    except RuntimeError as error:
        code = status_of(error)
        await websocket.close(code=code)  # expect: WSC103:36
