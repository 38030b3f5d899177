"""A library exception's subclass sends the code its __init__ forwards, when raised."""

from unittest import mock

from fastapi import WebSocket, WebSocketException


class Kicked(WebSocketException):
    def __init__(self, code: int = 4000, reason: str = "kicked"):  # expect: WSC203:36
        super().__init__(code=code, reason=reason)


class Banned(WebSocketException):
    pass


class Fixed(WebSocketException):
    def __init__(self):
        super().__init__(code=1011)  # expect: WSC201:31


async def handler(websocket: WebSocket):
    if websocket.query_params.get("spam"):
        raise Kicked(1006)  # expect: WSC101:22
    if websocket.query_params.get("ban"):
        raise Banned(code=1015)  # expect: WSC101:27
    side_effect = Kicked(1006)  # built, never raised: data
    mock.AsyncMock(side_effect=Banned(code=1006))
    raise Fixed()
