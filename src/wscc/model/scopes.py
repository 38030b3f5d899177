"""Scopes and bindings: which names each module, class body and function binds, and to what.

``ScopeBuilder`` makes one pass over the tree and fills a ``ModuleModel``: a ``Scope``
per function, lambda and class body (with parameters, assigned values and annotations),
the imports, the module's classes, ``self.attr`` assignments per class, and the nodes a
close-code send can be (calls, dict displays, assignments), each with its scope.

``bound_names`` counts every way a name can be bound in one scope (assignments,
``def``/``class``, imports, ``except ... as``, ``global``, match captures, parameters):
what the fixer needs to know whether a module-level name is hidden at some spot.
"""

from __future__ import annotations

import ast
from collections import Counter
from typing import TYPE_CHECKING, Callable, Iterator

from wscc.model.imports import import_roots, qualnames_of_import

if TYPE_CHECKING:
    from wscc.model import ModuleModel

#: The nodes a close-code send can be: a call, an ASGI message dict, an attribute assignment.
_CANDIDATE_TYPES = (ast.Call, ast.Dict, ast.Assign)
#: Expressions that open a scope or bind a name: visited, not just walked.
_SCOPED_EXPRESSIONS = (ast.Lambda, ast.NamedExpr, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)

#: Stands for a value assigned by something the detector does not follow.
UNKNOWN = ast.Name(id="<unknown>")


def unwrap(node: ast.expr) -> ast.expr:
    """``await x`` -> ``x``; also ``yield x`` in a tornado ``gen.coroutine``, which
    evaluates to what the future ``x`` resolves to."""
    while isinstance(node, (ast.Await, ast.Yield, ast.YieldFrom)) and node.value is not None:
        node = node.value
    return node


class Scope:
    """A module, class body or function: its names and where they came from."""

    def __init__(self, node: ast.AST, parent: "Scope | None", module: "ModuleModel",
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
        #: Names declared ``global`` here: their assignments bind the module's names.
        self.globals: set[str] = set()
        #: Names bound by ``except <type> as name``: name -> every such clause here
        #: (``caught_type``: each binds the name for its own body).
        self.caught: dict[str, list[ast.ExceptHandler]] = {}
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
            scope = self.module.scope if target.id in self.globals else self
            scope.assigned.setdefault(target.id, []).append(UNKNOWN if value is None else value)
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

    def caught_type(self, name: str, node: ast.AST) -> ast.expr | None:
        """The type the ``except <type> as name`` clause around ``node`` catches (each
        clause binds the name for its own body only), or ``None``."""
        line = getattr(node, "lineno", None)
        for handler in self.caught.get(name, ()):
            if line is not None and handler.lineno <= line <= (handler.end_lineno or handler.lineno):
                return handler.type
        return None

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


class ScopeBuilder(ast.NodeVisitor):
    """One pass over the tree: scopes, imports, classes, and every node's scope."""

    def __init__(self, module: "ModuleModel") -> None:
        self.module = module
        self.scope = module.scope
        self.class_stack: list[ast.ClassDef] = []

    def visit_Import(self, node: ast.Import) -> None:
        self._import(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self._import(node)

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        for local, qualname in qualnames_of_import(node, self.module.package):
            self.module.imports[local] = qualname
        for root in import_roots(node):
            self.module.libraries.update(self.module.by_import.get(root, ()))

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

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp) -> None:
        """A comprehension is a scope of its own: its ``conn`` is not the enclosing
        function's ``conn``.  Its first iterable is evaluated outside it."""
        self._record(node)
        self.visit(node.generators[0].iter)

        def body() -> None:
            for index, generator in enumerate(node.generators):
                if index:
                    self.visit(generator.iter)
                # Like ``for``: the target is an element of the iterable.
                self.scope.bind(generator.target, generator.iter if isinstance(generator.target, ast.Name) else None)
                for condition in generator.ifs:
                    self.visit(condition)
            for part in (node.key, node.value) if isinstance(node, ast.DictComp) else (node.elt,):
                self.visit(part)

        self._enter(node, body)

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _comprehension

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

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        self.generic_visit(node)
        if node.name:
            self.scope.bind(ast.Name(id=node.name), None)
            self.scope.caught.setdefault(node.name, []).append(node)

    def visit_Global(self, node: ast.Global) -> None:
        # Assignments after ``global X`` bind the module's ``X``.
        self.scope.globals.update(node.names)

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
            if node is not root and isinstance(node, _SCOPED_EXPRESSIONS):
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


# --------------------------------------------------------------------------- binding counts


def binding_names(node: ast.AST) -> Iterator[str]:
    """Names a single node binds in the scope it belongs to."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
        yield node.id
    elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield node.name
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            if alias.name != "*":
                yield alias.asname or alias.name.partition(".")[0]
    elif isinstance(node, ast.ExceptHandler) and node.name:
        yield node.name
    elif isinstance(node, (ast.Global, ast.Nonlocal)):
        yield from node.names
    elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
        yield node.name
    elif isinstance(node, ast.MatchMapping) and node.rest:
        yield node.rest
    elif isinstance(node, ast.arg):
        yield node.arg


#: Node classes ``binding_names`` finds names in, besides ``Name``.
BINDERS = frozenset({
    ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom, ast.ExceptHandler,
    ast.Global, ast.Nonlocal, ast.MatchAs, ast.MatchStar, ast.MatchMapping, ast.arg,
})

FUNCTION_NODES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
COMPREHENSION_NODES = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def own_returns(function: ast.AST) -> tuple[list[ast.Return], bool]:
    """The ``return`` statements of a function itself (not of the functions, lambdas and
    classes nested in it), in source order, and whether it is a generator (a ``yield`` of
    its own)."""
    returns: list[ast.Return] = []
    generator = False
    # The body as a module of its own: its scope, without the function's own decorators
    # and defaults (they run in the enclosing scope).
    for node in scope_children(ast.Module(body=list(getattr(function, "body", ())), type_ignores=[])):
        if isinstance(node, ast.Return):
            returns.append(node)
        elif isinstance(node, (ast.Yield, ast.YieldFrom)):
            generator = True
    returns.sort(key=lambda node: (node.lineno, node.col_offset))
    return returns, generator


def scope_children(node: ast.AST) -> Iterator[ast.AST]:
    """Every node evaluated in ``node``'s own scope (not inside nested functions or
    classes, whose names are still yielded).  Comprehension targets are included:
    over-approximating only makes the fixer choose a fresh name."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        yield child
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            # Decorators, defaults and bases run in the enclosing scope.
            outer: list[ast.AST] = list(getattr(child, "decorator_list", ()))
            if isinstance(child, ast.ClassDef):
                outer += [*child.bases, *child.keywords]
            else:
                args = child.args
                outer += [*args.defaults, *(d for d in args.kw_defaults if d is not None)]
            stack.extend(outer)
            continue
        stack.extend(ast.iter_child_nodes(child))


def bound_names(node: ast.AST) -> Counter:
    """How often each name is bound in the scope ``node`` opens (a module, class or function)."""
    names: Counter = Counter()
    if isinstance(node, FUNCTION_NODES):
        args = node.args
        for arg in (*args.posonlyargs, *args.args, args.vararg, *args.kwonlyargs, args.kwarg):
            if arg is not None:
                names[arg.arg] += 1
    for child in scope_children(node):
        if isinstance(child, ast.arg):
            continue  # a nested function's parameters
        for name in binding_names(child):
            names[name] += 1
    return names
