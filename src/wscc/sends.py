"""Where a module sends a close code: the library call shapes matched on the module model.

A ``Send`` is one close-frame send as written: the library and side it goes through,
its code argument and its reason argument.  ``find_sends`` yields the sends written
directly in a library call (``ws.close(code=1006)``, ``raise WebSocketException(1008)``,
an ASGI ``{"type": "websocket.close", ...}`` message, ``self.close_code = ...``, a
``return 1000, "bye"`` from a handler function the library calls and sends the result
of); ``wscc.following`` finds the ones reached through the module's own functions.
"""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass
from typing import Iterator

from wscc.delivery import delivered
from wscc.libraries import LIBRARIES
from wscc.model import ModuleModel, Scope
from wscc.model.scopes import own_returns
from wscc.messages import Message, MessageFinder
from wscc.spec import CodeParameter, Library, ReturnSend, Side


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
    #: How a constructed object must reach the library for this send to happen
    #: (``CallSend.delivered_by``; a wrapper's callers are held to it too).
    delivered_by: tuple[str, ...] = ()
    #: For a send through another module's wrapper: where the code goes
    #: (``{"name", "path", "line"}``, ``wscc.project.crossing``).
    via: dict | None = dataclasses.field(default=None, compare=False)
    #: ``False`` for a send judged at a wrapper's caller: whether the call passes a reason
    #: is then not known (``reason_node`` is ``None`` either way).
    reason_known: bool = True

    def branch(self, code_node: ast.expr, scope: Scope) -> "Send":
        """The same send, judged for one place its code comes from (an arm of ``a if c
        else b``, a value assigned to the name it passes)."""
        return dataclasses.replace(self, code_node=code_node, scope=scope)

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
        return dataclasses.replace(self, code_node=code_node, scope=scope, reason_node=None, reason_known=False)


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


class SendFinder:
    def __init__(self, model: ModuleModel) -> None:
        self.model = model
        libraries = model.library_order
        self.call_sends = [(library, shape) for library in libraries for shape in library.call_sends]
        self.attribute_sends = [(library, shape) for library in libraries for shape in library.attribute_sends]
        self.return_sends = [(library, shape) for library in libraries for shape in library.return_sends]
        # With a project, another module's library subclass may be the receiver here.
        self.methods = {shape.method for library in (LIBRARIES if model.project else libraries)
                        for shape in library.method_sends}
        self.messages = MessageFinder(model)

    def sends(self) -> Iterator[Send]:
        model = self.model
        for node in [*model.candidates, *model.virtual_calls]:
            if isinstance(node, ast.Call):
                send = self._call(node, model.scope_of(node))
            elif isinstance(node, ast.Dict):
                send = _message_send(self.messages.from_display(node)) if id(node) not in model.compared else None
            else:
                yield from self._attribute_assignment(node)
                continue
            if send:
                yield send
        for library, shape in self.return_sends:
            yield from self._returned(library, shape)

    def _returned(self, library: Library, shape: ReturnSend) -> Iterator[Send]:
        """``return 1000, "bye"`` in a module-level ``def <shape.function>``: the library
        calls the function and sends the code it returns."""
        model = self.model
        for function, scope in model.scopes.items():
            if not (isinstance(function, ast.FunctionDef) and function.name == shape.function
                    and scope.parent is model.scope and scope.enclosing_class is None):
                continue
            returns, generator = own_returns(function)
            if generator:
                continue  # calling it makes a generator: there is nothing to unpack
            seen: set[int] = set()
            for node in returns:
                for value, value_scope in _returned_tuples(node.value, scope, shape.size):
                    if id(value) in seen:
                        continue
                    seen.add(id(value))
                    code = value.elts[shape.code.position]
                    position = shape.code.reason_position
                    reason = value.elts[position] if position is not None else None
                    yield Send(library, shape.side, code, shape.code, reason, value_scope)

    def _call(self, node: ast.Call, scope: Scope) -> Send | None:
        func = node.func
        if isinstance(func, ast.Name) and func.id == "dict":
            return _message_send(self.messages.from_dict_call(node, scope))
        if isinstance(func, ast.Attribute) and func.attr in self.methods:
            send = self._method_send(node, func, scope)
            if send:
                return send
        for library, shape in self.call_sends:
            if (self.model.matches_any(shape.callables, func, scope) or self._inherits_call(func, shape, scope)
                    or self._receiver_attribute(func, library, shape, scope)):
                if shape.delivered_by and not delivered(self.model, node, shape.delivered_by):
                    return None
                if shape.not_delivered_in and _method_name(scope) in shape.not_delivered_in:
                    return None
                return call_send(self.model, library, "server", node, shape.code, scope)
        if isinstance(func, ast.Attribute) and func.attr == "__init__" and self.model.is_super_call(func.value, scope):
            return self._super_init(node, scope)
        return None

    def _receiver_attribute(self, func: ast.expr, library: Library, shape, scope: Scope) -> bool:
        """``self.CClose(...)`` where ``self`` is one of the library objects the shape names."""
        if shape.attribute is None or not (isinstance(func, ast.Attribute) and func.attr == shape.attribute):
            return False
        return any(owner is library and kind.name in shape.receivers
                   for owner, kind in self.model.receiver_kinds(func.value, scope))

    def _library_shapes(self, cls: ast.ClassDef) -> list:
        """The library call shapes (``WebSocketException``) a module class derives from."""
        model = self.model
        return [
            (library, shape) for klass in model.mro(cls) for base in klass.bases
            for library, shape in self.call_sends if model.matches_any(shape.callables, base, model.scope_of(klass))
        ]

    def _inherits_call(self, func: ast.expr, shape, scope: Scope) -> bool:
        """``raise Kicked(code=1006)`` for ``class Kicked(WebSocketException)`` without an
        ``__init__`` of its own: the library's signature."""
        model = self.model
        if not (self.call_sends and isinstance(func, ast.Name) and func.id in model.classes
                and scope.lookup(func.id) in (None, model.scope)):
            return False
        cls = model.classes[func.id]
        return model.method(cls, "__init__") is None and any(found is shape for _l, found in self._library_shapes(cls))

    def _super_init(self, call: ast.Call, scope: Scope) -> Send | None:
        """``super().__init__(code=code)`` in a library exception's subclass: a send whose
        code its ``__init__``'s callers give (``raise Kicked(1006)``, ``wscc.following``)."""
        method = scope
        while method is not None and not method.is_method:
            method = method.parent
        if method is None or method.enclosing_class is None:
            return None
        for library, shape in self._library_shapes(method.enclosing_class):
            send = call_send(self.model, library, "server", call, shape.code, scope)
            if send is not None:
                return dataclasses.replace(send, delivered_by=shape.delivered_by)
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
        if any(model.method(cls, func.attr) is not None for cls in model.classes_of(func.value, scope)):
            return True
        # A class of another module of the project (``upstream: Resilient``).
        return any(model.project.defines(cls, func.attr) for cls in model.project_classes_of(func.value, scope))

    def _attribute_assignment(self, node: ast.AST) -> Iterator[Send]:
        if not isinstance(node, ast.Assign):
            return
        send = _message_send(self.messages.from_item_assignment(node))
        if send:
            yield send
        for library, shape in self.attribute_sends:
            for target in node.targets:
                if _attribute_path(target)[-len(shape.path):] == shape.path:
                    yield Send(library, "server", node.value, CodeParameter(shape.path[-1], None), None,
                               self.model.scope_of(node))


