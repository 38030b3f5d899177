"""Following a close code one step beyond the call that sends it, on the module model.

``wscc.sends`` finds the codes written inside a library call.  Real code often writes the
code somewhere else; ``wscc.detector.detect`` asks this module for the sends it would
otherwise miss:

* ``receiver_sends``: library sends on receivers the model's evidence rules do not reach
  alone: objects annotated with or constructed as a module subclass of a library
  WebSocket class.  (A WebSocket passed to a function of the module, ``abort(self, ...)``
  in a tornado handler, is the model's own evidence: ``TypeInference.argument_kinds``.)
* ``wrapper_sends``: a function or method of the module that forwards one of its
  parameters, unchanged, to a close-code send (``async def close(self, code=1000):
  await self.ws.close(code=code)``) is a *wrapper*; so is a method that keeps a parameter
  in an attribute a send reads (``self.code = code`` in ``__init__``, ``close(self.code)``
  in another method: ``Kicked(1006)``).  Its default and the codes its callers in the
  module pass are judged as if written in the library call.  Wrappers of wrappers
  are followed to a fixed point.  Callers are recognised through ``self``, a variable or
  attribute annotated with (or assigned an instance of) the wrapper's class, or with a
  ``typing.Protocol`` the class implements, or the function's own name.
* ``forwarded_sends``: codes whose value cannot be known, for the forwarded-value checks
  (an HTTP status forwarded as a close code, WSC103; the peer's code sent back, WSC111).

Each analysis was admitted only at zero false positives on the real-world evaluation set
(``benchmarks/realworld``).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterable

from wscc.model import ModuleModel, Scope, unwrap
from wscc.delivery import delivered
from wscc.sends import Send, call_send, method_shape

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
    #: Where the function passes the parameter on (the send's code, or a call's argument).
    passed_at: ast.expr | None = None

    @property
    def default(self) -> ast.expr | None:
        """The parameter's default value, if it has one."""
        args = self.function.args
        positional = [*args.posonlyargs, *args.args]
        offset = len(positional) - len(args.defaults)
        for index, arg in enumerate(positional):
            if arg.arg == self.parameter and index >= offset:
                return args.defaults[index - offset]
        for arg, default in zip(args.kwonlyargs, args.kw_defaults):
            if arg.arg == self.parameter:
                return default
        return None


def forwarded_parameter(node: ast.expr, scope: Scope) -> tuple[Scope, str] | None:
    """``node`` is a parameter of the function it is written in, never reassigned there."""
    node = unwrap(node)
    if not isinstance(node, ast.Name):
        return None
    owner = scope.lookup(node.id)
    if owner is None or not owner.is_function or node.id not in owner.params:
        return None
    if owner.assigned.get(node.id) or not isinstance(owner.node, _FUNCTIONS):
        return None
    return owner, node.id


def wrapper_for(send: Send, code_node: ast.expr, scope: Scope) -> Wrapper | None:
    """The wrapper ``send`` makes of its function, if ``code_node`` is a parameter of it."""
    forwarded = forwarded_parameter(code_node, scope)
    if forwarded is None:
        return None
    owner, name = forwarded
    return Wrapper(owner.node, owner, name, parameter_position(owner, name), send, code_node)


def parameter_position(function: Scope, name: str) -> int | None:
    """Where a caller writes the function's parameter ``name`` among its positional
    arguments (``self`` not counted); ``None`` for a keyword-only or variadic one."""
    keyword_only = any(arg.arg == name for arg in function.node.args.kwonlyargs)
    index = function.params[name][0]
    return None if keyword_only or index < 0 else index


