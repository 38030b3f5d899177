import simple_websocket


def serve(environ):
    ws = simple_websocket.Server(environ)
    ws.close(reason=1008)
