"""Each rule's check and message, run in the severity order of ``wscc.rules.RULES``.

A check is registered for a rule code with one of three decorators, by what it looks at:

* ``@value_check``: a code argument whose value the model resolved (``Subject``);
* ``@reason_check``: the reason argument of a send;
* ``@forwarded_check``: a code argument whose value cannot be known, judged by where it
  comes from (``code=exc.status_code``, ``code=exc.code``).

``first_finding`` runs the enabled checks of one kind in ``RULES`` order and returns the
first that applies, so "the most severe enabled rule wins" holds by construction.

A value falls in exactly one *category* (``Subject.category``): not an int, out of range,
reserved, unassigned, or usable.  The checks of the first four are exclusive: a code that
is already wrong is not also reported as, say, a magic number, even when its own rule is
turned off.
"""

from __future__ import annotations

import ast
import functools
import http
import re
from dataclasses import dataclass
from typing import Callable, Iterable

from wscc import registry
from wscc.floors import newer_than_floor
from wscc.libraries import LIBRARIES, constants_for
from wscc.model import EnumMember, ModuleModel, Scope, Value, unwrap
from wscc.registry import CodeClass, CodeRange
from wscc.rules import RULES
from wscc.sends import Send
from wscc.spec import ConstantSet, Library

#: A check's verdict: (message, replacement) or ``None`` when the rule does not apply.
Verdict = tuple[str, "Replacement | None"] | None

#: Value categories.
NOT_AN_INT = "not an int"
OUT_OF_RANGE = "out of range"
USABLE = "usable"


@dataclass(frozen=True)
class Replacement:
    """A name for a literal code: a library constant, or one the module defines."""

    value: int
    constant_set: ConstantSet | None = None
    member: str | None = None
    #: A module-level name already bound to the value (``AUTH_FAILED``, ``Codes.AUTH``).
    local_name: str | None = None

    @property
    def display(self) -> str:
        if self.local_name:
            return self.local_name
        assert self.constant_set and self.member
        cs = self.constant_set
        if cs.style == "member":
            return self.member
        if cs.style == "self":
            return f"self.{self.member}"
        if cs.style == "module":
            return f"{cs.container}.{self.member}"
        return f"{cs.container.rpartition('.')[2]}.{self.member}"


@dataclass(frozen=True)
class Subject:
    """One code argument with its resolved value: what a value check looks at."""

    send: Send
    value: Value
    model: ModuleModel
    #: Reached through a dict entry's key (``CODES["crash"]``): named, not a magic number.
    named: bool = False

    @property
    def code(self) -> object:
        return self.value.value

    @functools.cached_property
    def entry(self) -> CodeRange | None:
        code = self.code
        return registry.lookup(code) if isinstance(code, int) and not isinstance(code, bool) else None

    @functools.cached_property
    def category(self) -> object:
        """``NOT_AN_INT``, ``OUT_OF_RANGE``, ``USABLE`` or the entry's ``CodeClass`` for the
        codes that must not be sent (reserved, unassigned)."""
        if self.entry is None:
            return NOT_AN_INT
        code = self.code
        if code < 1000 or code > 4999:
            return OUT_OF_RANGE
        klass = self.entry.code_class
        if klass in (CodeClass.RESERVED_NEVER_SEND, CodeClass.RESERVED_FUTURE, CodeClass.UNASSIGNED_PROTOCOL):
            return klass
        return USABLE

    @property
    def shown(self) -> str:
        """The code as the message names it: the number, and the source when it is not a literal."""
        number = short_number(self.code)
        return number if self.value.literal else f"{short_source(self.send.code_node)} = {number}"

    @property
    def is_named_literal_candidate(self) -> bool:
        """A literal the WSC2xx rules ask a name for (not an allowed code)."""
        return (self.value.literal or self.value.literal_at_origin) and not self.named \
            and self.code not in self.model.settings.allowed_codes


VALUE_CHECKS: dict[str, Callable[[Subject], Verdict]] = {}
REASON_CHECKS: dict[str, Callable[[Send], Verdict]] = {}
FORWARDED_CHECKS: dict[str, Callable[["Forwarded"], Verdict]] = {}


