import simple_websocket
from wsproto.frame_protocol import CloseReason


def serve(environ):
    ws = simple_websocket.Server(environ)
    ws.close(reason=CloseReason.POLICY_VIOLATION)
