from fastapi import FastAPI, WebSocket, status

app = FastAPI()


@app.websocket("/ws")
async def endpoint(websocket: WebSocket, status: str = "ok"):
    await websocket.close(1008)


@app.websocket("/other")
async def other(websocket: WebSocket):
    await websocket.close(1008)
