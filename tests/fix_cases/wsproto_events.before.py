from wsproto import ConnectionType, WSConnection
from wsproto.events import CloseConnection

connection = WSConnection(ConnectionType.SERVER)


def goodbye():
    return connection.send(CloseConnection(code=1001, reason="restart"))
