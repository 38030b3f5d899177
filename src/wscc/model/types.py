"""Which library WebSocket an expression may be.

``TypeInference.receiver_kinds``: the (library, object kind) pairs an expression may be,
  from annotations, ``self`` in a library subclass, route decorators and registrations,
  factory calls, the library's conventional parameter names, a base-class attribute, an
  object taken from a library mapping (``environ["wsgi.websocket"]``) and the user's
  ``receiver-names``.  ``wscc.model.classes`` answers the same for the module's own classes.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterator

from wscc.model.calls import plain_call
from wscc.model.containers import ELEMENT_BUILTINS, ELEMENT_METHODS, ContainerEvidence
from wscc.model.parameters import ParameterInference
from wscc.model.scopes import UNKNOWN, Scope, unwrap
from wscc.libraries import BY_NAME
from wscc.spec import Library, ObjectKind, matches

if TYPE_CHECKING:
    from wscc.model import ModuleModel

#: A library and one of its object kinds.
Kind = tuple[Library, ObjectKind]

#: How far a chain of assignments is followed.
_MAX_DEPTH = 4


def enclosing_method(scope: Scope | None) -> Scope | None:
    while scope is not None and not scope.is_method:
        scope = scope.parent
    return scope


def is_super_call(node: ast.expr, scope: Scope) -> bool:
    """``super()`` with the builtin ``super`` (not a local name shadowing it)."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
            and scope.lookup("super") is None)


