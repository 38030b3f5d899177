from pywebsocket3 import msgutil


def web_socket_transfer_data(request):
    msgutil.send_message(request, "bye")
    request.ws_stream.close_connection(1002, "protocol")
