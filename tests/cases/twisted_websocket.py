"""Twisted's twisted.web.websocket: loseConnection(code) on the transport a WebSocket protocol
keeps in negotiationStarted; every other Twisted transport.loseConnection() takes no code."""

from twisted.internet.protocol import Protocol
from twisted.web.websocket import WebSocketTransport


class Chat:
    def negotiationStarted(self, transport):
        self.transport = transport

    def textMessageReceived(self, data):
        if data == "quit":
            self.transport.loseConnection(1006)  # expect: WSC101:43
        self.transport.loseConnection(code=4000, reason="bye")  # expect: WSC203:44

    def connectionLost(self, reason):
        print(reason)


def annotated(transport: WebSocketTransport):
    transport.loseConnection(1000)  # expect: WSC202:30


class Echo(Protocol):
    def dataReceived(self, data):
        self.transport.loseConnection()
