"""Sends that cross modules: a call of another module's wrapper, judged where it is written.

``await hub.drop(ws, 1006)`` in ``views.py``, where ``app.hub.Hub.drop`` forwards its
``code`` to ``websocket.close``: the code ``1006`` is judged as if written in that close,
and the finding says where it goes.  Callees are found through the module's imports and
the project index: imported functions, classes (``raise Kicked(1006)``), module-level
instances (``from app.hub import hub``) and objects typed or built as a project class.
"""

from __future__ import annotations

import ast
from typing import Iterator

from wscc.delivery import delivered
from wscc.libraries import BY_NAME
from wscc.model import ModuleModel, Scope, unwrap
from wscc.project.index import ProjectIndex, Target
from wscc.project.summary import code_parameter
from wscc.sends import Send


def project_qualname(model: ModuleModel, node: ast.expr, scope: Scope) -> str | None:
    """A dotted name's qualified name, module classes included (``app.hub.Hub``)."""
    qualname = model.qualname(node, scope)
    if qualname and qualname.startswith("."):
        return f"{model.module_name}{qualname}" if model.module_name else None
    return qualname


def project_classes_of(model: ModuleModel, node: ast.expr, scope: Scope) -> list[str]:
    """Qualified names of the project classes ``node`` may be an instance of."""
    index: ProjectIndex = model.project
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


def _evidence(model: ModuleModel, node: ast.expr, scope: Scope) -> Iterator[tuple[ast.expr, Scope, bool]]:
    """(expression, its scope, is it a type?) for what a name or ``self.attr`` holds."""
    if isinstance(node, ast.Name):
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
        class_scope = model.scopes.get(method.enclosing_class)
        if class_scope is not None and node.attr in class_scope.annotations:
            yield class_scope.annotations[node.attr], class_scope, True


def _callees(model: ModuleModel, call: ast.Call, scope: Scope) -> Iterator[tuple[Target, str, list]]:
    """(target, its display name, wrapper records) of what a call reaches in the project."""
    index: ProjectIndex = model.project
    func = call.func
    qualname = project_qualname(model, func, scope)
    if qualname and model.module_name and qualname.startswith(model.module_name + "."):
        qualname = None  # the module's own names: wscc.following judges those
    target = index.resolve(qualname)
    if target is not None and target.kind == "function":
        yield target, target.name, target.data
        return
    if target is not None and target.kind == "class":
        method = index.method(f"{target.module}.{target.name}", "__init__")
        if method is not None:
            yield method[0], target.name, method[1]
        return
    if isinstance(func, ast.Attribute):
        for class_qualname in project_classes_of(model, func.value, scope):
            if model.module_name and class_qualname.startswith(model.module_name + "."):
                continue  # the module's own class: wscc.following judges its methods
            method = index.method(class_qualname, func.attr)
            if method is not None:
                yield method[0], f"{method[0].name}.{func.attr}", method[1]
                return


def cross_module_sends(model: ModuleModel) -> list[Send]:
    """Sends through other modules' wrappers, judged at this module's calls."""
    if not model.project:
        return []
    found = []
    for call in model.calls:
        scope = model.scope_of(call)
        for target, name, records in _callees(model, call, scope):
            for record in records:
                if record["delivered_by"] and not delivered(model, call, tuple(record["delivered_by"])):
                    continue
                argument = model.argument(call, record["position"], record["parameter"])
                if argument is None:
                    continue
                library = BY_NAME.get(record["library"])
                if library is None:
                    continue
                via = record["via"] or {"name": name, "path": target.path, "line": record["line"]}
                found.append(Send(library, record["side"], argument, code_parameter(library.name, record["code"]),
                                  None, scope, reason_known=False, via=via))
    return found
