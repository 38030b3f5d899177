from lomond import WebSocket


def client(url):
    ws = WebSocket(url)
    for event in ws.connect():
        ws.close(1011)
