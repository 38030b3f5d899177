"""socketify: ``ws.end(code, message)`` in the handlers of ``app.ws(path, {...})``."""

from wscc.spec import CodeParameter, Library, Mangling, MethodSend, ObjectKind

NOTHING_SENT = Mangling(
    "socketify's end(code) without a message sends nothing at all (the error is swallowed); "
    "pass a message: end(code, \"bye\")",
    without_reason=True,
)

#: uWS: 0/1005/1006 become an empty frame, a code over 65535 is cast to 16 bits.
EMPTY = Mangling("uWS sends an empty close frame instead (the peer reads 1005)", codes=((0, 0), (1005, 1006)))
TRUNCATED = Mangling("uWS keeps only its low 16 bits (70000 goes out as 4464)",
                     codes=((-(2 ** 64), -1), (65536, 2 ** 64)))

LIBRARY = Library(
    name="socketify",
    imports=("socketify",),
    kinds=(ObjectKind("websocket", side="server", classes=("socketify:WebSocket",), parameter_names=("ws",)),),
    method_sends=(
        MethodSend(
            "end", ("websocket",),
            CodeParameter("code", 0, reason_keyword="message", reason_position=1,
                          mangled=(NOTHING_SENT, EMPTY, TRUNCATED)),
            signatures=("socketify:WebSocket.end",),
        ),
    ),
    runtime_note="end(code) without a message sends nothing; 0/1005/1006 become an empty frame",
)
