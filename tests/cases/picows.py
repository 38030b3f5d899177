"""picows: ``transport.send_close(close_code=...)`` and its websockets-like compat layer."""

import picows
from picows import WSCloseCode, WSListener, WSTransport, ws_connect
from picows.websockets import connect


class Listener(WSListener):
    def on_ws_connected(self, transport: WSTransport):
        transport.send_close(WSCloseCode.ABNORMAL_CLOSURE)  # expect: WSC101:30
        transport.send_close(close_code=1006)  # expect: WSC101:41
        transport.send_close(close_code=WSCloseCode.OK)
        transport.send_close(WSCloseCode.NO_INFO)  # expect: WSC103:30
        transport.send_close(1011, b"boom")  # expect: WSC201:30
        transport.send_close(70000)  # expect: WSC103:30
        transport.send_close()
        transport.disconnect()

    def on_ws_frame(self, transport, frame):
        transport.send_close(close_code=1005)  # expect: WSC101:41

    def on_ws_disconnected(self, tr):
        tr.send_close(1015)  # expect: WSC101:23


async def compat(uri: str) -> None:
    async with connect(uri) as conn:
        await conn.close(1006)  # expect: WSC101:26
        await conn.close(code=picows.WSCloseCode.GOING_AWAY)


async def main() -> None:
    transport, listener = await ws_connect(Listener, "ws://localhost:9001")
    transport.send_close(4000)  # expect: WSC203:26