def _registrar(table: dict) -> Callable[[str], Callable]:
    def register(code: str) -> Callable:
        def decorate(function: Callable) -> Callable:
            table[code] = function
            return function
        return decorate
    return register


value_check = _registrar(VALUE_CHECKS)
reason_check = _registrar(REASON_CHECKS)
forwarded_check = _registrar(FORWARDED_CHECKS)

#: Rule codes in severity order.
ORDER = tuple(rule.code for rule in RULES)


def first_finding(table: dict, subject, enabled: Callable[[str], bool]) -> tuple[str, str, Replacement | None] | None:
    """The most severe enabled rule of ``table`` that applies: (code, message, replacement)."""
    for code in ORDER:
        check = table.get(code)
        if check is not None and enabled(code):
            verdict = check(subject)
            if verdict is not None:
                return code, verdict[0], verdict[1]
    return None


# --------------------------------------------------------------------------- messages


def short_number(value: int) -> str:
    """A number for a message: huge ones are abbreviated, not printed in full."""
    digits = str(value)
    return digits if len(digits) <= 24 else f"{digits[:12]}… ({len(digits.lstrip('-'))} digits)"


def short_source(node: ast.expr) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 60 else text[:57] + "..."


def suggest_http(value: int | None = None, send: Send | None = None, model: ModuleModel | None = None) -> str:
    """The advice for an HTTP status sent as a close code (its value, when known): a
    named private code (4000 + status) or IANA's registered equivalent, never a bare
    literal (that would be WSC203)."""
    if value is None or send is None or model is None:
        return ("an HTTP status is not a close code: map it to a named close code "
                "(4000 + status, or IANA's 3000 Unauthorized / 3003 Forbidden / 3008 Timeout)")
    name = _http_name(value)
    iana = _IANA_FOR_HTTP.get(value)
    pairs = [(4000 + value, "4000 + status"), *([(iana, f"IANA: {registry.lookup(iana).name}")] if iana else [])]
    choices = [(code, why) for code, why in pairs if _accepted(send, code)]
    if not choices:  # websocket-server takes 1000–1015 only
        return f"an HTTP status is not a close code: send {propose(send, model, 1008)}"
    shown = " or ".join(f"{propose(send, model, code, name)} ({why})" for code, why in choices)
    return f"an HTTP status is not a close code: send {shown}"


#: HTTP statuses with a registered close code of the same meaning (IANA's 3000–3008).
_IANA_FOR_HTTP = {401: 3000, 403: 3003, 408: 3008}


def _http_name(value: int) -> str:
    try:
        return http.HTTPStatus(value).name
    except ValueError:
        return f"HTTP_{value}"


def _constant_name(code: int) -> str:
    """A module constant's name for a code: its IANA name in upper case."""
    entry = registry.lookup(code)
    name = re.sub(r"[^A-Za-z0-9]+", "_", entry.name).strip("_").upper() if entry else ""
    return name if name and not name[0].isdigit() else f"CLOSE_{code}"


def _accepted(send: Send, code: int) -> bool:
    """Does the library (or its reference server) take ``code`` at run time (WSC108)?"""
    library = send.library
    if library.runtime_accepts is None or library.runtime_accepts_side not in (None, send.side):
        return True
    return any(lo <= code <= hi for lo, hi in library.runtime_accepts)


def too_new(settings, constant_set: ConstantSet, member: str, via: Library | None = None) -> str | None:
    """"needs websockets>=12.0; this project allows 10.3" when the project's floor for
    the constant's library is older than the first release that has it (``via``: the
    library the code is sent through; see ``floors.newer_than_floor``)."""
    late = newer_than_floor(settings.floors, constant_set, member, via)
    return f"needs {late[0]}>={late[1]}; this project allows {late[2]}" if late else None


