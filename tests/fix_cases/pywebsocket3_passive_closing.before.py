import pywebsocket3


def web_socket_transfer_data(request):
    request.ws_stream.receive_message()


def web_socket_passive_closing_handshake(request):
    if request.ws_close_code == 1001:
        return 1001, "going away too"
    return (1000, "")
