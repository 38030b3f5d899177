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
from wscc.spec import CodeParameter, Library, MessageSend, Side


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
    #: ``False`` for a send judged at a wrapper's caller: whether the call passes a reason
    #: is then not known (``reason_node`` is ``None`` either way).
    reason_known: bool = True

    def branch(self, code_node: ast.expr) -> "Send":
        """The same send, judged for one arm of its ``a if c else b`` code."""
        return Send(self.library, self.side, code_node, self.code_parameter, self.reason_node, self.scope,
                    self.reason_known)

    @property
    def has_reason(self) -> bool | None:
        """Does the call pass a reason (not ``None``)?  ``None`` when not known."""
        if not self.reason_known:
            return None
        node = self.reason_node
        return node is not None and not (isinstance(node, ast.Constant) and node.value is None)

    def rebased(self, code_node: ast.expr, scope: Scope) -> "Send":
        """The send a wrapper makes, judged for the code written elsewhere (a default, a
        caller's argument); its reason is the wrapper's business, not checked again."""
        return Send(self.library, self.side, code_node, self.code_parameter, None, scope, reason_known=False)


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
        for node in model.candidates:
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
                return call_send(self.model, library, "server", node, shape.code, scope)
        return None

    def _method_send(self, call: ast.Call, func: ast.Attribute, scope: Scope) -> Send | None:
        # Several libraries may claim the receiver (a ``websocket`` parameter in a module
        # importing aiohttp and starlette): the first whose call shape finds a code
        # argument wins, since aiohttp's keyword-only ``code`` rules out ``close(1006)``.
        reason_only = None
        for library, kind in self.model.receiver_kinds(func.value, scope):
            shape = method_shape(library, kind.name, func.attr)
            if shape is not None:
                send = call_send(self.model, library, kind.side, call, shape.code, scope)
                if send is not None and send.code_node is not None:
                    return send
                reason_only = reason_only or send
        return reason_only

    def _message(self, node: ast.Dict) -> Send | None:
        entries = {
            key.value: value
            for key, value in zip(node.keys, node.values)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)
        }
        for library, shape in _MESSAGE_SENDS:
            send = self._message_of(library, shape, entries, self.model.scope_of(node))
            if send:
                return send
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


def _attribute_path(node: ast.expr) -> tuple[str, ...]:
    path: list[str] = []
    while isinstance(node, ast.Attribute):
        path.append(node.attr)
        node = node.value
    return tuple(reversed(path))


def find_sends(model: ModuleModel) -> list[Send]:
    """Every close-code send written directly in a library call, in source order."""
    return list(SendFinder(model).sends())
