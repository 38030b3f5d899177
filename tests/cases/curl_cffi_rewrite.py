# flake8-args: --extend-ignore WSC101,WSC102,WSC103,WSC104
"""With the RFC rules off, curl_cffi 0.17's rewrite to 1011 is what remains (WSC112)."""

from curl_cffi.requests import Session, WsCloseCode


def client():
    ws = Session().ws_connect("ws://localhost:8000")
    ws.close(1005)  # expect: WSC112:14
    ws.close(WsCloseCode.UNKNOWN)  # expect: WSC112:14
    ws.close(2000)  # expect: WSC112:14
    ws.close(999)  # expect: WSC112:14
    ws.close(1014)  # expect: WSC201:14
    ws.close(4999)  # expect: WSC203:14
