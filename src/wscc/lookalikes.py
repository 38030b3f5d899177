"""Other libraries whose objects go by the names WebSocket code uses.

A parameter called ``conn``, ``connection`` or ``socket`` is a WebSocket by convention
only while nothing says otherwise.  A module that also imports one of these libraries
(a RabbitMQ channel, a ZeroMQ socket, a database connection) gives such a name another
likely meaning, so it is no evidence of a WebSocket there.
"""

from __future__ import annotations

_DATABASE = ("conn", "connection")
_AMQP = ("conn", "connection", "channel")

#: Top-level import name -> the parameter names its objects conventionally have.
LOOKALIKE_NAMES: dict[str, tuple[str, ...]] = {
    "pika": _AMQP,
    "aio_pika": _AMQP,
    "aiormq": _AMQP,
    "amqp": _AMQP,
    "kombu": _AMQP,
    "zmq": ("socket", "sock"),
    "socket": ("socket", "sock", "conn", "connection"),
    "redis": _DATABASE,
    "sqlite3": _DATABASE,
    "aiosqlite": _DATABASE,
    "psycopg": _DATABASE,
    "psycopg2": _DATABASE,
    "asyncpg": _DATABASE,
    "pymysql": _DATABASE,
    "MySQLdb": _DATABASE,
    "aiomysql": _DATABASE,
    "sqlalchemy": _DATABASE,
    "paramiko": ("conn", "connection", "channel", "transport", "client"),
    "asyncssh": ("conn", "connection", "channel"),
    "multiprocessing": _DATABASE,
    "serial": _DATABASE,
}
