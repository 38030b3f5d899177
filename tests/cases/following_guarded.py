"""A falsy default never reaches a send written under ``if <parameter>:``."""

from channels.generic.websocket import WebsocketConsumer


class Chat(WebsocketConsumer):
    def reply(self, text, close=False):
        self.send(text_data=text)
        if close:
            self.close(close)

    def finish(self, code=0):  # expect: WSC103:27
        self.close(code)

    def receive(self, text_data=None, bytes_data=None):
        self.reply("bye", close=1006)  # expect: WSC101:33
