from lomond import WebSocket
from lomond.status import Status


def client(url):
    ws = WebSocket(url)
    for event in ws.connect():
        ws.close(Status.UNEXPECTED_CONDITION)
