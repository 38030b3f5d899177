import websocket

ws = websocket.WebSocket()
ws.close(status=4003)

LATER = 4003
ws.close(status=LATER)
