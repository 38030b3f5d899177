from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import WebSocket, status


async def endpoint(websocket: WebSocket):
    await websocket.close(code=1008)
