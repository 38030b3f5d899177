"""Turn a parsed module into close-code findings.

The one detector behind every front end (the flake8 plugin, ``wscc``, ``wscc-fix``).
It needs only an ``ast.Module``; it never imports the analysed code or the WebSocket
libraries: what it knows of them is the data in ``wscc.libraries``.

Two stages: ``find_sends`` locates every close-code argument (``Send``) with the library
and object kind it goes through, then ``judge`` applies the rules to each.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import http
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from wscc import registry
from wscc.gate import might_send  # re-exported: callers know it as the detector's
from wscc.libraries import BY_IMPORT, CONSTANT_SETS, LIBRARIES, constants_for
from wscc.libraries import asgi
from wscc.registry import CodeClass
from wscc.rules import BY_CODE, SEVERITY
from wscc.settings import DEFAULT_SETTINGS, Settings
from wscc.spec import CodeParameter, ConstantSet, Library, ObjectKind, matches

@dataclass(frozen=True)
class Replacement:
    """A name for a literal code: a library constant, or one the module defines."""

    value: int
    constant_set: ConstantSet | None = None
    member: str | None = None
    #: A module-level name already bound to the value (``AUTH_FAILED``, ``Codes.AUTH``).
    local_name: str | None = None

    @property
    def display(self) -> str:
        if self.local_name:
            return self.local_name
        assert self.constant_set and self.member
        cs = self.constant_set
        if cs.style == "member":
            return self.member
        if cs.style == "self":
            return f"self.{self.member}"
        if cs.style == "module":
            return f"{cs.container}.{self.member}"
        return f"{cs.container.rpartition('.')[2]}.{self.member}"


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    line: int
    col: int  # 0-based, as in ``ast``
    end_line: int
    end_col: int
    library: str
    value: object = None
    replacement: Replacement | None = None

    @property
    def text(self) -> str:
        return f"{self.code} {self.message}"


@dataclass(frozen=True)
class Value:
    """What a code expression evaluates to, as far as static analysis can tell."""

    value: object
    literal: bool  # written as a literal right here
    http_status: bool = False  # spelled as an HTTP status constant
    int_enum: bool = False
    spelled: str = ""  # how the source names it, for messages


@dataclass(frozen=True)
class EnumMember:
    """A member of a plain (not int-based) ``Enum`` defined in the module: not an int."""

    enum: str
    member: str
    value: object

    def __str__(self) -> str:
        return f"{self.enum}.{self.member}"


@dataclass(frozen=True)
class Send:
    """One close-frame send: its code argument and reason argument as written.

    ``code_node`` is ``None`` when the call leaves the code to its default but passes a
    reason (which still goes on the wire and is checked for length)."""

    library: Library
    side: str | None
    code_node: ast.expr | None
    code_parameter: CodeParameter
    reason_node: ast.expr | None
    scope: "Scope"


# --------------------------------------------------------------------------- scopes


def _qualname_of_import(node: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, str]]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                yield alias.asname, alias.name
            else:
                root = alias.name.partition(".")[0]
                yield root, root
    elif node.level == 0 and node.module:
        for alias in node.names:
            if alias.name != "*":
                yield alias.asname or alias.name, f"{node.module}.{alias.name}"


def _import_roots(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The top-level packages an import statement imports from (``*`` imports too)."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name.partition(".")[0]
    elif node.level == 0 and node.module:
        yield node.module.partition(".")[0]


#: Stands for a value assigned by something the detector does not follow.
UNKNOWN = ast.Name(id="<unknown>")


def _unwrap(node: ast.expr) -> ast.expr:
    """``await x`` -> ``x``."""
    while isinstance(node, ast.Await):
        node = node.value
    return node


class Scope:
    """A module, class body or function: its names and where they came from."""

    def __init__(self, node: ast.AST, parent: "Scope | None", module: "Module",
                 enclosing_class: ast.ClassDef | None = None) -> None:
        self.node = node
        self.parent = parent
        self.module = module
        self.enclosing_class = enclosing_class
        #: name -> (index without self, annotation)
        self.params: dict[str, tuple[int, ast.expr | None]] = {}
        #: name -> expressions assigned to it (``with`` items and ``for`` iterables too)
        self.assigned: dict[str, list[ast.expr]] = {}
        self.annotations: dict[str, ast.expr] = {}
        #: The name of a method's first parameter (``self``).
        self.self_name: str | None = None
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            self._collect_params(node.args)

    @property
    def is_function(self) -> bool:
        return isinstance(self.node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))

    @property
    def is_method(self) -> bool:
        return self.is_function and self.enclosing_class is not None

    def _collect_params(self, args: ast.arguments) -> None:
        positional = [*args.posonlyargs, *args.args]
        skip_self = self.enclosing_class is not None and positional and not any(
            isinstance(d, ast.Name) and d.id == "staticmethod"
            for d in getattr(self.node, "decorator_list", ())
        )
        if skip_self:
            self.self_name = positional[0].arg
        for index, arg in enumerate(positional[1:] if skip_self else positional):
            self.params[arg.arg] = (index, arg.annotation)
        for arg in (args.vararg, *args.kwonlyargs, args.kwarg):
            if arg is not None:
                self.params[arg.arg] = (-1, arg.annotation)

    def bind(self, target: ast.expr, value: ast.expr | None) -> None:
        if isinstance(target, ast.Name):
            self.assigned.setdefault(target.id, []).append(UNKNOWN if value is None else value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            starred = False
            for index, element in enumerate(target.elts):
                starred = starred or isinstance(element, ast.Starred)
                # ``a, b = call()``: remember ``a`` as ``call()[0]`` so a factory that
                # returns a tuple can be recognised (positions after a ``*x`` are unknown).
                item = None if value is None or starred else ast.Subscript(value, ast.Constant(index), ast.Load())
                self.bind(element, item)
        elif isinstance(target, ast.Starred):
            self.bind(target.value, None)

    def is_local(self, name: str) -> bool:
        return name in self.params or name in self.assigned or name == self.self_name

    def method_for_self(self, name: str) -> "Scope | None":
        """The method whose ``self`` parameter ``name`` is, seen from this scope."""
        scope = self.lookup(name)
        return scope if scope is not None and scope.self_name == name else None

    def lookup(self, name: str) -> "Scope | None":
        """The scope that binds ``name`` (class bodies are skipped, as in Python)."""
        scope: Scope | None = self
        while scope is not None:
            if scope.is_local(name) and (scope is self or not isinstance(scope.node, ast.ClassDef)):
                return scope
            scope = scope.parent
        return None

    @property
    def function_name(self) -> str | None:
        return getattr(self.node, "name", None) if self.is_function else None


_FOLDED_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Pow)
#: Folding stops beyond this many bits: a hostile ``9**9**9`` or a deep product must
#: neither hang the linter nor make a number too long to print.
_MAX_FOLDED_BITS = 4096


def _fold(op: ast.operator, left: int, right: int) -> int | None:
    if isinstance(op, ast.Pow):
        if not 0 <= right <= 64 or left.bit_length() > 64:
            return None
        result = left**right
    elif isinstance(op, ast.Mult):
        if left.bit_length() + right.bit_length() > _MAX_FOLDED_BITS:
            return None
        result = left * right
    else:
        result = left + right if isinstance(op, ast.Add) else left - right
    return result if result.bit_length() <= _MAX_FOLDED_BITS else None


#: How the bases of int-valued enums, and of other enums, end.
_INT_ENUM_SUFFIXES = ("IntEnum", "IntFlag")
#: Only the standard library's own plain enums: a base imported from elsewhere may be
#: int-based, and calling its members "not an int" would be a guess.
_PLAIN_ENUMS = frozenset({"enum.Enum", "enum.Flag", "enum.StrEnum"})

#: Annotations that say nothing about a parameter's type.
_UNSPECIFIC_TYPES = frozenset({"Any", "object", "typing.Any", "typing_extensions.Any"})

#: The nodes a close-code send can be: a call, an ASGI message dict, an attribute assignment.
_CANDIDATE_TYPES = (ast.Call, ast.Dict, ast.Assign)


class _ScopeBuilder(ast.NodeVisitor):
    """One pass over the tree: scopes, imports, classes, and every node's scope."""

    def __init__(self, module: "Module") -> None:
        self.module = module
        self.scope = module.scope
        self.class_stack: list[ast.ClassDef] = []

    def visit_Import(self, node: ast.Import) -> None:
        self._import(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self._import(node)

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        for local, qualname in _qualname_of_import(node):
            self.module.imports[local] = qualname
        for root in _import_roots(node):
            self.module.libraries.update(BY_IMPORT.get(root, ()))

    def _enter(self, node: ast.AST, body_visitor: Callable[[], None], enclosing_class=None) -> None:
        parent = self.scope
        self.scope = Scope(node, parent, self.module, enclosing_class)
        self.module.scopes[node] = self.scope
        body_visitor()
        self.scope = parent

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for expr in [*node.decorator_list, *self._defaults(node.args)]:
            self.visit(expr)
        self.scope.bind(ast.Name(id=node.name), UNKNOWN)
        enclosing = self.class_stack[-1] if self.class_stack and isinstance(self.scope.node, ast.ClassDef) else None
        self._enter(node, lambda: [self.visit(stmt) for stmt in node.body], enclosing)

    @staticmethod
    def _defaults(args: ast.arguments) -> list[ast.expr]:
        return [*args.defaults, *(d for d in args.kw_defaults if d is not None)]

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for expr in self._defaults(node.args):
            self.visit(expr)
        self._enter(node, lambda: self.visit(node.body))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for expr in [*node.decorator_list, *node.bases, *(k.value for k in node.keywords)]:
            self.visit(expr)
        self.scope.bind(ast.Name(id=node.name), UNKNOWN)
        self.module.classes.setdefault(node.name, node)
        self.module.node_scopes[id(node)] = self.scope
        self.class_stack.append(node)
        self._enter(node, lambda: [self.visit(stmt) for stmt in node.body])
        self.class_stack.pop()

    def visit_Assign(self, node: ast.Assign) -> None:
        self.generic_visit(node)
        for target in node.targets:
            self.scope.bind(target, node.value)
            self._self_attribute(target, node.value, None)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.generic_visit(node)
        if isinstance(node.target, ast.Name):
            self.scope.annotations[node.target.id] = node.annotation
            self.scope.bind(node.target, node.value if node.value is not None else node.target)
        self._self_attribute(node.target, node.value, node.annotation)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.generic_visit(node)
        self.scope.bind(node.target, None)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self._walk_expression(node)
        self.scope.bind(node.target, node.value)

    def _with(self, node: ast.With | ast.AsyncWith) -> None:
        self.generic_visit(node)
        for item in node.items:
            if item.optional_vars is not None:
                self.scope.bind(item.optional_vars, item.context_expr)
                self._self_attribute(item.optional_vars, item.context_expr, None)

    visit_With = _with
    visit_AsyncWith = _with

    def _for(self, node: ast.For | ast.AsyncFor) -> None:
        self.generic_visit(node)
        # ``async for websocket in connect(uri)`` (websockets' reconnecting iterator).
        self.scope.bind(node.target, node.iter if isinstance(node.target, ast.Name) else None)

    visit_For = _for
    visit_AsyncFor = _for

    def _comprehension(self, node: ast.AST) -> None:
        self.generic_visit(node)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        self.generic_visit(node)
        if node.name:
            self.scope.bind(ast.Name(id=node.name), None)

    def visit_Global(self, node: ast.Global) -> None:
        pass

    def _self_attribute(self, target: ast.expr, value: ast.expr | None, annotation: ast.expr | None) -> None:
        """Record ``self.attr = value`` for the class that owns the current method."""
        if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)):
            return
        method = self.scope.method_for_self(target.value.id)
        if method is None:
            return
        cls = method.enclosing_class
        record = self.module.attributes.setdefault(cls, {}).setdefault(target.attr, [])
        record.append((self.scope, value, annotation))

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.expr):
            self._walk_expression(node)
        else:
            self._record(node)
            super().generic_visit(node)

    def _record(self, node: ast.AST) -> None:
        # Remember the nodes a send can be (and their scope) now, so that finding the
        # sends needs no second walk over the tree.
        if isinstance(node, ast.Compare):
            # ``assert message == {"type": "websocket.close", ...}``: an expectation.
            self.module.compared.update(id(operand) for operand in (node.left, *node.comparators)
                                        if isinstance(operand, ast.Dict))
        if isinstance(node, _CANDIDATE_TYPES):
            self.module.node_scopes[id(node)] = self.scope
            self.module.candidates.append(node)

    def _walk_expression(self, root: ast.AST) -> None:
        """Visit an expression with an explicit stack: Python parses sums of thousands of
        terms, which would exhaust the recursion limit one frame per node."""
        stack = [root]
        while stack:
            node = stack.pop()
            if node is not root and isinstance(node, (ast.Lambda, ast.NamedExpr)):
                self.visit(node)  # they bind names; nesting them deeply is not realistic
                continue
            self._record(node)
            # ``ast.iter_child_nodes`` without its generator and without the ``ctx``/``op``
            # singletons; fields reversed, so children still pop in source order.
            for name in child_fields(type(node)):
                value = getattr(node, name, None)
                if isinstance(value, list):
                    stack.extend(item for item in reversed(value) if isinstance(item, ast.AST))
                elif isinstance(value, ast.AST):
                    stack.append(value)


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
#: Fields holding only shared operator and context instances, which bind nothing, hold no
#: code and need no parent: walks skip them.
_SINGLETON_FIELDS = frozenset({"ctx", "op", "ops"})


