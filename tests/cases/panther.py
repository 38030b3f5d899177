"""panther: self.close in GenericWebsocket subclasses, close_websocket_connection(id, code)."""

from panther import status
from panther.websocket import GenericWebsocket, close_websocket_connection


class Chat(GenericWebsocket):
    async def connect(self):
        await self.accept()
        await self.close(1008)  # expect: WSC201:26
        await self.close(code=status.WS_1000_NORMAL_CLOSURE)
        await self.close(1006, reason="x")  # expect: WSC101:26


async def kick(connection_id):
    await close_websocket_connection(connection_id, 1015)  # expect: WSC101:53
    await close_websocket_connection(connection_id, code=4001)  # expect: WSC203:58
    await close_websocket_connection(connection_id, 1011)  # expect: WSC201:53
