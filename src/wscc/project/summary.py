"""What one module offers the rest of the project, made from its model.

A summary is plain data (JSON-able, so that it can be cached): the module's imports, its
*wrappers* (functions and methods that forward a parameter to a close-code send: which
parameter, at which position, and the library send it ends in), its classes (the library
WebSocket kinds they derive from, their methods' wrappers, which methods they define),
its module-level instances (``hub = Hub()``), its *sinks*: the attributes of other
modules' classes it sends as close codes (``error.code`` of a caught ``WSError``), and
its *close types*: the names it binds to the ``type`` of a close message
(``CLOSE = "websocket.close"``, an enum with such a member), with which another module
can build one without a library import or the string.  ``wscc.project.index`` answers
other modules' questions from the summaries.

A class's *abstract* methods (``@abstractmethod``, or a body of ``...``, ``pass`` or
``raise NotImplementedError``, as a ``typing.Protocol`` declares them) are listed too.
When the module is summarized with the project index, an abstract method that subclasses
in the project implement as wrappers gets the wrapper records of the first such
implementation, its ``via`` pointing there (``dispatch``: the implementation's module): a
call on an object typed with the interface reaches a send through the implementations
(``wscc.project.crossing``).
"""

from __future__ import annotations

import ast
from typing import Any

from wscc import following
from wscc.libraries import BY_NAME
from wscc.model import ModuleModel
from wscc.model.imports import exported_names, star_imports
from wscc.sends import Send, find_sends
from wscc.spec import CodeParameter

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def parameter_ref(send: Send) -> dict[str, Any]:
    """Where a send's code parameter is in the library's description (to rebuild it)."""
    library = send.library
    for group in ("method_sends", "call_sends"):
        for index, shape in enumerate(getattr(library, group)):
            if shape.code is send.code_parameter:
                return {"group": group, "index": index}
    parameter = send.code_parameter
    return {"keyword": parameter.keyword, "position": parameter.position}


def code_parameter(library_name: str, ref: dict[str, Any]) -> CodeParameter:
    if "group" in ref:
        return getattr(BY_NAME[library_name], ref["group"])[ref["index"]].code
    return CodeParameter(ref["keyword"], ref["position"])


def _wrapper_record(wrapper: following.Wrapper) -> dict[str, Any]:
    send = wrapper.send
    return {
        "parameter": wrapper.parameter,
        "position": wrapper.position,
        "library": send.library.name,
        "side": send.side,
        "code": parameter_ref(send),
        "delivered_by": list(send.delivered_by),
        "line": wrapper.function.lineno,
        # Where the code finally goes: this wrapper's own send, or the wrapper it calls in
        # another module.
        "via": send.via,
    }


def summarize(model: ModuleModel) -> dict[str, Any]:
    """The summary of a module.  With ``model.project``, sends through other modules'
    wrappers count too (``wscc.project.crossing``): a wrapper of an imported wrapper is
    one as well."""
    from wscc.project.crossing import cross_module_sends
    sends = [send for send in find_sends(model) if send.code_node is not None]
    sends += following.receiver_sends(model, sends)
    sends += following.forwarding_sends(model)
    sends += cross_module_sends(model)
    wrappers, through = following.wrappers_and_sends(model, sends)
    functions: dict[str, list] = {}
    classes: dict[str, dict] = {}
    for wrapper in wrappers:
        owner = wrapper.scope.parent
        record = _wrapper_record(wrapper)
        if owner is model.scope:
            functions.setdefault(wrapper.function.name, []).append(record)
        elif owner is not None and owner.node in model.classes.values() and model.scope_of(owner.node) is model.scope:
            entry = classes.setdefault(owner.node.name, {})
            entry.setdefault("methods", {}).setdefault(wrapper.function.name, []).append(record)
    for name, cls in model.classes.items():
        if model.scope_of(cls) is not model.scope:
            continue
        entry = classes.setdefault(name, {})
        entry["kinds"] = sorted({(library.name, kind.name) for library, kind in model.subclass_kinds(cls)})
        entry["defines"] = sorted({s.name for klass in model.mro(cls) for s in klass.body if isinstance(s, _FUNCTIONS)})
        entry["bases"] = [model.qualname(base, model.scope) for base in cls.bases]
        abstract = sorted(name for name in entry["defines"] if model.is_abstract(model.method(cls, name)))
        if abstract:
            entry["abstract"] = abstract
    if model.project and model.module_name:
        _dispatch(model, classes)
    offering = {f".{name}" for name, entry in classes.items() if entry.get("methods") or entry.get("kinds")}
    return {
        "module": model.module_name,
        "imports": {local: qualname for local, qualname in model.imports.items()},
        "functions": functions,
        "classes": classes,
        "instances": _instances(model, offering),
        "star": model.star_imports,  # the modules this one star-imports
        "all": exported_names(model.tree),  # what it exports: a literal __all__, "unknown" or None
        "sinks": _sinks(model, sends + through),
        "close_types": _close_types(model),
    }


