"""Django Channels consumers: close(code), send(close=code), send_json(close=code)."""

from channels.generic.websocket import (
    AsyncJsonWebsocketConsumer,
    AsyncWebsocketConsumer,
    JsonWebsocketConsumer,
    WebsocketConsumer,
)
from websockets.frames import CloseCode

APP_CLOSE = 4000


class Chat(AsyncWebsocketConsumer):
    async def connect(self):
        await self.accept()
        await self.close(code=1006)  # expect: WSC101:31
        await self.close(4001, reason="auth")  # expect: WSC203:26
        await self.close(APP_CLOSE)
        await self.close(1000)  # expect: WSC202:26
        await self.close(1011)  # expect: WSC108:26
        await self.close(1010)  # expect: WSC105:26
        await self.close(CloseCode.NORMAL_CLOSURE)  # expect: WSC108:26
        await self.close()
        await self.close(True)

    async def receive(self, text_data=None, bytes_data=None):
        await self.send(text_data="bye", close=4002)  # expect: WSC203:48
        await self.send(text_data="bye", close=1008)  # expect: WSC108:48
        await self.send(text_data="bye", close=True)
        await self.send(text_data="bye", close=False)
        await self.send("bye", None, 1006)  # expect: WSC101:38
        await self.send(text_data="hello")

    async def disconnect(self, code):
        if code == 1006:
            return


class Sync(WebsocketConsumer):
    def connect(self):
        self.close(1001)  # expect: WSC108:20


class Json(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content, **kwargs):
        await self.send_json({"bye": True}, close=4003)  # expect: WSC203:51
        await self.send_json({"bye": True}, close=True)
        await self.send_json(content, 1005)  # expect: WSC101:39


class SyncJson(JsonWebsocketConsumer):
    def receive_json(self, content, **kwargs):
        self.send_json(content, close=2000)  # expect: WSC104:39


class Base(AsyncWebsocketConsumer):
    async def deny(self):
        await self.close(1002)  # expect: WSC108:26


class Derived(Base):
    """Inherits the consumer through an in-module intermediate base."""

    async def connect(self):
        await self.close(1006)  # expect: WSC101:26
        await self.close(3000)  # expect: WSC203:26


class NotAConsumer:
    def close(self, code=None):
        pass

    def shut(self):
        self.close(1006)
