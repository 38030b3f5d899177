"""FastAPI: starlette's API under FastAPI's names, routes and status constants."""

from http import HTTPStatus

from fastapi import APIRouter, FastAPI, WebSocket, WebSocketDisconnect, WebSocketException, status
from fastapi import status as fastapi_status

app = FastAPI()
router = APIRouter()


@app.websocket("/ws")
async def feed(websocket):
    await websocket.accept()
    await websocket.close(code=1006)  # expect: WSC101:32
    await websocket.close(code=status.WS_1006_ABNORMAL_CLOSURE)  # expect: WSC101:32
    await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
    await websocket.close(code=fastapi_status.WS_1011_INTERNAL_ERROR)
    await websocket.close(code=1011)  # expect: WSC201:32
    await websocket.close(code=status.HTTP_403_FORBIDDEN)  # expect: WSC103:32
    await websocket.close(code=HTTPStatus.UNAUTHORIZED)  # expect: WSC103:32
    await websocket.close(code=HTTPStatus.FORBIDDEN.value)  # expect: WSC103:32
    await websocket.close(code=401)  # expect: WSC103:32
    await websocket.close(code=4403)  # expect: WSC203:32


@router.websocket("/items")
async def items(ws: WebSocket, token: str | None = None):
    if token is None:
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION)
    if token == "":
        raise WebSocketException(code=1008)  # expect: WSC201:39
    if token == "bad":
        raise WebSocketException(status.WS_1005_NO_STATUS_RCVD)  # expect: WSC101:34
    await ws.close(1010)  # expect: WSC105:20
    # Receive side.
    raise WebSocketDisconnect(code=1006)


@app.websocket("/named")
async def named(client_socket: WebSocket):
    await client_socket.close(2000)  # expect: WSC104:31


@app.get("/http")
async def http_route(websocket):
    # Not a WebSocket route, but the conventional name in a FastAPI module still counts.
    await websocket.close(1006)  # expect: WSC101:27


async def added_route(peer):
    await peer.close(1006)  # expect: WSC101:22


@app.websocket_route("/old")
async def old_style(peer):
    await peer.close(1015)  # expect: WSC101:22


app.add_api_websocket_route("/added", added_route)
