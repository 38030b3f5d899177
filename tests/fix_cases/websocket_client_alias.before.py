import websocket as wsc


def run(url):
    ws = wsc.WebSocket()
    ws.connect(url)
    ws.close(1001)
