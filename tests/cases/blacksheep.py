"""BlackSheep: ``@app.router.ws`` / ``@ws`` handlers."""

from blacksheep import Application, WebSocket, ws

app = Application()


@app.router.ws("/ws")
async def feed(websocket: WebSocket):
    await websocket.accept()
    await websocket.close(1006)  # expect: WSC101:27
    await websocket.close(1008, "policy")  # expect: WSC202:27
    await websocket.close(code=4000)  # expect: WSC203:32


@ws("/other")
async def other(sock):
    await sock.close(1005)  # expect: WSC101:22


@app.router.ws("/third")
async def third(connection):
    await connection.close(2000)  # expect: WSC104:28
