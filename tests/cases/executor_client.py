"""Objects and codes handed to executors: fastapi-websocket-rpc's client shape."""

import asyncio
import websocket


class Client:
    async def start(self, uri):
        loop = asyncio.get_running_loop()
        self._ws = await loop.run_in_executor(None, websocket.create_connection, uri)

    async def stop(self):
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self._ws.close, 1006)  # expect: WSC101:58
