"""websocket-server (Pithikos) accepts only 1000–1015: application codes raise (WSC108)."""

from websocket_server import CLOSE_STATUS_NORMAL, WebsocketServer

server = WebsocketServer(host="127.0.0.1", port=13254)


def new_client(client, server):
    client["handler"].send_close(4000, b"private")  # expect: WSC108:34
    client["handler"].send_close(status=1000)  # expect: WSC201:41
    client["handler"].send_close(CLOSE_STATUS_NORMAL)
    handler = client["handler"]
    handler.send_close(1005)  # expect: WSC101:24
    server.deny_new_connections(status=3000, reason=b"busy")  # expect: WSC108:40


def client_left(client, server):
    print(client["id"])


server.set_fn_new_client(new_client)
server.set_fn_client_left(client_left)
server.shutdown_gracefully(1001)  # expect: WSC202:28
server.disconnect_clients_gracefully(status=4001)  # expect: WSC108:45
server.run_forever()
