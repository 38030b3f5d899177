# flake8-args: --extend-select WSC111
"""pywebsocket3 handlers: request.ws_stream.close_connection(code, reason), and the
(code, reason) pair returned from a module-level web_socket_passive_closing_handshake."""

from pywebsocket3 import common


def web_socket_do_extra_handshake(request):
    pass


def web_socket_transfer_data(request):
    request.ws_stream.close_connection(1000, "bye")  # expect: WSC201:40
    request.ws_stream.close_connection(common.STATUS_GOING_AWAY)
    request.ws_stream.close_connection(1006)  # expect: WSC101:40
    request.ws_stream.close_connection(1012)  # expect: WSC202:40
    request.ws_stream.close_connection(code=4000)  # expect: WSC203:45
    request.ws_stream.close_connection(request.ws_close_code)  # expect: WSC111:40


def web_socket_passive_closing_handshake(request):
    if request.ws_close_code == 1006:
        return common.STATUS_NORMAL_CLOSURE, ""
    if request.ws_close_code == 1001:
        return 1001, "bye"  # expect: WSC201:16
    if request.ws_close_code == 4001:
        return (1006, "gone")  # expect: WSC101:17
    if request.ws_close_code == 4002:
        return 1004, ""  # expect: WSC102:16
    if request.ws_close_code == 4003:
        return None, ""
    if request.ws_close_code == 4004:
        return 4000, "éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"  # expect: WSC203:16, WSC106:22
    return request.ws_close_code, request.ws_close_reason  # expect: WSC111:12


# pywebsocket3's own example echoes the code, minding the empty close frame: not WSC111.
def web_socket_passive_closing_handshake(request):  # noqa: F811
    code, reason = request.ws_close_code, request.ws_close_reason
    if code == common.STATUS_NO_STATUS_RECEIVED:
        code = None
        reason = ""
    return code, reason


# A pair bound to a name first is the same send.
def web_socket_passive_closing_handshake(request):  # noqa: F811
    pair = (1006, "gone")  # expect: WSC101:13
    if request.ws_close_code == 4000:
        pair = 1000, ""  # expect: WSC201:16
    return pair


PAIR = (4000, "module-level")  # expect: WSC203:9


def web_socket_passive_closing_handshake(request):  # noqa: F811
    return PAIR


# Not what pywebsocket3 unpacks into (code, reason): the unpacking raises, nothing is sent.
def web_socket_passive_closing_handshake(request):  # noqa: F811
    triple = 1006, "gone", None
    if request.ws_close_code == 4001:
        return 1006,
    if request.ws_close_code == 4002:
        return 1006, "gone", None
    if request.ws_close_code == 4003:
        return triple
    if request.ws_close_code == 4004:
        return 1006
    return None


def web_socket_passive_closing_handshake(request):  # noqa: F811
    yield 1006, "a generator: pywebsocket3 cannot unpack it"
    return 1006, "gone"


async def web_socket_passive_closing_handshake(request):  # noqa: F811
    return 1006, "a coroutine: pywebsocket3 calls it without awaiting"


def closing_handshake(request):
    return 1006, "another name: pywebsocket3 never calls it"


def handlers():
    def web_socket_passive_closing_handshake(request):
        return 1006, "nested: not in the handler module's namespace"

    return web_socket_passive_closing_handshake


class Handler:
    def web_socket_passive_closing_handshake(self, request):
        return 1006, "a method: not in the handler module's namespace"


def web_socket_passive_closing_handshake(request):  # noqa: F811
    def fallback():
        return 1006, "the nested function's return, not the handler's"

    return fallback()
