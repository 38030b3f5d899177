"""The browser's WebSocket from pyodide and PyScript: only 1000 and 3000–4999 (WSC108)."""

from js import WebSocket
from pyscript import WebSocket as PyScriptWebSocket


def pyodide_client():
    ws = WebSocket.new("wss://example.com/ws")
    ws.close(1001, "going")  # expect: WSC108:14
    ws.close(4000)  # expect: WSC203:14
    ws.close(1000)  # expect: WSC202:14


def onclose(event):
    if event.code == 1006:
        print(event.reason)


def pyscript_client():
    ws = PyScriptWebSocket(url="wss://example.com/ws", onclose=onclose)
    ws.close(code=1011, reason="bye")  # expect: WSC108:19
    ws.close(code=4001)  # expect: WSC203:19
    if ws.readyState == PyScriptWebSocket.CLOSED:
        return