def propose(send: Send, model: ModuleModel, code: int, name: str | None = None) -> str:
    """``code`` as a message proposes it, in a form wscc itself accepts: the library's
    constant where the project's floor has it, else a constant the module already sends
    with that value, else a named module constant (``FORBIDDEN = 4403``)."""
    name = name or _constant_name(code)
    constant_set = constants_for(send.library)
    member = constant_set.member_for(code) if constant_set else None
    if constant_set is not None and constant_set.int_enum and send.library.requires_plain_int:
        member = None  # autobahn and daphne refuse IntEnum members (WSC108)
    local = model.local_constant_for(code)
    if member is not None:
        display = Replacement(code, constant_set, member).display
        late = too_new(model.settings, constant_set, member, send.library)
        if late is None:
            return display
        return f"{local or f'a constant {name} = {code}'} ({display} {late})"
    return local or f"a constant {name} = {code}"


# --------------------------------------------------------------------------- value checks


@value_check("WSC107")
def wrong_type(subject: Subject) -> Verdict:
    code = subject.code
    if isinstance(code, EnumMember):
        return (f"close code {code} is a member of a plain Enum, not an int: "
                f"pass {code}.value or derive {code.enum} from IntEnum", None)
    if subject.category != NOT_AN_INT:
        return None
    if any(type(code) is type(v) and code == v for v in subject.send.code_parameter.not_a_code):
        return None  # ``close(True)`` in Channels; ws4py's ``close(None, "r")`` is WSC112's
    spelled = repr(code) if len(repr(code)) <= 40 else repr(code)[:37] + "..."
    return f"close code {spelled} is a {type(code).__name__}, not an int", None


@value_check("WSC103")
def out_of_range(subject: Subject) -> Verdict:
    if subject.category != OUT_OF_RANGE:
        return None
    code = subject.code
    if subject.value.http_status or registry.is_http_status(code):
        detail = suggest_http(code, subject.send, subject.model)
    elif not 0 <= code <= registry.UINT16_MAX:
        detail = "it does not even fit in the 16-bit close-code field"
    else:
        detail = "close codes are 1000–4999 (RFC 6455 §7.4.2)"
    return f"close code {subject.shown} is out of range: {detail}", None


@value_check("WSC101")
def reserved_sent(subject: Subject) -> Verdict:
    if subject.category != CodeClass.RESERVED_NEVER_SEND:
        return None
    send, model = subject.send, subject.model
    normal = propose(send, model, 1000)
    if _accepted(send, 1011):
        advice = f"send {propose(send, model, 1011)} for an internal error, {normal} for a normal end"
    else:  # autobahn, daphne, the browser: 1000 and 3000–4999 only
        advice = (f"send {normal} for a normal end, or a named private 4000–4999 code for an error "
                  "(1011 is refused at run time here, WSC108)")
    return (f"close code {subject.shown} ({subject.entry.name}) must never be sent in a Close frame "
            f"(RFC 6455 §7.4.1): {advice}", None)


@value_check("WSC102")
def reserved_future(subject: Subject) -> Verdict:
    if subject.category != CodeClass.RESERVED_FUTURE:
        return None
    return f"close code {subject.shown} is reserved for future use; every peer rejects it", None


@value_check("WSC104")
def unassigned(subject: Subject) -> Verdict:
    if subject.category != CodeClass.UNASSIGNED_PROTOCOL:
        return None
    return (f"close code {subject.shown} is unassigned (1016–2999 are for future protocol "
            "revisions); use a private 4000–4999 code", None)


@value_check("WSC105")
def client_only(subject: Subject) -> Verdict:
    if subject.category != USABLE or not (subject.entry.client_only and subject.send.side == "server"):
        return None
    return f"close code {subject.shown} ({subject.entry.name}) is sent only by clients, never by a server", None


@value_check("WSC108")
def refused_by_library(subject: Subject) -> Verdict:
    if subject.category != USABLE:
        return None
    library, code = subject.send.library, subject.code
    if library.runtime_accepts is not None and library.runtime_accepts_side in (None, subject.send.side) \
            and not any(lo <= code <= hi for lo, hi in library.runtime_accepts):
        return f"close code {subject.shown} is refused at run time: {library.runtime_refusal}", None
    if library.requires_plain_int and subject.value.int_enum:
        who = library.plain_int_refusal or f"{library.name} refuses anything but a plain int"
        return f"close code {subject.value.spelled or code} is an IntEnum member: {who}", None
    return None


