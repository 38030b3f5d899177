from wsproto import ConnectionType, WSConnection
from wsproto.events import CloseConnection
from wsproto.frame_protocol import CloseReason

connection = WSConnection(ConnectionType.SERVER)


def goodbye():
    return connection.send(CloseConnection(code=CloseReason.GOING_AWAY, reason="restart"))