class TypeInference:
    def __init__(self, model: "ModuleModel") -> None:
        self.model = model
        self._kind_cache: dict[tuple[int, int], list[Kind]] = {}
        self.containers = ContainerEvidence(model)
        self.parameters = ParameterInference(self)

    # ---- library kinds

    def imported_kinds(self) -> Iterator[Kind]:
        model = self.model
        for library in model.library_order:
            for kind in library.kinds:
                yield library, kind

    def class_kinds(self, cls: ast.ClassDef, seen: frozenset = frozenset(), any_kind: bool = False) -> list[Kind]:
        """Kinds whose ``self`` is the WebSocket in ``cls`` (through in-module bases).

        ``any_kind``: every kind whose class ``cls`` derives from, not only those whose
        library is used by subclassing (``super().close(...)`` reaches the library's own)."""
        model = self.model
        found = []
        class_scope = model.node_scopes.get(id(cls), model.scope)
        for base in cls.bases:
            for library, kind in self.imported_kinds():
                if (kind.self_in_subclass or any_kind) and model.matches_any(kind.classes, base, class_scope):
                    found.append((library, kind))
            if isinstance(base, ast.Name) and base.id in model.classes and base.id not in seen:
                found += self.class_kinds(model.classes[base.id], seen | {base.id}, any_kind)
        return found

    def subclass_kinds(self, cls: ast.ClassDef) -> list[Kind]:
        """Library kinds a module class derives from, directly or through module bases
        (``class R(aiohttp.ClientWebSocketResponse)``), whatever the kind's subclass rule."""
        model = self.model
        found = []
        for klass in self.model.mro(cls):
            class_scope = model.scopes.get(klass, model.scope).parent or model.scope
            for base in klass.bases:
                for library, kind in self.imported_kinds():
                    if model.matches_any(kind.classes, base, class_scope):
                        found.append((library, kind))
        return found

    def kinds_of_type(self, annotation: ast.expr | None, scope: Scope) -> list[Kind]:
        found = []
        for node in self.model.annotation_types(annotation):
            qualname = self.model.qualname(node, scope)  # once per type, not once per kind
            if qualname is not None:
                found += [
                    (library, kind)
                    for library, kind in self.imported_kinds()
                    if any(matches(pattern, qualname) for pattern in kind.classes)
                ] or self.project_class_kinds(qualname)
        return found

    def project_class_kinds(self, qualname: str) -> list[Kind]:
        """Kinds of a class another module of the project derives from a library class
        (``from app.resilient import Resilient``)."""
        index = self.model.project
        if not index or qualname.startswith("."):
            return []
        found = []
        for library_name, kind_name in index.kinds(qualname):
            library = BY_NAME.get(library_name)
            if library is not None:
                found.append((library, library.kind(kind_name)))
        return found

    def kinds_of_value(self, value: ast.expr, scope: Scope, depth: int) -> list[Kind]:
        """Kinds of the object an expression produces (a factory call, another receiver)."""
        value = unwrap(value)
        if isinstance(value, ast.Call):
            return self._kinds_of_call(value, scope, depth)
        if isinstance(value, (ast.Name, ast.Attribute)):
            return self.receiver_kinds(value, scope, depth + 1)
        if isinstance(value, ast.Subscript):
            found = self._kinds_of_subscript(value, scope) if isinstance(value.slice, ast.Constant) else []
            # An element of a container holding WebSockets (``self.active[uid]``).
            return found or self.kinds_of_value(value.value, scope, depth + 1) + self._filled_kinds(value, scope, depth)
        return []

    def _filled_kinds(self, container: ast.expr, scope: Scope, depth: int) -> list[Kind]:
        """Kinds of what the module puts into a container (``self.clients.add(ws)``)."""
        key = self.containers.key(container, scope)
        found = []
        for element, element_scope in self.containers.elements_put_in(key) if key is not None else ():
            found += self.kinds_of_value(element, element_scope, depth + 1)
        return found

    def _kinds_of_call(self, value: ast.Call, scope: Scope, depth: int) -> list[Kind]:
        found = self._passed_through(value, scope, depth) if depth <= _MAX_DEPTH else []
        if not found and depth <= _MAX_DEPTH:
            # ``await loop.run_in_executor(None, websocket.create_connection, uri)`` is what
            # ``websocket.create_connection(uri)`` returns.
            made = plain_call(value, scope)
            if made is not None:
                found = self._factory_kinds(made, scope, depth + 1)
        return found or self._factory_kinds(value, scope, depth)

    def _passed_through(self, value: ast.Call, scope: Scope, depth: int) -> list[Kind]:
        """Calls whose result is (an element of) what they are given: ``self.active.pop(uid)``,
        ``list(self.clients)``, ``contextlib.closing(conn)``, ``typing.cast(WebSocket, obj)``."""
        func = value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if isinstance(func, ast.Attribute) and name in ELEMENT_METHODS:
            found = self.kinds_of_value(func.value, scope, depth + 1)
            if found:
                return found
        builtin = isinstance(func, ast.Name) and name in ELEMENT_BUILTINS and scope.lookup(name) is None
        if (builtin or name == "closing") and value.args:
            return self.kinds_of_value(value.args[0], scope, depth + 1)
        if name == "cast" and len(value.args) == 2:
            return self.kinds_of_type(value.args[0], scope)
        return []

    def _factory_kinds(self, value: ast.Call, scope: Scope, depth: int) -> list[Kind]:
        func = value.func
        qualname = self.model.qualname(func, scope)
        method = func.attr if isinstance(func, ast.Attribute) else None
        found = [
            (library, kind)
            for library, kind in self.imported_kinds()
            if (qualname is not None and any(matches(pattern, qualname) for pattern in kind.factories))
            or method in kind.factory_methods
        ]
        if found:
            return found
        if qualname is not None:
            found = self.project_class_kinds(qualname)  # ``Resilient(...)`` built here
            if found:
                return found
        # ``environ.get("wsgi.websocket")``: a mapping's ``get``/``pop`` of a key that holds one.
        if method in ("get", "pop") and value.args and isinstance(value.args[0], ast.Constant):
            key = value.args[0].value
            found = [(library, kind) for library, kind in self.imported_kinds() if key in kind.subscript_keys]
            if found:
                return found
        # ``await connect(uri).__aenter__()`` is what ``async with`` would bind.
        if isinstance(func, ast.Attribute) and func.attr in ("__aenter__", "__enter__"):
            return self.kinds_of_value(func.value, scope, depth)
        return []

    def _kinds_of_subscript(self, value: ast.Subscript, scope: Scope) -> list[Kind]:
        key = value.slice.value
        container = unwrap(value.value)
        if isinstance(container, ast.Call):
            # picows: ``transport, listener = await ws_connect(...)`` binds ``ws_connect(...)[1]``.
            return [
                (library, kind)
                for library, kind in self.imported_kinds()
                for pattern, index in kind.unpacked_factories.items()
                if index == key and self.model.matches_any((pattern,), container.func, scope)
            ]
        # gevent-websocket: ``environ["wsgi.websocket"]``.
        return [(library, kind) for library, kind in self.imported_kinds() if key in kind.subscript_keys]

    def receiver_kinds(self, node: ast.expr, scope: Scope, depth: int = 0) -> list[Kind]:
        """The (library, kind) pairs an expression may be, strongest evidence first."""
        if depth > _MAX_DEPTH or not (self.model.libraries or self.model.project):
            return []
        key = (id(node), id(scope))
        cached = self._kind_cache.get(key)
        if cached is not None:
            return cached
        self._kind_cache[key] = []  # breaks cycles
        found = self._receiver_kinds(node, scope, depth)
        self._kind_cache[key] = found
        return found

    def _receiver_kinds(self, node: ast.expr, scope: Scope, depth: int) -> list[Kind]:
        if is_super_call(node, scope):
            method = enclosing_method(scope)
            return self.class_kinds(method.enclosing_class, any_kind=True) if method else []
        if isinstance(node, ast.Name):
            return self._name_kinds(node, scope, depth)
        if isinstance(node, ast.Attribute):
            method = scope.method_for_self(node.value.id) if isinstance(node.value, ast.Name) else None
            if method is not None:
                return self._self_attribute_kinds(node.attr, method, depth)
            return self._attribute_kinds(node, scope, depth)
        if isinstance(node, (ast.Subscript, ast.Call)):
            # ``self.active[uid]``, ``environ["wsgi.websocket"]``, ``self.active.pop(uid)``.
            return self.kinds_of_value(node, scope, depth)
        return []

    def _proxied(self, qualname: str | None) -> list[Kind]:
        """Module-level library objects (Quart's ``websocket``)."""
        return [(library, kind) for library, kind in self.imported_kinds() if qualname and qualname in kind.proxies]

    def by_receiver_name(self, name: str) -> list[Kind]:
        """The user's ``receiver-names``: any WebSocket of the libraries the module imports."""
        return list(self.imported_kinds()) if name in self.model.settings.receiver_names else []

    def _name_kinds(self, node: ast.Name, scope: Scope, depth: int) -> list[Kind]:
        method = scope.method_for_self(node.id)
        if method is not None:
            return self.class_kinds(method.enclosing_class)
        owner = scope.lookup(node.id)
        if owner is None:
            return self._proxied(self.model.imports.get(node.id))
        found = []
        if node.id in owner.params:
            found += self.parameters.kinds(node.id, owner)
        found += self.kinds_of_type(owner.annotations.get(node.id), owner)
        for value in owner.assigned.get(node.id, ()):
            if value is not UNKNOWN:
                found += self.kinds_of_value(value, owner, depth)
        for narrowed in self.containers.narrowed_types(owner, node.id):
            found += self.kinds_of_type(narrowed, owner)  # ``if isinstance(x, WebSocket):``
        found += self._filled_kinds(node, scope, depth)
        return found or self.by_receiver_name(node.id)

    def _self_attribute_kinds(self, attr: str, method: Scope, depth: int) -> list[Kind]:
        """``self.ws``: what the class's methods assign to it, its class-level annotation,
        what the class puts into it (a container), or an attribute that a library base
        class sets (gevent-websocket's ``self.ws``)."""
        cls = method.enclosing_class
        found = self._class_attribute_kinds(cls, attr, depth)
        found += self._filled_kinds(ast.Attribute(ast.Name(method.self_name), attr), method, depth)
        found += self._base_attribute_kinds(cls, attr)
        return found or self.by_receiver_name(attr)

    def _base_attribute_kinds(self, cls: ast.ClassDef, attr: str) -> list[Kind]:
        model = self.model
        found = []
        for klass in self.model.mro(cls):
            class_scope = model.node_scopes.get(id(klass), model.scope)
            for base in klass.bases:
                for library, kind in self.imported_kinds():
                    if any(attr in attributes and model.matches_any((pattern,), base, class_scope)
                           for pattern, attributes in kind.base_attributes.items()):
                        found.append((library, kind))
        return found

    def _attribute_kinds(self, node: ast.Attribute, scope: Scope, depth: int) -> list[Kind]:
        # ``quart.websocket`` spelled through the module.
        found = self._proxied(self.model.qualname(node, scope)) or self._owned(node, scope)
        for cls in self.model.classes_of(node.value, scope):
            # ``connection.websocket`` of a module class (a dataclass field, ``self.websocket``).
            found += self._class_attribute_kinds(cls, node.attr, depth)
        return found or self.by_receiver_name(node.attr)

    def _class_attribute_kinds(self, cls: ast.ClassDef, attr: str, depth: int) -> list[Kind]:
        model = self.model
        found = []
        for method_scope, value, annotation in model.attributes.get(cls, {}).get(attr, ()):
            found += self.kinds_of_type(annotation, method_scope)
            if value is not None:
                found += self.kinds_of_value(value, method_scope, depth)
        class_scope = model.scopes.get(cls)
        if class_scope is not None:
            found += self.kinds_of_type(class_scope.annotations.get(attr), class_scope)
        return found

    def _owned(self, node: ast.Attribute, scope: Scope) -> list[Kind]:
        """``request.ws_stream``: an attribute that another kind of the library holds."""
        wanted = [(library, kind) for library, kind in self.imported_kinds()
                  if any(node.attr in attributes for attributes in kind.attribute_of.values())]
        if not wanted:
            return []
        owners = self.receiver_kinds(node.value, scope)
        return [(library, kind) for library, kind in wanted
                if any(owner_library is library and node.attr in kind.attribute_of.get(owner.name, ())
                       for owner_library, owner in owners)]
