"""Where a module sends a close code: the library call shapes matched on the module model.

A ``Send`` is one close-frame send as written: the library and side it goes through,
its code argument and its reason argument.  ``find_sends`` yields the sends written
directly in a library call (``ws.close(code=1006)``, ``raise WebSocketException(1008)``,
an ASGI ``{"type": "websocket.close", ...}`` message, ``self.close_code = ...``);
``wscc.following`` finds the ones reached through the module's own functions.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterator

from wscc.libraries import LIBRARIES
from wscc.model import ModuleModel, Scope
from wscc.spec import RAISED, RETURNED, SENT, CodeParameter, Library, MessageSend, Side


@dataclass(frozen=True)
class Send:
    """One close-frame send: its code argument and reason argument as written.

    ``code_node`` is ``None`` when the call leaves the code to its default but passes a
    reason (which still goes on the wire and is checked for length)."""

    library: Library
    side: Side | None
    code_node: ast.expr | None
    code_parameter: CodeParameter
    reason_node: ast.expr | None
    scope: Scope

    def branch(self, code_node: ast.expr, scope: Scope) -> "Send":
        """The same send, judged for one place its code comes from (an arm of ``a if c
        else b``, a value assigned to the name it passes)."""
        return Send(self.library, self.side, code_node, self.code_parameter, self.reason_node, scope)

    def rebased(self, code_node: ast.expr, scope: Scope) -> "Send":
        """The send a wrapper makes, judged for the code written elsewhere (a default, a
        caller's argument); its reason is the wrapper's business, not checked again."""
        return Send(self.library, self.side, code_node, self.code_parameter, None, scope)


def call_send(model: ModuleModel, library: Library, side: Side | None, call: ast.Call,
              parameter: CodeParameter, scope: Scope) -> Send | None:
    """The send a call makes through ``parameter``, if it passes a code or a reason."""
    code = model.argument(call, parameter.position, parameter.keyword)
    reason = None
    if parameter.reason_keyword or parameter.reason_position is not None:
        reason = model.argument(call, parameter.reason_position, parameter.reason_keyword)
    if code is None and reason is None:
        return None
    return Send(library, side, code, parameter, reason, scope)


def method_shape(library: Library, kind_name: str, method: str):
    """The library's ``MethodSend`` for ``<kind>.<method>(...)``, if there is one."""
    for shape in library.method_sends:
        if shape.method == method and kind_name in shape.receivers:
            return shape
    return None


#: Message shapes (ASGI's close message) need no import: every library's count.
_MESSAGE_SENDS: tuple[tuple[Library, MessageSend], ...] = tuple(
    (library, shape) for library in LIBRARIES for shape in library.message_sends
)


def message_types() -> tuple[str, ...]:
    """The ``type`` values of messages that send a close code (for the gate)."""
    return tuple(shape.type_value for _library, shape in _MESSAGE_SENDS)


class SendFinder:
    def __init__(self, model: ModuleModel) -> None:
        self.model = model
        libraries = model.library_order
        self.call_sends = [(library, shape) for library in libraries for shape in library.call_sends]
        self.attribute_sends = [(library, shape) for library in libraries for shape in library.attribute_sends]
        self.methods = {shape.method for library in libraries for shape in library.method_sends}

    def sends(self) -> Iterator[Send]:
        model = self.model
        for node in [*model.candidates, *model.virtual_calls]:
            if isinstance(node, ast.Call):
                send = self._call(node, model.scope_of(node))
            elif isinstance(node, ast.Dict):
                send = self._message(node) if id(node) not in model.compared else None
            else:
                yield from self._attribute_assignment(node)
                continue
            if send:
                yield send

    def _call(self, node: ast.Call, scope: Scope) -> Send | None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in self.methods:
            send = self._method_send(node, func, scope)
            if send:
                return send
        for library, shape in self.call_sends:
            if self.model.matches_any(shape.callables, func, scope):
                if shape.delivered_by and not delivered(self.model, node, shape.delivered_by):
                    return None
                return call_send(self.model, library, "server", node, shape.code, scope)
        return None

    def _method_send(self, call: ast.Call, func: ast.Attribute, scope: Scope) -> Send | None:
        # Several libraries may claim the receiver (a ``websocket`` parameter in a module
        # importing aiohttp and starlette): the first whose call shape finds a code
        # argument wins, since aiohttp's keyword-only ``code`` rules out ``close(1006)``.
        model = self.model
        if self._overridden(func, scope):
            return None  # the module's own method: judged as a wrapper (wscc.following)
        reason_only = None
        kinds = model.receiver_kinds(func.value, scope)
        guessed = bool(kinds) and model.is_name_guess(func.value, scope)
        for library, kind in kinds:
            shape = method_shape(library, kind.name, func.attr)
            if shape is not None and guessed and not _fits(call, shape.code):
                continue  # ``connection.close(reply_code=200)``: not this library's call
            if shape is not None:
                send = call_send(self.model, library, kind.side, call, shape.code, scope)
                if send is not None and send.code_node is not None:
                    return send
                reason_only = reason_only or send
        return reason_only

    def _overridden(self, func: ast.Attribute, scope: Scope) -> bool:
        """Is ``<receiver>.<method>`` a method a module class defines (a library subclass
        overriding ``close`` to map 1006 to 1011, say)?"""
        model = self.model
        return any(model.method(cls, func.attr) is not None for cls in model.classes_of(func.value, scope))

    def _message(self, node: ast.Dict) -> Send | None:
        entries = {
            key.value: value
            for key, value in zip(node.keys, node.values)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)
        }
        for library, shape in _MESSAGE_SENDS:
            send = self._message_of(library, shape, entries, self.model.scope_of(node))
            if send:
                return send if delivered(self.model, node, shape.delivered_by) else None
        return None

    def _message_of(self, library: Library, shape: MessageSend, entries: dict, scope: Scope) -> Send | None:
        message_type = entries.get(shape.type_key)
        if message_type is None:
            return None
        if not (isinstance(message_type, ast.Constant) and message_type.value == shape.type_value):
            # ``{"type": CLOSE, ...}`` with ``CLOSE = "websocket.close"`` in the module.
            if not isinstance(message_type, ast.Name):
                return None
            resolved = self.model.resolve(message_type, scope)
            if resolved is None or resolved.value != shape.type_value:
                return None
        code = entries.get(shape.code_key)
        reason = entries.get(shape.reason_key)
        if code is None and reason is None:
            return None
        return Send(library, shape.side, code, CodeParameter(shape.code_key, None), reason, scope)

    def _attribute_assignment(self, node: ast.AST) -> Iterator[Send]:
        if not isinstance(node, ast.Assign):
            return
        for library, shape in self.attribute_sends:
            for target in node.targets:
                if _attribute_path(target)[-len(shape.path):] == shape.path:
                    yield Send(library, "server", node.value, CodeParameter(shape.path[-1], None), None,
                               self.model.scope_of(node))


