"""Calls written in another shape: what ``ws.close(1006)`` looks like when it is deferred,
looked up by name or kept in a variable.

``virtual_calls`` builds, for each such call of the module, the plain call it stands
for, made of the module's own argument nodes (so a finding points at the real code):

* ``getattr(ws, "close")(1006)`` and ``close = ws.close; close(1006)``;
* ``functools.partial(ws.close, code=1006)``;
* callbacks with their arguments: ``loop.call_later(300, self.close, 1006)``,
  ``call_soon``/``call_soon_threadsafe``/``call_at``, ``run_in_executor(None, ws.close,
  1006)``, ``asyncio.to_thread(ws.close, 1006)``, ``executor.submit(...)``, tornado's
  ``add_callback``/``add_timeout``, ``threading.Timer(5, ws.close, kwargs={...})`` and
  ``threading.Thread(target=ws.close, args=(...))``.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wscc.model import ModuleModel
    from wscc.model.scopes import Scope

#: Callables that call their argument at ``index`` with the positional arguments after it
#: (and their keywords, for ``partial``, ``to_thread`` and ``submit``).
_CALLBACK_AT = {
    "partial": 0, "to_thread": 0, "submit": 0, "call_soon": 0, "call_soon_threadsafe": 0,
    "add_callback": 0, "spawn_callback": 0,
    "call_later": 1, "call_at": 1, "run_in_executor": 1, "add_timeout": 1,
}
#: Callables whose own keywords are not passed on to the callback.
_OWN_KEYWORDS = frozenset({"call_later", "call_at", "call_soon", "call_soon_threadsafe", "run_in_executor",
                           "add_timeout"})


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _call(template: ast.Call, func: ast.expr, args: list[ast.expr], keywords: list[ast.keyword]) -> ast.Call:
    return ast.copy_location(ast.Call(func=func, args=args, keywords=keywords), template)


def _keywords_of(node: ast.expr | None) -> list[ast.keyword] | None:
    """``{"status": 1006}`` (or ``dict(status=1006)``) as keywords."""
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
        return [ast.keyword(arg=key.value, value=value) for key, value in zip(node.keys, node.values)]
    if isinstance(node, ast.Call) and _name(node.func) == "dict" and not node.args:
        return list(node.keywords)
    return None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((keyword.value for keyword in call.keywords if keyword.arg == name), None)


def _scheduled(call: ast.Call) -> ast.Call | None:
    """The call a scheduler or ``partial`` makes of its callback."""
    name = _name(call.func)
    if name in _CALLBACK_AT:
        index = _CALLBACK_AT[name]
        if len(call.args) <= index or any(isinstance(arg, ast.Starred) for arg in call.args[: index + 1]):
            return None
        keywords = [] if name in _OWN_KEYWORDS else list(call.keywords)
        return _call(call, call.args[index], list(call.args[index + 1:]), keywords)
    if name in _THREAD_PARAMETERS:
        target, args, kwargs = (_argument(call, index, keyword) for index, keyword in _THREAD_PARAMETERS[name])
        if target is None:
            return None
        positional = list(args.elts) if isinstance(args, (ast.Tuple, ast.List)) else []
        return _call(call, target, positional, _keywords_of(kwargs) or [])
    return None


#: ``threading.Timer(interval, function, args, kwargs)`` and ``threading.Thread(group,
#: target, name, args, kwargs)``: (position, keyword) of the callable, its args, its kwargs.
_THREAD_PARAMETERS = {
    "Timer": ((1, "function"), (2, "args"), (3, "kwargs")),
    "Thread": ((1, "target"), (3, "args"), (4, "kwargs")),
}


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    found = _keyword(call, keyword)
    if found is None and position < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[: position + 1]):
        found = call.args[position]
    return found


def _direct(call: ast.Call, scope: "Scope") -> ast.Call | None:
    """``getattr(ws, "close")(...)`` and a bound method kept in a name."""
    func = call.func
    if (isinstance(func, ast.Call) and _name(func.func) == "getattr" and len(func.args) == 2
            and isinstance(func.args[1], ast.Constant) and isinstance(func.args[1].value, str)):
        attribute = ast.copy_location(ast.Attribute(func.args[0], func.args[1].value, ast.Load()), func)
        return _call(call, attribute, list(call.args), list(call.keywords))
    if isinstance(func, ast.Name):
        owner = scope.lookup(func.id)
        values = owner.assigned.get(func.id, []) if owner is not None and func.id not in owner.params else []
        if len(values) == 1 and isinstance(values[0], ast.Attribute):
            return _call(call, values[0], list(call.args), list(call.keywords))
    return None


def plain_call(call: ast.Call, scope: "Scope") -> ast.Call | None:
    """The plain call a deferred or indirect call stands for, if it is one."""
    return _scheduled(call) or _direct(call, scope)


def virtual_calls(model: "ModuleModel", calls: list[ast.Call]) -> list[ast.Call]:
    """The plain calls the module's deferred and indirect calls stand for, each given the
    scope of the call it comes from (in ``model.node_scopes``)."""
    found = []
    for call in calls:
        scope = model.scope_of(call)
        virtual = _scheduled(call) or _direct(call, scope)
        # ``partial(getattr(ws, "close"), 1006)``: one more step.
        again = _direct(virtual, scope) if virtual is not None else None
        for made in (virtual, again):
            if made is not None:
                model.node_scopes[id(made)] = scope
                found.append(made)
    return found