def child_fields(node_class: type) -> tuple[str, ...]:
    """The fields of an ``ast`` class that can hold child nodes, in reverse order (a walk
    that pushes them on a stack then pops children in source order).  Cached per class:
    cheaper than ``ast.iter_child_nodes`` in the walks every file goes through."""
    fields = _CHILD_FIELDS.get(node_class)
    if fields is None:
        fields = _CHILD_FIELDS[node_class] = tuple(
            name for name in reversed(node_class._fields) if name not in _SINGLETON_FIELDS
        )
    return fields


# --------------------------------------------------------------------------- module


class Module:
    """Facts about one module, gathered in a single pass."""

    def __init__(self, tree: ast.Module, settings: Settings) -> None:
        self.tree = tree
        self.settings = settings
        self.imports: dict[str, str] = {}
        self.libraries: set[Library] = set()
        self.classes: dict[str, ast.ClassDef] = {}
        self.attributes: dict[ast.ClassDef, dict[str, list]] = {}
        self.scope = Scope(tree, None, self)
        self.scopes: dict[ast.AST, Scope] = {tree: self.scope}
        #: Scopes of the candidate nodes (and of class statements), by ``id``.
        self.node_scopes: dict[int, Scope] = {}
        #: Every call, dict display and assignment, in source order.
        self.candidates: list[ast.AST] = []
        #: Dict displays that are operands of a comparison (never sent).
        self.compared: set[int] = set()
        _ScopeBuilder(self).visit(tree)
        self._kind_cache: dict[int, list] = {}
        self._local_constants: dict[int, str | None] = {}
        self._routes = self._collect_registrations()

    @functools.cached_property
    def calls(self) -> list[ast.Call]:
        """Every call outside annotations, in source order, each with its scope in
        ``node_scopes``: what the analyses that follow codes further walk instead of the tree."""
        return [node for node in self.candidates if isinstance(node, ast.Call)]

    # ---- names

    def qualname(self, node: ast.expr, scope: Scope) -> str | None:
        """What a dotted name means after following imports (``None`` if it is local)."""
        attributes: list[str] = []
        while isinstance(node, ast.Attribute):  # a loop: chains can be thousands long
            attributes.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        owner = scope.lookup(node.id)
        if owner is None or (owner is self.scope and self._is_optional_import(node.id)):
            base = self.imports.get(node.id)
        elif owner is self.scope and node.id in self.classes:
            base = "." + node.id
        else:
            return None
        if base is None:
            return None
        return ".".join([base, *reversed(attributes)])

    def _is_optional_import(self, name: str) -> bool:
        """``try: from aiohttp import web`` / ``except ImportError: web = None``: the name
        is the import wherever it is usable; ``None`` is only the missing-library fallback."""
        return name in self.imports and all(
            isinstance(value, ast.Constant) and value.value is None for value in self.scope.assigned.get(name, ())
        )

    def _matches_any(self, patterns: Iterable[str], node: ast.expr | None, scope: Scope) -> bool:
        if node is None:
            return False
        qualname = self.qualname(node, scope)
        return qualname is not None and any(matches(p, qualname) for p in patterns)

    def _annotation_types(self, annotation: ast.expr | None) -> Iterator[ast.expr]:
        """The types named by an annotation, through ``Optional``/``|``/strings."""
        stack = [annotation] if annotation is not None else []
        aliases_followed = 0
        while stack:  # a loop, not recursion: ``A | B | ...`` can be very long
            node = stack.pop()
            alias = self._type_alias(node) if aliases_followed < 8 else None
            if alias is not None:  # ``WS = WebSocket`` / ``WS: TypeAlias = ...``
                aliases_followed += 1
                stack.append(alias)
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                try:
                    stack.append(ast.parse(node.value.strip(), mode="eval").body)
                except (SyntaxError, ValueError, RecursionError, MemoryError):
                    pass
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
                stack += [node.right, node.left]
            elif isinstance(node, ast.Subscript):
                inner = node.slice
                stack += reversed(inner.elts if isinstance(inner, ast.Tuple) else [inner])
                yield node.value
            else:
                yield node

    # ---- which objects are WebSockets

    def _imported_kinds(self) -> Iterator[tuple[Library, ObjectKind]]:
        for library in LIBRARIES:
            if library in self.libraries:
                for kind in library.kinds:
                    yield library, kind

    def _class_kinds(self, cls: ast.ClassDef, seen: frozenset = frozenset(), any_kind: bool = False) -> list:
        """Kinds whose ``self`` is the WebSocket in ``cls`` (through in-module bases).

        ``any_kind``: every kind whose class ``cls`` derives from, not only those whose
        library is used by subclassing (``super().close(...)`` reaches the library's own)."""
        found = []
        class_scope = self.node_scopes.get(id(cls), self.scope)
        for base in cls.bases:
            for library, kind in self._imported_kinds():
                if (kind.self_in_subclass or any_kind) and self._matches_any(kind.classes, base, class_scope):
                    found.append((library, kind))
            if isinstance(base, ast.Name) and base.id in self.classes and base.id not in seen:
                found += self._class_kinds(self.classes[base.id], seen | {base.id}, any_kind)
        return found

    def _kinds_of_type(self, annotation: ast.expr | None, scope: Scope) -> list:
        found = []
        for node in self._annotation_types(annotation):
            qualname = self.qualname(node, scope)  # once per type, not once per kind
            if qualname is not None:
                found += [
                    (library, kind)
                    for library, kind in self._imported_kinds()
                    if any(matches(pattern, qualname) for pattern in kind.classes)
                ]
        return found

    def _kinds_of_value(self, value: ast.expr, scope: Scope, depth: int) -> list:
        """Kinds of the object an expression produces (a factory call, another receiver)."""
        value = _unwrap(value)
        if isinstance(value, ast.Call):
            func = value.func
            qualname = self.qualname(func, scope)
            method = func.attr if isinstance(func, ast.Attribute) else None
            found = [
                (library, kind)
                for library, kind in self._imported_kinds()
                if (qualname is not None and any(matches(pattern, qualname) for pattern in kind.factories))
                or method in kind.factory_methods
            ]
            if found:
                return found
            # ``await connect(uri).__aenter__()`` is what ``async with`` would bind.
            if isinstance(func, ast.Attribute) and func.attr in ("__aenter__", "__enter__"):
                return self._kinds_of_value(func.value, scope, depth)
            return []
        if isinstance(value, (ast.Name, ast.Attribute)):
            return self.receiver_kinds(value, scope, depth + 1)
        if (isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Constant)
                and isinstance(_unwrap(value.value), ast.Call)):
            func = _unwrap(value.value).func
            return [
                (library, kind)
                for library, kind in self._imported_kinds()
                for pattern, index in kind.unpacked_factories.items()
                if index == value.slice.value and self._matches_any((pattern,), func, scope)
            ]
        return []

    def _collect_registrations(self) -> dict[str, list]:
        """Handlers passed to registration calls: function name -> [(library, kind, parameter)]."""
        routes: dict[str, list] = {}
        registrations = [
            (library, kind, route)
            for library, kind in self._imported_kinds()
            for route in kind.routes
            if route.registration
        ]
        if not registrations:
            return routes
        for node in self.candidates:
            if not isinstance(node, ast.Call):
                continue
            scope = self.node_scopes.get(id(node), self.scope)
            for library, kind, route in registrations:
                if self._is_call_to(route.registration, node.func, scope):
                    handler = self._argument(node, route.handler_argument, route.handler_keyword)
                    # ``serve(handler, ...)`` or ``serve(self.handler, ...)``: by function name.
                    name = handler.id if isinstance(handler, ast.Name) else (
                        handler.attr if isinstance(handler, ast.Attribute) else None)
                    if name is not None:
                        routes.setdefault(name, []).append((library, kind, route.parameter))
        return routes

    def _param_kinds(self, name: str, scope: Scope) -> list:
        index, annotation = scope.params[name]
        found = self._kinds_of_type(annotation, scope)
        function = scope.node
        for library, kind in self._imported_kinds():
            for route in kind.routes:
                if route.decorator and route.parameter in (name, index) and any(
                    self._is_route_decorator(route, decorator, scope.parent or self.scope)
                    for decorator in getattr(function, "decorator_list", ())
                ):
                    found.append((library, kind))
            handler_index = kind.handler_methods.get(scope.function_name or "")
            if handler_index is not None and handler_index == index:
                found.append((library, kind))
        for library, kind, parameter in self._routes.get(scope.function_name or "", ()):
            if parameter in (name, index) and scope.parent is not None:
                found.append((library, kind))
        if not found:
            # A conventional name is evidence only while nothing says otherwise: a
            # parameter annotated with some other type is not guessed from its name.
            by_name = annotation is None or self._is_unspecific(annotation, scope)
            found = [
                (library, kind)
                for library, kind in self._imported_kinds()
                if (by_name and name in kind.parameter_names) or name in self.settings.receiver_names
            ]
        return found

    def _type_alias(self, node: ast.expr) -> ast.expr | None:
        """What a module-level name assigned once to a type expression stands for."""
        if not isinstance(node, ast.Name) or node.id in self.classes or node.id in self.imports:
            return None
        values = self.scope.assigned.get(node.id, ())
        if len(values) == 1 and isinstance(values[0], (ast.Name, ast.Attribute, ast.Subscript, ast.BinOp)):
            return values[0]
        return None

    @staticmethod
    def _enclosing_method(scope: Scope) -> Scope | None:
        while scope is not None and not scope.is_method:
            scope = scope.parent
        return scope

    def _is_unspecific(self, annotation: ast.expr, scope: Scope) -> bool:
        """``Any``/``object``: an annotation that says nothing about the type."""
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            return annotation.value.strip() in _UNSPECIFIC_TYPES
        qualname = self.qualname(annotation, scope)
        if qualname is None and isinstance(annotation, ast.Name):
            qualname = annotation.id
        return qualname in _UNSPECIFIC_TYPES

    def _is_call_to(self, pattern: str, func: ast.expr, scope: Scope) -> bool:
        """Is ``func`` what ``pattern`` names (``".attr"``: any ``<obj>.attr``)?"""
        if pattern.startswith("."):
            return isinstance(func, ast.Attribute) and func.attr == pattern[1:]
        return self._matches_any((pattern,), func, scope)

    def _is_route_decorator(self, route, decorator: ast.expr, scope: Scope) -> bool:
        call = decorator.func if isinstance(decorator, ast.Call) else decorator
        if route.decorator.startswith("."):
            if not (isinstance(call, ast.Attribute) and call.attr == route.decorator[1:]):
                return False
            if not route.decorator_owner:
                return True
            owner = call.value
            if isinstance(owner, ast.Name):
                owner_scope = scope.lookup(owner.id) or self.scope
                return any(
                    isinstance(_unwrap(v), ast.Call) and self._matches_any(route.decorator_owner, _unwrap(v).func, owner_scope)
                    for v in owner_scope.assigned.get(owner.id, ())
                )
            return False
        return self._matches_any((route.decorator,), call, scope)

    def receiver_kinds(self, node: ast.expr, scope: Scope, depth: int = 0) -> list:
        """The (library, kind) pairs an expression may be, strongest evidence first."""
        if depth > 4 or not self.libraries:
            return []
        key = (id(node), id(scope))
        cached = self._kind_cache.get(key)  # type: ignore[arg-type]
        if cached is not None:
            return cached
        self._kind_cache[key] = []  # type: ignore[index]  # breaks cycles
        found = self._receiver_kinds(node, scope, depth)
        self._kind_cache[key] = found  # type: ignore[index]
        return found

    def _receiver_kinds(self, node: ast.expr, scope: Scope, depth: int) -> list:
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
                and scope.lookup("super") is None):
            method = self._enclosing_method(scope)
            return self._class_kinds(method.enclosing_class, any_kind=True) if method else []
        if isinstance(node, ast.Name):
            method = scope.method_for_self(node.id)
            if method is not None:
                return self._class_kinds(method.enclosing_class)
            owner = scope.lookup(node.id)
            if owner is None:
                qualname = self.imports.get(node.id)
                return [
                    (library, kind)
                    for library, kind in self._imported_kinds()
                    if qualname and qualname in kind.proxies
                ]
            found = []
            if node.id in owner.params:
                found += self._param_kinds(node.id, owner)
            found += self._kinds_of_type(owner.annotations.get(node.id), owner)
            for value in owner.assigned.get(node.id, ()):
                if value is not UNKNOWN:
                    found += self._kinds_of_value(value, owner, depth)
            if not found and node.id in self.settings.receiver_names:
                found = list(self._imported_kinds())
            return found
        method = scope.method_for_self(node.value.id) if (
            isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)) else None
        if method is not None:
            found = []
            cls = method.enclosing_class
            for method_scope, value, annotation in self.attributes.get(cls, {}).get(node.attr, ()):
                found += self._kinds_of_type(annotation, method_scope)
                if value is not None:
                    found += self._kinds_of_value(value, method_scope, depth)
            class_scope = self.scopes.get(cls)
            if class_scope is not None:
                found += self._kinds_of_type(class_scope.annotations.get(node.attr), class_scope)
            if not found and node.attr in self.settings.receiver_names:
                found = list(self._imported_kinds())
            return found
        if isinstance(node, ast.Attribute):
            # ``quart.websocket`` spelled through the module.
            qualname = self.qualname(node, scope)
            proxied = [
                (library, kind)
                for library, kind in self._imported_kinds()
                if qualname and qualname in kind.proxies
            ]
            if proxied:
                return proxied
            if node.attr in self.settings.receiver_names:
                return list(self._imported_kinds())
        return []

    # ---- finding the sends

    @staticmethod
    def _argument(call: ast.Call, position: int | None, keyword: str | None) -> ast.expr | None:
        if keyword is not None:
            for kw in call.keywords:
                if kw.arg == keyword:
                    return kw.value
        if position is not None and position < len(call.args):
            if any(isinstance(arg, ast.Starred) for arg in call.args[: position + 1]):
                return None
            return call.args[position]
        return None

    def _send(self, library: Library, side, call: ast.Call, parameter: CodeParameter, scope: Scope) -> Send | None:
        code = self._argument(call, parameter.position, parameter.keyword)
        reason = None
        if parameter.reason_keyword or parameter.reason_position is not None:
            reason = self._argument(call, parameter.reason_position, parameter.reason_keyword)
        if code is None and reason is None:
            return None
        return Send(library, side, code, parameter, reason, scope)

    def sends(self) -> Iterator[Send]:
        call_sends = [(library, shape) for library in LIBRARIES if library in self.libraries
                      for shape in library.call_sends]
        attribute_sends = [(library, shape) for library in LIBRARIES if library in self.libraries
                           for shape in library.attribute_sends]
        methods = {shape.method for library in self.libraries for shape in library.method_sends}
        for node in self.candidates:
            if isinstance(node, ast.Call):
                scope = self.node_scopes.get(id(node), self.scope)
                func = node.func
                if isinstance(func, ast.Attribute) and func.attr in methods:
                    send = self._method_send(node, func, scope)
                    if send:
                        yield send
                        continue
                for library, shape in call_sends:
                    if self._matches_any(shape.callables, func, scope):
                        send = self._send(library, "server", node, shape.code, scope)
                        if send:
                            yield send
                        break
            elif isinstance(node, ast.Dict) and id(node) not in self.compared:
                send = self._asgi_send(node)
                if send:
                    yield send
            elif isinstance(node, ast.Assign) and attribute_sends:
                for library, shape in attribute_sends:
                    for target in node.targets:
                        if _attribute_path(target)[-len(shape.path):] == shape.path:
                            scope = self.node_scopes.get(id(node), self.scope)
                            yield Send(library, "server", node.value, CodeParameter(shape.path[-1], None), None, scope)

    def _method_send(self, call: ast.Call, func: ast.Attribute, scope: Scope) -> Send | None:
        # Several libraries may claim the receiver (a ``websocket`` parameter in a module
        # importing aiohttp and starlette): the first whose call shape finds a code
        # argument wins, since aiohttp's keyword-only ``code`` rules out ``close(1006)``.
        reason_only = None
        for library, kind in self.receiver_kinds(func.value, scope):
            for shape in library.method_sends:
                if shape.method == func.attr and kind.name in shape.receivers:
                    send = self._send(library, kind.side, call, shape.code, scope)
                    if send is not None and send.code_node is not None:
                        return send
                    reason_only = reason_only or send
        return reason_only

    def _asgi_send(self, node: ast.Dict) -> Send | None:
        entries = {
            key.value: value
            for key, value in zip(node.keys, node.values)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)
        }
        message_type = entries.get("type")
        if message_type is None:
            return None
        scope = self.node_scopes.get(id(node), self.scope)
        if not (isinstance(message_type, ast.Constant) and message_type.value == asgi.CLOSE_MESSAGE_TYPE):
            # ``{"type": CLOSE, ...}`` with ``CLOSE = "websocket.close"`` in the module.
            if not isinstance(message_type, ast.Name):
                return None
            resolved = self.resolve(message_type, scope)
            if resolved is None or resolved.value != asgi.CLOSE_MESSAGE_TYPE:
                return None
        code = entries.get(asgi.CODE_KEY)
        reason = entries.get(asgi.REASON_KEY)
        if code is None and reason is None:
            return None
        return Send(asgi.LIBRARY, "server", code, CodeParameter(asgi.CODE_KEY, None), reason, scope)

    # ---- values

    def resolve(self, node: ast.expr, scope: Scope, depth: int = 0) -> Value | None:
        """The value of a code expression, or ``None`` if it cannot be known statically."""
        if depth > 8:
            return None
        if isinstance(node, ast.Constant):
            return Value(node.value, literal=True)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.resolve(node.operand, scope, depth + 1)
            if inner and isinstance(inner.value, (int, float)) and not isinstance(inner.value, bool):
                sign = -1 if isinstance(node.op, ast.USub) else 1
                return Value(sign * inner.value, inner.literal, spelled=inner.spelled)
            return None
        if isinstance(node, ast.BinOp) and isinstance(node.op, _FOLDED_OPERATORS):
            # ``4000 + HTTPStatus.FORBIDDEN``, ``1000 + 6``, ``2**16``: folded, not a literal.
            left = self.resolve(node.left, scope, depth + 1)
            right = self.resolve(node.right, scope, depth + 1) if left else None
            if left and right and all(type(v.value) is int or (isinstance(v.value, int) and v.int_enum)
                                      for v in (left, right)):
                folded = _fold(node.op, int(left.value), int(right.value))
                if folded is not None:
                    return Value(folded, False, spelled=ast.unparse(node))
            return None
        if isinstance(node, ast.Attribute) and node.attr == "value":
            inner = self.resolve(node.value, scope, depth + 1)
            if inner is not None and isinstance(inner.value, EnumMember):
                return Value(inner.value.value, False, spelled=f"{inner.value}.value")
            return inner and Value(inner.value, False, inner.http_status, False, inner.spelled)
        if isinstance(node, ast.Name):
            owner = scope.lookup(node.id)
            if owner is not None:
                values = owner.assigned.get(node.id, [])
                if len(values) == 1 and node.id not in owner.params and values[0] is not UNKNOWN:
                    inner = self.resolve(values[0], owner, depth + 1)
                    if inner is not None:
                        return Value(inner.value, False, inner.http_status, inner.int_enum, node.id)
                return None
        if isinstance(node, ast.Attribute):
            method = scope.method_for_self(node.value.id) if isinstance(node.value, ast.Name) else None
            if method is not None:
                return (self._self_constant(node.attr, method)
                        or self._self_class_attribute(node.attr, method.enclosing_class, depth))
            local = self._class_member(node, scope, depth)
            if local is not None:
                return local
        qualname = self.qualname(node, scope)
        if qualname:
            return _library_constant(qualname)
        return None

    def _class_member(self, node: ast.Attribute, scope: Scope, depth: int) -> Value | None:
        """``Codes.AUTH`` for a class (an enum or a namespace) defined in the module."""
        if not (isinstance(node.value, ast.Name) and scope.lookup(node.value.id) is self.scope
                and node.value.id in self.classes):
            return None
        cls = self.classes[node.value.id]
        class_scope = self.scopes[cls]
        values = class_scope.assigned.get(node.attr, [])
        if len(values) != 1 or values[0] is UNKNOWN:
            return None
        inner = self.resolve(values[0], class_scope, depth + 1)
        if inner is None:
            return None
        kind = self._enum_kind(cls)
        if kind == "plain":
            return Value(EnumMember(cls.name, node.attr, inner.value), False, spelled=f"{cls.name}.{node.attr}")
        return Value(inner.value, False, inner.http_status, kind == "int", f"{cls.name}.{node.attr}")

    def _enum_kind(self, cls: ast.ClassDef, seen: frozenset = frozenset()) -> str | None:
        """"int" for an IntEnum/IntFlag (or ``(int, Enum)``), "plain" for another Enum,
        ``None`` for an ordinary class; through in-module base classes."""
        names = [self.qualname(base, self.scope) or "" for base in cls.bases]
        if any(name.endswith(_INT_ENUM_SUFFIXES) for name in names):
            return "int"
        inherited = [
            self._enum_kind(self.classes[base.id], seen | {cls.name})
            for base in cls.bases
            if isinstance(base, ast.Name) and base.id in self.classes and base.id not in seen | {cls.name}
        ]
        if "int" in inherited:
            return "int"
        if any(name in _PLAIN_ENUMS for name in names) or "plain" in inherited:
            has_int = any(isinstance(base, ast.Name) and base.id == "int" for base in cls.bases)
            return "int" if has_int else "plain"
        return None

    def _self_class_attribute(self, attr: str, cls: ast.ClassDef, depth: int,
                              seen: frozenset = frozenset()) -> Value | None:
        """``self.CODE`` for ``CODE = 4001`` in the class body (or an in-module base),
        unless some method also assigns ``self.CODE``."""
        if cls.name in seen or self.attributes.get(cls, {}).get(attr):
            return None
        class_scope = self.scopes.get(cls)
        values = class_scope.assigned.get(attr, []) if class_scope else []
        if len(values) == 1 and values[0] is not UNKNOWN:
            inner = self.resolve(values[0], class_scope, depth + 1)
            return inner and Value(inner.value, False, inner.http_status, inner.int_enum, f"self.{attr}")
        for base in cls.bases:
            if isinstance(base, ast.Name) and base.id in self.classes:
                found = self._self_class_attribute(attr, self.classes[base.id], depth + 1, seen | {cls.name})
                if found is not None:
                    return found
        return None

    def _self_constant(self, attr: str, scope: Scope) -> Value | None:
        for library, _kind in self._class_kinds(scope.enclosing_class):
            for constant_set in library.constants:
                if constant_set.style == "self" and attr in constant_set.members:
                    return Value(constant_set.members[attr], False, spelled=f"self.{attr}")
        return None

    def local_constant_for(self, value: int) -> str | None:
        """A module-level name (or class member) bound to exactly ``value``, to reuse."""
        if value not in self._local_constants:
            self._local_constants[value] = self._find_local_constant(value)
        return self._local_constants[value]

    def _find_local_constant(self, value: int) -> str | None:
        for name, values in self.scope.assigned.items():
            if (len(values) == 1 and isinstance(values[0], ast.Constant)
                    and type(values[0].value) is int and values[0].value == value
                    and name.isupper()):
                return name
        for cls in self.classes.values():
            # Only a class bound once at module level can be named from anywhere; a
            # plain Enum's members are not ints.
            if (self.node_scopes.get(id(cls)) is not self.scope or len(self.scope.assigned.get(cls.name, ())) != 1
                    or self._enum_kind(cls) == "plain"):
                continue
            for name, values in self.scopes[cls].assigned.items():
                if (len(values) == 1 and isinstance(values[0], ast.Constant)
                        and type(values[0].value) is int and values[0].value == value):
                    return f"{cls.name}.{name}"
        return None