def _method_name(scope: Scope | None) -> str | None:
    """The name of the method a scope is in (through functions nested in it)."""
    while scope is not None and not scope.is_method:
        scope = scope.parent
    return scope.function_name if scope is not None else None


def _fits(call: ast.Call, parameter: CodeParameter) -> bool:
    """Does the call pass only keywords the library's method takes for the code and the
    reason?  (Checked only where the receiver is known by its conventional name alone.)"""
    known = {parameter.keyword, parameter.reason_keyword}
    return all(keyword.arg is None or keyword.arg in known for keyword in call.keywords)


def _returned_tuples(value: ast.expr | None, scope: Scope, size: int) -> list[tuple[ast.Tuple, Scope]]:
    """The tuple displays of ``size`` elements a ``return`` returns: written there, or
    assigned to the name it returns (``pair = (1000, ""); return pair``)."""
    def fits(node: object) -> bool:
        return (isinstance(node, ast.Tuple) and len(node.elts) == size
                and not any(isinstance(element, ast.Starred) for element in node.elts))

    if fits(value):
        return [(value, scope)]
    if isinstance(value, ast.Name):
        owner = scope.lookup(value.id)
        if owner is not None and value.id not in owner.params:
            return [(node, owner) for node in owner.assigned.get(value.id, ()) if fits(node)]
    return []


def _message_send(message: Message | None) -> Send | None:
    if message is None:
        return None
    parameter = CodeParameter(message.shape.code_key, None)
    return Send(message.library, message.shape.side, message.code, parameter, message.reason, message.scope)


def _attribute_path(node: ast.expr) -> tuple[str, ...]:
    path: list[str] = []
    while isinstance(node, ast.Attribute):
        path.append(node.attr)
        node = node.value
    return tuple(reversed(path))


def find_sends(model: ModuleModel) -> list[Send]:
    """Every close-code send written directly in a library call, in source order."""
    return list(SendFinder(model).sends())
