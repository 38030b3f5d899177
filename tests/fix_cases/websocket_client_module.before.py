import websocket


def run(url):
    ws = websocket.create_connection(url)
    ws.close(status=1000)
