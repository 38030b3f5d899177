"""The browser's ``WebSocket`` from Python: pyodide's ``js.WebSocket.new(url)``, PyScript's
``pyscript.WebSocket(url=...)``.  Neither installs as a Python package on CPython."""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind

LIBRARY = Library(
    name="pyodide",
    imports=("js", "pyscript"),
    kinds=(
        ObjectKind("js websocket", side="client", factories=("js.WebSocket.new",)),
        ObjectKind("pyscript websocket", side="client", factories=("pyscript:WebSocket",)),
    ),
    method_sends=(
        MethodSend("close", ("js websocket",), CodeParameter("code", 0, reason_keyword="reason", reason_position=1)),
        # ``close(self, **kw)`` reads ``code`` and ``reason`` only as keywords.
        MethodSend("close", ("pyscript websocket",), CodeParameter("code", None, reason_keyword="reason")),
    ),
    runtime_accepts=((1000, 1000), (3000, 4999)),
    runtime_refusal="the browser's WebSocket.close throws InvalidAccessError for anything but 1000 and "
    "3000–4999, and sends nothing",
    runtime_note="the browser rule: only 1000 and 3000–4999, anything else throws (pyodide: JsException)",
)
