"""wsproto (sans-I/O): ``CloseConnection(code, reason)`` events."""

from wscc.spec import SENT, CallSend, CodeParameter, ConstantSet, Library

CLOSE_REASON = ConstantSet(
    container="wsproto.frame_protocol.CloseReason",
    int_enum=True,
    members={
        "NORMAL_CLOSURE": 1000, "GOING_AWAY": 1001, "PROTOCOL_ERROR": 1002,
        "UNSUPPORTED_DATA": 1003, "NO_STATUS_RCVD": 1005, "ABNORMAL_CLOSURE": 1006,
        "INVALID_FRAME_PAYLOAD_DATA": 1007, "POLICY_VIOLATION": 1008, "MESSAGE_TOO_BIG": 1009,
        "MANDATORY_EXT": 1010, "INTERNAL_ERROR": 1011, "SERVICE_RESTART": 1012,
        "TRY_AGAIN_LATER": 1013, "TLS_HANDSHAKE_FAILED": 1015,
    },
    # Every release on PyPI read: the enum is in the first, 0.9.0, with every member but
    # 1015's; checked by tests/test_fix_versions.py.
    since="0.9.0",
    member_since={"TLS_HANDSHAKE_FAILED": "0.10.0"},
)

LIBRARY = Library(
    name="wsproto",
    imports=("wsproto",),
    call_sends=(
        CallSend(
            ("wsproto:CloseConnection",),
            # ``CloseReason.NO_STATUS_RCVD`` itself (an identity check) sends an empty frame.
            CodeParameter("code", 0, reason_keyword="reason", reason_position=1, no_code_members=("NO_STATUS_RCVD",)),
            signatures=("wsproto.events:CloseConnection",),
            # An event is sent by ``conn.send(event)``; one built as a test's expectation,
            # or fed in as a received event, sends nothing.
            delivered_by=(SENT,),
        ),
    ),
    constants=(CLOSE_REASON,),
    constants_from=("wsproto",),
    runtime_note="int 1005/1006/1015 silently become 1000; other bad codes are sent as given",
)
