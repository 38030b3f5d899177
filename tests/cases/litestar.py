"""Litestar: socket.close, WebSocketException and WebSocketDisconnect (which sends its code)."""

from litestar import WebSocket, websocket
from litestar.exceptions import WebSocketDisconnect, WebSocketException, HTTPException
from litestar.status_codes import WS_1008_POLICY_VIOLATION, WS_1005_NO_STATUS_RECEIVED, HTTP_403_FORBIDDEN
from litestar import status_codes


@websocket("/")
async def handler(socket: WebSocket) -> None:
    await socket.accept()
    await socket.close(1006)  # expect: WSC101:24
    await socket.close(code=WS_1005_NO_STATUS_RECEIVED)  # expect: WSC101:29
    await socket.close(code=WS_1008_POLICY_VIOLATION)
    await socket.close(code=status_codes.WS_1011_INTERNAL_ERROR, reason="boom")
    await socket.close(1008)  # expect: WSC201:24
    await socket.close(HTTP_403_FORBIDDEN)  # expect: WSC103:24
    await socket.close(4001)  # expect: WSC203:24


@websocket("/plain")
async def plain(socket) -> None:
    await socket.close(1015)  # expect: WSC101:24


def guard(token: str) -> None:
    if not token:
        raise WebSocketException(detail="no token", code=1006)  # expect: WSC101:58
    if token == "x":
        raise WebSocketException(detail="bad", code=4401)  # expect: WSC203:53
    if token == "y":
        # Positional arguments go to *args: not a code.
        raise WebSocketException(1006, detail="bad")
    if token == "z":
        raise WebSocketDisconnect(detail="bye", code=1005)  # expect: WSC101:54
    if token == "w":
        raise WebSocketDisconnect(detail="bye", code=WS_1008_POLICY_VIOLATION)
    raise HTTPException(status_code=403, detail="forbidden")
