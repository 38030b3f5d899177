"""wsproto: CloseConnection events."""

import wsproto.events
from wsproto import ConnectionType, WSConnection
from wsproto.events import CloseConnection
from wsproto.frame_protocol import CloseReason

conn = WSConnection(ConnectionType.SERVER)
data = conn.send(CloseConnection(1006))  # expect: WSC101:34
# ``CloseReason.NO_STATUS_RCVD`` itself is wsproto's "no code": an empty Close frame.
data += conn.send(CloseConnection(code=CloseReason.NO_STATUS_RCVD))
data += conn.send(CloseConnection(code=CloseReason.NORMAL_CLOSURE, reason="bye"))
data += conn.send(CloseConnection(1000, reason="bye"))  # expect: WSC201:35
data += conn.send(wsproto.events.CloseConnection(1004))  # expect: WSC102:50
data += conn.send(CloseConnection(code=4000))  # expect: WSC203:40
data += conn.send(CloseConnection(code=None))
data += conn.send(CloseConnection(1014))  # expect: WSC202:35
data += conn.send(CloseConnection(1011, "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123"))  # expect: WSC201:35, WSC106:41
