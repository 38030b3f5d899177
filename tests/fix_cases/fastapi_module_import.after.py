import fastapi

app = fastapi.FastAPI()


@app.websocket("/ws")
async def endpoint(websocket: fastapi.WebSocket):
    await websocket.close(fastapi.status.WS_1013_TRY_AGAIN_LATER)
