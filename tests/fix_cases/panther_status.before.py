from panther.websocket import GenericWebsocket, close_websocket_connection


class Chat(GenericWebsocket):
    async def connect(self):
        await self.close(1003)


async def kick(connection_id):
    await close_websocket_connection(connection_id, 1013)
