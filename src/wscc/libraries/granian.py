"""granian's RSGI protocol: ``protocol.close(status)`` in an RSGI app.

The ASGI side of granian is the raw ASGI message (``wscc.libraries.asgi``).  Under RSGI,
``close(status)`` sends an empty close frame after ``accept()`` whatever the status, and
before ``accept()`` the status is an HTTP status (``close(403)`` answers 403; a
four-digit value panics the worker).
"""

from wscc.spec import CodeParameter, Library, Mangling, MethodSend, ObjectKind

IGNORED = Mangling(
    "granian's RSGI close() sends an empty close frame after accept() whatever the status (the peer "
    "reads 1005); before accept() the status is an HTTP status, and a close code there panics the worker",
)

#: Before ``accept()`` an HTTP status is what ``close`` expects: never a bad close code.
HTTP_STATUSES = tuple(range(100, 600))

LIBRARY = Library(
    name="granian",
    imports=("granian",),
    kinds=(
        ObjectKind(
            "rsgi protocol",
            side="server",
            classes=("granian.rsgi:WebsocketProtocol", "granian._granian:RSGIWebsocketProtocol"),
            parameter_names=("protocol", "proto"),
            # An RSGI application class: ``async def __rsgi__(self, scope, protocol)``.
            handler_methods={"__rsgi__": 1},
        ),
    ),
    method_sends=(
        MethodSend(
            "close", ("rsgi protocol",),
            CodeParameter("status", 0, not_a_code=(None, *HTTP_STATUSES), mangled=(IGNORED,)),
            signatures=("granian.rsgi:WebsocketProtocol.close",),
        ),
    ),
    runtime_note="RSGI: the status is ignored after accept() (empty frame); before accept() it is an HTTP status",
)