def _attribute_path(node: ast.expr) -> tuple[str, ...]:
    path: list[str] = []
    while isinstance(node, ast.Attribute):
        path.append(node.attr)
        node = node.value
    return tuple(reversed(path))


_HTTP_NAME = re.compile(r"HTTP_(\d{3})(?:_|$)")


def _library_constant(qualname: str) -> Value | None:
    container, _, member = qualname.rpartition(".")
    for name, constant_set in CONSTANT_SETS:
        if container == name:
            if member in constant_set.members:
                return Value(constant_set.members[member], False, int_enum=constant_set.int_enum,
                             spelled=qualname)
            match = _HTTP_NAME.match(member) if constant_set.http_status_prefix else None
            if match:
                return Value(int(match.group(1)), False, http_status=True, spelled=qualname)
    if container in ("http.HTTPStatus",) and member in http.HTTPStatus.__members__:
        return Value(int(http.HTTPStatus[member]), False, http_status=True, int_enum=True, spelled=qualname)
    return None


# --------------------------------------------------------------------------- rules


def _short_number(value: int) -> str:
    """A number for a message: huge ones are abbreviated, not printed in full."""
    digits = str(value)
    return digits if len(digits) <= 24 else f"{digits[:12]}… ({len(digits.lstrip('-'))} digits)"


