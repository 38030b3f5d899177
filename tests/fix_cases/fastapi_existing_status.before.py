from fastapi import FastAPI, WebSocket, WebSocketException, status

app = FastAPI()


@app.websocket("/ws")
async def endpoint(websocket: WebSocket):
    if not websocket.headers.get("token"):
        raise WebSocketException(code=1008)
    await websocket.close(code=status.WS_1000_NORMAL_CLOSURE)
    await websocket.close(1001)
