"""curl_cffi: WsCloseCode constants (1005 is UNKNOWN); 0.17.0 rewrites invalid codes to 1011
(WSC112, reported when the more severe rule is off: see curl_cffi_rewrite.py)."""

import curl_cffi
from curl_cffi import requests
from curl_cffi.requests import AsyncSession, Session, WsCloseCode


def sync_client():
    ws = Session().ws_connect("ws://localhost:8000")
    ws.close(1000)  # expect: WSC201:14
    ws.close(WsCloseCode.UNKNOWN)  # expect: WSC101:14
    ws.close(code=1011, message=b"bye")  # expect: WSC201:19
    ws.close(WsCloseCode.OK)
    ws.close(4000)  # expect: WSC203:14
    ws.close(1004)  # expect: WSC102:14
    ws.close()


async def async_client():
    async with AsyncSession() as session:
        ws = await session.ws_connect("ws://localhost:8000")
        await ws.close(1006)  # expect: WSC101:24
        await ws.close(curl_cffi.WsCloseCode.GOING_AWAY)
        await ws.close(3003)  # expect: WSC203:24


def on_close(ws, code, reason):
    if code == 1006:
        print(reason)


def callbacks():
    ws = requests.WebSocket(on_close=on_close)
    ws.run_forever("ws://localhost:8000")
    print(ws.close_code == 1005)
