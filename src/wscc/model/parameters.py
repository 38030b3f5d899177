"""What a function's parameter may be, from the evidence around the function.

Strongest first: its annotation; a route decorator, a registration call or a library
handler method that hands it the WebSocket; what the module's callers pass; and last the
library's conventional parameter name, which gives way to any contrary evidence.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from wscc.model.scopes import Scope, unwrap
from wscc.spec import Route

if TYPE_CHECKING:
    from wscc.model.types import Kind, TypeInference

#: Annotations that say nothing about a parameter's type.
_UNSPECIFIC_TYPES = frozenset({"Any", "object", "typing.Any", "typing_extensions.Any"})
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _is_test_function(scope: Scope) -> bool:
    """A function pytest or unittest would run as a test, or a pytest fixture."""
    name = scope.function_name or ""
    if name.startswith("test"):
        return True
    for decorator in getattr(scope.node, "decorator_list", ()):
        call = decorator.func if isinstance(decorator, ast.Call) else decorator
        if (call.attr if isinstance(call, ast.Attribute) else getattr(call, "id", "")) == "fixture":
            return True
    return False



def _handler_index(kind, name: str) -> int | None:
    """The parameter a library hands the object to in a handler method called ``name``."""
    if name in kind.handler_methods:
        return kind.handler_methods[name]
    return next((index for prefix, index in kind.handler_method_prefixes.items() if name.startswith(prefix)), None)


class ParameterInference:
    def __init__(self, types: "TypeInference") -> None:
        self.types = types
        self.model = types.model
        self._routes: dict[str, list] | None = None
        self._argument_kinds: dict[tuple[int, str], list[Kind]] | None = None
        #: (scope id, parameter) whose kinds come from its conventional name alone, or from
        #: an annotation imported only under ``TYPE_CHECKING``: evidence a call must fit.
        self.name_guesses: set[tuple[int, str]] = set()

    def registrations(self) -> dict[str | int, list]:
        """Handlers passed to registration calls: function name (a lambda: its id) ->
        [(library, kind, parameter)]."""
        if self._routes is None:
            self._routes = self._collect_registrations()
        return self._routes

    def _collect_registrations(self) -> dict[str, list]:
        model = self.model
        routes: dict[str, list] = {}
        registrations = [
            (library, kind, route)
            for library, kind in self.types.imported_kinds()
            for route in kind.routes
            if route.registration
        ]
        if not registrations:
            return routes
        for node in model.calls:
            scope = model.scope_of(node)
            for library, kind, route in registrations:
                if model.is_call_to(route.registration, node.func, scope):
                    handler = model.argument(node, route.handler_argument, route.handler_keyword)
                    # ``serve(handler, ...)`` or ``serve(self.handler, ...)``: by function name;
                    # a lambda by itself.
                    name = handler.id if isinstance(handler, ast.Name) else (
                        handler.attr if isinstance(handler, ast.Attribute) else (
                            id(handler) if isinstance(handler, ast.Lambda) else None))
                    if name is not None:
                        routes.setdefault(name, []).append((library, kind, route.parameter))
        return routes

    def kinds(self, name: str, scope: Scope) -> list[Kind]:
        index, annotation = scope.params[name]
        found = self.types.kinds_of_type(annotation, scope)
        if found and self._typing_only(annotation, scope):
            # Typed with a class imported only for the type checker: a claim the calls must
            # confirm (``wscc.sends``), beside what the conventional name says.
            self.name_guesses.add((id(scope), name))
            found += [kind for kind in self._kinds_by_name(name, None, scope) if kind not in found]
        found += self._handler_kinds(name, index, scope)
        if not found and scope.node is not None:
            # What the module's callers pass (``shut(await websockets.connect(url))``).
            found = list(self.argument_kinds().get((id(scope.node), name), ()))
        if not found:
            found = self._kinds_by_name(name, annotation, scope)
        return found

    def _kinds_by_name(self, name: str, annotation: ast.expr | None, scope: Scope) -> list[Kind]:
        """The library's conventional parameter names (and the user's ``receiver-names``).

        A conventional name is evidence only while nothing says otherwise: not for a
        parameter annotated with some other type, not in a test function (its
        ``websocket`` is a test client's session), not when the module imports another
        library whose objects go by that name (``pika``'s ``connection``)."""
        if name in self.model.settings.receiver_names:
            return list(self.types.imported_kinds())
        if annotation is not None and not self._is_unspecific(annotation, scope):
            return []
        if _is_test_function(scope) or name in self.model.lookalike_names:
            return []
        found = [(library, kind) for library, kind in self.types.imported_kinds() if name in kind.parameter_names]
        if found:
            self.name_guesses.add((id(scope), name))
        return found

    def argument_kinds(self) -> dict[tuple[int, str], list[Kind]]:
        """(function node id, parameter) -> kinds of the WebSockets the module's callers
        pass to a module function (not a method) by position."""
        if self._argument_kinds is None:
            self._argument_kinds = {}  # while computing: no evidence yet (breaks cycles)
            self._argument_kinds = self._collect_argument_kinds()
        return self._argument_kinds

    def _collect_argument_kinds(self) -> dict[tuple[int, str], list[Kind]]:
        model = self.model
        kinds: dict[tuple[int, str], list[Kind]] = {}
        for node in model.calls:
            if not isinstance(node.func, ast.Name):
                continue
            scope = model.scope_of(node)
            callee = model.callee(node, scope)
            callee_scope = model.scopes.get(callee) if isinstance(callee, _FUNCTIONS) else None
            if callee_scope is None or callee_scope.is_method:
                continue
            positional = [*callee.args.posonlyargs, *callee.args.args]
            for index, argument in enumerate(node.args):
                if isinstance(argument, ast.Starred) or index >= len(positional):
                    break
                found = self.types.receiver_kinds(argument, scope)
                if found:
                    kinds.setdefault((id(callee), positional[index].arg), []).extend(found)
        return kinds

    def _handler_kinds(self, name: str, index: int, scope: Scope) -> list[Kind]:
        """Kinds of a parameter that a route decorator, a registration or a library
        handler method (``on_connect``) hands the WebSocket in."""
        found = []
        decorators = getattr(scope.node, "decorator_list", ())
        outer = scope.parent or self.model.scope
        for library, kind in self.types.imported_kinds():
            for route in kind.routes:
                if route.decorator and route.parameter in (name, index) and any(
                    self._is_route_decorator(route, decorator, outer) for decorator in decorators
                ):
                    found.append((library, kind))
            if _handler_index(kind, scope.function_name or "") == index:
                found.append((library, kind))
        registered = [*self.registrations().get(scope.function_name or "", ()), *self.registrations().get(id(scope.node), ())]
        for library, kind, parameter in registered:
            if parameter in (name, index) and scope.parent is not None:
                found.append((library, kind))
        return found

    def _typing_only(self, annotation: ast.expr, scope: Scope) -> bool:
        """Does every type of ``annotation`` that names a library WebSocket come from an
        import under ``if TYPE_CHECKING:`` alone?"""
        roots = [_root_name(node) for node in self.model.annotation_types(annotation)
                 if self.types.kinds_of_type(node, scope)]
        table = self.model.import_table
        return bool(roots) and all(root is not None and table.only_for_type_checking(root) for root in roots)

    def _is_unspecific(self, annotation: ast.expr, scope: Scope) -> bool:
        """``Any``/``object``: an annotation that says nothing about the type."""
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            return annotation.value.strip() in _UNSPECIFIC_TYPES
        qualname = self.model.qualname(annotation, scope)
        if qualname is None and isinstance(annotation, ast.Name):
            qualname = annotation.id
        return qualname in _UNSPECIFIC_TYPES

    def _is_route_decorator(self, route: Route, decorator: ast.expr, scope: Scope) -> bool:
        model = self.model
        call = decorator.func if isinstance(decorator, ast.Call) else decorator
        if not route.decorator.startswith("."):
            return model.matches_any((route.decorator,), call, scope)
        if not (isinstance(call, ast.Attribute) and call.attr == route.decorator[1:]):
            return False
        if not route.decorator_owner:
            return True
        owner = call.value
        if not isinstance(owner, ast.Name):
            return False
        owner_scope = scope.lookup(owner.id) or model.scope
        return any(
            isinstance(unwrap(v), ast.Call) and model.matches_any(route.decorator_owner, unwrap(v).func, owner_scope)
            for v in owner_scope.assigned.get(owner.id, ())
        )


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None
