from __future__ import annotations

from typing import TYPE_CHECKING
from fastapi import status as ws_status

if TYPE_CHECKING:
    from fastapi import WebSocket, status


async def endpoint(websocket: WebSocket):
    await websocket.close(code=ws_status.WS_1008_POLICY_VIOLATION)
