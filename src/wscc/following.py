"""Following a close code one step beyond the call that sends it.

The detector judges the literal (or named constant) written inside a library call.  Real
code often writes the code somewhere else; ``wscc.detector.detect`` asks this module for
the sends it would otherwise miss:

* ``receiver_sends``: library sends on receivers the detector's name rules do not know:
  ``super().close(code=...)`` inside a module class that subclasses a library WebSocket
  class, objects annotated with or constructed as such a subclass, and a WebSocket passed
  as an argument to a function of the module (``abort(self, ...)`` in a tornado handler).
* ``wrapper_sends``: a function or method of the module that forwards one of its
  parameters, unchanged, to a close-code send (``async def close(self, code=1000):
  await self.ws.close(code=code)``) is a *wrapper*.  Its default and the codes its callers
  in the module pass are judged as if written in the library call.  Wrappers of wrappers
  are followed to a fixed point.  Callers are recognised through ``self``, a variable or
  attribute annotated with (or assigned an instance of) the wrapper's class, or with a
  ``typing.Protocol`` the class implements (every method the protocol declares), or the
  function's own name.
* ``forwarded_findings``: an HTTP status forwarded as a close code (``code=exc.status_code``,
  ``code=response.status``): WSC103; the peer's code sent back (``ws.close(code=ws.close_code)``),
  which is 1005 or 1006 whenever the peer sent no code or vanished: WSC111 (opt-in).

Each analysis was admitted only at zero false positives on the real-world evaluation set
(``benchmarks/realworld``).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterable, Iterator

from wscc import detector
from wscc.detector import Finding, Module, Scope, Send, Settings
from wscc.spec import Library, ObjectKind

#: The opt-in rule for a peer's code sent back.
ECHO_RULE = "WSC111"

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


# --------------------------------------------------------------------------- wrappers


@dataclass(frozen=True)
class Wrapper:
    """A function of the module that forwards parameter ``parameter`` to a close-code send."""

    function: ast.FunctionDef | ast.AsyncFunctionDef
    scope: Scope
    parameter: str
    #: Position among the arguments a caller writes (``self`` not counted); ``None`` if
    #: keyword-only.
    position: int | None
    #: The send it ends in (library, side, parameter shape).
    send: Send


def _forwarded_parameter(node: ast.expr, scope: Scope) -> tuple[Scope, str] | None:
    """``node`` is a parameter of the function it is written in, never reassigned there."""
    node = detector._unwrap(node)
    if not isinstance(node, ast.Name):
        return None
    owner = scope.lookup(node.id)
    if owner is None or not owner.is_function or node.id not in owner.params:
        return None
    if owner.assigned.get(node.id):
        return None
    if not isinstance(owner.node, _FUNCTIONS):
        return None
    return owner, node.id


def _position(function: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope, name: str) -> int | None:
    if any(arg.arg == name for arg in function.args.kwonlyargs):
        return None
    index, _annotation = scope.params[name]
    return index if index >= 0 else None


def _default(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> ast.expr | None:
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    offset = len(positional) - len(args.defaults)
    for index, arg in enumerate(positional):
        if arg.arg == name and index >= offset:
            return args.defaults[index - offset]
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        if arg.arg == name:
            return default
    return None


def _wrapper_for(send: Send, code_node: ast.expr, scope: Scope) -> Wrapper | None:
    forwarded = _forwarded_parameter(code_node, scope)
    if forwarded is None:
        return None
    owner, name = forwarded
    function = owner.node
    return Wrapper(function, owner, name, _position(function, owner, name), send)


class _Types:
    """Which module classes an expression may be an instance of (by annotation or construction)."""

    def __init__(self, module: Module) -> None:
        self.module = module
        self._implementations: dict[int, list[ast.ClassDef]] = {}

    def implementations(self, protocol: ast.ClassDef) -> list[ast.ClassDef]:
        """Module classes that define every method a ``typing.Protocol`` declares: what an
        object annotated with the protocol may be (structural typing, as type checkers do)."""
        found = self._implementations.get(id(protocol))
        if found is None:
            methods = [s.name for s in protocol.body if isinstance(s, _FUNCTIONS)]
            found = self._implementations[id(protocol)] = [
                cls for cls in self.module.classes.values()
                if methods and not _is_protocol(self.module, cls) and all(_method(self.module, cls, m) for m in methods)
            ]
        return found

    def _classes_in(self, annotation: ast.expr | None, scope: Scope) -> list[ast.ClassDef]:
        found = []
        for node in self.module._annotation_types(annotation):
            if isinstance(node, ast.Name) and node.id in self.module.classes:
                owner = scope.lookup(node.id)
                if owner is None or owner is self.module.scope:
                    cls = self.module.classes[node.id]
                    found += self.implementations(cls) if _is_protocol(self.module, cls) else [cls]
        return found

    def _classes_of_value(self, value: ast.expr | None, scope: Scope, depth: int) -> list[ast.ClassDef]:
        if value is None:
            return []
        value = detector._unwrap(value)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            return self._classes_in(value.func, scope)
        if isinstance(value, (ast.Name, ast.Attribute)):
            return self.of(value, scope, depth + 1)
        return []

    def of(self, node: ast.expr, scope: Scope, depth: int = 0) -> list[ast.ClassDef]:
        if depth > 4:
            return []
        module = self.module
        if isinstance(node, ast.Name):
            method = scope.method_for_self(node.id)
            if method is not None and method.enclosing_class is not None:
                return [method.enclosing_class]
            owner = scope.lookup(node.id)
            if owner is None:
                return []
            found = []
            if node.id in owner.params:
                found += self._classes_in(owner.params[node.id][1], owner)
            found += self._classes_in(owner.annotations.get(node.id), owner)
            for value in owner.assigned.get(node.id, ()):
                if value is not detector.UNKNOWN and value is not None and value is not node:
                    found += self._classes_of_value(value, owner, depth)
            return found
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            method = scope.method_for_self(node.value.id)
            if method is None or method.enclosing_class is None:
                return []
            cls = method.enclosing_class
            found = []
            for method_scope, value, annotation in module.attributes.get(cls, {}).get(node.attr, ()):
                found += self._classes_in(annotation, method_scope)
                found += self._classes_of_value(value, method_scope, depth)
            class_scope = module.scopes.get(cls)
            if class_scope is not None:
                found += self._classes_in(class_scope.annotations.get(node.attr), class_scope)
            return found
        return []


#: Where ``typing.Protocol`` is imported from (``asyncio.Protocol`` is something else).
_PROTOCOL_NAMES = frozenset({"typing.Protocol", "typing_extensions.Protocol"})


def _is_protocol(module: Module, cls: ast.ClassDef) -> bool:
    """Does ``cls`` derive from ``typing.Protocol`` (also ``Protocol[T]``)?"""
    bases = (base.value if isinstance(base, ast.Subscript) else base for base in cls.bases)
    return any(module.qualname(base, module.scope) in _PROTOCOL_NAMES for base in bases)


def _bases(module: Module, cls: ast.ClassDef, seen: frozenset = frozenset()) -> Iterator[ast.ClassDef]:
    """``cls`` and its in-module bases, in method resolution order (depth first)."""
    yield cls
    for base in cls.bases:
        if isinstance(base, ast.Name) and base.id in module.classes and base.id not in seen:
            yield from _bases(module, module.classes[base.id], seen | {base.id})


def _method(module: Module, cls: ast.ClassDef, name: str) -> ast.AST | None:
    for klass in _bases(module, cls):
        for statement in klass.body:
            if isinstance(statement, _FUNCTIONS) and statement.name == name:
                return statement
    return None


def _callee(module: Module, types: _Types, call: ast.Call, scope: Scope) -> ast.AST | None:
    """The module function or method a call reaches, if the module defines it."""
    func = call.func
    if isinstance(func, ast.Name):
        owner = scope.lookup(func.id)
        target_scope = owner or module.scope
        body = getattr(target_scope.node, "body", ())
        # A lambda's body is one expression, not statements.
        for statement in body if isinstance(body, list) else ():
            if isinstance(statement, _FUNCTIONS) and statement.name == func.id:
                return statement
        return None
    if isinstance(func, ast.Attribute):
        for cls in types.of(func.value, scope):
            method = _method(module, cls, func.attr)
            if method is not None:
                return method
    return None


def _argument_for(call: ast.Call, wrapper: Wrapper) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == wrapper.parameter:
            return keyword.value
    if wrapper.position is not None and wrapper.position < len(call.args):
        if any(isinstance(arg, ast.Starred) for arg in call.args[: wrapper.position + 1]):
            return None
        return call.args[wrapper.position]
    return None


def _alternatives(node: ast.expr, scope: Scope, depth: int = 0) -> Iterator[tuple[ast.expr, Scope]]:
    """The expressions a code argument may be: both arms of ``a if c else b``, also
    through a local name assigned once."""
    if depth > 4:
        yield node, scope
        return
    if isinstance(node, ast.IfExp):
        yield from _alternatives(node.body, scope, depth + 1)
        yield from _alternatives(node.orelse, scope, depth + 1)
        return
    if isinstance(node, ast.Name):
        owner = scope.lookup(node.id)
        if owner is not None and node.id not in owner.params:
            values = owner.assigned.get(node.id, [])
            if len(values) == 1 and isinstance(values[0], ast.IfExp):
                yield from _alternatives(values[0], owner, depth + 1)
                return
    yield node, scope


def _rebased(send: Send, code_node: ast.expr, scope: Scope) -> Send:
    return Send(send.library, send.side, code_node, send.code_parameter, None, scope)


def wrapper_sends(module: Module, sends: Iterable[Send]) -> list[Send]:
    """Sends through the module's own wrappers: their defaults and their callers' codes."""
    types = _Types(module)
    wrappers: dict[int, list[Wrapper]] = {}
    pending = []
    for send in sends:
        if send.code_node is None:
            continue
        wrapper = _wrapper_for(send, send.code_node, send.scope)
        if wrapper is not None:
            pending.append(wrapper)
    calls = [(node, module.node_scopes.get(id(node), module.scope)) for node in module.calls]
    callees = {id(call): _callee(module, types, call, scope) for call, scope in calls}
    found: list[Send] = []
    seen_nodes: set[int] = set()

    def add(send: Send, node: ast.expr, scope: Scope) -> None:
        for alternative, alternative_scope in _alternatives(node, scope):
            if id(alternative) not in seen_nodes:
                seen_nodes.add(id(alternative))
                found.append(_rebased(send, alternative, alternative_scope))

    while pending:
        wrapper = pending.pop()
        key = id(wrapper.function)
        if any(w.parameter == wrapper.parameter for w in wrappers.get(key, ())):
            continue
        wrappers.setdefault(key, []).append(wrapper)
        default = _default(wrapper.function, wrapper.parameter)
        if default is not None:
            add(wrapper.send, default, module.node_scopes.get(id(default), module.scope))
        for call, scope in calls:
            if callees[id(call)] is not wrapper.function:
                continue
            argument = _argument_for(call, wrapper)
            if argument is None:
                continue
            outer = _wrapper_for(wrapper.send, argument, scope)
            if outer is not None:
                pending.append(outer)
            else:
                add(wrapper.send, argument, scope)
    return found


# --------------------------------------------------------------------------- receivers


def _module_class_kinds(module: Module, cls: ast.ClassDef) -> list[tuple[Library, ObjectKind]]:
    """Library kinds a module class is a subclass of (``class R(aiohttp.ClientWebSocketResponse)``)."""
    found = []
    for klass in _bases(module, cls):
        class_scope = module.scopes.get(klass, module.scope).parent or module.scope
        for base in klass.bases:
            for library, kind in module._imported_kinds():
                if module._matches_any(kind.classes, base, class_scope):
                    found.append((library, kind))
    return found


def _constructed_kinds(module: Module, receiver: ast.expr, scope: Scope) -> list[tuple[Library, ObjectKind]]:
    """Kinds of a receiver assigned an instance built from a library class
    (``self._ws = StarletteWebSocket(scope, receive, send)``)."""
    values: list[tuple[ast.expr | None, Scope]] = []
    if isinstance(receiver, ast.Name):
        owner = scope.lookup(receiver.id)
        if owner is not None:
            values = [(v, owner) for v in owner.assigned.get(receiver.id, ())]
    elif isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name):
        method = scope.method_for_self(receiver.value.id)
        if method is not None and method.enclosing_class is not None:
            records = module.attributes.get(method.enclosing_class, {}).get(receiver.attr, ())
            values = [(value, method_scope) for method_scope, value, _annotation in records]
    found = []
    for value, value_scope in values:
        value = detector._unwrap(value) if value is not None else None
        if isinstance(value, ast.Call):
            for library, kind in module._imported_kinds():
                if module._matches_any(kind.classes, value.func, value_scope):
                    found.append((library, kind))
    return found


def _method_shape(library: Library, kind: ObjectKind, method: str):
    for shape in library.method_sends:
        if shape.method == method and kind.name in shape.receivers:
            return shape
    return None


def _is_super_call(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"


def _argument_kinds(module: Module) -> dict[tuple[int, str], list]:
    """(function node id, parameter) -> kinds of the WebSockets its callers in the module pass."""
    types = _Types(module)
    kinds: dict[tuple[int, str], list] = {}
    for node in module.calls:
        if not isinstance(node.func, ast.Name):
            continue
        scope = module.node_scopes.get(id(node), module.scope)
        callee = _callee(module, types, node, scope)
        if callee is None or not isinstance(callee, _FUNCTIONS):
            continue
        callee_scope = module.scopes.get(callee)
        if callee_scope is None or callee_scope.is_method:
            continue
        positional = [*callee.args.posonlyargs, *callee.args.args]
        for index, argument in enumerate(node.args):
            if isinstance(argument, ast.Starred) or index >= len(positional):
                break
            found = module.receiver_kinds(argument, scope)
            if found:
                kinds.setdefault((id(callee), positional[index].arg), []).extend(found)
    return kinds


def receiver_sends(module: Module, known: Iterable[Send]) -> list[Send]:
    """Library sends the detector cannot see: ``super().close(code=...)`` in a library
    subclass, calls on an object annotated with such a subclass, and a WebSocket parameter
    of a module function whose callers pass one."""
    known_nodes = {id(send.code_node) for send in known}
    methods = {shape.method for library in module.libraries for shape in library.method_sends}
    if not methods:
        return []
    types = _Types(module)
    argument_kinds = _argument_kinds(module)
    found = []
    for node in module.calls:
        if not (isinstance(node.func, ast.Attribute) and node.func.attr in methods):
            continue
        scope = module.node_scopes.get(id(node), module.scope)
        receiver = node.func.value
        candidates: list = []
        if _is_super_call(receiver):
            function = scope
            while function is not None and not function.is_function:
                function = function.parent
            if function is not None and function.enclosing_class is not None:
                candidates = _module_class_kinds(module, function.enclosing_class)
        else:
            for cls in types.of(receiver, scope):
                candidates += _module_class_kinds(module, cls)
            candidates += _constructed_kinds(module, receiver, scope)
            if isinstance(receiver, ast.Name):
                owner = scope.lookup(receiver.id)
                if owner is not None and owner.node is not None:
                    candidates += argument_kinds.get((id(owner.node), receiver.id), [])
        for library, kind in candidates:
            shape = _method_shape(library, kind, node.func.attr)
            if shape is None:
                continue
            send = module._send(library, kind.side, node, shape.code, scope)
            if send is not None and send.code_node is not None and id(send.code_node) not in known_nodes:
                known_nodes.add(id(send.code_node))
                found.append(send)
            break
    return found


# --------------------------------------------------------------------------- forwarded values

#: Attribute and variable names that hold an HTTP status, never a close code.
HTTP_STATUS_ATTRIBUTES = frozenset({"status_code", "status", "http_status"})
HTTP_STATUS_NAMES = frozenset({"status_code", "http_status"})


def is_http_status(node: ast.expr) -> bool:
    node = detector._unwrap(node)
    if isinstance(node, ast.Attribute):
        return node.attr in HTTP_STATUS_ATTRIBUTES
    if isinstance(node, ast.Name):
        return node.id in HTTP_STATUS_NAMES
    return False


#: Exceptions that carry the code the peer sent (or 1005/1006 when it sent none).
PEER_CLOSE_EXCEPTIONS = ("WebSocketDisconnect", "ConnectionClosed", "ConnectionClosedOK",
                         "ConnectionClosedError", "WebSocketClosed", "ConnectionClosedException")
#: Attributes of a WebSocket (or of its received Close frame) that hold the peer's code.
PEER_CODE_ATTRIBUTES = frozenset({"close_code", "rcvd_close_code"})


def _peer_exception_names(module: Module) -> dict[int, set[str]]:
    """Function (or module) node id -> names bound in it by ``except <peer close
    exception> as name``; one walk of the tree, each handler credited to the function
    that directly contains it."""
    names: dict[int, set[str]] = {}
    stack: list[tuple[ast.AST, int]] = [(module.tree, id(module.tree))]
    while stack:
        node, function = stack.pop()
        if isinstance(node, ast.ExceptHandler) and node.name and node.type is not None:
            types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            if any((t.attr if isinstance(t, ast.Attribute) else getattr(t, "id", "")) in PEER_CLOSE_EXCEPTIONS
                   for t in types):
                names.setdefault(function, set()).add(node.name)
        inner = id(node) if isinstance(node, _FUNCTIONS) else function
        # Handlers sit in statements: expressions need not be walked.
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.stmt, ast.ExceptHandler, ast.match_case)):
                stack.append((child, inner))
    return names


def is_echoed_code(module: Module, node: ast.expr, scope: Scope, peer_exceptions: dict[int, set[str]]) -> bool:
    node = detector._unwrap(node)
    if not isinstance(node, ast.Attribute):
        return False
    if node.attr in PEER_CODE_ATTRIBUTES:
        # Only a WebSocket's own attribute: ``processor.close_code`` is an application value.
        return bool(module.receiver_kinds(node.value, scope))
    # ``exc.code`` of a caught disconnect; websockets' ``exc.rcvd.code``.
    base = node.value
    if node.attr == "code" and isinstance(base, ast.Attribute) and base.attr == "rcvd":
        return True
    return (node.attr == "code" and isinstance(base, ast.Name)
            and base.id in peer_exceptions.get(id(scope.node), ()))


# --------------------------------------------------------------------------- findings


def forwarded_findings(module: Module, sends: Iterable[Send], settings: Settings,
                       through_wrappers: Iterable[Send] = ()) -> list[Finding]:
    """WSC103 for a forwarded HTTP status, WSC111 for an echoed peer code.

    A variable handed to a wrapper is judged where the wrapper sends it (its parameter
    carries the name there); at the wrapper's callers only ``x.status_code`` counts."""
    peer_exceptions: dict[int, set[str]] | None = None  # computed on the first candidate
    findings = []
    wrapped = [(send, False) for send in through_wrappers]
    for send, names_count in [*((s, True) for s in sends), *wrapped]:
        node = send.code_node
        if node is None or module.resolve(node, send.scope) is not None:
            continue
        http = is_http_status(node) and (names_count or isinstance(detector._unwrap(node), ast.Attribute))
        if http and settings.enabled("WSC103"):
            findings.append(detector._finding(
                "WSC103", f"close code {detector._short_source(node)} forwards an HTTP status: "
                f"{detector.suggest_http()}", node, send, None))
        elif settings.enabled(ECHO_RULE) and isinstance(detector._unwrap(node), ast.Attribute):
            if peer_exceptions is None:
                peer_exceptions = _peer_exception_names(module)
            if not is_echoed_code(module, node, send.scope, peer_exceptions):
                continue
            findings.append(detector._finding(
                ECHO_RULE, f"close code {detector._short_source(node)} echoes the peer's code, which is 1005 or 1006 when "
                "the peer sent none or vanished; send 1000 or a code of your own", node, send, None))
    return findings


__all__ = [
    "ECHO_RULE", "Wrapper", "forwarded_findings", "is_echoed_code", "is_http_status",
    "receiver_sends", "wrapper_sends",
]
