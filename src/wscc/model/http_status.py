"""Evidence that an expression of unknown value holds an HTTP status.

WSC103 reports a forwarded HTTP status only with evidence (issue: a parameter called
``status_code`` whose callers pass WebSocket constants is no HTTP status): the status
attribute of a caught exception or of an HTTP response, also through names bound once and
the return values of the module's own functions.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from wscc.model.scopes import UNKNOWN, Scope, own_returns

if TYPE_CHECKING:
    from wscc.model import ModuleModel


#: Attributes that hold an HTTP status on an exception or a response.
HTTP_STATUS_ATTRIBUTES = frozenset({"status_code", "status", "http_status"})
#: Calls whose result is an HTTP response (``requests.get``, ``await session.post``).
_HTTP_CALLS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request", "fetch",
                         "urlopen", "send_request"})
#: How a type that carries an HTTP status is named.
_HTTP_TYPE_WORDS = ("Response", "HTTP", "Http", "Exception", "Error")
_MAX_HTTP_DEPTH = 4


class HttpStatusEvidence:
    """Does an expression of unknown value hold an HTTP status?  Only with evidence: the
    status attribute of a caught exception, of an HTTP response (a request call's result,
    an object typed as a response or exception, ``exc.response``), also through names
    bound once and the return values of the module's own functions; never a name alone."""

    def __init__(self, model: "ModuleModel") -> None:
        self.model = model

    def holds(self, node: ast.expr, scope: Scope, depth: int = 0) -> bool:
        if depth > _MAX_HTTP_DEPTH:
            return False
        while isinstance(node, ast.Await):
            node = node.value
        if isinstance(node, ast.Attribute) and node.attr in HTTP_STATUS_ATTRIBUTES:
            return self._http_object(node.value, scope, depth)
        if isinstance(node, ast.Call) and _is_getattr_status(node):
            return self._http_object(node.args[0], scope, depth)
        if isinstance(node, ast.Name):
            owner = scope.lookup(node.id)
            values = owner.assigned.get(node.id, []) if owner is not None and node.id not in owner.params else []
            return len(values) == 1 and values[0] is not UNKNOWN and self.holds(values[0], owner, depth + 1)
        if isinstance(node, ast.Call):
            return self._returns_status(node, scope, depth)
        return False

    def _http_object(self, node: ast.expr, scope: Scope, depth: int) -> bool:
        """An exception, or an HTTP response."""
        while isinstance(node, ast.Await):
            node = node.value
        if isinstance(node, ast.Attribute):
            return node.attr == "response"  # ``exc.response.status_code``
        if isinstance(node, ast.Call):
            func = node.func
            return (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) in _HTTP_CALLS
        if not isinstance(node, ast.Name):
            return False
        owner = scope.lookup(node.id)
        if owner is None:
            return False
        if node.id in owner.caught:
            return True
        annotation = owner.params[node.id][1] if node.id in owner.params else owner.annotations.get(node.id)
        if annotation is not None and any(word in ast.unparse(annotation) for word in _HTTP_TYPE_WORDS):
            return True
        values = owner.assigned.get(node.id, []) if node.id not in owner.params else []
        return len(values) == 1 and values[0] is not UNKNOWN and self._http_object(values[0], owner, depth + 1)

    def _returns_status(self, call: ast.Call, scope: Scope, depth: int) -> bool:
        """A call of the module's own function that returns such a status."""
        callee = self.model.callee(call, scope)
        callee_scope = self.model.scopes.get(callee) if callee is not None else None
        if callee_scope is None:
            return False
        returns = [node.value for node in own_returns(callee)[0] if node.value is not None]
        return bool(returns) and all(self.holds(value, callee_scope, depth + 1) for value in returns)


def _is_getattr_status(call: ast.Call) -> bool:
    """``getattr(exc, "status_code", 500)``."""
    return (isinstance(call.func, ast.Name) and call.func.id == "getattr" and len(call.args) >= 2
            and isinstance(call.args[1], ast.Constant) and call.args[1].value in HTTP_STATUS_ATTRIBUTES)
