"""One model of a module, queried by the detector, the following analyses and the fixer.

``ModuleModel(tree, settings)`` gathers, in one pass over the ``ast``: the imports and
what each local name means, scopes and bindings (``Scope``), the module's classes and
``self.attr`` assignments, and the nodes a close-code send can be.  Its public methods
answer the questions every part of wscc asks:

* names: ``qualname`` ("what does this dotted name mean after the imports?"),
  ``matches_any``, ``is_call_to``, ``annotation_types``, ``argument``;
* objects: ``receiver_kinds`` (which library WebSocket an expression may be),
  ``class_kinds``/``subclass_kinds``, ``classes_of`` (module classes), ``callee``,
  ``method``, ``mro``, ``is_protocol``;
* values: ``resolve`` ("what value can this expression be?"), ``alternatives`` (where a
  code may come from: both arms of ``a if c else b``, every value of a reassigned name,
  tuple elements, dict entries), ``holds_http_status``, ``enum_kind``, ``local_constant_for``;
* for the fixer (built on first use): ``parents``, ``identifiers``, ``import_table``
  (every import with its guard, and module-level import bindings), ``bindings_of``,
  ``usable``/``hidden`` (may a module-level name be written at a node?),
  ``module_definition_line``.

It never imports the analysed code or the WebSocket libraries: what it knows of them is
the data in ``wscc.libraries``.
"""

from __future__ import annotations

import ast
import functools
from collections import Counter
from typing import Iterable, Iterator, Sequence

from wscc.libraries import BY_IMPORT, LIBRARIES, by_import
from wscc.lookalikes import LOOKALIKE_NAMES
from wscc.model import project_classes
from wscc.model.calls import virtual_calls
from wscc.model.classes import ClassInference
from wscc.model.imports import ImportTable, star_imports
from wscc.model.scopes import (
    BINDERS, COMPREHENSION_NODES, FUNCTION_NODES, UNKNOWN, Scope, ScopeBuilder, binding_names, bound_names,
    child_fields, scope_children, unwrap,
)
from wscc.model.types import Kind, TypeInference, is_super_call
from wscc.model.alternatives import Alternatives
from wscc.model.http_status import HttpStatusEvidence
from wscc.model.values import INT_ENUM, PLAIN_ENUM, EnumMember, Value, ValueInference
from wscc.settings import DEFAULT_SETTINGS, Settings
from wscc.spec import Library, matches

#: How many type aliases (``WS = WebSocket``) an annotation is followed through.
_MAX_ALIASES = 8


