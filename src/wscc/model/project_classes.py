"""Which classes of the project's other modules an expression may be an instance of.

Asked only when the model has a project index (``ModuleModel.project``): by annotation,
by construction (also in place: ``Hub().drop(...)``), ``self.attr`` (also assigned a
parameter: ``self.websocket = websocket``), or a module-level instance another module
exports.
"""

from __future__ import annotations

import ast
from functools import partial
from typing import TYPE_CHECKING, Iterator

from wscc.model.scopes import Scope, unwrap

if TYPE_CHECKING:
    from wscc.model import ModuleModel


def project_qualname(model: "ModuleModel", node: ast.expr, scope: Scope) -> str | None:
    """A dotted name's qualified name, module classes included (``app.hub.Hub``)."""
    return absolute(model, model.qualname(node, scope))


def absolute(model: "ModuleModel", qualname: str | None) -> str | None:
    """``ModuleModel.qualname``'s ``.Name`` (a class of the module) as ``app.hub.Name``."""
    if qualname and qualname.startswith("."):
        return f"{model.module_name}{qualname}" if model.module_name else None
    return qualname


def project_classes_of(model: "ModuleModel", node: ast.expr, scope: Scope) -> list[str]:
    """Qualified names of the project classes ``node`` may be an instance of."""
    index = model.project
    node = unwrap(node)
    found = []
    target = index.resolve(project_qualname(model, node, scope))
    if target is not None and target.kind == "instance":
        found.append(target.data)
    for expression, expression_scope, is_type in _evidence(model, node, scope):
        types = model.annotation_types(expression) if is_type else [expression]
        for item in types:
            qualname = project_qualname(model, item, expression_scope)
            resolved = index.resolve(qualname)
            if resolved is not None and resolved.kind == "class":
                found.append(f"{resolved.module}.{resolved.name}")
    return found


def instance_classes(model: "ModuleModel", node: ast.expr, scope: Scope) -> list[str]:
    """Qualified names of the classes ``node`` may be an instance of, named as the module
    names them (not checked against the summaries: ``ProjectIndex.attribute_values`` reads
    the modules that define them): by annotation, by construction (also of a class taken
    from a dict of classes: ``Processor = registry.get(code, Default)``), or as the
    exception an ``except`` clause catches."""
    node = unwrap(node)
    found: list[str] = []
    if isinstance(node, ast.Name):
        owner = scope.lookup(node.id)
        if owner is not None and node.id in owner.caught:
            caught = owner.caught_type(node.id, node)
            for item in caught.elts if isinstance(caught, ast.Tuple) else [caught] if caught is not None else []:
                found += _class_objects(model, item, owner)
            return found
    for expression, expression_scope, is_type in _evidence(model, node, scope):
        if is_type:
            for item in model.annotation_types(expression):
                qualname = project_qualname(model, item, expression_scope)
                if qualname:
                    found.append(qualname)
        else:
            found += _class_objects(model, expression, expression_scope)
    return found


def _class_objects(model: "ModuleModel", node: ast.expr, scope: Scope) -> list[str]:
    return [name for name in map(partial(absolute, model), model.class_types.class_objects(node, scope)) if name]


def registry_classes(model: "ModuleModel", name: str) -> list[str]:
    """The qualified names of the classes of the module's dict display of classes ``name``."""
    return [entry for entry in map(partial(absolute, model), model.class_types.registry_entries(name)) if entry]


def _evidence(model: "ModuleModel", node: ast.expr, scope: Scope) -> Iterator[tuple[ast.expr, Scope, bool]]:
    """(expression, its scope, is it a type?) for what a name or ``self.attr`` holds, or
    what a call builds in place (``Hub().drop(ws, code)``)."""
    if isinstance(node, ast.Call):
        yield node.func, scope, False
    elif isinstance(node, ast.Name):
        owner = scope.lookup(node.id)
        if owner is None:
            return
        if node.id in owner.params and owner.params[node.id][1] is not None:
            yield owner.params[node.id][1], owner, True
        if node.id in owner.annotations:
            yield owner.annotations[node.id], owner, True
        for value in owner.assigned.get(node.id, ()):
            value = unwrap(value)
            if isinstance(value, ast.Call):
                yield value.func, owner, False
                if isinstance(value.func, ast.Attribute) and isinstance(value.func.value, ast.Name):
                    # ``self.adapter_class(...)``, the attribute declared ``Callable[..., T]``
                    # or ``type[T]``: a T.
                    for annotation, annotation_scope, _is_type in _evidence(model, value.func, owner):
                        made = _made_by(model, annotation, annotation_scope)
                        if made is not None:
                            yield made, annotation_scope, True
    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        method = scope.method_for_self(node.value.id)
        if method is None or method.enclosing_class is None:
            return
        for method_scope, value, annotation in model.attributes.get(method.enclosing_class, {}).get(node.attr, ()):
            if annotation is not None:
                yield annotation, method_scope, True
            value = unwrap(value) if value is not None else None
            if isinstance(value, ast.Call):
                yield value.func, method_scope, False
            elif isinstance(value, ast.Name) and value.id != node.value.id:
                # ``self.websocket = websocket``: what the parameter or name holds.
                yield from _evidence(model, value, method_scope)
        class_scope = model.scopes.get(method.enclosing_class)
        if class_scope is not None and node.attr in class_scope.annotations:
            yield class_scope.annotations[node.attr], class_scope, True


#: Annotations of what makes instances: ``Callable[..., T]`` and ``type[T]`` make a T.
_CALLABLES = frozenset({"typing.Callable", "collections.abc.Callable"})
_TYPES = frozenset({"type", "typing.Type"})


def _made_by(model: "ModuleModel", annotation: ast.expr, scope: Scope) -> ast.expr | None:
    """The type of what calling an object so annotated returns, if the annotation says."""
    if not isinstance(annotation, ast.Subscript):
        return None
    qualname = model.qualname(annotation.value, scope)
    if qualname is None and isinstance(annotation.value, ast.Name):
        qualname = annotation.value.id
    if qualname in _CALLABLES and isinstance(annotation.slice, ast.Tuple) and len(annotation.slice.elts) == 2:
        return annotation.slice.elts[1]
    if qualname in _TYPES:
        return annotation.slice
    return None
