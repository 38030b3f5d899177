"""What each import statement binds, and under which guard it runs.

Two views of the same statements:

* ``bound_names``: the local name -> qualified name map that inference follows
  (``from fastapi import WebSocket`` makes ``WebSocket`` mean ``fastapi.WebSocket``);
* ``ImportTable``: every import with its position and guard (``try``/``except
  ImportError``, ``if TYPE_CHECKING:``, another ``if``, ``with``, a function, the
  ``__main__`` block), and the dotted paths each module-level binding reaches: what the
  fixer needs to reuse an import or to add one where it cannot fail.
"""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from wscc.dotted import resolve_relative

#: Guards an import statement can sit under; ``None`` is an unconditional top-level import.
GUARD_TRY = "try"  # the body of a top-level ``try``
GUARD_TYPE_CHECKING = "TYPE_CHECKING"
GUARD_IF = "if"
GUARD_WITH = "with"
GUARD_FUNCTION = "function"
GUARD_MAIN = "__main__"
GUARD_OTHER = "other"  # a class body, a loop, ``except``/``else``/``finally`` blocks, ``match``


def qualnames_of_import(node: ast.Import | ast.ImportFrom, package: str | None = None) -> Iterator[tuple[str, str]]:
    """(local name, qualified name) for each name an import binds (not ``*``).  Relative
    imports need the importing module's ``package`` (``app.api`` for ``app/api/views.py``
    and for ``app/api/__init__.py``); without it, or beyond the top level, they bind nothing."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                yield alias.asname, alias.name
            else:
                root = alias.name.partition(".")[0]
                yield root, root
        return
    module = absolute_module(node, package)
    if module:
        for alias in node.names:
            if alias.name != "*":
                yield alias.asname or alias.name, f"{module}.{alias.name}"


def absolute_module(node: ast.ImportFrom, package: str | None) -> str | None:
    """The absolute module a ``from ... import`` reads from."""
    return resolve_relative(node.level, node.module, package)


def import_roots(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The top-level packages an import statement imports from (``*`` imports too)."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name.partition(".")[0]
    elif node.level == 0 and node.module:
        yield node.module.partition(".")[0]


def reachable_paths(node: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, dict[str, str]]]:
    """(local name, {dotted path: expression reaching it}) for each name bound.

    ``import a.b.c`` binds ``a`` and makes ``a.b`` and ``a.b.c`` reachable; a submodule
    never imported is not reachable through its package's binding."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                yield alias.asname, {alias.name: alias.asname}
            else:
                parts = alias.name.split(".")
                yield parts[0], {".".join(parts[: i + 1]): ".".join(parts[: i + 1]) for i in range(len(parts))}
    elif node.level == 0 and node.module:
        for alias in node.names:
            if alias.name != "*":
                local = alias.asname or alias.name
                yield local, {f"{node.module}.{alias.name}": local}


def star_imports(tree: ast.Module, package: str | None) -> list[str]:
    """The absolute modules the module's top-level ``from m import *`` statements read, in
    order (a later one's names win, as at run time)."""
    return [module for node in tree.body if isinstance(node, ast.ImportFrom)
            and any(alias.name == "*" for alias in node.names)
            for module in [absolute_module(node, package)] if module]


#: ``exported_names`` of a module whose ``__all__`` is not one literal list of strings.
UNKNOWN_EXPORTS = "unknown"


def exported_names(tree: ast.Module) -> list[str] | str | None:
    """The names ``from module import *`` binds, when the module says: its ``__all__``,
    assigned once at the top level to a literal list or tuple of strings and never
    changed; ``UNKNOWN_EXPORTS`` when ``__all__`` is built otherwise; ``None`` without
    one (then every public name is exported)."""
    assignments = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "__all__" and not isinstance(node.ctx, ast.Load):
            assignments.append(node)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "__all__":
            return UNKNOWN_EXPORTS  # __all__.append(...), __all__.extend(...)
    if not assignments:
        return None
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
        elif isinstance(statement, ast.AnnAssign):  # __all__: list[str] = [...]
            target = statement.target
        else:
            continue
        value = statement.value
        if (len(assignments) == 1 and target is assignments[0] and isinstance(value, (ast.List, ast.Tuple))
                and all(isinstance(item, ast.Constant) and isinstance(item.value, str) for item in value.elts)):
            return [item.value for item in value.elts]
    return UNKNOWN_EXPORTS


