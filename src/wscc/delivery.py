"""Does a value reach the library?  A message or an event built as data sends nothing.

``delivered`` answers for a constructed object (an ASGI close message, a wsproto event,
a library exception): written where it is raised, passed to a ``send`` callable, or
returned or yielded to one, directly or through a name bound to it in the same scope.
"""

from __future__ import annotations

import ast

from wscc.model import ModuleModel
from wscc.spec import RAISED, RETURNED, SENT


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
