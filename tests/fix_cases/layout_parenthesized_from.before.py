from fastapi import (
    APIRouter,
    WebSocket,
)

router = APIRouter()


@router.websocket("/ws")
async def endpoint(websocket: WebSocket):
    await websocket.close(1000)
