"""Codes held in values the model follows: reassigned names, conditionals through a
name, module dicts, int(), tuple unpacking, an enum looked up by name, global rebinding."""

import enum

from websockets.asyncio.server import ServerConnection
from websockets.frames import CloseCode

CODES = {"crash": 1006, "bye": CloseCode.NORMAL_CLOSURE}  # expect: WSC101:19
CURRENT = CloseCode.NORMAL_CLOSURE


class AppClose(enum.IntEnum):
    CRASHED = 4000
    GONE = 1006


async def handler(websocket: ServerConnection, ok: bool):
    code = CloseCode.NORMAL_CLOSURE
    try:
        await websocket.recv()
    except RuntimeError:
        code = 1006  # expect: WSC101:16
    await websocket.close(code=code)

    chosen = 1000 if ok else 1015  # expect: WSC101:30, WSC201:14
    await websocket.close(code=chosen)

    await websocket.close(code=CODES["crash"])
    await websocket.close(code=int(CloseCode.ABNORMAL_CLOSURE))  # expect: WSC101:32

    number, reason = 1006, "crashed"  # expect: WSC101:22
    await websocket.close(number, reason)

    await websocket.close(code=AppClose["GONE"])  # expect: WSC101:32


def crash():
    global CURRENT
    CURRENT = 1006  # expect: WSC101:15


async def finish(websocket: ServerConnection):
    await websocket.close(code=CURRENT)
