import enum

import simple_websocket

AUTH_FAILED = 4001


class Codes(enum.IntEnum):
    RATE_LIMITED = 4029


def serve(environ, kind):
    ws = simple_websocket.Server(environ)
    if kind == "auth":
        ws.close(4001)
    elif kind == "rate":
        ws.close(4029)
    else:
        ws.close(4002)


def kick(environ, why):
    ws = simple_websocket.Server(environ)
    ws.close(AUTH_FAILED if why == "auth" else Codes.RATE_LIMITED)


def shadowed(environ, AUTH_FAILED=None):
    ws = simple_websocket.Server(environ)
    ws.close(4001)