def _short_source(node: ast.expr) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 60 else text[:57] + "..."


def suggest_http(value: int | None = None) -> str:
    """The advice for an HTTP status sent as a close code (its value, when known)."""
    mapped = f"{4000 + value} (4000 + status)" if value is not None else "4000 + status"
    return f"an HTTP status is not a close code: send {mapped} or 3000/3003/3008"


def judge(send: Send, value: Value, module: Module) -> Iterator[tuple[str, str, Replacement | None]]:
    """Every rule that applies to one close-code argument, as (code, message, replacement)."""
    library = send.library
    code = value.value
    if isinstance(code, EnumMember):
        yield ("WSC107", f"close code {code} is a member of a plain Enum, not an int: "
               f"pass {code}.value or derive {code.enum} from IntEnum", None)
        return
    if isinstance(code, bool) or not isinstance(code, int):
        if isinstance(code, bool) and code in _not_a_code(send.code_parameter):
            return
        spelled = repr(code) if len(repr(code)) <= 40 else repr(code)[:37] + "..."
        yield "WSC107", f"close code {spelled} is a {type(code).__name__}, not an int", None
        return
    entry = registry.lookup(code)
    # Name what the source says when it is not the bare number.
    number = _short_number(code)
    shown = number if value.literal else f"{_short_source(send.code_node)} = {number}"
    if code < 1000 or code > 4999:
        http_status = value.http_status or registry.is_http_status(code)
        if http_status:
            detail = suggest_http(code)
        elif not 0 <= code <= registry.UINT16_MAX:
            detail = "it does not even fit in the 16-bit close-code field"
        else:
            detail = "close codes are 1000–4999 (RFC 6455 §7.4.2)"
        yield "WSC103", f"close code {shown} is out of range: {detail}", None
        return
    klass = entry.code_class
    if klass is CodeClass.RESERVED_NEVER_SEND:
        yield ("WSC101", f"close code {shown} ({entry.name}) must never be sent in a Close frame "
               "(RFC 6455 §7.4.1): send 1011 for an internal error, 1000/1001 for a normal end", None)
        return
    if klass is CodeClass.RESERVED_FUTURE:
        yield "WSC102", f"close code {shown} is reserved for future use; every peer rejects it", None
        return
    if klass is CodeClass.UNASSIGNED_PROTOCOL:
        yield ("WSC104", f"close code {shown} is unassigned (1016–2999 are for future protocol "
               "revisions); use a private 4000–4999 code", None)
        return
    if entry.client_only and send.side == "server":
        yield "WSC105", f"close code {shown} ({entry.name}) is sent only by clients, never by a server", None
    if library.runtime_accepts is not None and not any(lo <= code <= hi for lo, hi in library.runtime_accepts):
        yield "WSC108", f"close code {shown} is refused at run time: {library.runtime_refusal}", None
    if library.requires_plain_int and value.int_enum:
        who = library.plain_int_refusal or f"{library.name} refuses anything but a plain int"
        yield "WSC108", f"close code {value.spelled or code} is an IntEnum member: {who}", None
    if code == 1014:
        yield "WSC110", f"close code {shown} ({entry.name}) is rejected by wsproto-, gorilla-, tungstenite- and autobahn-based peers", None
    if klass is CodeClass.UNREGISTERED_APPLICATION:
        yield "WSC109", f"close code {shown} is an unregistered 3000–3999 code; use 4000–4999 for private codes", None
    if not value.literal or code in module.settings.allowed_codes:
        return
    if klass is CodeClass.STANDARD:
        constant_set = constants_for(library)
        member = constant_set.member_for(code) if constant_set else None
        if constant_set and member:
            replacement = Replacement(code, constant_set, member)
            yield "WSC201", f"magic close code {code} ({entry.name}): use {replacement.display}", replacement
        else:
            local = module.local_constant_for(code)
            hint = f"use {local}" if local else "give it a name"
            yield ("WSC202", f"magic close code {code} ({entry.name}): {hint}",
                   Replacement(code, local_name=local) if local else None)
    else:
        meaning = f" (IANA: {entry.name})" if klass is CodeClass.REGISTERED_APPLICATION else ""
        local = module.local_constant_for(code)
        hint = f"use {local}" if local else "give it a name"
        yield ("WSC203", f"magic application close code {code}{meaning}: {hint}",
               Replacement(code, local_name=local) if local else None)


