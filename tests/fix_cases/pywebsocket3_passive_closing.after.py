import pywebsocket3
from pywebsocket3 import common


def web_socket_transfer_data(request):
    request.ws_stream.receive_message()


def web_socket_passive_closing_handshake(request):
    if request.ws_close_code == 1001:
        return common.STATUS_GOING_AWAY, "going away too"
    return (common.STATUS_NORMAL_CLOSURE, "")
