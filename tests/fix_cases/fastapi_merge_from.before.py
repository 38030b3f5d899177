from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/ws")
async def endpoint(websocket: WebSocket):
    await websocket.accept()
    await websocket.close(code=1008, reason="no token")
    await websocket.close(1011)
