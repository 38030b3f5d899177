"""Every WebSocket close code and range, as data.

One source of truth for what a close code means: its IANA name, its class and the
document that defines it.  Rule messages and the rule docs are derived from here.

Sources: RFC 6455 §7.4 and §11.7, the IANA "WebSocket Close Code Number Registry"
(2026-06 update), the WHATWG WebSockets standard.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class CodeClass(enum.Enum):
    """How a close code may be used on the wire."""

    STANDARD = "standard code, may be sent"
    RESERVED_NEVER_SEND = "reserved for local use, must never be sent"
    RESERVED_FUTURE = "reserved for a future definition"
    UNASSIGNED_PROTOCOL = "unassigned protocol code"
    REGISTERED_APPLICATION = "IANA-registered application code"
    UNREGISTERED_APPLICATION = "unregistered application code"
    PRIVATE = "private-use code"
    OUT_OF_RANGE = "outside the close-code space"


RFC6455 = "RFC 6455 §7.4.1"
RFC6455_RANGES = "RFC 6455 §7.4.2"
IANA = "IANA WebSocket Close Code Number Registry"


@dataclass(frozen=True)
class CodeRange:
    """A single code (low == high) or a range of codes with one meaning."""

    low: int
    high: int
    name: str
    code_class: CodeClass
    reference: str
    client_only: bool = False
    #: Implementations that fail the connection when they receive this code although it
    #: is registered (their list of valid codes predates it).
    rejected_by: tuple[str, ...] = ()

    def __contains__(self, value: int) -> bool:
        return self.low <= value <= self.high

    @property
    def label(self) -> str:
        span = str(self.low) if self.low == self.high else f"{self.low}–{self.high}"
        return f"{span} ({self.name})"


def _code(value: int, name: str, code_class: CodeClass, reference: str, **kw) -> CodeRange:
    return CodeRange(value, value, name, code_class, reference, **kw)


S = CodeClass.STANDARD
REGISTRY: tuple[CodeRange, ...] = (
    CodeRange(-(2**63), 999, "not used", CodeClass.OUT_OF_RANGE, RFC6455_RANGES),
    _code(1000, "Normal Closure", S, RFC6455),
    _code(1001, "Going Away", S, RFC6455),
    _code(1002, "Protocol error", S, RFC6455),
    _code(1003, "Unsupported Data", S, RFC6455),
    _code(1004, "Reserved", CodeClass.RESERVED_FUTURE, RFC6455),
    _code(1005, "No Status Rcvd", CodeClass.RESERVED_NEVER_SEND, RFC6455),
    _code(1006, "Abnormal Closure", CodeClass.RESERVED_NEVER_SEND, RFC6455),
    _code(1007, "Invalid frame payload data", S, RFC6455),
    _code(1008, "Policy Violation", S, RFC6455),
    _code(1009, "Message Too Big", S, RFC6455),
    _code(1010, "Mandatory Ext.", S, RFC6455, client_only=True),
    _code(1011, "Internal Error", S, f"{RFC6455}, erratum 3227"),
    _code(1012, "Service Restart", S, IANA),
    _code(1013, "Try Again Later", S, IANA),
    _code(1014, "Bad Gateway", S, IANA, rejected_by=("wsproto", "gorilla", "tungstenite", "autobahn")),
    _code(1015, "TLS handshake", CodeClass.RESERVED_NEVER_SEND, RFC6455),
    CodeRange(1016, 2999, "Unassigned", CodeClass.UNASSIGNED_PROTOCOL, f"{RFC6455_RANGES}, {IANA}"),
    _code(3000, "Unauthorized", CodeClass.REGISTERED_APPLICATION, IANA),
    CodeRange(3001, 3002, "Unassigned", CodeClass.UNREGISTERED_APPLICATION, IANA),
    _code(3003, "Forbidden", CodeClass.REGISTERED_APPLICATION, IANA),
    CodeRange(3004, 3007, "Unassigned", CodeClass.UNREGISTERED_APPLICATION, IANA),
    _code(3008, "Timeout", CodeClass.REGISTERED_APPLICATION, IANA),
    CodeRange(3009, 3999, "Unassigned", CodeClass.UNREGISTERED_APPLICATION, IANA),
    CodeRange(4000, 4999, "Reserved for Private Use", CodeClass.PRIVATE, RFC6455_RANGES),
    CodeRange(5000, 2**63, "undefined", CodeClass.OUT_OF_RANGE, "RFC 6455 §11.7"),
)

#: What the wire can carry at all (an unsigned 16-bit integer).
UINT16_MAX = 65535
#: A close frame body is at most 125 bytes; two of them are the code.
MAX_REASON_BYTES = 123
#: The HTTP status range: an int in here passed as a close code is almost always an HTTP status.
HTTP_STATUS_RANGE = range(100, 600)


def lookup(value: int) -> CodeRange:
    """The registry entry covering ``value`` (every int has exactly one)."""
    # The outermost ranges are open-ended: Python ints have no bounds.
    if value < REGISTRY[0].low:
        return REGISTRY[0]
    if value > REGISTRY[-1].high:
        return REGISTRY[-1]
    for entry in REGISTRY:
        if value in entry:
            return entry
    raise AssertionError(f"registry has a hole at {value}")  # pragma: no cover


def codes_of_class(code_class: CodeClass) -> list[CodeRange]:
    return [entry for entry in REGISTRY if entry.code_class is code_class]


def is_http_status(value: int) -> bool:
    return value in HTTP_STATUS_RANGE
