import os; import websocket
import sys


def stop(ws: websocket.WebSocket):
    ws.close(status=websocket.STATUS_PROTOCOL_ERROR)
    sys.exit(os.EX_OK)
