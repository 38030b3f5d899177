"""lomond: ``ws.close(code, reason)`` on ``lomond.WebSocket``; constants ``lomond.status.Status``."""

from wscc.spec import CodeParameter, ConstantSet, Library, MethodSend, ObjectKind

#: A plain class of plain ints: no names for 1004–1006 or 1012–1015.
STATUS = ConstantSet(
    container="lomond.status.Status",
    # Every final release on PyPI read.  0.1.0–0.1.3 and 0.1.5 are sdists only, whose
    # setup.py reads a README.md they do not ship: today's pip deletes them, Python 3.6's
    # pip keeps the archive (tests/release_names.py, ``_OLDER_PYTHONS``).  The class is in
    # the first release, 0.1.0; 0.1.0–0.1.2 call 1002 ``DATA_ERROR``; 1003 has a name
    # from 0.1.8 on.
    since="0.1.0",
    member_since={"PROTOCOL_ERROR": "0.1.3", "DATA_NOT_UNDERSTOOD": "0.1.8"},
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
