"""A module where ``status`` already means something else."""
from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/ws")
async def endpoint(websocket: WebSocket):
    status = await websocket.receive_text()
    if status != "ok":
        await websocket.close(code=1003)
