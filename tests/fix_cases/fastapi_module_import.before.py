import fastapi

app = fastapi.FastAPI()


@app.websocket("/ws")
async def endpoint(websocket: fastapi.WebSocket):
    await websocket.close(1013)
