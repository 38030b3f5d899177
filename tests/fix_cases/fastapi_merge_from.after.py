from fastapi import FastAPI, WebSocket, status

app = FastAPI()


@app.websocket("/ws")
async def endpoint(websocket: WebSocket):
    await websocket.accept()
    await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason="no token")
    await websocket.close(status.WS_1011_INTERNAL_ERROR)