def _fits(call: ast.Call, parameter: CodeParameter) -> bool:
    """Does the call pass only keywords the library's method takes for the code and the
    reason?  (Checked only where the receiver is known by its conventional name alone.)"""
    known = {parameter.keyword, parameter.reason_keyword}
    return all(keyword.arg is None or keyword.arg in known for keyword in call.keywords)


def _is_cast(call: ast.Call) -> bool:
    func = call.func
    return (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) == "cast" and len(call.args) == 2


def is_send_callable(func: ast.expr) -> bool:
    """``send(...)``, ``await self._send(...)``, ``conn.send(...)``: a callable whose name
    says it sends what it is given (a mock's ``assert_called_with`` does not)."""
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return "send" in name.lower()


#: How far a value is followed through names before it is given up as not delivered.
_MAX_DELIVERY_DEPTH = 3


def delivered(model: ModuleModel, node: ast.expr, ways: tuple[str, ...], depth: int = 0) -> bool:
    """Does the value ``node`` reach the library in one of ``ways`` (``RAISED``, ``SENT``,
    ``RETURNED``): written in that position, or bound to a name used there later in the
    same scope?  A value written in a list, an assertion or a mock's arguments is data."""
    parent = model.parents.get(node)
    if isinstance(parent, ast.keyword):
        parent = model.parents.get(parent)
    if isinstance(parent, ast.Call) and _is_cast(parent) and node is parent.args[-1]:
        return delivered(model, parent, ways, depth)  # ``cast(WebsocketCloseEvent, {...})``
    if isinstance(parent, ast.Raise):
        return RAISED in ways and parent.exc is node
    if isinstance(parent, ast.Call):
        return SENT in ways and node is not parent.func and is_send_callable(parent.func)
    if isinstance(parent, (ast.Return, ast.Yield, ast.YieldFrom)):
        return RETURNED in ways
    if isinstance(parent, (ast.Assign, ast.AnnAssign)) and depth < _MAX_DELIVERY_DEPTH:
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        names = {target.id for target in targets if isinstance(target, ast.Name)}
        return any(delivered(model, use, ways, depth + 1) for use in _uses(model, parent, names))
    return False


def _uses(model: ModuleModel, assignment: ast.stmt, names: set[str]) -> list[ast.Name]:
    """Loads of ``names`` in the scope of ``assignment`` (its function, or the module)."""
    scope = assignment
    while scope is not None and not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
        scope = model.parents.get(scope)
    if scope is None or not names:
        return []
    return [node for node in ast.walk(scope)
            if isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load)]


def _attribute_path(node: ast.expr) -> tuple[str, ...]:
    path: list[str] = []
    while isinstance(node, ast.Attribute):
        path.append(node.attr)
        node = node.value
    return tuple(reversed(path))


def find_sends(model: ModuleModel) -> list[Send]:
    """Every close-code send written directly in a library call, in source order."""
    return list(SendFinder(model).sends())
