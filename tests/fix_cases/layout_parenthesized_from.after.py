from fastapi import (
    APIRouter,
    WebSocket,
    status,
)

router = APIRouter()


@router.websocket("/ws")
async def endpoint(websocket: WebSocket):
    await websocket.close(status.WS_1000_NORMAL_CLOSURE)
