"""The project index: every module's summary, and what an imported name is.

``ProjectIndex.resolve("app.hub.hub")`` follows a qualified name to what a module of the
project defines, through re-exports (``from .closing import shut`` in a package's
``__init__``): a function with its wrappers, a class, or an instance of a class.  Names
it cannot follow are simply unknown: never a guess.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from dataclasses import dataclass
from typing import Any, Iterable

#: How many re-exports a name is followed through.
_MAX_HOPS = 8


def offering(summary: dict | None) -> bool:
    """Does a module's summary offer other modules anything (a close message's type too:
    a module that imports it may build one)?"""
    return bool(summary) and bool(
        summary["functions"] or summary["instances"] or summary.get("close_types")
        or any(entry.get("methods") or entry.get("kinds") for entry in summary["classes"].values()))


#: A relative import (``from . import x``, ``from .m import x``, even ``from.m``) spells
#: no module name a screen could match.  Led by its literal, which the engine skips to
#: (a leading ``\b`` makes it try every position: ten times slower).
_RELATIVE_IMPORT = re.compile(r"from[\s\\]*\.")

#: Up to this many words, a substring search each finds the candidates; past it, one
#: alternation does.
_FEW_WORDS = 16


def _is_word_character(character: str) -> bool:
    """What ``\\w`` matches in a ``str`` pattern (so ``\\b`` sits beside anything else)."""
    return character.isalnum() or character == "_"


class Screen:
    """The cheap text test for "may this module import something the index offers?".

    An import that reaches an offer spells, as a whole word, the last component of a
    module that offers it or re-exports it (``from app.hub import hub``, ``import app.hub``,
    ``from app import center`` when ``app`` re-exports the hub), or it is relative.  So a
    text with none of ``words`` (``ProjectIndex.offer_words``) and no relative import
    imports nothing the index offers.  With no words, nothing passes."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        alternatives = "|".join(sorted(map(re.escape, self.words)))
        # Whole words only, but confirmed after a cheaper search for the bare words.
        self._whole = re.compile(rf"\b(?:{alternatives})\b") if self.words else None
        self._few = sorted(self.words) if len(self.words) <= _FEW_WORDS else None
        self._any = re.compile(alternatives) if self.words and self._few is None else None

    def passing(self, texts: list[str]) -> list[int]:
        """The indices of the texts that pass, found by scanning them joined: a few
        searches over one string instead of one call per text (ten thousand modules)."""
        if self._whole is None or not texts:
            return []
        joined = "\0".join(texts)  # no decoded source holds a NUL (wscc.files.decode)
        ends = list(itertools.accumulate(len(text) + 1 for text in texts))
        found = {bisect.bisect_right(ends, match.start()) for match in _RELATIVE_IMPORT.finditer(joined)}
        for word in self.words:
            start = joined.find(word)
            while start >= 0:
                end = start + len(word)
                if not (start and _is_word_character(joined[start - 1])) and not (
                        end < len(joined) and _is_word_character(joined[end])):
                    found.add(bisect.bisect_right(ends, start))
                start = joined.find(word, start + 1)
        return sorted(found)

    def passes(self, text: str) -> bool:
        if self._whole is None:
            return False
        if _RELATIVE_IMPORT.search(text) is not None:
            return True
        if self._few is not None:
            mentioned = any(word in text for word in self._few)
        else:
            mentioned = self._any.search(text) is not None
        return mentioned and self._whole.search(text) is not None


@dataclass(frozen=True)
class Target:
    """What a qualified name is in the project."""

    kind: str  # "function", "class" or "instance"
    module: str
    name: str
    #: For a function: its wrapper records; for a class: its entry; for an instance: the
    #: class's qualified name.
    data: Any
    path: str = ""


class _Summaries(dict):
    """Module name -> summary, remembering whether any summary offers something until a
    summary is set or removed (the build only ever sets whole summaries)."""

    def __init__(self, summaries: dict[str, dict]) -> None:
        super().__init__(summaries)
        self.offers: bool | None = None
        self.version = 0  # counts the changes: what is made from the summaries is kept until one

    def __setitem__(self, module: str, summary: dict) -> None:
        super().__setitem__(module, summary)
        self._changed()

    def __delitem__(self, module: str) -> None:
        super().__delitem__(module)
        self._changed()

    def _changed(self) -> None:
        self.offers = None
        # Unpickling (a pool's worker) sets the items before the attributes.
        self.version = getattr(self, "version", 0) + 1


