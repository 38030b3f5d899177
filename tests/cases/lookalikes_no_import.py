"""No WebSocket library is imported here: ``.close(code)`` is somebody else's close."""


async def handler(websocket, ws, conn):
    await websocket.close(1006)
    await ws.close(code=1005)
    await conn.close(4000)


class Socket:
    def close(self, code=1000):
        pass


def main() -> None:
    Socket().close(1006)
