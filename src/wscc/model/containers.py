"""Evidence about objects that is written away from where they are used.

* what a container holds: ``self.clients.add(websocket)``, ``self.active[uid] = ws``,
  ``request.app["websockets"].add(ws)``, and the calls that hand its elements back
  (``.pop(uid)``, ``.values()``, ``list(...)``);
* ``isinstance(x, T)`` checks, which narrow ``x`` to ``T`` in their function.

``TypeInference`` asks these for the expressions whose kinds it then infers.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Hashable

from wscc.model.scopes import Scope, unwrap

if TYPE_CHECKING:
    from wscc.model import ModuleModel

#: Methods that put their last positional argument into the container.
_ADDERS = frozenset({"add", "append", "appendleft", "insert", "setdefault", "put", "put_nowait"})
#: Methods and builtins whose result holds (or is) the container's elements.
ELEMENT_METHODS = frozenset({"pop", "get", "values", "copy", "popitem", "popleft", "get_nowait", "__getitem__",
                             # a proxy's object: Quart's ``websocket._get_current_object()``
                             "_get_current_object"})
ELEMENT_BUILTINS = frozenset({"list", "set", "tuple", "sorted", "reversed", "iter", "frozenset", "next"})


class ContainerEvidence:
    def __init__(self, model: "ModuleModel") -> None:
        self.model = model
        self._filled: dict[Hashable, list[tuple[ast.expr, Scope]]] | None = None
        self._narrowed: dict[tuple[int, str], list[ast.expr]] | None = None

    def key(self, node: ast.expr, scope: Scope) -> Hashable | None:
        """What identifies a container across the module: ``self.attr`` of a class, a
        name of a scope, or a mapping entry by its constant key."""
        node = unwrap(node)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            method = scope.method_for_self(node.value.id)
            if method is not None and method.enclosing_class is not None:
                return "self", id(method.enclosing_class), node.attr
        if isinstance(node, ast.Name):
            owner = scope.lookup(node.id)
            return ("name", id(owner), node.id) if owner is not None else ("global", node.id)
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            return "item", node.slice.value
        return None

    def elements_put_in(self, key: Hashable) -> list[tuple[ast.expr, Scope]]:
        """The expressions the module puts into the container ``key``."""
        if self._filled is None:
            self._filled = self._collect_filled()
        return self._filled.get(key, [])

    def _collect_filled(self) -> dict[Hashable, list[tuple[ast.expr, Scope]]]:
        model = self.model
        filled: dict[Hashable, list[tuple[ast.expr, Scope]]] = {}
        for node in model.candidates:
            scope = model.scope_of(node)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _ADDERS:
                if node.args and not isinstance(node.args[-1], ast.Starred):
                    key = self.key(node.func.value, scope)
                    if key is not None:
                        filled.setdefault(key, []).append((node.args[-1], scope))
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Subscript):
                        key = self.key(target.value, scope)
                        if key is not None:
                            filled.setdefault(key, []).append((node.value, scope))
        return filled

    def narrowed_types(self, scope: Scope, name: str) -> list[ast.expr]:
        """The types ``isinstance(name, T)`` checks ``name`` against in ``scope``."""
        if self._narrowed is None:
            self._narrowed = self._collect_narrowed()
        return self._narrowed.get((id(scope), name), [])

    def _collect_narrowed(self) -> dict[tuple[int, str], list[ast.expr]]:
        model = self.model
        narrowed: dict[tuple[int, str], list[ast.expr]] = {}
        for call in model.calls:
            if not (isinstance(call.func, ast.Name) and call.func.id == "isinstance" and len(call.args) == 2
                    and isinstance(call.args[0], ast.Name)):
                continue
            scope = model.scope_of(call)
            owner = scope.lookup(call.args[0].id)
            if owner is not None and scope.lookup("isinstance") is None:
                types = call.args[1].elts if isinstance(call.args[1], ast.Tuple) else [call.args[1]]
                narrowed.setdefault((id(owner), call.args[0].id), []).extend(types)
        return narrowed
