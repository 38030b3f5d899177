"""lomond: ``ws.close(code, reason)`` on ``lomond.WebSocket``; constants ``lomond.status.Status``."""

from wscc.spec import CodeParameter, ConstantSet, Library, MethodSend, ObjectKind

#: A plain class of plain ints: no names for 1004–1006 or 1012–1015.
STATUS = ConstantSet(
    container="lomond.status.Status",
    # No first release recorded: lomond's 0.1.x sdists no longer download with pip (their
    # setup.py reads a README they do not ship), so tests/test_fix_versions.py cannot
    # check a claim; without one, wscc-fix uses the names whatever the floor.
    # 0.1.0–0.1.2 called 1002 ``DATA_ERROR``.
    members={
        "NORMAL": 1000, "GOING_AWAY": 1001, "PROTOCOL_ERROR": 1002, "DATA_NOT_UNDERSTOOD": 1003,
        "BAD_DATA": 1007, "POLICY_VIOLATION": 1008, "MESSAGE_TOO_LARGE": 1009, "EXTENSION_FAILED": 1010,
        "UNEXPECTED_CONDITION": 1011,
    },
)

LIBRARY = Library(
    name="lomond",
    imports=("lomond",),
    kinds=(
        ObjectKind("websocket", side="client", classes=("lomond:WebSocket",), factories=("lomond:WebSocket",)),
    ),
    method_sends=(
        MethodSend("close", ("websocket",), CodeParameter("code", 0, reason_keyword="reason", reason_position=1),
                   signatures=("lomond.websocket:WebSocket.close",)),
    ),
    constants=(STATUS,),
    constants_from=("lomond",),
    runtime_note="no check: 1005/1006/1015 and 0 are sent",
)