def statement_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, visiting statements only (not expressions): cheap."""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.stmt) or isinstance(node, (ast.ExceptHandler, ast.match_case)):
            for name in ("body", "orelse", "finalbody", "handlers", "cases"):
                stack.extend(getattr(node, name, ()))


@dataclass(frozen=True)
class ImportRecord:
    """One import statement and where it runs."""

    node: ast.Import | ast.ImportFrom
    #: ``None`` for an unconditional top-level import, else one of the ``GUARD_*`` names
    #: (the outermost guard).
    guard: str | None
    #: Index of the top-level statement holding it, and for ``GUARD_TRY`` its index in
    #: that ``try`` body.
    top_index: int
    block_index: int | None = None
    #: In a top-level ``try`` body whose handlers swallow a failed import (``except
    #: ImportError``, ``ModuleNotFoundError``, ``Exception``, ``BaseException``, bare
    #: ``except``): an import placed there may fail without a trace.
    silent: bool = False

    @property
    def roots(self) -> set[str]:
        return set(import_roots(self.node))


@dataclass(frozen=True)
class ImportBinding:
    """A module-level name bound by an import, and the dotted paths it reaches."""

    name: str
    paths: dict
    line: int
    #: ``None`` for a top-level import, or the index of the top-level ``try`` holding it.
    block: int | None
    index: int


def _is_type_checking(test: ast.expr) -> bool:
    name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", None)
    return name == "TYPE_CHECKING"


def _is_main_check(test: ast.expr) -> bool:
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators))


def _guard_of(statement: ast.stmt) -> str:
    if isinstance(statement, ast.If):
        if _is_type_checking(statement.test):
            return GUARD_TYPE_CHECKING
        return GUARD_MAIN if _is_main_check(statement.test) else GUARD_IF
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return GUARD_WITH
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return GUARD_FUNCTION
    return GUARD_OTHER


def _nested_imports(statement: ast.AST, guard: str, index: int) -> Iterator[ImportRecord]:
    stack: list[ast.AST] = [statement]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield ImportRecord(node, guard, index)
        elif isinstance(node, (ast.stmt, ast.ExceptHandler, ast.match_case)):
            for name in ("body", "orelse", "finalbody", "handlers", "cases"):
                stack.extend(getattr(node, name, ()))


#: Exception names whose handler also catches a failed import.
_IMPORT_ERROR_CATCHERS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def catches_import_error(statement: ast.Try) -> bool:
    """Does a handler of this ``try`` catch a failed import?"""
    for handler in statement.handlers:
        if any(isinstance(child, ast.Raise) for child in handler.body):
            continue  # the failure goes on: ``except ImportError: raise SystemExit(...)``
        if handler.type is None:
            return True
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        for caught in types:
            name = caught.attr if isinstance(caught, ast.Attribute) else getattr(caught, "id", None)
            if name is None or name in _IMPORT_ERROR_CATCHERS:
                return True  # an expression the model cannot name: assume it does
    return False


def _records(tree: ast.Module) -> Iterator[ImportRecord]:
    for index, statement in enumerate(tree.body):
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            yield ImportRecord(statement, None, index)
        elif isinstance(statement, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            silent = catches_import_error(statement)
            for inner_index, inner in enumerate(statement.body):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    yield ImportRecord(inner, GUARD_TRY, index, inner_index, silent=silent)
                else:
                    yield from _nested_imports(inner, _guard_of(inner), index)
            for part in (*statement.handlers, *statement.orelse, *statement.finalbody):
                yield from _nested_imports(part, GUARD_OTHER, index)
        else:
            yield from _nested_imports(statement, _guard_of(statement), index)


class ImportTable:
    """Every import of a module with its guard, and the module-level import bindings."""

    def __init__(self, tree: ast.Module, module_bindings: Counter, globals_declared: set[str]) -> None:
        self.records = list(_records(tree))
        self.bindings: dict[str, ImportBinding] = {}
        self._plain_imports: Counter = Counter()
        for record in self.records:
            if record.guard is None or record.guard == GUARD_TRY:
                block = None if record.guard is None else record.top_index
                index = record.top_index if record.guard is None else record.block_index
                self._bind(record.node, block, index, module_bindings, globals_declared)
        self.last_star_import = max(
            (r.node.lineno for r in self.records if isinstance(r.node, ast.ImportFrom)
             and any(alias.name == "*" for alias in r.node.names)),
            default=-1,
        )

    def roots_unconditional(self) -> set[str]:
        """Top-level packages imported unconditionally at the module's top level."""
        return {root for record in self.records if record.guard is None for root in record.roots}

    def guards_of(self, roots: set[str]) -> set[str | None]:
        """The guards under which the module imports any of the packages ``roots``
        (``None``: unconditionally at top level, or in a ``try`` that does not swallow
        a failed import)."""
        found: set[str | None] = set()
        for record in self.records:
            if record.roots & roots:
                unconditional = record.guard is None or (record.guard == GUARD_TRY and not record.silent)
                found.add(None if unconditional else record.guard)
        return found

    def only_for_type_checking(self, name: str) -> bool:
        """Is ``name`` bound by imports under ``if TYPE_CHECKING:`` and by no other import?
        (The object it names never exists at run time here.)"""
        guards = [record.guard for record in self.records
                  if any((alias.asname or alias.name.partition(".")[0]) == name for alias in record.node.names)]
        return bool(guards) and all(guard == GUARD_TYPE_CHECKING for guard in guards)

    def imported_modules(self) -> set[str]:
        """Every module some import statement names, anywhere in the module
        (``from a.b import c`` names ``a.b`` and, maybe, ``a.b.c``)."""
        found: set[str] = set()
        for record in self.records:
            node = record.node
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif node.level == 0 and node.module:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        return found

    @property
    def anchors(self) -> list[ImportRecord]:
        """Imports a new import may be placed after: top level, or a top-level ``try`` body."""
        return [record for record in self.records if record.guard in (None, GUARD_TRY)]

    def _bind(self, node, block, index, module_bindings: Counter, globals_declared: set[str]) -> None:
        for local, paths in reachable_paths(node):
            plain = isinstance(node, ast.Import) and local in paths
            line = node.lineno
            if plain:
                # ``import a`` and ``import a.b`` bind ``a`` to the same module: one binding.
                self._plain_imports[local] += 1
                earlier = self.bindings.get(local)
                if earlier is not None and local in earlier.paths:
                    paths = {**earlier.paths, **paths}
                    line = earlier.line
            count = module_bindings[local] - max(0, self._plain_imports[local] - 1)
            if count == 1 and local not in globals_declared:
                self.bindings[local] = ImportBinding(local, paths, line, block, index)
            else:
                self.bindings.pop(local, None)