class _WrapperWalk:
    """The fixed point over wrappers of wrappers, and the sends their codes make."""

    def __init__(self, model: ModuleModel) -> None:
        self.model = model
        self.calls = [(node, model.scope_of(node)) for node in model.calls]
        self.callees = {id(call): model.callee(call, scope) for call, scope in self.calls}
        self.found: list[Send] = []
        self.seen_nodes: set[int] = set()
        self.done: dict[int, set[str]] = {}
        #: Every wrapper found, wrappers of wrappers included (what other modules may call).
        self.wrappers: list[Wrapper] = []

    def add(self, send: Send, node: ast.expr, scope: Scope) -> None:
        for alternative, alternative_scope, _named in self.model.alternatives(node, scope):
            if id(alternative) not in self.seen_nodes:
                self.seen_nodes.add(id(alternative))
                self.found.append(send.rebased(alternative, alternative_scope))

    def run(self, pending: list[Wrapper]) -> list[Send]:
        while pending:
            wrapper = pending.pop()
            parameters = self.done.setdefault(id(wrapper.function), set())
            if wrapper.parameter in parameters:
                continue
            parameters.add(wrapper.parameter)
            self.wrappers.append(wrapper)
            default = wrapper.default
            if default is not None and not self._guarded_falsy(wrapper, default):
                self.add(wrapper.send, default, self.model.scope_of(default))
            pending += self._callers(wrapper)
        return self.found

    def _guarded_falsy(self, wrapper: Wrapper, default: ast.expr) -> bool:
        """``def send(..., close=False): ... if close: self.close(close)``: a falsy default
        never reaches a send written under ``if <parameter>:``."""
        if not (isinstance(default, ast.Constant) and not default.value):
            return False
        parents = self.model.parents
        node = wrapper.passed_at
        while node is not None and node is not wrapper.function:
            parent = parents.get(node)
            if (isinstance(parent, ast.If) and isinstance(parent.test, ast.Name)
                    and parent.test.id == wrapper.parameter and node in parent.body):
                return True
            node = parent
        return False

    def _delivered(self, call: ast.Call, wrapper: Wrapper) -> bool:
        """An exception's ``__init__`` sends only when the instance is raised."""
        ways = wrapper.send.delivered_by
        return not ways or wrapper.function.name != "__init__" or delivered(self.model, call, ways)

    def _callers(self, wrapper: Wrapper) -> list[Wrapper]:
        """Judge the codes the wrapper's callers pass; return the callers that are wrappers."""
        outer = []
        for call, scope in self.calls:
            if self.callees[id(call)] is not wrapper.function:
                continue
            argument = self.model.argument(call, wrapper.position, wrapper.parameter)
            if argument is None or not self._delivered(call, wrapper):
                continue
            for alternative, alternative_scope, _named in self.model.alternatives(argument, scope):
                caller = wrapper_for(wrapper.send, alternative, alternative_scope)
                if caller is not None:
                    outer.append(caller)
                else:
                    self.add(wrapper.send, alternative, alternative_scope)
        return outer


def wrapper_sends(model: ModuleModel, sends: Iterable[Send], known: Iterable[Wrapper] = ()) -> list[Send]:
    """Sends through the module's own wrappers: their defaults and their callers' codes.
    ``known``: wrappers found elsewhere (``crossing.own_sink_wrappers``: another module sends
    what this module's class keeps)."""
    return wrappers_and_sends(model, sends, known)[1]


def wrappers_and_sends(model: ModuleModel, sends: Iterable[Send],
                       known: Iterable[Wrapper] = ()) -> tuple[list[Wrapper], list[Send]]:
    """The module's wrappers (to a fixed point) and the sends through them."""
    # Through the code's alternatives: ``self.code`` read by the send, ``self.code = code``
    # in ``__init__``, makes the constructor a wrapper (``Kicked(1006)``).
    pending = [
        wrapper for send in sends if send.code_node is not None
        for node, scope, _named in model.alternatives(send.code_node, send.scope)
        for wrapper in [wrapper_for(send, node, scope)] if wrapper is not None
    ] + list(known)
    walk = _WrapperWalk(model)
    found = walk.run(pending)
    return walk.wrappers, found


def _forwards_everything(call: ast.Call, function: Scope) -> bool:
    """``self.ws.close(*args, **kwargs)`` inside ``def close(self, *args, **kwargs)``."""
    args = function.node.args
    starred = [a for a in call.args if isinstance(a, ast.Starred)]
    if len(call.args) != len(starred) or len(starred) > 1 or any(k.arg is not None for k in call.keywords):
        return False
    names = {a.value.id for a in starred if isinstance(a.value, ast.Name)} | {
        k.value.id for k in call.keywords if isinstance(k.value, ast.Name)}
    forwarded = {arg.arg for arg in (args.vararg, args.kwarg) if arg is not None}
    return bool(names) and names <= forwarded and len(names) == len(starred) + len(call.keywords)


