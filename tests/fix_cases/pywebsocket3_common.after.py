from pywebsocket3 import msgutil, common


def web_socket_transfer_data(request):
    msgutil.send_message(request, "bye")
    request.ws_stream.close_connection(common.STATUS_PROTOCOL_ERROR, "protocol")
