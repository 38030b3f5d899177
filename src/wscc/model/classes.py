"""Which of the module's own classes an expression may be an instance of.

By annotation, construction, ``self``, or a ``typing.Protocol`` the class implements
(every method the protocol declares: structural typing, as type checkers do); and which
function or method of the module a call reaches.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterator

from wscc.model.scopes import UNKNOWN, Scope, unwrap

if TYPE_CHECKING:
    from wscc.model import ModuleModel

#: Where ``typing.Protocol`` is imported from (``asyncio.Protocol`` is something else).
_PROTOCOL_NAMES = frozenset({"typing.Protocol", "typing_extensions.Protocol"})
#: Decorators that make a method abstract.
_ABSTRACT_DECORATORS = frozenset({"abc.abstractmethod", "abstractmethod"})
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
#: How far a chain of assignments is followed.
_MAX_DEPTH = 4


def last_definition(body: list[ast.stmt], name: str) -> ast.AST | None:
    """The function ``name`` as a body defines it last (what the name is bound to)."""
    found = None
    for statement in body:
        if isinstance(statement, _FUNCTIONS) and statement.name == name:
            found = statement
    return found


class ClassInference:
    def __init__(self, model: "ModuleModel") -> None:
        self.model = model
        self._implementations: dict[int, list[ast.ClassDef]] = {}

    def mro(self, cls: ast.ClassDef, seen: frozenset = frozenset()) -> Iterator[ast.ClassDef]:
        """``cls`` and its in-module bases, in method resolution order (depth first)."""
        yield cls
        for base in cls.bases:
            if isinstance(base, ast.Name) and base.id in self.model.classes and base.id not in seen:
                yield from self.mro(self.model.classes[base.id], seen | {base.id})

    def method(self, cls: ast.ClassDef, name: str) -> ast.AST | None:
        """The method ``name`` of ``cls``, defined in it or an in-module base (the last
        definition in a class body: ``@overload`` stubs come before the implementation)."""
        for klass in self.mro(cls):
            found = last_definition(klass.body, name)
            if found is not None:
                return found
        return None

    def is_protocol(self, cls: ast.ClassDef) -> bool:
        """Does ``cls`` derive from ``typing.Protocol`` (also ``Protocol[T]``)?"""
        bases = (base.value if isinstance(base, ast.Subscript) else base for base in cls.bases)
        return any(self.model.qualname(base, self.model.scope) in _PROTOCOL_NAMES for base in bases)

    def is_abstract(self, function: ast.AST | None) -> bool:
        """Is a method only declared: ``@abstractmethod``, or a body of nothing but a
        docstring, ``...``, ``pass`` or ``raise NotImplementedError``?"""
        if not isinstance(function, _FUNCTIONS):
            return False
        for decorator in function.decorator_list:
            if self.model.qualname(decorator, self.model.scope) in _ABSTRACT_DECORATORS:
                return True
        body = function.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]  # the docstring
        if not body:
            return True
        if len(body) != 1:
            return False
        statement = body[0]
        if isinstance(statement, ast.Pass):
            return True
        if isinstance(statement, ast.Expr):
            return isinstance(statement.value, ast.Constant) and statement.value.value is Ellipsis
        if isinstance(statement, ast.Raise) and statement.exc is not None:
            raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
            return isinstance(raised, ast.Name) and raised.id == "NotImplementedError"
        return False

    def implementations(self, protocol: ast.ClassDef) -> list[ast.ClassDef]:
        """Module classes that define every method a ``typing.Protocol`` declares: what an
        object annotated with the protocol may be (structural typing, as type checkers do)."""
        found = self._implementations.get(id(protocol))
        if found is None:
            methods = [s.name for s in protocol.body if isinstance(s, _FUNCTIONS)]
            found = self._implementations[id(protocol)] = [
                cls for cls in self.model.classes.values()
                if methods and not self.is_protocol(cls) and all(self.method(cls, m) for m in methods)
            ]
        return found

    def classes_in(self, annotation: ast.expr | None, scope: Scope) -> list[ast.ClassDef]:
        """Module classes an annotation (or a called class name) names."""
        model = self.model
        found = []
        for node in model.annotation_types(annotation):
            if isinstance(node, ast.Name) and node.id in model.classes:
                owner = scope.lookup(node.id)
                if owner is None or owner is model.scope:
                    cls = model.classes[node.id]
                    found += self.implementations(cls) if self.is_protocol(cls) else [cls]
        return found

    def _classes_of_value(self, value: ast.expr | None, scope: Scope, depth: int) -> list[ast.ClassDef]:
        if value is None:
            return []
        value = unwrap(value)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            return self.classes_in(value.func, scope) or [
                self.model.classes[name[1:]] for name in self.class_objects(value.func, scope, depth + 1)
                if name.startswith(".") and name[1:] in self.model.classes]
        if isinstance(value, (ast.Name, ast.Attribute)):
            return self.classes_of(value, scope, depth + 1)
        return []

    def classes_of(self, node: ast.expr, scope: Scope, depth: int = 0) -> list[ast.ClassDef]:
        """Module classes ``node`` may be an instance of (also one built in place:
        ``Hub().drop(ws, code)``)."""
        if depth > _MAX_DEPTH:
            return []
        if isinstance(node, ast.Call):
            return self._classes_of_value(node, scope, depth)
        if isinstance(node, ast.Name):
            return self._classes_of_name(node, scope, depth)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            method = scope.method_for_self(node.value.id)
            if method is None or method.enclosing_class is None:
                return []
            return self._classes_of_self_attribute(node.attr, method.enclosing_class, depth)
        return []

    def _classes_of_name(self, node: ast.Name, scope: Scope, depth: int) -> list[ast.ClassDef]:
        method = scope.method_for_self(node.id)
        if method is not None and method.enclosing_class is not None:
            return [method.enclosing_class]
        owner = scope.lookup(node.id)
        if owner is None:
            return []
        if node.id in owner.caught:  # ``except AuthError as error``
            return self.classes_in(owner.caught_type(node.id, node), owner)
        assigned = []
        for value in owner.assigned.get(node.id, ()):
            if value is not UNKNOWN and value is not None and value is not node:
                assigned += self._classes_of_value(value, owner, depth)
        if assigned and node.id not in owner.params:
            # ``worker = Worker(proc)`` is a Worker, whatever protocol its annotation names.
            return assigned
        found = []
        if node.id in owner.params:
            found += self.classes_in(owner.params[node.id][1], owner)
        return found + self.classes_in(owner.annotations.get(node.id), owner) + assigned

    def class_objects(self, node: ast.expr, scope: Scope, depth: int = 0) -> list[str]:
        """The classes ``node`` may *be* (a class object, called to make an instance), in
        ``ModuleModel.qualname``'s form (``.Name`` for a class of the module): a class's
        name, a name bound to one, or an entry of a dict display of classes (a registry of
        handler classes, here or, with the project index, in another module) looked up as
        ``registry[key]`` or ``registry.get(key, Default)``."""
        model = self.model
        if depth > _MAX_DEPTH:
            return []
        node = unwrap(node)
        if isinstance(node, ast.Name):
            owner = scope.lookup(node.id)
            if owner is not None and not (owner is model.scope and node.id in model.classes):
                if node.id in owner.params:
                    return []
                return [name for value in owner.assigned.get(node.id, ()) if value is not UNKNOWN and value is not node
                        for name in self.class_objects(value, owner, depth + 1)]
        if isinstance(node, (ast.Name, ast.Attribute)):
            name = model.qualname(node, scope)
            return [name] if name else []
        if isinstance(node, ast.Subscript):
            return self._registry(node.value, scope, depth)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and 1 <= len(node.args) <= 2 and not node.keywords:
            found = self._registry(node.func.value, scope, depth)
            if found and len(node.args) == 2:
                found += self.class_objects(node.args[1], scope, depth + 1)
            return found
        return []

    def registry_entries(self, name: str) -> list[str]:
        """The classes (``class_objects``) of the dict display of classes the module binds
        ``name`` to, once, at its top level; empty when it is not one."""
        values = self.model.scope.assigned.get(name, [])
        return self._entries(values[0], self.model.scope, 0) if len(values) == 1 else []

    def _registry(self, node: ast.expr, scope: Scope, depth: int) -> list[str]:
        """The classes of a dict display of classes bound to a name here, or of another
        project module's (``customize.processors``: ``ProjectIndex.registry_classes``)."""
        if isinstance(node, ast.Name) and scope.lookup(node.id) is not None:
            owner = scope.lookup(node.id)
            values = owner.assigned.get(node.id, []) if node.id not in owner.params else []
            return self._entries(values[0], owner, depth) if len(values) == 1 else []
        name = self.model.qualname(node, scope)
        project = self.model.project
        return project.registry_classes(name) if name and not name.startswith(".") and project is not None else []

    def _entries(self, display: ast.expr, scope: Scope, depth: int) -> list[str]:
        if not isinstance(display, ast.Dict) or not display.values:
            return []
        found = []
        for value in display.values:
            classes = self.class_objects(value, scope, depth + 1) if value is not None else []
            if not classes:
                return []  # a registry of other things, or one wscc cannot read
            found += classes
        return found

    def _classes_of_self_attribute(self, attr: str, cls: ast.ClassDef, depth: int) -> list[ast.ClassDef]:
        model = self.model
        found = []
        for method_scope, value, annotation in model.attributes.get(cls, {}).get(attr, ()):
            found += self.classes_in(annotation, method_scope)
            found += self._classes_of_value(value, method_scope, depth)
        class_scope = model.scopes.get(cls)
        if class_scope is not None:
            found += self.classes_in(class_scope.annotations.get(attr), class_scope)
        return found

    def callee(self, call: ast.Call, scope: Scope) -> ast.AST | None:
        """The module function or method a call reaches, if the module defines it."""
        model = self.model
        func = call.func
        if isinstance(func, ast.Name):
            target_scope = scope.lookup(func.id) or model.scope
            body = getattr(target_scope.node, "body", ())
            # A lambda's body is one expression, not statements.
            found = last_definition(body, func.id) if isinstance(body, list) else None
            if found is None and target_scope is model.scope and func.id in model.classes:
                return self.method(model.classes[func.id], "__init__")  # ``Kicked(1006)``
            return found
        if isinstance(func, ast.Attribute):
            for cls in self.classes_of(func.value, scope):
                method = self.method(cls, func.attr)
                if method is not None:
                    return method
        return None
