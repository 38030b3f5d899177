"""granian RSGI: ``protocol.close(status)`` is an HTTP status before accept() and ignored
after it (WSC112); ``WebsocketMessageType.close`` is a message kind."""

from granian.rsgi import WebsocketMessageType


async def app(scope, protocol):
    if scope.path != "/ws":
        protocol.close(403)
        return
    transport = await protocol.accept()
    while True:
        message = await transport.receive()
        if message.kind == WebsocketMessageType.close:
            break
        if message.data == "quit":
            protocol.close(1000)  # expect: WSC112:28
            return
    protocol.close(status=4000)  # expect: WSC112:27


class App:
    def __rsgi__(self, scope, transport_protocol):
        transport_protocol.close(1008)  # expect: WSC112:34
        transport_protocol.close()
