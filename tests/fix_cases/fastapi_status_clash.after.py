"""A module where ``status`` already means something else."""
from fastapi import FastAPI, WebSocket, status as ws_status

app = FastAPI()


@app.websocket("/ws")
async def endpoint(websocket: WebSocket):
    status = await websocket.receive_text()
    if status != "ok":
        await websocket.close(code=ws_status.WS_1003_UNSUPPORTED_DATA)
