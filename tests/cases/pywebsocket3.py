"""pywebsocket3 handlers: request.ws_stream.close_connection(code, reason)."""

from pywebsocket3 import common


def web_socket_do_extra_handshake(request):
    pass


def web_socket_transfer_data(request):
    request.ws_stream.close_connection(1000, "bye")  # expect: WSC201:40
    request.ws_stream.close_connection(common.STATUS_GOING_AWAY)
    request.ws_stream.close_connection(1006)  # expect: WSC101:40
    request.ws_stream.close_connection(1012)  # expect: WSC202:40
    request.ws_stream.close_connection(code=4000)  # expect: WSC203:45


def web_socket_passive_closing_handshake(request):
    if request.ws_close_code == 1006:
        return common.STATUS_NORMAL_CLOSURE, ""
    return request.ws_close_code, request.ws_close_reason
