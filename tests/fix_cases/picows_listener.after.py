from picows import WSListener, WSTransport, WSCloseCode


class Listener(WSListener):
    def on_ws_connected(self, transport: WSTransport):
        transport.send_close(WSCloseCode.GOING_AWAY)
