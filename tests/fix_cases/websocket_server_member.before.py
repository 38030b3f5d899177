from websocket_server import WebsocketServer


def new_client(client, server):
    client["handler"].send_close(1000, b"bye")