@value_check("WSC112")
def not_sent_as_given(subject: Subject) -> Verdict:
    send = subject.send
    for mangling in send.code_parameter.mangled:
        if mangling.applies(subject.code, send.has_reason):
            since = f" (since {send.library.name} {mangling.since})" if mangling.since else ""
            return f"close code {subject.shown} is not sent as given{since}: {mangling.result}", None
    return None


def _peers(names: tuple[str, ...]) -> str:
    based = [f"{name}-" for name in names]
    return f"{', '.join(based[:-1])} and {names[-1]}-based peers" if len(names) > 1 else f"{names[0]}-based peers"


@value_check("WSC110")
def rejected_by_peers(subject: Subject) -> Verdict:
    if subject.category != USABLE or not subject.entry.rejected_by:
        return None
    return (f"close code {subject.shown} ({subject.entry.name}) is rejected by "
            f"{_peers(subject.entry.rejected_by)}", None)


@value_check("WSC109")
def unregistered_application(subject: Subject) -> Verdict:
    if subject.category != USABLE or subject.entry.code_class is not CodeClass.UNREGISTERED_APPLICATION:
        return None
    return f"close code {subject.shown} is an unregistered 3000–3999 code; use 4000–4999 for private codes", None


def _library_constant(subject: Subject) -> Replacement | None:
    """The library's constant for the code, if it has one."""
    constant_set = constants_for(subject.send.library)
    member = constant_set.member_for(subject.code) if constant_set else None
    return Replacement(subject.code, constant_set, member) if member else None


@value_check("WSC201")
def magic_with_constant(subject: Subject) -> Verdict:
    replacement = _library_constant(subject) if _magic_standard(subject) else None
    if replacement is None:
        return None
    text = f"magic close code {subject.code} ({subject.entry.name})"
    late = too_new(subject.model.settings, replacement.constant_set, replacement.member, subject.send.library)
    if late is None:
        return f"{text}: use {replacement.display}", replacement
    local = subject.model.local_constant_for(subject.code)
    named = local or f"a constant {_constant_name(subject.code)} = {subject.code}"
    return f"{text}: use {named}; {replacement.display} {late}", replacement


@value_check("WSC202")
def magic_standard(subject: Subject) -> Verdict:
    # Where the library has a constant the code is WSC201's, even when that rule is off.
    if not _magic_standard(subject) or _library_constant(subject) is not None:
        return None
    return _local_hint(subject, f"magic close code {subject.code} ({subject.entry.name})")


@value_check("WSC203")
def magic_application(subject: Subject) -> Verdict:
    if subject.category != USABLE or subject.entry.code_class is CodeClass.STANDARD \
            or not subject.is_named_literal_candidate:
        return None
    klass = subject.entry.code_class
    meaning = f" (IANA: {subject.entry.name})" if klass is CodeClass.REGISTERED_APPLICATION else ""
    return _local_hint(subject, f"magic application close code {subject.code}{meaning}")


def _magic_standard(subject: Subject) -> bool:
    return (subject.category == USABLE and subject.entry.code_class is CodeClass.STANDARD
            and subject.is_named_literal_candidate)


def _local_hint(subject: Subject, text: str) -> Verdict:
    """"use NAME" for a module constant of that value; else "give it a name", naming it
    with the user's fallback constants when wscc-fix has them."""
    code = subject.code
    local = subject.model.local_constant_for(code)
    if local:
        return f"{text}: use {local}", Replacement(code, local_name=local)
    fallback = subject.model.settings.fallback
    return f"{text}: give it a name", fallback(subject.send.library.name, code) if fallback else None


# --------------------------------------------------------------------------- reason checks


@reason_check("WSC106")
def reason_too_long(send: Send) -> Verdict:
    node = send.reason_node
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        data = node.value.encode("utf-8", "surrogatepass") if isinstance(node.value, str) else node.value
        if len(data) > registry.MAX_REASON_BYTES:
            return (f"close reason is {len(data)} bytes of UTF-8; a Close frame holds at "
                    f"most {registry.MAX_REASON_BYTES} (RFC 6455 §5.5)", None)
    return None