def _close_types(model: ModuleModel) -> list[str]:
    """The module's top-level names whose value (as the model resolves it) is a close
    message's ``type`` (``messages.message_types``), and its enum classes with a member
    of that value.  Whether an enum's member equals its string (a ``StrEnum``) the
    checking model decides."""
    from wscc.messages import message_types

    types = frozenset(message_types())

    def is_a_type(value: ast.expr, scope) -> bool:
        resolved = model.resolve(value, scope)
        return resolved is not None and isinstance(resolved.value, str) and resolved.value in types

    def names_a_type(scope) -> list[str]:
        return [name for name, values in scope.assigned.items() if any(is_a_type(value, scope) for value in values)]

    found = names_a_type(model.scope)
    found += [name for name, cls in model.classes.items()
              if model.scope_of(cls) is model.scope and model.is_enum_like(cls)
              and cls in model.scopes and names_a_type(model.scopes[cls])]
    return sorted(set(found))


def _sinks(model: ModuleModel, sends: list[Send]) -> list[dict[str, Any]]:
    """The attributes of other modules' classes that this module sends as close codes
    (``except WSError as error: await ws.close(error.code)``): whoever builds such an
    object passes a close code (``raise WSError(1006)``; ``ProjectIndex.sink_wrappers``)."""
    found = []
    for send in sends:
        if send.code_node is None:
            continue
        for node, scope, _named in model.alternatives(send.code_node, send.scope):
            if not isinstance(node, ast.Attribute):
                continue
            for qualname in dict.fromkeys(model.instance_classes(node.value, scope)):
                found.append({"class": qualname, "attribute": node.attr, "library": send.library.name,
                              "side": send.side, "code": parameter_ref(send),
                              "delivered_by": list(send.delivered_by), "line": node.lineno, "via": send.via})
    return found


def star_fields(tree: ast.Module, package: str | None) -> dict:
    """``summarize``'s ``star`` and ``all`` of a module summarized without a model (what it
    imports only: ``wscc.project.build``)."""
    return {"star": star_imports(tree, package), "all": exported_names(tree)}


def _dispatch(model: ModuleModel, classes: dict[str, dict]) -> None:
    """Wrapper records for the abstract methods that the project implements as wrappers."""
    index = model.project
    for name, entry in classes.items():
        for method in entry.get("abstract", ()):
            implementations = index.implementations(f"{model.module_name}.{name}", method)
            if not implementations:
                continue
            target, records = implementations[0]
            libraries = sorted({record["library"] for _target, found in implementations for record in found})
            label = f"{target.name}.{method}"
            if len(implementations) > 1:
                label += f" (one of {len(implementations)} implementations of {name}.{method})"
            dispatched = []
            for record in records:
                via = record["via"] or {"name": label, "path": index.paths.get(target.module, ""),
                                        "line": record["line"]}
                dispatched.append({**record, "via": via, "dispatch": target.module,
                                   **({"libraries": libraries} if len(libraries) > 1 else {})})
            entry.setdefault("methods", {})[method] = dispatched


def _instances(model: ModuleModel, offering: set[str]) -> dict[str, str]:
    """``hub = Hub()`` at module level, for a class of the module with wrapper methods or
    library bases: name -> the qualified class."""
    found = {}
    for name, values in model.scope.assigned.items():
        if len(values) == 1 and isinstance(values[0], ast.Call):
            qualname = model.qualname(values[0].func, model.scope)
            if qualname in offering:
                found[name] = f"{model.module_name}{qualname}"
    return found
