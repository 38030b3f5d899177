"""websocket-client (import name ``websocket``): status= is the code."""

import websocket
from websocket import STATUS_NORMAL, STATUS_ABNORMAL_CLOSED, WebSocket, WebSocketApp, create_connection

ws = create_connection("ws://localhost:8765")
ws.close(status=1006)  # expect: WSC101:17
ws.close(1006)  # expect: WSC101:10
ws.close(status=STATUS_ABNORMAL_CLOSED)  # expect: WSC101:17
ws.close(status=websocket.STATUS_STATUS_NOT_AVAILABLE)  # expect: WSC101:17
ws.close(status=STATUS_NORMAL)
ws.close(status=websocket.STATUS_GOING_AWAY, reason=b"bye")
ws.close(status=1000)  # expect: WSC201:17
ws.close(status=1010)  # expect: WSC201:17
ws.send_close(1015)  # expect: WSC101:15
ws.send_close(status=4000, reason=b"private")  # expect: WSC203:22
ws.close()

raw = websocket.WebSocket()
raw.connect("ws://localhost:8765")
raw.close(status=2000)  # expect: WSC104:18


def annotated(sock: WebSocket) -> None:
    sock.close(status=403)  # expect: WSC103:23


app = WebSocketApp("ws://localhost:8765")
app.close(status=1006)  # expect: WSC101:18
app.close(status=1001)  # expect: WSC201:18
app.close()


def on_close(wsapp, close_status_code, close_msg):
    if close_status_code == 1006:
        return


def on_open(wsapp):
    wsapp.close(status=1005)  # expect: WSC101:24


app2 = websocket.WebSocketApp("ws://localhost:8765", on_open=on_open, on_close=on_close)