# --------------------------------------------------------------------------- forwarded values

#: Exceptions that carry the code the peer sent, and WebSocket attributes holding it: the
#: libraries' own names.
PEER_CLOSE_EXCEPTIONS = frozenset(name for library in LIBRARIES for name in library.peer_close_exceptions)
PEER_CODE_ATTRIBUTES = frozenset(name for library in LIBRARIES for name in library.peer_code_attributes)


@dataclass
class Forwarded:
    """A code argument whose value cannot be known, with where it comes from."""

    send: Send
    model: ModuleModel
    #: Function (or module) node id -> names bound by ``except <peer close exception> as``.
    peer_exceptions: Callable[[], dict[int, set[str]]]

    @property
    def node(self) -> ast.expr:
        return unwrap(self.send.code_node)


@forwarded_check("WSC103")
def forwarded_http_status(forwarded: Forwarded) -> Verdict:
    # Evidence, not a name: the status of a caught exception or of a response.
    if not forwarded.model.holds_http_status(forwarded.send.code_node, forwarded.send.scope):
        return None
    return (f"close code {short_source(forwarded.send.code_node)} forwards an HTTP status: "
            f"{suggest_http()}", None)


@forwarded_check("WSC111")
def echoed_peer_code(forwarded: Forwarded) -> Verdict:
    node = forwarded.node
    if not isinstance(node, ast.Attribute):
        return None
    if not is_echoed_code(forwarded.model, node, forwarded.send.scope, forwarded.peer_exceptions):
        return None
    normal = propose(forwarded.send, forwarded.model, 1000)
    return (f"close code {short_source(forwarded.send.code_node)} echoes the peer's code, which is 1005 or 1006 "
            f"when the peer sent none or vanished; send {normal} or a named code of your own", None)


def is_echoed_code(model: ModuleModel, node: ast.Attribute, scope: Scope,
                   peer_exceptions: Callable[[], dict[int, set[str]]]) -> bool:
    if node.attr in PEER_CODE_ATTRIBUTES:
        # Only a WebSocket's own attribute: ``processor.close_code`` is an application value.
        return bool(model.receiver_kinds(node.value, scope))
    # ``exc.code`` of a caught disconnect; websockets' ``exc.rcvd.code``.
    base = node.value
    if node.attr == "code" and isinstance(base, ast.Attribute) and base.attr == "rcvd":
        return True
    return (node.attr == "code" and isinstance(base, ast.Name)
            and base.id in peer_exceptions().get(id(scope.node), ()))


def peer_exception_names(tree: ast.Module) -> dict[int, set[str]]:
    """Function (or module) node id -> names bound in it by ``except <peer close
    exception> as name``; one walk of the statements, each handler credited to the
    function that directly contains it."""
    names: dict[int, set[str]] = {}
    stack: list[tuple[ast.AST, int]] = [(tree, id(tree))]
    while stack:
        node, function = stack.pop()
        if isinstance(node, ast.ExceptHandler) and node.name and node.type is not None:
            types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            if any((t.attr if isinstance(t, ast.Attribute) else getattr(t, "id", "")) in PEER_CLOSE_EXCEPTIONS
                   for t in types):
                names.setdefault(function, set()).add(node.name)
        inner = id(node) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
        # Handlers sit in statements: expressions need not be walked.
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.stmt, ast.ExceptHandler, ast.match_case)):
                stack.append((child, inner))
    return names


#: Rules whose findings ``wscc-fix`` can rewrite: from the rule data.
FIXABLE = frozenset(rule.code for rule in RULES if rule.fix != "never")


def unchecked_rules() -> Iterable[str]:
    """Rules with no check at all (a test keeps this empty)."""
    checked = set(VALUE_CHECKS) | set(REASON_CHECKS) | set(FORWARDED_CHECKS)
    return [code for code in ORDER if code not in checked]
