import os; import websocket
import sys


def stop(ws: websocket.WebSocket):
    ws.close(status=1002)
    sys.exit(os.EX_OK)
