import websocket
import websocket.tests


def stop(ws: websocket.WebSocket):
    ws.close(status=websocket.STATUS_NORMAL)
