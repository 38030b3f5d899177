"""socketify: ``ws.end(code)`` without a message sends nothing (WSC112)."""

from socketify import App, OpCode

BYE = 4000


def ws_open(ws):
    ws.end(BYE)  # expect: WSC112:12
    ws.end(BYE, "bye")
    ws.end(1000, message=None)  # expect: WSC112:12
    ws.end(code=4001, message="kw")  # expect: WSC203:17
    ws.end(1000, "done")  # expect: WSC202:12
    ws.end(1006, "x")  # expect: WSC101:12


def ws_message(ws, message, opcode):
    ws.send(message, OpCode.TEXT)


def ws_close(ws, code, message):
    if code == 1006:
        print(message)


app = App()
app.ws("/*", {"open": ws_open, "message": ws_message, "close": ws_close})