class ProjectIndex:
    def __init__(self, summaries: dict[str, dict], paths: dict[str, str] | None = None) -> None:
        #: Module name -> its summary.
        self.summaries = summaries if isinstance(summaries, _Summaries) else _Summaries(summaries)
        #: Module name -> its file, as a front end reports it.
        self.paths = paths or {}
        #: The project's folder, once the build is done: then ``constant`` may read the
        #: project's modules (never while summaries are made, which are cached by their
        #: own module's content alone).
        self.root: str | None = None
        self._models: dict[str, Any] = {}  # module -> its model, for ``constant``
        self._star_views: dict[str, tuple] = {}  # module -> ``_model_star_view`` of its model
        self._made: dict[str, tuple[int, Any]] = {}  # ``_derived``: what, made at which version

    def _derived(self, what: str, make):
        """``make()``, kept until a summary changes (``_Summaries.version``)."""
        made = self._made.get(what)
        if made is None or made[0] != self.summaries.version:
            made = self._made[what] = (self.summaries.version, make())
        return made[1]

    def __bool__(self) -> bool:
        # Asked for nearly every node a model looks at: once per change of the summaries.
        if self.summaries.offers is None:
            self.summaries.offers = any(offering(summary) or summary.get("sinks")
                                        for summary in self.summaries.values())
        return self.summaries.offers

    def resolve(self, qualname: str | None) -> Target | None:
        for _hop in range(_MAX_HOPS):
            if not qualname:
                return None
            module, name = self._split(qualname)
            if module is None:
                return None
            summary = self.summaries[module]
            path = self.paths.get(module, "")
            if name in summary["functions"]:
                return Target("function", module, name, summary["functions"][name], path)
            if name in summary["classes"]:
                return Target("class", module, name, summary["classes"][name], path)
            if name in summary["instances"]:
                return Target("instance", module, name, summary["instances"][name], path)
            qualname = summary["imports"].get(name)  # a re-export: follow it
            if qualname is None:  # or one through ``from m import *``
                qualname = next((f"{star}.{name}" for star in reversed(summary.get("star", ()))
                                 if self.exports(star, name)), None)
        return None

    def constant(self, qualname: str, depth: int = 0):
        """The value (``wscc.model.values.Value``) a project module gives a name it
        binds, ``app.consts.GOING_AWAY`` or ``app.consts.Codes.GOING_AWAY``: what that
        module's own model resolves it to, as for a name read in that module (bound
        once, members of its int namespaces and enums, library constants, and names it
        imports from further modules, through this index).  ``None`` when unknown: the
        build is not done, the name is not a project module's, or its value is not known."""
        model, name = self._model_of_name(qualname)
        if model is None:
            return None
        import ast

        head, *members = name.split(".")
        node: ast.expr = ast.Name(head, ast.Load())
        for member in members:
            node = ast.Attribute(node, member, ast.Load())
        found = model.values.resolve(node, model.scope, depth + 1)
        if found is not None and found.origin is None:  # bound here, not imported from further on
            line = _binding_line(model, head, members)
            if line:
                found = dataclasses.replace(found, origin=(self.paths[model.module_name], line))
        return found

    def class_statement(self, qualname: str):
        """(the model of the project module that defines class ``qualname``, its class
        statement), through re-exports; ``None`` when unknown (the build is not done, or
        the name is not a top-level class of a project module)."""
        for _hop in range(_MAX_HOPS):
            model, name = self._model_of_name(qualname)
            if model is None or "." in name:
                return None
            cls = model.classes.get(name)
            if cls is not None and model.scope_of(cls) is model.scope:
                return model, cls
            qualname = model.imports.get(name)  # a re-export: follow it
            if qualname is None:
                return None
        return None

    def registry_classes(self, qualname: str) -> list[str]:
        """The qualified names of the classes a project module's dict display of classes
        holds (``processors = {Code.HELLO: HelloProcessor, ...}``); empty when unknown."""
        model, name = self._model_of_name(qualname)
        if model is None or "." in name:
            return []
        from wscc.model.project_classes import registry_classes

        return registry_classes(model, name)

    def attribute_values(self, class_qualnames: list[str], attribute: str, depth: int = 0) -> list:
        """The values (``wscc.model.values.Value``, each with its origin) an attribute of
        an instance of one of these project classes may hold, as the module defining each
        class reads them (``ValueInference.instance_attribute_values``)."""
        found = []
        for qualname in class_qualnames:
            defined = self.class_statement(qualname)
            if defined is not None:
                model, cls = defined
                for value, line in model.values.instance_attribute_values(cls, attribute, depth + 1):
                    found.append(dataclasses.replace(value, origin=value.origin or (
                        self.paths[model.module_name], line)))
        return found

    def _model_of_name(self, qualname: str):
        """(the model of the project module a qualified name is in, the name in it), or
        ``(None, "")`` when the build is not done or no project module holds it."""
        if self.root is None:
            return None, ""
        module, name = self._in_project(qualname)
        model = self._model(module) if module else None
        return (model, name) if model is not None else (None, "")

    def _in_project(self, qualname: str) -> tuple[str, str]:
        """(the longest project module ``qualname`` starts with, the name in it), or
        ``("", ...)`` when no module of the project holds it."""
        module, _, name = qualname.rpartition(".")
        while module and module not in self.paths:
            module, _, rest = module.rpartition(".")
            name = f"{rest}.{name}"
        return module, name

    def _model(self, module: str):
        """The model of a project module (read and parsed once), or ``None``."""
        if module not in self._models:
            import ast
            import os

            from wscc.files import SourceError, decode, read_bytes
            from wscc.model import ModuleModel

            self._models[module] = None  # also while it is made: an import cycle ends here
            path = os.path.join(self.root, self.paths[module])
            try:
                tree = ast.parse(decode(read_bytes(path)[0], path)[0], path)
            except (OSError, SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
                return None
            try:
                self._models[module] = ModuleModel(tree, module_name=module, is_package=path.endswith("__init__.py"),
                                                   project=self)
            except (RecursionError, MemoryError):  # too deep to model: unknown, as for the build
                return None
        return self._models[module]

    def exports(self, module: str, name: str, _seen: frozenset[str] = frozenset()) -> bool:
        """Does ``from module import *`` bind ``name`` to something the index knows of?  As
        Python decides: the names of a literal ``__all__``, else the public names (those
        the module binds at its top level, its own star imports included; an ``__all__``
        built otherwise exports nothing known).  Star imports in a cycle end where they
        began.  A module is read from its summary, else (a module of constants, say) from
        its own model once the build is done."""
        if module in _seen:
            return False
        summary = self.summaries.get(module)
        if summary:
            exported, stars = summary.get("all"), summary.get("star", ())
            binds = any(name in summary[part] for part in ("functions", "classes", "instances", "imports"))
        else:
            view = self._model_star_view(module)
            if view is None:
                return False
            exported, stars, model = view
            binds = name in model.scope.assigned or name in model.imports
        if exported is not None:
            return isinstance(exported, list) and name in exported
        if name.startswith("_"):
            return False
        return binds or any(self.exports(star, name, _seen | {module}) for star in stars)

    def _model_star_view(self, module: str) -> tuple | None:
        """(its ``__all__`` as ``exported_names`` reads it, the modules it star-imports, its
        model) for a module without a summary, read once; ``None`` when unknown."""
        if module not in self._star_views:
            model = self._model(module) if self.root is not None and module in self.paths else None
            if model is None:
                return None
            from wscc.model.imports import exported_names

            self._star_views[module] = (exported_names(model.tree), model.star_imports, model)
        return self._star_views[module]

    def offer_words(self) -> frozenset[str]:
        """The last component of every indexed module an import may reach an offer
        through: one that offers something itself, or re-exports an offer (``Screen``),
        and of every module that defines a class another module sends an attribute of."""
        return frozenset(module.rpartition(".")[2] for module in self.summaries
                         if self._passes_on(module)) | {module.rpartition(".")[2] for module in self.sink_modules()}

    def _passes_on(self, module: str, _seen: frozenset[str] = frozenset()) -> bool:
        """Does the module offer something, or make an offer importable (a re-export, a
        ``from m import *`` of a module that does)?"""
        summary = self.summaries.get(module)
        if not summary or module in _seen:
            return False
        return offering(summary) or any(self.offers(qualname) for qualname in summary["imports"].values()) or any(
            self._passes_on(star, _seen | {module}) for star in summary.get("star", ()))

    def module_offers(self, module: str | None) -> bool:
        """Does the module itself offer something (an interface its own code may call), or
        define a class whose attribute another module sends (its own code may build one)?"""
        return bool(module) and module in self.offering_modules()

    def offering_modules(self) -> frozenset[str]:
        """The modules for which ``module_offers`` holds."""
        return self._derived("offering", lambda: frozenset(
            module for module, summary in self.summaries.items() if offering(summary)) | self.sink_modules())

    def sink_modules(self) -> frozenset[str]:
        """The project modules that define a class whose attribute another module sends."""
        return self._derived("sink modules", lambda: frozenset(
            qualname.rpartition(".")[0] for qualname in self._sinks()) & self.paths.keys())

    def offers(self, qualname: str) -> bool:
        """Is ``qualname`` (a module or a name in one) something a caller may use: a module
        with wrappers, library subclasses or instances, or a name that resolves to one?"""
        if qualname.endswith(".*"):  # ``from m import *``: whatever m makes importable
            return self._passes_on(qualname[:-2]) or self._sink_module(qualname[:-2])
        if self._sinks() and (self.sink_class(qualname) or self._sink_module(qualname)):
            return True  # a class (or the module of one) whose attribute another module sends
        target = self.resolve(qualname)
        if target is not None and (target.kind != "class" or target.data.get("methods") or target.data.get("kinds")):
            return True
        parts = qualname.split(".")
        return any(offering(self.summaries.get(".".join(parts[:count])))
                   for count in range(len(parts), 0, -1))

    def _sinks(self) -> dict[str, list[dict]]:
        """Class qualified name (``_defined_name``) -> the sink records (a summary's
        ``sinks``) of every module that sends one of its attributes as a close code."""
        def make() -> dict[str, list[dict]]:
            sinks: dict[str, list[dict]] = {}
            for module, summary in self.summaries.items():
                for record in summary.get("sinks", ()):
                    sinks.setdefault(self._defined_name(record["class"]), []).append(
                        {**record, "path": self.paths.get(module, "")})
            return sinks

        return self._derived("sinks", make)

    def sink_class(self, qualname: str | None) -> str | None:
        """The class ``qualname`` is (``_defined_name``), if another module sends one of its
        attributes."""
        defined = self._defined_name(qualname) if qualname else None
        return defined if defined in self._sinks() else None

    def _defined_name(self, qualname: str) -> str:
        """``qualname`` followed through the re-exports of the summarized modules
        (``app.AppError`` -> ``app.errors.WSError``): how a class is named wherever a module
        imports it from."""
        for _hop in range(_MAX_HOPS):
            module, name = self._split(qualname)
            reexport = self.summaries[module]["imports"].get(name) if module is not None else None
            if not reexport:
                break
            qualname = reexport
        return qualname

    def _sink_module(self, module: str) -> bool:
        """Does the module (or package) define a class another module sends an attribute of?"""
        return any(qualname.startswith(module + ".") for qualname in self._sinks())

    def sink_wrappers(self, class_qualname: str, defined: tuple | None = None) -> list[dict]:
        """Wrapper records (the shape of a summary's) for building an instance of a class
        whose attribute another module sends: ``WSError.__init__`` keeps its
        ``code`` parameter in ``self.code``, which ``except WSError as error: await
        ws.close(error.code)`` sends, so ``raise WSError(1006)`` sends 1006.  Read from the
        class's own module (its ``__init__``, or an in-module base's; ``defined``: (its
        model, the class statement), when the caller has them); ``[]`` when unknown."""
        sinks = self._sinks().get(class_qualname)
        if sinks and defined is None:
            defined = self.class_statement(class_qualname)  # read only for a sink
        if not sinks or defined is None:
            return []
        from wscc.following import forwarded_parameter, parameter_position

        model, cls = defined
        init = model.method(cls, "__init__")
        init_scope = model.scopes.get(init) if init is not None else None
        if init_scope is None:
            return []
        records = []
        for sink in sinks:
            for klass in model.mro(cls):
                for method_scope, value, _annotation in model.attributes.get(klass, {}).get(sink["attribute"], ()):
                    forwarded = forwarded_parameter(value, method_scope) if value is not None else None
                    if forwarded is None or forwarded[0] is not init_scope:
                        continue
                    records.append({
                        "parameter": forwarded[1], "position": parameter_position(init_scope, forwarded[1]),
                        "library": sink["library"], "side": sink["side"], "code": sink["code"],
                        "delivered_by": sink["delivered_by"], "line": init.lineno,
                        "via": sink["via"] or {"name": f"{cls.name}.{sink['attribute']}", "path": sink["path"],
                                               "line": sink["line"]},
                    })
        return records

    def _split(self, qualname: str) -> tuple[str | None, str]:
        """(indexed module, the name in it) of ``module.name`` (the longest module)."""
        module, _, name = qualname.rpartition(".")
        while module:
            if module in self.summaries and "." not in name:
                return module, name
            module, _, rest = module.rpartition(".")
            name = f"{rest}.{name}"
        return None, qualname

    def method(self, class_qualname: str, name: str) -> tuple[Target, list] | None:
        """A class's method wrappers: the class (or project base) that defines ``name``, if
        its method forwards the code; a method the class defines without forwarding it
        hides a base's wrapper."""
        found = self._lookup(class_qualname, name)
        if found is None or not found[1]:
            return None
        return found

    def _lookup(self, class_qualname: str, name: str, hops: int = 0) -> tuple[Target, list] | None:
        """(the project class whose ``name`` an instance of the class runs, its wrapper
        records: empty when that method forwards nothing), through the project bases in
        method resolution order (depth first); ``None`` if no project class defines it."""
        target = self.resolve(class_qualname)
        if target is None or target.kind != "class" or hops > _MAX_HOPS:
            return None
        records = target.data.get("methods", {}).get(name)
        if records:
            return target, records
        bases = self._bases(target)
        if name in target.data.get("defines", ()):
            # Defined here or in a base of the same module: a base of the module that has
            # wrapper records for it, else this class's own method, which forwards nothing.
            for base in bases:
                if base.startswith(f"{target.module}."):
                    found = self._lookup(base, name, hops + 1)
                    if found is not None and found[1]:
                        return found
            return target, []
        for base in bases:
            found = self._lookup(base, name, hops + 1)
            if found is not None:
                return found
        return None

    @staticmethod
    def _bases(target: Target) -> list[str]:
        return [f"{target.module}{base}" if base.startswith(".") else base
                for base in target.data.get("bases", ()) if base]

    def ancestors(self, class_qualname: str) -> set[str]:
        """The qualified names of a class's project bases, all the way up."""
        found: set[str] = set()
        pending = [(class_qualname, 0)]
        while pending:
            qualname, hops = pending.pop()
            target = self.resolve(qualname)
            if target is None or target.kind != "class" or hops > _MAX_HOPS:
                continue
            for base in self._bases(target):
                resolved = self.resolve(base)
                # A base not summarized (yet) counts by the name it is imported as.
                name = f"{resolved.module}.{resolved.name}" if resolved is not None else base
                if name not in found:
                    found.add(name)
                    pending.append((name, hops + 1))
        return found

    def implementations(self, class_qualname: str, name: str) -> list[tuple[Target, list]]:
        """The project classes that implement the abstract method ``name`` of a class as a
        wrapper: its subclasses (named as bases: also for a ``typing.Protocol``) whose own
        ``name`` forwards the code, with their records.  Implementations that forward
        nothing are left out: they may be only what wscc cannot see through.  Sorted by
        module and class, so that the first is always the same."""
        interface = self.resolve(class_qualname)
        if interface is not None and interface.kind != "class":
            return []
        qualname = f"{interface.module}.{interface.name}" if interface is not None else class_qualname
        found = []
        for module, class_name in self._definers().get(name, ()):
            entry = self.summaries[module]["classes"][class_name]
            if name not in entry.get("abstract", ()) and qualname in self.ancestors(f"{module}.{class_name}"):
                found.append((Target("class", module, class_name, entry, self.paths.get(module, "")),
                              entry["methods"][name]))
        return sorted(found, key=lambda pair: (pair[0].module, pair[0].name))

    def _definers(self) -> dict[str, list[tuple[str, str]]]:
        """Method name -> the (module, class) pairs whose own method of that name forwards a
        code to a send (dispatched records of abstract methods are not their own)."""
        def make() -> dict[str, list[tuple[str, str]]]:
            definers: dict[str, list[tuple[str, str]]] = {}
            for module, summary in self.summaries.items():
                for class_name, entry in summary["classes"].items():
                    for method, records in entry.get("methods", {}).items():
                        if records and not any("dispatch" in record for record in records):
                            definers.setdefault(method, []).append((module, class_name))
            return definers

        return self._derived("definers", make)

    def base_modules(self) -> list[str]:
        """Modules that define a project base of a class with wrapper methods, where that
        base may be an interface not yet linked to its implementations: a base whose module
        is not summarized with its classes, or whose abstract method the class implements
        and which has no records for it.  ``wscc.project.build`` summarizes them with the
        index, so that their abstract methods get their implementations' records."""
        wanted = set()
        for module, summary in self.summaries.items():
            for class_name, entry in summary["classes"].items():
                own = {method for method, records in entry.get("methods", {}).items()
                       if records and not any("dispatch" in record for record in records)}
                if own:
                    wanted |= self._unlinked_bases(module, class_name, entry, own)
        return sorted(wanted)

    def _unlinked_bases(self, module: str, class_name: str, entry: dict, own: set[str]) -> set[str]:
        wanted = set()
        pending, seen = [(Target("class", module, class_name, entry), 0)], set()
        while pending:
            target, hops = pending.pop()
            for base in self._bases(target):
                resolved = self.resolve(base)
                if resolved is None or resolved.kind != "class":
                    owner = self._module_of(base) if not base.startswith("typing.") else None
                    if owner is not None:
                        wanted.add(owner)
                    continue
                key = (resolved.module, resolved.name)
                if key in seen or hops >= _MAX_HOPS:
                    continue
                seen.add(key)
                if own & set(resolved.data.get("abstract", ())) - set(resolved.data.get("methods", {})):
                    wanted.add(resolved.module)
                pending.append((resolved, hops + 1))
        return wanted

    def _module_of(self, qualname: str) -> str | None:
        """The project module (one read for the index) that a name is defined in, through
        the re-exports of the summarized modules."""
        for _hop in range(_MAX_HOPS):
            module, name = self._in_project(qualname)
            if not module:
                return None
            summary = self.summaries.get(module)
            reexport = summary["imports"].get(name.partition(".")[0]) if summary else None
            if not reexport:
                return module
            qualname = reexport + name[len(name.partition(".")[0]):]
        return None

    def defines(self, class_qualname: str, name: str) -> bool:
        """Does the project class define (or inherit from a project base) method ``name``?"""
        target = self.resolve(class_qualname)
        return target is not None and target.kind == "class" and name in target.data.get("defines", ())

    def kinds(self, class_qualname: str) -> list[tuple[str, str]]:
        """(library, kind) names a project class derives from."""
        target = self.resolve(class_qualname)
        return [tuple(pair) for pair in target.data.get("kinds", ())] if target and target.kind == "class" else []


def _binding_line(model, head: str, members: list[str]) -> int | None:
    """The line of a module's only binding of ``head`` (or of ``head.member`` in its class)."""
    scope = model.scope
    if members:
        cls = model.classes.get(head)
        scope = model.scopes.get(cls) if cls is not None and len(members) == 1 else None
        head = members[0]
    values = scope.assigned.get(head, []) if scope is not None else []
    return getattr(values[0], "lineno", None) if len(values) == 1 else None
