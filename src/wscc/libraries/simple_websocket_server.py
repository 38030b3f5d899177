"""SimpleWebSocketServer (dpallot): ``self.close(status, reason)`` in ``WebSocket`` subclasses."""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind

LIBRARY = Library(
    name="SimpleWebSocketServer",
    imports=("SimpleWebSocketServer",),
    kinds=(
        ObjectKind("websocket", side="server", classes=("SimpleWebSocketServer:WebSocket",), self_in_subclass=True),
    ),
    method_sends=(
        MethodSend("close", ("websocket",), CodeParameter("status", 0, reason_keyword="reason", reason_position=1),
                   signatures=("SimpleWebSocketServer:WebSocket.close",)),
    ),
    runtime_note="no check: 1005/1006/1015 and 0 are sent",
)
