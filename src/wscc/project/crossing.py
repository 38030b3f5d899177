"""Sends that cross modules: a call of another module's wrapper, judged where it is written.

``await hub.drop(ws, 1006)`` in ``views.py``, where ``app.hub.Hub.drop`` forwards its
``code`` to ``websocket.close``: the code ``1006`` is judged as if written in that close,
and the finding says where it goes.  Callees are found through the module's imports and
the project index: imported functions, classes (``raise Kicked(1006)``), module-level
instances (``from app.hub import hub``) and objects typed or built as a project class,
also an interface (an abstract class, a ``typing.Protocol``) whose abstract method the
project implements as a wrapper in another module (``wscc.project.summary``).
"""

from __future__ import annotations

import ast
import dataclasses
from typing import Iterator

from wscc.delivery import delivered
from wscc.libraries import BY_NAME
from wscc.spec import Library
from wscc.model import ModuleModel, Scope
from wscc.project.index import ProjectIndex, Target
from wscc.project.summary import code_parameter
from wscc.sends import Send


def _callees(model: ModuleModel, call: ast.Call, scope: Scope) -> Iterator[tuple[Target, str, list]]:
    """(target, its display name, wrapper records) of what a call reaches in the project."""
    index: ProjectIndex = model.project
    func = call.func
    qualname = model.project_qualname(func, scope)
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
    sink = index.sink_class(qualname) if qualname else None
    if sink is not None:  # ``raise WSError(1006)``: another module sends ``error.code``
        module, _, name = sink.rpartition(".")
        yield Target("class", module, name, {}, index.paths.get(module, "")), name, index.sink_wrappers(sink)
        return
    if target is not None and target.kind == "class":
        return
    if isinstance(func, ast.Attribute):
        for class_qualname in model.project_classes_of(func.value, scope):
            method = index.method(class_qualname, func.attr)
            if method is None:
                continue
            records = method[1]
            if model.module_name and class_qualname.startswith(model.module_name + "."):
                # The module's own class: wscc.following judges its methods, and the
                # module's implementations of its own typing.Protocol; not the
                # implementations of its abstract methods.
                cls = model.classes.get(class_qualname[len(model.module_name) + 1:])
                protocol = cls is not None and model.is_protocol(cls)
                records = [record for record in records if record.get("dispatch") is not None
                           and not (protocol and record["dispatch"] == model.module_name)]
                if not records:
                    continue
            yield method[0], f"{method[0].name}.{func.attr}", records
            return


#: A library as judged for a code that reaches several libraries (by name).
_SEVERAL: dict[str, Library] = {}


def _library(record: dict) -> Library | None:
    """The library a record's send ends in.  A call on an interface whose implementations
    close different libraries' WebSockets (``"libraries"``) is judged by the first one, but
    no one library's constant names its code: it is a magic number (WSC202), not WSC201."""
    library = BY_NAME.get(record["library"])
    if library is None or len(record.get("libraries", ())) < 2:
        return library
    several = _SEVERAL.get(library.name)
    if several is None:
        several = _SEVERAL[library.name] = dataclasses.replace(library, constants_from=())
    return several


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
                library = _library(record)
                if library is None:
                    continue
                via = record["via"] or {"name": name, "path": target.path, "line": record["line"]}
                found.append(Send(library, record["side"], argument, code_parameter(library.name, record["code"]),
                                  None, scope, reason_known=False, via=via))
    return found


def own_sink_wrappers(model: ModuleModel) -> list:
    """Wrappers (``wscc.following.Wrapper``) of this module's classes whose attribute
    another module sends (``ProjectIndex.sink_wrappers``, read from this model): the
    parameter their ``__init__`` keeps there, so that its default and this module's own
    ``WSError(1006)`` are judged here."""
    from wscc.following import Wrapper, parameter_position

    index: ProjectIndex = model.project
    if not model.module_name or not index:
        return []
    found = []
    for name, cls in model.classes.items():
        if model.scope_of(cls) is not model.scope:
            continue
        records = index.sink_wrappers(f"{model.module_name}.{name}", (model, cls))
        init = model.method(cls, "__init__") if records else None
        scope = model.scopes.get(init) if init is not None else None
        for record in records:
            library = _library(record)
            if scope is None or library is None:
                continue
            parameter = record["parameter"]
            send = Send(library, record["side"], None, code_parameter(library.name, record["code"]), None, scope,
                        delivered_by=tuple(record["delivered_by"]), reason_known=False, via=record["via"])
            found.append(Wrapper(init, scope, parameter, parameter_position(scope, parameter), send))
    return found

