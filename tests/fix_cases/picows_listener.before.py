from picows import WSListener, WSTransport


class Listener(WSListener):
    def on_ws_connected(self, transport: WSTransport):
        transport.send_close(1001)
