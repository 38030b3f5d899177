"""What the libraries do with a code, as their sources show: Channels' close=0 closes
nothing (``if close:``), sanic's close(1006) drops TCP without a frame, wsproto's
CloseReason.NO_STATUS_RCVD itself sends an empty frame."""

from channels.generic.websocket import WebsocketConsumer
from sanic import Websocket
from wsproto import WSConnection
from wsproto.events import CloseConnection
from wsproto.frame_protocol import CloseReason


class Chat(WebsocketConsumer):
    def receive(self, text_data=None, bytes_data=None):
        self.send(text_data="bye", close=0)
        self.send(text_data="bye", close=False)
        self.send(text_data="bye", close=1006)  # expect: WSC101:42


async def stop(ws: Websocket, conn: WSConnection):
    await ws.close(1006)
    ws.end_connection(1006)
    await ws.close(1015)  # expect: WSC101:20
    conn.send(CloseConnection(code=CloseReason.NO_STATUS_RCVD))
    conn.send(CloseConnection(code=1005))  # expect: WSC101:36
