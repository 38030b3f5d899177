"""Codes kept in attributes: assigned by a method of the object's class (``self.code =
1006`` in ``__init__``, in a subclass's method when read through ``self``), a class
attribute read through an instance (``except AuthError as error``, ``error =
AuthError()``), instances of a class taken from a module dict of classes (a registry of
handlers), and a parameter kept in an attribute (``self.code = code`` in ``__init__``:
the constructor is a wrapper, judged by its default and its callers, ``raise
Kicked(1006)``).  Not: an object of an unknown class, a class body's value that every
``__init__`` replaces, a registry holding something else, a parameter kept but never sent."""

from tornado.websocket import WebSocketHandler
from websockets.asyncio.server import ServerConnection


class AuthError(Exception):
    code = 1006


class Closing(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


class Kicked(Exception):
    def __init__(self, code: int = 1000, status: int = 500) -> None:  # expect: WSC201:36
        self.code = code
        self.status = status


class Closer:
    def __init__(self, websocket: ServerConnection, code: int) -> None:
        self.websocket = websocket
        self.code = code

    async def run(self) -> None:
        await self.websocket.close(self.code)


async def kicked(websocket: ServerConnection) -> None:
    try:
        raise Kicked(1006, status=404)  # expect: WSC101:22
    except Kicked as error:
        await websocket.close(error.code)
    await Closer(websocket, 1015).run()  # expect: WSC101:29


class Session:
    reserved = 1006

    def __init__(self, websocket: ServerConnection) -> None:
        self.websocket = websocket
        self.close_code = 1006  # expect: WSC101:27
        self.reserved = 4000  # expect: WSC203:25

    def fail(self) -> None:
        self.close_code = 1015  # expect: WSC101:27

    async def stop(self) -> None:
        await self.websocket.close(self.close_code)
        await self.websocket.close(self.reserved)


async def caught(websocket: ServerConnection) -> None:
    try:
        await websocket.recv()
    except AuthError as error:
        await websocket.close(error.code)  # expect: WSC101:31
    except Closing as closing:
        await websocket.close(closing.code)
    built = AuthError()
    await websocket.close(built.code)  # expect: WSC101:27
    try:
        await websocket.recv()
    except Closing as error:  # the same name, another class: each clause its own
        await websocket.close(error.code)


async def unknown(websocket: ServerConnection, error) -> None:
    await websocket.close(error.code)


class Processor:
    def __init__(self, message: str) -> None:
        self.close_code = None
        self.process(message)

    def process(self, message: str) -> None:
        pass


class Goodbye(Processor):
    def process(self, message: str) -> None:
        self.close_code = 1000  # expect: WSC202:27


class Crash(Processor):
    def process(self, message: str) -> None:
        self.close_code = 1006  # expect: WSC101:27


class Unused(Processor):
    def process(self, message: str) -> None:
        self.close_code = 1005


PROCESSORS = {"bye": Goodbye, "crash": Crash}
HANDLERS = {"bye": Goodbye, "other": print}


class Handler(WebSocketHandler):
    def on_message(self, message: str) -> None:
        kind = PROCESSORS.get(message, Processor)
        processor = kind(message)
        self.close(processor.close_code, "done")

    def on_other(self, message: str) -> None:
        kind = HANDLERS[message]
        processor = kind(message)
        self.close(processor.close_code, "done")
