"""Quart: the ``websocket`` context-local proxy (code is required)."""

import quart
from quart import Quart, websocket
from quart import websocket as ws_proxy

app = Quart(__name__)


@app.websocket("/ws")
async def feed():
    await websocket.accept()
    await websocket.close(1006)  # expect: WSC101:27
    await websocket.close(1000, "bye")  # expect: WSC202:27
    await websocket.close(code=4000)  # expect: WSC203:32
    await ws_proxy.close(1015)  # expect: WSC101:26
    await quart.websocket.close(1004)  # expect: WSC102:33
    await websocket.close(1010)  # expect: WSC105:27


@app.route("/")
async def index():
    return "hello"
