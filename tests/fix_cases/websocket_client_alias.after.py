import websocket as wsc


def run(url):
    ws = wsc.WebSocket()
    ws.connect(url)
    ws.close(wsc.STATUS_GOING_AWAY)