def forwarding_sends(model: ModuleModel) -> list[Send]:
    """Sends through the module's ``(*args, **kwargs)`` wrappers, judged at their callers:
    ``await session.stop(1006)`` where ``stop`` passes everything to ``ws.close``."""
    methods = {shape.method for library in model.library_order for shape in library.method_sends}
    found = []
    for call in model.calls:
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr in methods and call.args + call.keywords):
            continue
        scope = model.scope_of(call)
        function = _enclosing_function(scope)
        if function is None or not isinstance(function.node, _FUNCTIONS) or not _forwards_everything(call, function):
            continue
        for library, kind in model.receiver_kinds(func.value, scope):
            shape = method_shape(library, kind.name, func.attr)
            if shape is not None:
                found += _at_callers(model, function.node, library, kind.side, shape.code)
                break
    return found


def _at_callers(model: ModuleModel, function: ast.AST, library, side, parameter) -> list[Send]:
    found = []
    for call in model.calls:
        scope = model.scope_of(call)
        if model.callee(call, scope) is function:
            send = call_send(model, library, side, call, parameter, scope)
            if send is not None and send.code_node is not None:
                found.append(send)
    return found


# --------------------------------------------------------------------------- receivers


def _constructed_kinds(model: ModuleModel, receiver: ast.expr, scope: Scope) -> list:
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
            records = model.attributes.get(method.enclosing_class, {}).get(receiver.attr, ())
            values = [(value, method_scope) for method_scope, value, _annotation in records]
    found = []
    for value, value_scope in values:
        value = unwrap(value) if value is not None else None
        if isinstance(value, ast.Call):
            found += [(library, kind) for library, kind in model.imported_kinds()
                      if model.matches_any(kind.classes, value.func, value_scope)]
    return found


def _enclosing_function(scope: Scope | None) -> Scope | None:
    while scope is not None and not scope.is_function:
        scope = scope.parent
    return scope


def _candidate_kinds(model: ModuleModel, receiver: ast.expr, method: str, scope: Scope) -> list:
    """What the receiver of a send method may be, beyond what the model says alone."""
    if model.is_super_call(receiver, scope):
        function = _enclosing_function(scope)
        if function is not None and function.enclosing_class is not None:
            return model.subclass_kinds(function.enclosing_class)
        return []
    classes = model.classes_of(receiver, scope)
    if any(model.method(cls, method) is not None for cls in classes):
        return []  # an override in the module: a call of it, judged as a wrapper
    candidates: list = []
    for cls in classes:
        candidates += model.subclass_kinds(cls)
    return candidates + _constructed_kinds(model, receiver, scope)


def receiver_sends(model: ModuleModel, known: Iterable[Send]) -> list[Send]:
    """Library sends the direct search cannot see: ``super().close(code=...)`` in a library
    subclass, calls on an object annotated with such a subclass, and a WebSocket parameter
    of a module function whose callers pass one."""
    known_nodes = {id(send.code_node) for send in known}
    methods = {shape.method for library in model.library_order for shape in library.method_sends}
    if not methods:
        return []
    found = []
    for node in model.calls:
        if not (isinstance(node.func, ast.Attribute) and node.func.attr in methods):
            continue
        scope = model.scope_of(node)
        for library, kind in _candidate_kinds(model, node.func.value, node.func.attr, scope):
            shape = method_shape(library, kind.name, node.func.attr)
            if shape is None:
                continue
            send = call_send(model, library, kind.side, node, shape.code, scope)
            if send is not None and send.code_node is not None and id(send.code_node) not in known_nodes:
                known_nodes.add(id(send.code_node))
                found.append(send)
            break
    return found


__all__ = [
    "ECHO_RULE", "Wrapper", "forwarded_parameter", "forwarding_sends", "receiver_sends", "wrapper_for", "wrapper_sends",
]