def _not_a_code(parameter: CodeParameter) -> list:
    return [v for v in parameter.not_a_code]


def _branches(send: Send) -> Iterator[Send]:
    """The send once per code expression it may pass: ``1000 if ok else 1006`` is judged
    branch by branch, each at its own position."""
    if send.code_node is None:
        return
    pending = [send.code_node]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.IfExp):
            pending += [node.orelse, node.body]
        else:
            yield send if node is send.code_node else dataclasses.replace(send, code_node=node)


def _means_no_code(value: Value, parameter: CodeParameter) -> bool:
    """Does the resolved value mean "no close code" at this parameter (``None``,
    Channels' ``close=True``, websockets' ``fail(1006)`` which drops TCP without a frame)?"""
    return any(type(value.value) is type(v) and value.value == v for v in parameter.not_a_code)


def _reason_finding(send: Send) -> tuple[str, str] | None:
    node = send.reason_node
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
        data = node.value.encode("utf-8", "surrogatepass") if isinstance(node.value, str) else node.value
        if len(data) > registry.MAX_REASON_BYTES:
            return ("WSC106", f"close reason is {len(data)} bytes of UTF-8; a Close frame holds at "
                    f"most {registry.MAX_REASON_BYTES} (RFC 6455 §5.5)")
    return None