class ModuleModel:
    """Facts about one module, gathered in a single pass, and the questions they answer."""

    def __init__(self, tree: ast.Module, settings: Settings = DEFAULT_SETTINGS,
                 libraries: Sequence[Library] = LIBRARIES, *, module_name: str | None = None,
                 is_package: bool = False, project=None) -> None:
        """``libraries``: the library descriptions to recognise (all of ``wscc.libraries``
        unless a test brings its own).  ``module_name`` (``app.views``) resolves relative
        imports; ``project`` (a ``wscc.project.index.ProjectIndex``) answers for names
        imported from the project's other modules."""
        self.tree = tree
        self.settings = settings
        self.module_name = module_name
        #: The package relative imports start from.
        self.package = module_name if is_package else (module_name.rpartition(".")[0] if module_name else None)
        self.project = project
        #: Top-level import name -> the libraries it brings into the module.
        self.by_import: dict[str, tuple[Library, ...]] = (
            BY_IMPORT if libraries is LIBRARIES else by_import(tuple(libraries)))
        #: Local name -> qualified name, for every import in the module.
        self.imports: dict[str, str] = {}
        #: The WebSocket libraries the module imports.
        self.libraries: set[Library] = set()
        #: Class name -> the first class statement of that name.
        self.classes: dict[str, ast.ClassDef] = {}
        #: Class -> attribute -> [(method scope, assigned value, annotation)] for ``self.attr = ...``.
        self.attributes: dict[ast.ClassDef, dict[str, list]] = {}
        self.scope = Scope(tree, None, self)
        #: The scope each function, lambda and class body opens.
        self.scopes: dict[ast.AST, Scope] = {tree: self.scope}
        #: Scopes of the candidate nodes (and of class statements), by ``id``.
        self.node_scopes: dict[int, Scope] = {}
        #: Every call, dict display and assignment, in source order.
        self.candidates: list[ast.AST] = []
        #: Dict displays that are operands of a comparison (never sent).
        self.compared: set[int] = set()
        ScopeBuilder(self).visit(tree)
        #: The imported libraries in ``wscc.libraries`` order (deterministic results).
        self.library_order: list[Library] = [library for library in libraries if library in self.libraries]
        #: Module names sent as close codes somewhere (``note_close_codes``).
        self.close_code_names: set[str] = set()
        self.types = TypeInference(self)
        self.class_types = ClassInference(self)
        self.values = ValueInference(self)

    @functools.cached_property
    def lookalike_names(self) -> frozenset[str]:
        """Parameter names that another library the module imports gives its own objects
        (``wscc.lookalikes``): no evidence of a WebSocket here."""
        roots = {qualname.partition(".")[0] for qualname in self.imports.values()}
        return frozenset(name for root in roots for name in LOOKALIKE_NAMES.get(root, ()))

    def is_name_guess(self, node: ast.expr, scope: Scope) -> bool:
        """Was ``node`` taken for a WebSocket by its conventional name alone, or by an
        annotation imported only under ``TYPE_CHECKING`` (ask after ``receiver_kinds``)?
        Such a guess holds only for a call whose keywords fit the library's method."""
        if not isinstance(node, ast.Name):
            return False
        owner = scope.lookup(node.id)
        return owner is not None and (id(owner), node.id) in self.types.parameters.name_guesses

    @functools.cached_property
    def calls(self) -> list[ast.Call]:
        """Every call outside annotations, in source order, each with its scope in
        ``node_scopes``; then the plain calls that deferred and indirect ones stand for
        (``wscc.model.calls``: ``loop.call_later(5, ws.close, 1006)`` is ``ws.close(1006)``)."""
        written = [node for node in self.candidates if isinstance(node, ast.Call)]
        return written + virtual_calls(self, written)

    @functools.cached_property
    def virtual_calls(self) -> list[ast.Call]:
        """The calls of ``calls`` that are not written as such in the module."""
        written = {id(node) for node in self.candidates}
        return [call for call in self.calls if id(call) not in written]

    def scope_of(self, node: ast.AST) -> Scope:
        """The scope a candidate node (or class statement) is evaluated in."""
        return self.node_scopes.get(id(node), self.scope)

    # ---- names

    def qualname(self, node: ast.expr, scope: Scope) -> str | None:
        """What a dotted name means after following imports (``None`` if it is local).

        A class of the module is ``".Name"``."""
        attributes: list[str] = []
        while isinstance(node, ast.Attribute):  # a loop: chains can be thousands long
            attributes.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        owner = scope.lookup(node.id)
        if owner is None or (owner is self.scope and self.is_optional_import(node.id)):
            base = self.imports.get(node.id)
        elif owner is self.scope and node.id in self.classes:
            base = "." + node.id
        else:
            return None
        if base is None and owner is None:
            base = self._star_imported(node.id)
        if base is None:
            return None
        return ".".join([base, *reversed(attributes)])

    def _star_imported(self, name: str) -> str | None:
        """``name`` as a ``from m import *`` of a project module binds it (the index says
        what ``m`` exports); the last such import wins, as at run time."""
        if not self.star_imports or self.project is None:
            return None
        for module in reversed(self.star_imports):
            if self.project.exports(module, name):
                return f"{module}.{name}"
        return None

    @functools.cached_property
    def star_imports(self) -> list[str]:
        """The project modules (absolute names) ``from m import *`` reads, in order."""
        return star_imports(self.tree, self.package)

    def is_optional_import(self, name: str) -> bool:
        """``try: from aiohttp import web`` / ``except ImportError: web = None``: the name
        is the import wherever it is usable; ``None`` is only the missing-library fallback."""
        return name in self.imports and all(
            isinstance(value, ast.Constant) and value.value is None for value in self.scope.assigned.get(name, ())
        )

    def matches_any(self, patterns: Iterable[str], node: ast.expr | None, scope: Scope) -> bool:
        """Does ``node`` name something matching one of the ``wscc.spec`` name patterns?"""
        if node is None:
            return False
        qualname = self.qualname(node, scope)
        return qualname is not None and any(matches(p, qualname) for p in patterns)

    def is_call_to(self, pattern: str, func: ast.expr, scope: Scope) -> bool:
        """Is ``func`` what ``pattern`` names (``".attr"``: any ``<obj>.attr``)?"""
        if pattern.startswith("."):
            return isinstance(func, ast.Attribute) and func.attr == pattern[1:]
        return self.matches_any((pattern,), func, scope)

    def annotation_types(self, annotation: ast.expr | None) -> Iterator[ast.expr]:
        """The types named by an annotation, through ``Optional``/``|``/strings/aliases."""
        stack = [annotation] if annotation is not None else []
        aliases_followed = 0
        while stack:  # a loop, not recursion: ``A | B | ...`` can be very long
            node = stack.pop()
            alias = self._type_alias(node) if aliases_followed < _MAX_ALIASES else None
            if alias is not None:  # ``WS = WebSocket`` / ``WS: TypeAlias = ...``
                aliases_followed += 1
                stack.append(alias)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                stack += _parsed_annotation(node.value)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
                stack += [node.right, node.left]
            elif isinstance(node, ast.Subscript):
                inner = node.slice
                stack += reversed(inner.elts if isinstance(inner, ast.Tuple) else [inner])
                yield node.value
            else:
                yield node

    def _type_alias(self, node: ast.expr) -> ast.expr | None:
        """What a module-level name assigned once to a type expression stands for (also
        a ``TypeVar``'s bound)."""
        if not isinstance(node, ast.Name) or node.id in self.classes or node.id in self.imports:
            return None
        values = self.scope.assigned.get(node.id, ())
        if len(values) != 1:
            return None
        if isinstance(values[0], (ast.Name, ast.Attribute, ast.Subscript, ast.BinOp)):
            return values[0]
        if isinstance(values[0], ast.Call) and (self.qualname(values[0].func, self.scope) or "").endswith(".TypeVar"):
            return next((k.value for k in values[0].keywords if k.arg == "bound"), None)
        return None

    @staticmethod
    def argument(call: ast.Call, position: int | None, keyword: str | None) -> ast.expr | None:
        """The argument a call passes for a parameter (by keyword, else by position);
        ``None`` when it is not passed or hidden behind a ``*args`` before it."""
        if keyword is not None:
            for kw in call.keywords:
                if kw.arg == keyword:
                    return kw.value
        if position is not None and position < len(call.args):
            if any(isinstance(arg, ast.Starred) for arg in call.args[: position + 1]):
                return None
            return call.args[position]
        return None

    # ---- objects (``wscc.model.types``)

    def imported_kinds(self) -> Iterator[Kind]:
        """Every object kind of every library the module imports."""
        return self.types.imported_kinds()

    def receiver_kinds(self, node: ast.expr, scope: Scope) -> list[Kind]:
        """The (library, kind) pairs an expression may be, strongest evidence first."""
        return self.types.receiver_kinds(node, scope)

    def class_kinds(self, cls: ast.ClassDef | None, any_kind: bool = False) -> list[Kind]:
        """Kinds whose ``self`` is the WebSocket inside ``cls``."""
        return self.types.class_kinds(cls, any_kind=any_kind) if cls is not None else []

    def subclass_kinds(self, cls: ast.ClassDef) -> list[Kind]:
        """Library kinds a module class derives from."""
        return self.types.subclass_kinds(cls)

    def classes_of(self, node: ast.expr, scope: Scope) -> list[ast.ClassDef]:
        """Module classes ``node`` may be an instance of."""
        return self.class_types.classes_of(node, scope)

    def callee(self, call: ast.Call, scope: Scope) -> ast.AST | None:
        """The module function or method a call reaches, if the module defines it."""
        return self.class_types.callee(call, scope)

    def method(self, cls: ast.ClassDef, name: str) -> ast.AST | None:
        return self.class_types.method(cls, name)

    def mro(self, cls: ast.ClassDef) -> Iterator[ast.ClassDef]:
        return self.class_types.mro(cls)

    def is_protocol(self, cls: ast.ClassDef) -> bool:
        return self.class_types.is_protocol(cls)

    def is_abstract(self, function: ast.AST | None) -> bool:
        """Is a method only declared (``@abstractmethod``; a body of ``...``, ``pass``,
        ``raise NotImplementedError``)?  A call of it runs a subclass's method."""
        return self.class_types.is_abstract(function)

    def project_qualname(self, node: ast.expr, scope: Scope) -> str | None:
        """A dotted name's qualified name, the module's own classes included (``app.hub.Hub``)."""
        return project_classes.project_qualname(self, node, scope)

    def project_classes_of(self, node: ast.expr, scope: Scope) -> list[str]:
        """Qualified names of the project classes (any module) ``node`` may be an instance of."""
        return project_classes.project_classes_of(self, node, scope) if self.project else []

    def is_super_call(self, node: ast.expr, scope: Scope) -> bool:
        return is_super_call(node, scope)

    # ---- values (``wscc.model.values``)

    def resolve(self, node: ast.expr, scope: Scope) -> Value | None:
        """The value of an expression, or ``None`` if it cannot be known statically."""
        return self.values.resolve(node, scope)

    def holds_http_status(self, node: ast.expr, scope: Scope) -> bool:
        """Evidence that an expression of unknown value is an HTTP status (the status of a
        caught exception or of a response, never a name alone)."""
        return HttpStatusEvidence(self).holds(node, scope)

    def enum_kind(self, cls: ast.ClassDef) -> str | None:
        """``INT_ENUM``, ``PLAIN_ENUM`` or ``None`` (not an enum)."""
        return self.values.enum_kind(cls)

    def is_enum_like(self, cls: ast.ClassDef) -> bool:
        """Might ``cls`` be an enum?  ``enum_kind`` says so, or a base named like one
        (``…Enum``, ``…Flag``) that the model cannot see into: then assume it is."""
        if self.enum_kind(cls) is not None:
            return True
        return any((base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")).endswith(("Enum", "Flag"))
                   for base in cls.bases)

    def local_constant_for(self, value: int) -> str | None:
        """A module name (or class member) that is a close code of exactly ``value``, to
        reuse (``wscc.model.values.ValueInference.local_close_codes``)."""
        return self.values.local_constant_for(value)

    def note_close_codes(self, sent: Iterable[tuple[ast.expr, Scope]]) -> None:
        """Record the module names sent as close codes (``CODE``, ``Codes.CODE``, wherever
        the code may come from): only those are reused for literals of their value.
        Called by the detector with every send's code, before the checks run."""
        for node, scope in sent:
            for branch, _scope, _named in self.alternatives(node, scope):
                name = None
                if isinstance(branch, ast.Attribute):
                    name, branch = branch.attr, branch.value
                if isinstance(branch, ast.Name) and scope.lookup(branch.id) is self.scope:
                    self.close_code_names.add(branch.id if name is None else f"{branch.id}.{name}")

    def alternatives(self, node: ast.expr, scope: Scope) -> Iterator[tuple[ast.expr, Scope, bool]]:
        """The expressions a code may come from, each judged at its own position:
        (expression, its scope, named).  Both arms of ``a if c else b``; every value of a
        local name assigned several times (``code = 1006`` in an ``except``); a tuple
        element unpacked into a name; an entry of a dict display looked up by a constant
        key (``CODES["crash"]``: *named* by its key).  A name bound once to a plain value
        is not expanded: ``resolve`` names it where it is used."""
        return Alternatives(self).of(node, scope)

    def attribute_assignments(self, classes: Iterable[ast.ClassDef], attribute: str) -> list[tuple[ast.expr, Scope, bool]]:
        """The values the module's methods assign to ``self.<attribute>`` of these classes
        (and their class bodies' own, unless an ``__init__`` assigns it), as alternatives."""
        return Alternatives(self).attribute_assignments(classes, attribute)

    def resolve_all(self, node: ast.expr, scope: Scope) -> list[Value]:
        """``resolve``, or, for an attribute of an instance of classes other modules of the
        project define, every value those modules assign it (each with its origin)."""
        return self.values.resolve_all(node, scope)

    def instance_classes(self, node: ast.expr, scope: Scope) -> list[str]:
        """Qualified names of the classes of the project's other modules ``node`` may be
        an instance of, for the index to read (``project_classes.instance_classes``; the
        module's own are ``classes_of``'s)."""
        if self.project is None:
            return []
        own = f"{self.module_name}."
        return [name for name in project_classes.instance_classes(self, node, scope) if not name.startswith(own)]

    # ---- for the fixer: built on first use

    @functools.cached_property
    def parents(self) -> dict[ast.AST, ast.AST]:
        """Every node's parent (``ctx``/operator singletons excepted)."""
        self._walk_all()
        return self.__dict__["parents"]

    @functools.cached_property
    def identifiers(self) -> set[str]:
        """Every identifier bound or used anywhere: a new import must avoid all of them."""
        self._walk_all()
        return self.__dict__["identifiers"]

    def _walk_all(self) -> None:
        parents: dict[ast.AST, ast.AST] = {}
        identifiers: set[str] = set()
        globals_declared: set[str] = set()
        stack: list[ast.AST] = [self.tree]
        while stack:  # every node once (in no particular order); much cheaper than ast.walk
            node = stack.pop()
            cls = type(node)
            if cls is ast.Name:
                identifiers.add(node.id)
                continue
            if cls in BINDERS:
                identifiers.update(binding_names(node))
                if cls is ast.Global:
                    globals_declared.update(node.names)
            for name in child_fields(cls):
                value = getattr(node, name, None)
                if isinstance(value, list):
                    for item in value:
                        if isinstance(item, ast.AST):
                            parents[item] = node
                            stack.append(item)
                elif isinstance(value, ast.AST):
                    parents[value] = node
                    stack.append(value)
        self.__dict__.update(parents=parents, identifiers=identifiers, globals_declared=globals_declared)

    @functools.cached_property
    def globals_declared(self) -> set[str]:
        """Names some function declares ``global``."""
        self._walk_all()
        return self.__dict__["globals_declared"]

    @functools.cached_property
    def import_table(self) -> ImportTable:
        """Every import with its guard, and the module-level names imports bind."""
        return ImportTable(self.tree, self._module_bindings(), self.globals_declared)

    def _module_bindings(self) -> Counter:
        bindings = Counter(self.bindings_of(self.tree))
        # Fallback bindings in ``except`` handlers of a top-level ``try`` do not count.
        for statement in self.tree.body:
            if isinstance(statement, (ast.Try, getattr(ast, "TryStar", ast.Try))):
                for handler in statement.handlers:
                    for child in scope_children(handler):
                        if not isinstance(child, ast.arg):
                            for name in binding_names(child):
                                bindings[name] -= 1
        return bindings

    def bindings_of(self, scope_node: ast.AST) -> Counter:
        """How often each name is bound in the scope ``scope_node`` opens."""
        cache = self.__dict__.setdefault("_bindings_cache", {})
        found = cache.get(scope_node)
        if found is None:
            found = cache[scope_node] = bound_names(scope_node)
        return found

    def site(self, node: ast.AST) -> tuple[list[ast.AST], bool]:
        """The scopes enclosing ``node`` whose names could hide a module-level name,
        and whether ``node`` runs when the module is imported (not in a function body)."""
        scopes: list[ast.AST] = []
        at_import_time = True
        child, parent = node, self.parents.get(node)
        while parent is not None:
            if isinstance(parent, FUNCTION_NODES):
                body = [parent.body] if isinstance(parent, ast.Lambda) else parent.body
                if child in body:
                    scopes.append(parent)
                    at_import_time = False
            elif isinstance(parent, ast.ClassDef):
                if child in parent.body and at_import_time:
                    scopes.append(parent)
            elif isinstance(parent, COMPREHENSION_NODES):
                scopes.append(parent)
            child, parent = parent, self.parents.get(parent)
        return scopes, at_import_time

    def hidden(self, name: str, node: ast.AST) -> bool:
        """Does a local binding hide the module-level ``name`` at ``node``?"""
        scopes, _ = self.site(node)
        for scope in scopes:
            if isinstance(scope, COMPREHENSION_NODES):
                targets = {n for gen in scope.generators for t in ast.walk(gen.target) for n in binding_names(t)}
                if name in targets:
                    return True
            elif self.bindings_of(scope)[name]:
                return True
        return False

    def usable(self, name: str, defined_line: int, node: ast.AST) -> bool:
        """Can ``name`` (bound at module level on ``defined_line``) be used at ``node``?"""
        if defined_line <= self.import_table.last_star_import:
            return False  # a later ``from x import *`` may rebind it
        if self.hidden(name, node):
            return False
        _, at_import_time = self.site(node)
        return not at_import_time or defined_line < node.lineno

    def module_definition_line(self, name: str) -> int | None:
        """The line of the first module-level statement binding ``name``."""
        for statement in self.tree.body:
            nested = isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            for child in [statement] if nested else [statement, *scope_children(statement)]:
                if not isinstance(child, ast.arg) and name in binding_names(child):
                    return statement.lineno
        return None


def _parsed_annotation(text: str) -> list[ast.expr]:
    """A string annotation, parsed; nothing when it is not an expression."""
    try:
        return [ast.parse(text.strip(), mode="eval").body]
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []


__all__ = [
    "INT_ENUM", "PLAIN_ENUM", "UNKNOWN", "EnumMember", "Kind", "ModuleModel", "Scope", "Value",
    "child_fields", "unwrap",
]
