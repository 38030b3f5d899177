"""Close messages: dicts that send a close code when they reach the library (raw ASGI's
``{"type": "websocket.close", "code": ...}``), in every shape code builds them:

* a dict display, also with the type named by a module constant;
* ``dict(type="websocket.close", code=1006)``;
* ``message["code"] = 1006`` on a close message;
* ``{**message, "code": 1011}`` copying a close message (one bound to a name, or one the
  function has checked with ``message["type"] == "websocket.close"``).

Each counts only where it is delivered (``wscc.delivery``): written as test data it sends
nothing.
"""

from __future__ import annotations

import ast
from typing import NamedTuple

from wscc.delivery import delivered
from wscc.libraries import LIBRARIES
from wscc.model import ModuleModel, Scope
from wscc.model.values import EnumMember
from wscc.spec import Library, MessageSend

#: Message shapes (ASGI's close message) need no import: every library's count.
MESSAGE_SENDS: tuple[tuple[Library, MessageSend], ...] = tuple(
    (library, shape) for library in LIBRARIES for shape in library.message_sends
)


class Message(NamedTuple):
    """A close message found, and the code and reason it sends."""

    library: Library
    shape: MessageSend
    code: ast.expr | None
    reason: ast.expr | None
    scope: Scope


def message_types() -> tuple[str, ...]:
    """The ``type`` values of messages that send a close code (for the gate)."""
    return tuple(shape.type_value for _library, shape in MESSAGE_SENDS)


def _string_entries(keys: list, values: list) -> dict[str, ast.expr]:
    return {key.value: value for key, value in zip(keys, values)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)}


class MessageFinder:
    def __init__(self, model: ModuleModel) -> None:
        self.model = model

    def from_display(self, node: ast.Dict) -> Message | None:
        scope = self.model.scope_of(node)
        entries = _string_entries(node.keys, node.values)
        for library, shape in MESSAGE_SENDS:
            if shape.type_key not in entries and not self._copies_a_message(node, shape, scope):
                continue
            found = self._match(library, shape, entries, scope, copied=shape.type_key not in entries)
            if found:
                return found if delivered(self.model, node, shape.delivered_by) else None
        return None

    def from_dict_call(self, node: ast.Call, scope: Scope) -> Message | None:
        if scope.lookup("dict") is not None or node.args:
            return None
        entries = {keyword.arg: keyword.value for keyword in node.keywords if keyword.arg is not None}
        for library, shape in MESSAGE_SENDS:
            found = self._match(library, shape, entries, scope)
            if found:
                return found if delivered(self.model, node, shape.delivered_by) else None
        return None

    def from_item_assignment(self, node: ast.Assign) -> Message | None:
        """``message["code"] = 1006`` on a name bound to a close message."""
        for target in node.targets:
            if not (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                    and isinstance(target.slice, ast.Constant)):
                continue
            scope = self.model.scope_of(node)
            for library, shape in MESSAGE_SENDS:
                message = self._bound_message(target.value, shape, scope)
                if message is not None and target.slice.value == shape.code_key:
                    if delivered(self.model, message, shape.delivered_by):
                        return Message(library, shape, node.value, None, scope)
        return None

    def _match(self, library: Library, shape: MessageSend, entries: dict, scope: Scope,
               copied: bool = False) -> Message | None:
        if not copied and not self._is_close_type(entries.get(shape.type_key), shape, scope):
            return None
        code, reason = entries.get(shape.code_key), entries.get(shape.reason_key)
        if code is None and reason is None:
            return None
        return Message(library, shape, code, reason, scope)

    def _is_close_type(self, message_type: ast.expr | None, shape: MessageSend, scope: Scope) -> bool:
        if isinstance(message_type, ast.Constant):
            return message_type.value == shape.type_value
        if isinstance(message_type, (ast.Name, ast.Attribute)):
            # ``{"type": CLOSE, ...}`` with ``CLOSE = "websocket.close"`` (in the module, or in
            # another of the project), or a member of a ``StrEnum`` of such strings.
            resolved = self.model.resolve(message_type, scope)
            if resolved is None:
                return False
            if isinstance(resolved.value, EnumMember):
                return resolved.value.is_str and resolved.value.value == shape.type_value
            return resolved.value == shape.type_value
        return False

    def _bound_message(self, name: ast.Name, shape: MessageSend, scope: Scope) -> ast.expr | None:
        """The close message (a dict display or ``dict(...)``) ``name`` is bound to."""
        owner = scope.lookup(name.id)
        for value in owner.assigned.get(name.id, ()) if owner is not None else ():
            if isinstance(value, ast.Dict):
                entries = _string_entries(value.keys, value.values)
            elif isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict":
                entries = {k.arg: k.value for k in value.keywords if k.arg is not None}
            else:
                continue
            if self._is_close_type(entries.get(shape.type_key), shape, owner):
                return value
        return None

    def _copies_a_message(self, node: ast.Dict, shape: MessageSend, scope: Scope) -> bool:
        """``{**message, "code": ...}`` where ``message`` is a close message."""
        for key, value in zip(node.keys, node.values):
            if key is None and isinstance(value, ast.Name):
                if self._bound_message(value, shape, scope) is not None or self._checked(value.id, shape, scope):
                    return True
        return False

    def _checked(self, name: str, shape: MessageSend, scope: Scope) -> bool:
        """Does the function compare ``name["type"]`` with the close type?"""
        function = scope.node
        for node in ast.walk(function) if function is not None else ():
            if (isinstance(node, ast.Compare) and isinstance(node.left, ast.Subscript)
                    and isinstance(node.left.value, ast.Name) and node.left.value.id == name
                    and isinstance(node.left.slice, ast.Constant) and node.left.slice.value == shape.type_key
                    and any(isinstance(c, ast.Constant) and c.value == shape.type_value for c in node.comparators)):
                return True
        return False