def _finding(code: str, message: str, node: ast.expr, send: Send, value, replacement=None) -> Finding:
    return Finding(
        code, message, node.lineno, node.col_offset,
        getattr(node, "end_lineno", node.lineno) or node.lineno,
        getattr(node, "end_col_offset", node.col_offset) or node.col_offset,
        send.library.name, value, replacement,
    )


def analyse(tree: ast.Module, settings: Settings = DEFAULT_SETTINGS) -> Module:
    return Module(tree, settings)


def _imports_in(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, visiting statements only (not expressions): cheap."""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.stmt) or isinstance(node, (ast.ExceptHandler, ast.match_case)):
            for name in ("body", "orelse", "finalbody", "handlers", "cases"):
                stack.extend(getattr(node, name, ()))


def could_send(tree: ast.Module, source: str | None = None) -> bool:
    """Can the module contain a send at all?  It must import a known library or hold an
    ASGI close message; ``source`` (when given) answers the latter without a walk."""
    for node in _imports_in(tree):
        if any(root in BY_IMPORT for root in _import_roots(node)):
            return True
    if source is not None:
        return asgi.CLOSE_MESSAGE_TYPE in source
    return any(isinstance(node, ast.Constant) and node.value == asgi.CLOSE_MESSAGE_TYPE
               for node in ast.walk(tree))


#: The analyses that follow a close code beyond the call that sends it (``wscc.following``);
#: ``detect(..., follow=())`` judges direct sends only (the evaluation script compares both).
FOLLOW_ALL = ("receivers", "wrappers", "forwarded")


def _send_findings(module: Module, send: Send, settings: Settings) -> Iterator[Finding]:
    """The most severe enabled rule for each code expression the send may pass."""
    for branch in _branches(send):
        value = module.resolve(branch.code_node, branch.scope)
        if value is not None and not _means_no_code(value, branch.code_parameter):
            for code, message, replacement in judge(branch, value, module):
                if settings.enabled(code):
                    yield _finding(code, message, branch.code_node, branch, value.value, replacement)
                    break
    reason = _reason_finding(send)
    if reason and settings.enabled(reason[0]):
        yield _finding(*reason, send.reason_node, send, None)


def detect(tree: ast.Module, settings: Settings = DEFAULT_SETTINGS, source: str | None = None,
           *, follow: Iterable[str] = FOLLOW_ALL) -> list[Finding]:
    """Every finding in a module, sorted by position; one per position at most.

    ``source``, the module's text, is optional; with it a module that imports no
    WebSocket library is dismissed without walking its expressions."""
    if not could_send(tree, source):
        return []
    module = Module(tree, settings)
    sends = list(module.sends())
    findings = [finding for send in sends for finding in _send_findings(module, send, settings)]
    coded = [send for send in sends if send.code_node is not None]
    if follow:
        # Imported here: wscc.following builds on this module.
        from wscc import following

        follow = set(follow)
        extra = following.receiver_sends(module, coded) if "receivers" in follow else []
        through = following.wrapper_sends(module, coded + extra) if "wrappers" in follow else []
        for send in extra + through:
            findings += _send_findings(module, send, settings)
        if "forwarded" in follow:
            findings += following.forwarded_findings(module, coded + extra, settings, through)
    # A code expression reached both directly and through a wrapper is reported once,
    # with its most severe enabled rule (what wscc-fix and ``# noqa`` expect).
    findings.sort(key=lambda f: (f.line, f.col, SEVERITY[f.code]))
    unique: dict[tuple[int, int], Finding] = {}
    for finding in findings:
        unique.setdefault((finding.line, finding.col), finding)
    return list(unique.values())


def detect_source(source: str, settings: Settings = DEFAULT_SETTINGS, filename: str = "<unknown>") -> list[Finding]:
    """Parse and detect; raises ``SyntaxError``/``ValueError`` for unparsable input."""
    if not might_send(source):
        return []
    return detect(ast.parse(source, filename), settings, source)


assert set(SEVERITY) == set(BY_CODE)
