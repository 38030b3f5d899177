"""The vocabulary in which each library module in ``wscc.libraries`` is written.

A library is described, never imported: which names it exports, which objects are
WebSockets, how each of them is recognised in source code, which calls put a close
code on the wire (and at which parameter), and which named constants it has.

Name patterns.  A *qualified name* is what an expression means after following the
module's imports (``from fastapi import WebSocket`` makes ``WebSocket`` mean
``fastapi.WebSocket``).  Where a class or function is re-exported under several paths,
a pattern ``"package:Name"`` matches any qualified name inside ``package`` that ends in
``.Name`` (``websockets.asyncio.server.ServerConnection`` and
``websockets.ServerConnection`` both match ``"websockets:ServerConnection"``).
A pattern without a colon must match exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Mapping

Side = Literal["server", "client"]


def matches(pattern: str, qualname: str) -> bool:
    """Does ``qualname`` match a name pattern (see the module docstring)?"""
    package, colon, name = pattern.partition(":")
    if not colon:
        return qualname == pattern
    return qualname.endswith("." + name) and (
        qualname.startswith(package + ".") or qualname == package
    )


@dataclass(frozen=True)
class Mangling:
    """A close code that a call shape does not put on the wire as given (WSC112): the
    library ignores it, rewrites it or sends something else in its place."""

    #: What the peer receives instead, for the message and the docs.
    result: str
    #: The affected codes as inclusive ranges; ``None``: every code.
    codes: tuple[tuple[int, int], ...] | None = None
    #: Non-int values also affected (ws4py: ``None`` with a reason).
    values: tuple[object, ...] = ()
    #: Only when the call passes no reason (socketify's ``end(code)``), or only when it
    #: passes one (ws4py's ``close(0, "r")``).
    without_reason: bool = False
    with_reason: bool = False
    #: The first release of the library that behaves so (curl_cffi 0.17.0); ``None``: every
    #: release wscc describes.
    since: str | None = None

    def applies(self, value: object, has_reason: bool | None) -> bool:
        """Does it apply to ``value``?  ``has_reason`` is ``None`` when the call is not
        known (a wrapper's caller): a reason condition then does not hold."""
        if self.without_reason and has_reason is not False:
            return False
        if self.with_reason and has_reason is not True:
            return False
        if any(type(value) is type(v) and value == v for v in self.values):
            return True
        if not isinstance(value, int):
            return False
        return self.codes is None or any(lo <= value <= hi for lo, hi in self.codes)


@dataclass(frozen=True)
class CodeParameter:
    """Where a call takes its close code (and its reason text).

    ``position`` counts positional arguments after ``self``; ``None`` means the
    parameter is keyword-only.  ``keyword`` is ``None`` where the value can only be
    given by position: an exception's ``args`` (websockify's ``CClose(code, reason)``),
    an element of a returned tuple (``ReturnSend``).
    """

    keyword: str | None
    position: int | None
    reason_keyword: str | None = None
    reason_position: int | None = None
    #: Literal values that mean "no code" here rather than a bad code (``None`` nearly
    #: everywhere; Channels' ``send(close=True)`` and ``close(True)``).
    not_a_code: tuple[object, ...] = (None,)
    #: Members of the library's own constants that mean "no code" here, by identity
    #: (wsproto sends an empty Close frame for ``CloseReason.NO_STATUS_RCVD`` itself).
    no_code_members: tuple[str, ...] = ()
    #: Codes this call does not send as given (WSC112).
    mangled: tuple[Mangling, ...] = ()


@dataclass(frozen=True)
class Route:
    """A decorator or registration call that hands a WebSocket to a function.

    ``decorator`` is either a name pattern for the decorator itself (``"litestar:websocket"``)
    or ``".attr"`` for any ``@<obj>.attr(...)`` decorator.  ``registration`` is a pattern
    for a call that takes the handler as an argument (``websockets.serve(handler, ...)``)
    at ``handler_argument`` or ``handler_keyword``; ``".attr"`` again means any
    ``<obj>.attr(...)`` call (``app.add_websocket_route(path, handler)``).  ``parameter`` is the handler's parameter that holds the
    WebSocket: an index (``self`` not counted) or a name.
    """

    parameter: int | str
    decorator: str | None = None
    registration: str | None = None
    handler_argument: int = 0
    #: The keyword the registration call also takes the handler by (``endpoint=``).
    handler_keyword: str | None = None
    #: The real registration callables, ``"module:Callable"``; the test suite checks
    #: ``handler_argument``/``handler_keyword`` against their signatures.
    signatures: tuple[str, ...] = ()
    #: The object the decorator is an attribute of must come from one of these calls
    #: (flask-sock's ``sock = Sock(app)``), so that plain ``@app.route`` is not mistaken.
    decorator_owner: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class ObjectKind:
    """One kind of WebSocket object of a library and every way to recognise it."""

    name: str
    side: Side | None
    #: Class name patterns: annotations (``ws: WebSocketResponse``) and, when
    #: ``self_in_subclass``, the bases of a class whose ``self`` is the WebSocket.
    classes: tuple[str, ...] = ()
    self_in_subclass: bool = False
    #: Calls whose result (awaited, or bound by ``with ... as``) is such an object.
    factories: tuple[str, ...] = ()
    #: Calls that return a tuple holding such an object, with its index
    #: (picows: ``transport, listener = await ws_connect(...)``).
    unpacked_factories: Mapping[str, int] = field(default_factory=dict)
    #: Method names on any object whose result is such an object (``session.ws_connect``).
    factory_methods: tuple[str, ...] = ()
    #: Parameter names that, in a module importing the library, hold such an object.
    parameter_names: tuple[str, ...] = ()
    #: Module-level objects that are such an object (Quart's ``websocket`` proxy).
    proxies: tuple[str, ...] = ()
    #: Handler methods (any class) whose parameter holds the object: name -> parameter index.
    handler_methods: Mapping[str, int] = field(default_factory=dict)
    #: The same for every method whose name starts with a prefix.
    handler_method_prefixes: Mapping[str, int] = field(default_factory=dict)
    routes: tuple[Route, ...] = ()
    #: String keys under which a library mapping holds such an object
    #: (gevent-websocket: ``environ["wsgi.websocket"]``).
    subscript_keys: tuple[str, ...] = ()
    #: Attributes that a library base class sets on ``self`` to such an object:
    #: class name pattern -> attribute names (gevent-websocket's ``WebSocketApplication``
    #: sets ``self.ws``).
    base_attributes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Attributes of another kind of the same library that hold such an object: owner
    #: kind name -> attribute names (pywebsocket3's ``request.ws_stream``).
    attribute_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class MethodSend:
    """``<receiver>.<method>(...)`` on one of ``receivers`` sends a close code."""

    method: str
    receivers: tuple[str, ...]
    code: CodeParameter
    #: The real functions this shape describes, ``"module:Class.method"``; the test
    #: suite checks ``code`` against their signatures.
    signatures: tuple[str, ...] = ()


@dataclass(frozen=True)
class CallSend:
    """Calling (or raising) one of ``callables`` sends a close code.

    ``delivered_by``: the ways the constructed object must reach the library for the code
    to be sent (``RAISED``, ``SENT``, ``RETURNED``); empty when constructing it is enough.
    An exception built as a mock's ``side_effect`` or an event built as a test's expected
    value sends nothing."""

    callables: tuple[str, ...]
    code: CodeParameter
    signatures: tuple[str, ...] = ()
    delivered_by: tuple[str, ...] = ()
    #: A class the library keeps as an attribute of one of its objects, called as
    #: ``<receiver>.<attribute>(...)`` where the receiver is one of the object kinds
    #: ``receivers`` (websockify's ``raise self.CClose(code, reason)`` in a request handler).
    attribute: str | None = None
    receivers: tuple[str, ...] = ()
    #: Methods of the receiver's class that the library runs outside the code that catches
    #: the object: raised in one of them it sends nothing (websockify runs
    #: ``validate_connection`` and ``auth_connection`` before the WebSocket exists).
    not_delivered_in: tuple[str, ...] = ()


#: How a constructed object reaches the library (``CallSend.delivered_by``).
RAISED = "raise"  # ``raise WebSocketException(1008)`` (also through a name raised later)
SENT = "send"  # passed to a ``send`` callable: ``conn.send(CloseConnection(1000))``
RETURNED = "return"  # returned or yielded to the caller that sends it


@dataclass(frozen=True)
class MessageSend:
    """A dict message whose ``type_key`` entry is ``type_value`` sends the code at
    ``code_key`` when it reaches the library (raw ASGI's ``websocket.close``) in one of
    the ways ``delivered_by`` names: a dict written as test data is not a send."""

    type_value: str
    type_key: str = "type"
    code_key: str = "code"
    reason_key: str = "reason"
    side: Side = "server"
    delivered_by: tuple[str, ...] = (SENT, RETURNED)


@dataclass(frozen=True)
class ReturnSend:
    """A module-level function named ``function`` that the library calls and whose return
    value it unpacks and sends (pywebsocket3's ``web_socket_passive_closing_handshake(request)``
    returning ``(code, reason)``).

    Each ``return`` of a tuple display of exactly ``size`` elements (written there, or
    assigned to the name returned) sends the element at ``code.position`` and the reason
    at ``code.reason_position``.  A method or a nested function of that name, an
    ``async def`` or a generator (the library gets a coroutine or a generator) and a tuple
    of another size (the unpacking raises) send nothing; what a call returns is not
    followed."""

    function: str
    code: CodeParameter
    size: int
    side: Side = "server"


@dataclass(frozen=True)
class AttributeSend:
    """Assigning to ``<anything>.<path>`` sets the code the library will send."""

    path: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class ConstantSet:
    """A library's named close codes, and how code refers to them.

    ``container`` is the qualified name the members hang off (also how the codemod
    imports it); ``aliases`` are other qualified names of the same object.
    ``style`` says how a reference is written:
    ``"container"``: ``from <module> import <Container>`` then ``Container.MEMBER``;
    ``"module"``: ``import <container>`` then ``container.MEMBER``;
    ``"member"``: ``from <container> import MEMBER`` then ``MEMBER``;
    ``"self"``: ``self.MEMBER`` inside a subclass of ``container``.
    """

    container: str
    members: Mapping[str, int]
    style: Literal["container", "module", "member", "self"] = "container"
    aliases: tuple[str, ...] = ()
    int_enum: bool = False
    #: Extra (non-close-code) members that name HTTP statuses, ``HTTP_403_FORBIDDEN``.
    http_status_prefix: str | None = None
    #: Other containers that are this very object at run time (``fastapi.status`` is
    #: ``starlette.status``): an existing binding of either may be reused for the other.
    same_object_as: tuple[str, ...] = ()
    #: The first release of the library (its PyPI distribution) that has ``container`` at
    #: this import path; ``None`` while not recorded.
    since: str | None = None
    #: Members that arrived after the container: member -> first release that has it.
    member_since: Mapping[str, str] = field(default_factory=dict)
    #: Alias -> the first release that has it (``websockets.CloseCode``: 14.2).  The fixer
    #: never writes an alias (it imports ``container``); recorded for the record, and
    #: verified like ``since`` by tests/test_fix_versions.py.
    alias_since: Mapping[str, str] = field(default_factory=dict)

    def member_for(self, value: int) -> str | None:
        for name, member_value in self.members.items():
            if member_value == value:
                return name
        return None

    #: Is ``container`` an attribute of its parent module as soon as that is imported?
    #: ``None``: yes for a class (``aiohttp.WSCloseCode``), no for a submodule
    #: (``starlette.status``: ``import starlette`` does not import it); ``True`` for a
    #: submodule the package's ``__init__`` imports itself (``fastapi.status``).
    bound_by_parent: bool | None = None

    @property
    def reachable_from_parent(self) -> bool:
        """``bound_by_parent``, its default read from the name (modules are lower case,
        classes are not); the test suite checks it against the real libraries."""
        if self.bound_by_parent is not None:
            return self.bound_by_parent
        return not (self.style in ("module", "member") or self.container.rpartition(".")[2].islower())

    @property
    def import_module(self) -> str:
        return self.container if self.style in ("module", "member") else self.container.rpartition(".")[0]


@dataclass(frozen=True, eq=False)
class Library:
    """Everything wscc knows about one WebSocket library."""

    name: str  # the distribution name on PyPI
    #: Top-level import names; importing any of them opens the gate for this library.
    imports: tuple[str, ...]
    kinds: tuple[ObjectKind, ...] = ()
    method_sends: tuple[MethodSend, ...] = ()
    call_sends: tuple[CallSend, ...] = ()
    return_sends: tuple[ReturnSend, ...] = ()
    attribute_sends: tuple[AttributeSend, ...] = ()
    #: Message shapes; they need no import of the library (any dict display counts).
    message_sends: tuple[MessageSend, ...] = ()
    #: The library's own constants.
    constants: tuple[ConstantSet, ...] = ()
    #: Libraries (by ``name``) whose constants a literal should be named with, in order;
    #: the library itself first when it has constants, then a hard dependency.
    constants_from: tuple[str, ...] = ()
    #: Codes the library, or its reference server, refuses at run time although the RFC
    #: allows them: the accepted set, as ranges.  ``None`` means it sends what it is given.
    runtime_accepts: tuple[tuple[int, int], ...] | None = None
    runtime_refusal: str = ""
    #: The side whose sends ``runtime_accepts`` concerns; ``None``: both (playwright's
    #: page-side mock delivers any code, its server side goes through the browser).
    runtime_accepts_side: Side | None = None
    #: The library refuses anything whose type is not exactly ``int`` (IntEnum members).
    requires_plain_int: bool = False
    #: Who refuses it, for the message (the library itself unless said here).
    plain_int_refusal: str = ""
    #: One line for the docs table: what happens at run time with a bad code.
    runtime_note: str = ""
    #: Exception class names that carry the code the peer sent (``WebSocketDisconnect``):
    #: sending ``exc.code`` back echoes the peer's 1005/1006 (WSC111).
    peer_close_exceptions: tuple[str, ...] = ()
    #: Attributes of the library's WebSocket that hold the code the peer sent.
    peer_code_attributes: tuple[str, ...] = ()

    def kind(self, name: str) -> ObjectKind:
        for kind in self.kinds:
            if kind.name == name:
                return kind
        raise KeyError(f"{self.name} has no object kind {name!r}")
