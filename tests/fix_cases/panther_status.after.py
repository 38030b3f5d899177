from panther.websocket import GenericWebsocket, close_websocket_connection
from panther import status


class Chat(GenericWebsocket):
    async def connect(self):
        await self.close(status.WS_1003_UNSUPPORTED_DATA)


async def kick(connection_id):
    await close_websocket_connection(connection_id, status.WS_1013_TRY_AGAIN_LATER)
