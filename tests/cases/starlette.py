"""Starlette: WebSocket.close, WebSocketClose, WebSocketException, endpoints and routes."""

from starlette import status
from starlette.endpoints import WebSocketEndpoint
from starlette.exceptions import WebSocketException
from starlette.routing import WebSocketRoute
from starlette.status import WS_1006_ABNORMAL_CLOSURE, WS_1008_POLICY_VIOLATION
from starlette.websockets import WebSocket, WebSocketClose, WebSocketDisconnect
import starlette.status as st


async def endpoint(websocket: WebSocket) -> None:
    await websocket.accept()
    await websocket.close(code=1006)  # expect: WSC101:32
    await websocket.close(status.WS_1005_NO_STATUS_RCVD)  # expect: WSC101:27
    await websocket.close(WS_1006_ABNORMAL_CLOSURE)  # expect: WSC101:27
    await websocket.close(st.WS_1015_TLS_HANDSHAKE)  # expect: WSC101:27
    await websocket.close(WS_1008_POLICY_VIOLATION)
    await websocket.close(status.WS_1008_POLICY_VIOLATION, reason="policy")
    await websocket.close(1008)  # expect: WSC201:27
    await websocket.close(status.HTTP_403_FORBIDDEN)  # expect: WSC103:27
    await websocket.close(1010)  # expect: WSC105:27
    await websocket.close(code=4001, reason="auth")  # expect: WSC203:32


async def routed(sock):
    await sock.close(1006)  # expect: WSC101:22


class Echo(WebSocketEndpoint):
    async def on_connect(self, websocket):
        await websocket.close(1002)  # expect: WSC201:31

    async def on_receive(self, peer, data):
        await peer.close(1003)  # expect: WSC201:26

    async def on_disconnect(self, websocket, close_code):
        if close_code == 1006:
            return


async def app(scope, receive, send):
    response = WebSocketClose(1006)  # expect: WSC101:31
    await response(scope, receive, send)
    await WebSocketClose(code=3003, reason="forbidden")(scope, receive, send)  # expect: WSC203:31
    await WebSocketClose()(scope, receive, send)


def guard(token: str) -> None:
    if not token:
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION)
    if token == "x":
        raise WebSocketException(1006)  # expect: WSC101:34
    if token == "y":
        raise WebSocketException(403, reason="forbidden")  # expect: WSC103:34
    # Receive side: raising it sends nothing.
    raise WebSocketDisconnect(code=1006)


routes = [WebSocketRoute("/ws", routed), WebSocketRoute("/echo", Echo)]


async def keyword_routed(peer):
    await peer.close(1006)  # expect: WSC101:22


async def added(peer):
    await peer.close(1005)  # expect: WSC101:22


keyword_routes = [WebSocketRoute("/kw", endpoint=keyword_routed)]


def mount(router) -> None:
    router.add_websocket_route("/added", added)


Socket = WebSocket
MaybeSocket = WebSocket | None


async def aliased(peer: Socket, other: MaybeSocket, ws: "Socket"):
    await peer.close(1006)  # expect: WSC101:22
    await other.close(1005)  # expect: WSC101:23
    await ws.close(1015)  # expect: WSC101:20
