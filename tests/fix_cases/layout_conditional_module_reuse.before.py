try:
    import websocket
except ImportError:
    raise SystemExit("needs websocket-client")


def stop(ws: websocket.WebSocket):
    ws.close(status=1001)
