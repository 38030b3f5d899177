from websocket_server import WebsocketServer, CLOSE_STATUS_NORMAL


def new_client(client, server):
    client["handler"].send_close(CLOSE_STATUS_NORMAL, b"bye")
