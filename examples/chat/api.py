"""The public chat endpoint (FastAPI)."""

from fastapi import FastAPI, WebSocket, WebSocketDisconnect, status

app = FastAPI()

# Private close codes agreed with the web client.
AUTH_REQUIRED = 4001
ROOM_FULL = 4002


async def authenticate(websocket: WebSocket) -> str | None:
    return websocket.headers.get("x-user")


@app.websocket("/rooms/{room}")
async def room(websocket: WebSocket, room: str):
    await websocket.accept()
    user = await authenticate(websocket)
    if user is None:
        await websocket.close(code=AUTH_REQUIRED, reason="log in first")
        return
    if room == "admin":
        # An HTTP status is not a close code.
        await websocket.close(code=403)
        return
    try:
        while True:
            message = await websocket.receive_text()
            if len(message) > 4096:
                await websocket.close(code=1009)
                return
            await websocket.send_text(f"{user}: {message}")
    except WebSocketDisconnect:
        pass
    except Exception:
        # 1006 must never be sent: a browser would report a dropped connection.
        await websocket.close(code=1006)


@app.websocket("/health")
async def health(websocket: WebSocket):
    await websocket.accept()
    await websocket.close(code=status.WS_1000_NORMAL_CLOSURE)
