"""WSC101–WSC108 through every way a value can be spelled."""

import enum
from enum import IntEnum
from http import HTTPStatus
import http as http_module
from typing import Final
import typing

from starlette import status
from starlette.websockets import WebSocket

ABNORMAL = 1006
NO_STATUS: Final = 1005
TLS: Final[int] = 1015
NEGATIVE = -1
BIG = 65_536
UNDERSCORE = 2_000
ALSO_FINAL: typing.Final[int] = 1004
ALIAS = ABNORMAL
FORBIDDEN_HTTP = HTTPStatus.FORBIDDEN
REASSIGNED = 1006
REASSIGNED = 1000


class Codes(IntEnum):
    ABNORMAL = 1006
    AUTH = 4001
    HTTP = 404


class Plain:
    GONE = 1005
    OK = 4000


class Flags(enum.IntEnum):
    RESERVED = 1004


async def endpoint(websocket: WebSocket, dynamic: int) -> None:
    await websocket.close(ABNORMAL)  # expect: WSC101:27
    await websocket.close(NO_STATUS)  # expect: WSC101:27
    await websocket.close(TLS)  # expect: WSC101:27
    await websocket.close(NEGATIVE)  # expect: WSC103:27
    await websocket.close(-1006)  # expect: WSC103:27
    await websocket.close(+1006)  # expect: WSC101:27
    await websocket.close(BIG)  # expect: WSC103:27
    await websocket.close(UNDERSCORE)  # expect: WSC104:27
    await websocket.close(ALSO_FINAL)  # expect: WSC102:27
    await websocket.close(ALIAS)  # expect: WSC101:27
    await websocket.close(1_006)  # expect: WSC101:27
    await websocket.close(Codes.ABNORMAL)  # expect: WSC101:27
    await websocket.close(Codes.ABNORMAL.value)  # expect: WSC101:27
    await websocket.close(Codes.AUTH)
    await websocket.close(Codes.HTTP)  # expect: WSC103:27
    await websocket.close(Plain.GONE)  # expect: WSC101:27
    await websocket.close(Plain.OK)
    await websocket.close(Flags.RESERVED)  # expect: WSC102:27
    await websocket.close(HTTPStatus.FORBIDDEN)  # expect: WSC103:27
    await websocket.close(http_module.HTTPStatus.NOT_FOUND)  # expect: WSC103:27
    await websocket.close(FORBIDDEN_HTTP)  # expect: WSC103:27
    await websocket.close(status.HTTP_401_UNAUTHORIZED)  # expect: WSC103:27
    await websocket.close(200)  # expect: WSC103:27
    await websocket.close(0)  # expect: WSC103:27
    await websocket.close(5000)  # expect: WSC103:27
    await websocket.close(1016)  # expect: WSC104:27
    await websocket.close(2999)  # expect: WSC104:27
    await websocket.close(b"1000")  # expect: WSC107:27
    await websocket.close(1000.5)  # expect: WSC107:27
    await websocket.close(False)  # expect: WSC107:27
    await websocket.close("bye")  # expect: WSC107:27
    await websocket.close(REASSIGNED)
    await websocket.close(dynamic)
    await websocket.close(None)
    local = 1006
    await websocket.close(local)  # expect: WSC101:27
    await websocket.close(code=1000, reason="a" * 10)  # expect: WSC201:32
    await websocket.close(4000, "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123")  # expect: WSC203:27, WSC106:33
    await websocket.close(4000, "01234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123")  # expect: WSC203:27, WSC106:33
    await websocket.close(4000, "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012")  # expect: WSC203:27
    await websocket.close(ABNORMAL, "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123")  # expect: WSC101:27, WSC106:37
    await websocket.close(  # a multi-line call
        1006,  # noqa: WSC101
    )
    await websocket.close(
        1005  # expect: WSC101:9
    )


async def reason_without_a_code(websocket: WebSocket, send) -> None:
    # The code is left to its default (1000), but the reason still goes on the wire.
    await websocket.close(reason="xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")  # expect: WSC106:34
    await websocket.close(reason="short")
    await send({"type": "websocket.close", "reason": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})  # expect: WSC106:54


class Colour(enum.Enum):
    GONE = 4000


class IntMixin(int, enum.Enum):
    GONE = 1006


class DerivedCodes(Codes):
    pass


async def enums_and_arithmetic(websocket: WebSocket) -> None:
    await websocket.close(Colour.GONE)  # expect: WSC107:27
    await websocket.close(Colour.GONE.value)
    await websocket.close(IntMixin.GONE)  # expect: WSC101:27
    await websocket.close(4000 + 403)
    await websocket.close(4000 + HTTPStatus.FORBIDDEN)
    await websocket.close(1000 + 6)  # expect: WSC101:27
    await websocket.close(1000 * 70)  # expect: WSC103:27
    await websocket.close(ABNORMAL - 2)  # expect: WSC102:27


class Settings:
    CLOSE_CODE = 1006
    APP_CODE = 4001


class Handler(Settings):
    SHADOWED = 1006

    def __init__(self, websocket: WebSocket) -> None:
        self.websocket = websocket
        self.SHADOWED = 1000  # expect: WSC201:25

    async def stop(self) -> None:
        await self.websocket.close(self.CLOSE_CODE)  # expect: WSC101:36
        await self.websocket.close(self.APP_CODE)
        await self.websocket.close(self.SHADOWED)


from myapp.enums import CodeEnum  # noqa: E402


class Imported(CodeEnum):
    GONE = 4000


async def imported_enum_base(websocket: WebSocket) -> None:
    # The base comes from elsewhere and may be int-based: no guess.
    await websocket.close(Imported.GONE)


CLOSE = "websocket.close"


async def conditional(websocket: WebSocket, send, ok: bool) -> None:
    await websocket.close(1000 if ok else 1006)  # expect: WSC201:27, WSC101:43
    await websocket.close(
        ABNORMAL  # expect: WSC101:9
        if ok
        else 4000  # expect: WSC203:14
    )
    await websocket.close(AUTH if ok else None)
    await send({"type": CLOSE, "code": 1005})  # expect: WSC101:40


AUTH = 4001
