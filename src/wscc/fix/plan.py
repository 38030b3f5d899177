"""Deciding every edit of one file from its ``ast``, before libcst is involved.

A plan says which int literals (by their rank among the module's int literals in
source order) become which dotted names, and which imports are added or extended.
``rewrite`` applies it to the libcst tree; ``safety`` applies it to the ``ast`` and
checks that both agree.  Everything here is conservative: when a name could mean
something else at the literal's site, the literal is left alone and counted.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from wscc import noqa
from wscc.detector import Finding, Replacement, child_fields
from wscc.libraries import BY_NAME
from wscc.spec import ConstantSet

#: Why a finding was not rewritten (the keys of ``Plan.skipped``).
ERROR_RULE = "error rules (fix by hand)"
NO_CONSTANT = "no constant in that library"
NO_NAME = "no named constant for the code"
UNSAFE_NAME = "name not safe at that spot"
LAZY_IMPORT = "library imported only inside functions"
NEEDS_INT = "library needs a plain int"
SUPPRESSED = "noqa"

HIDDEN = "<hidden>"

#: Containers that are one object under two names: ``fastapi.status`` is
#: ``starlette.status``, so either binding may be reused for the other's members.
EQUIVALENT_CONTAINERS = {
    "fastapi.status": ("starlette.status",),
    "starlette.status": ("fastapi.status",),
}

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


@dataclass(frozen=True)
class Edit:
    """One literal to rename."""

    line: int
    col: int  # UTF-8 byte offsets, as in ``ast``
    value: int
    expression: str  # a dotted name
    code: str
    end_col: int = -1
    #: The top-level statement line (libcst ``Module.body`` element) holding the literal,
    #: and the literal's rank inside it.
    group: int = -1
    group_rank: int = -1
    #: A smaller piece libcst can parse alone, if there is one: the simple statement line
    #: of a nested block holding the literal (first and last line, indented), and the
    #: literal's rank inside it.
    unit: tuple[int, int] | None = None
    unit_rank: int = -1


@dataclass(frozen=True)
class ImportEdit:
    """``merge``: add ``name [as asname]`` to the ``from`` import at ``anchor``;
    ``insert``: a new import statement after the statement at ``anchor`` (-1: first).

    ``block`` is ``None`` for the module body, or the index of a top-level ``try``
    statement whose body holds the anchor (the library is imported only there).
    Indices count ``ast`` statements (``import a; import b`` is two)."""

    kind: str
    block: int | None
    anchor: int
    module: str
    name: str | None  # ``None``: ``import module [as asname]``
    asname: str | None
    #: First and last line of the statement a merge extends (for the layout check).
    lines: tuple[int, int] = (0, 0)

    @property
    def statement(self) -> str:
        alias = f" as {self.asname}" if self.asname else ""
        if self.name is None:
            return f"import {self.module}{alias}"
        return f"from {self.module} import {self.name}{alias}"


@dataclass(frozen=True)
class Group:
    """A top-level statement line as libcst sees it (one ``Module.body`` element)."""

    first: int  # index of its first ``ast`` statement
    start: int  # first line of its text: the line after the previous group (its comments, decorators)
    end: int  # its last line


@dataclass
class Plan:
    #: The module's top-level statement lines, in order.
    groups: list[Group] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    imports: list[ImportEdit] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)

    def by_group(self) -> dict[int, tuple[list[Edit], list[ImportEdit]]]:
        """The edits and import edits of each group that changes, by group number."""
        firsts = [group.first for group in self.groups]
        found: dict[int, tuple[list[Edit], list[ImportEdit]]] = {}
        for edit in self.edits:
            found.setdefault(edit.group, ([], []))[0].append(edit)
        for edit in self.imports:
            index = edit.anchor if edit.block is None else edit.block
            number = max(0, bisect.bisect_right(firsts, index) - 1)  # anchor -1: the first group
            found.setdefault(number, ([], []))[1].append(edit)
        return found


class PlanError(Exception):
    """The file's layout is one the planner does not handle; one-line message."""


# --------------------------------------------------------------------------- names


def _binding_names(node: ast.AST) -> Iterator[str]:
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


def _scope_children(node: ast.AST) -> Iterator[ast.AST]:
    """Every node evaluated in ``node``'s own scope (not inside nested functions or
    classes, whose names are still yielded).  Comprehension targets are included:
    over-approximating only makes the planner choose a fresh name."""
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


def _scope_bindings(node: ast.AST) -> Counter:
    names: Counter = Counter()
    if isinstance(node, _FUNCTIONS):
        args = node.args
        for arg in (*args.posonlyargs, *args.args, args.vararg, *args.kwonlyargs, args.kwarg):
            if arg is not None:
                names[arg.arg] += 1
    for child in _scope_children(node):
        if isinstance(child, ast.arg):
            continue  # a nested function's parameters
        for name in _binding_names(child):
            names[name] += 1
    return names


# --------------------------------------------------------------------------- imports


@dataclass(frozen=True)
class Binding:
    """A module-level name bound by an import, and the dotted paths it reaches."""

    name: str
    paths: dict  # qualified dotted path -> expression reaching it
    line: int
    block: int | None  # as in ImportEdit
    index: int


def _import_paths(node: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, dict]]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                yield alias.asname, {alias.name: alias.asname}
            else:
                # ``import a.b.c`` binds ``a`` and makes ``a.b`` and ``a.b.c`` reachable.
                parts = alias.name.split(".")
                yield parts[0], {".".join(parts[: i + 1]): ".".join(parts[: i + 1]) for i in range(len(parts))}
    elif node.level == 0 and node.module:
        for alias in node.names:
            if alias.name != "*":
                local = alias.asname or alias.name
                yield local, {f"{node.module}.{alias.name}": local}


def _root(node: ast.Import | ast.ImportFrom) -> set[str]:
    if isinstance(node, ast.Import):
        return {alias.name.partition(".")[0] for alias in node.names}
    return {node.module.partition(".")[0]} if node.level == 0 and node.module else set()


#: Node classes ``_binding_names`` finds names in, besides ``Name``.
_BINDERS = frozenset({
    ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom, ast.ExceptHandler,
    ast.Global, ast.Nonlocal, ast.MatchAs, ast.MatchStar, ast.MatchMapping, ast.arg,
})


class ModuleFacts:
    """What the planner needs to know about a module, gathered once."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.parents: dict[ast.AST, ast.AST] = {}
        #: Every identifier bound or used anywhere: a new import must avoid all of them.
        self.identifiers: set[str] = set()
        self.globals_declared: set[str] = set()
        every_import: list[ast.Import | ast.ImportFrom] = []
        parents, stack = self.parents, [tree]
        while stack:  # every node once (in no particular order); much cheaper than ast.walk
            node = stack.pop()
            cls = type(node)
            if cls is ast.Name:
                self.identifiers.add(node.id)
                continue
            if cls in _BINDERS:
                self.identifiers.update(_binding_names(node))
                if cls is ast.Global:
                    self.globals_declared.update(node.names)
                elif cls is ast.Import or cls is ast.ImportFrom:
                    every_import.append(node)
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
        module_bindings = _scope_bindings(tree)
        # Fallback bindings in ``except`` handlers of a top-level ``try`` do not count.
        for statement in tree.body:
            if isinstance(statement, (ast.Try, getattr(ast, "TryStar", ast.Try))):
                for handler in statement.handlers:
                    for child in _scope_children(handler):
                        if not isinstance(child, ast.arg):
                            for name in _binding_names(child):
                                module_bindings[name] -= 1
        self.bindings: dict[str, Binding] = {}
        self._plain_imports: Counter = Counter()
        #: (block, index, roots) of every import the planner may anchor to.
        self.imports: list[tuple[int | None, int, set[str], ast.stmt]] = []
        for index, statement in enumerate(tree.body):
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                self._add_import(statement, None, index, module_bindings)
            elif isinstance(statement, ast.Try):
                for inner_index, inner in enumerate(statement.body):
                    if isinstance(inner, (ast.Import, ast.ImportFrom)):
                        self._add_import(inner, index, inner_index, module_bindings)
        self._scope_cache: dict[ast.AST, Counter] = {}
        self.lazy_roots = {root for node in every_import if self._in_function(node) for root in _root(node)}
        self.last_star_import = max(
            (node.lineno for node in every_import if isinstance(node, ast.ImportFrom)
             and any(alias.name == "*" for alias in node.names)),
            default=-1,
        )

    def _in_function(self, node: ast.AST) -> bool:
        parent = self.parents.get(node)
        while parent is not None:
            if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return True
            parent = self.parents.get(parent)
        return False

    def _add_import(self, node, block, index, module_bindings: Counter) -> None:
        self.imports.append((block, index, _root(node), node))
        for local, paths in _import_paths(node):
            plain = isinstance(node, ast.Import) and local in paths
            if plain:
                # ``import a`` and ``import a.b`` bind ``a`` to the same module: one binding.
                self._plain_imports[local] += 1
                earlier = self.bindings.get(local)
                if earlier is not None and local in earlier.paths:
                    paths = {**earlier.paths, **paths}
                    node = earlier
            count = module_bindings[local] - max(0, self._plain_imports[local] - 1)
            if count == 1 and local not in self.globals_declared:
                line = node.line if isinstance(node, Binding) else node.lineno
                self.bindings[local] = Binding(local, paths, line, block, index)
            else:
                self.bindings.pop(local, None)

    def bindings_of(self, scope: ast.AST) -> Counter:
        cached = self._scope_cache.get(scope)
        if cached is None:
            cached = self._scope_cache[scope] = _scope_bindings(scope)
        return cached

    def site(self, node: ast.AST) -> tuple[list[ast.AST], bool]:
        """The scopes enclosing ``node`` whose names could hide a module-level name,
        and whether ``node`` runs when the module is imported (not in a function body)."""
        scopes: list[ast.AST] = []
        at_import_time = True
        child, parent = node, self.parents.get(node)
        while parent is not None:
            if isinstance(parent, _FUNCTIONS):
                body = [parent.body] if isinstance(parent, ast.Lambda) else parent.body
                if child in body:
                    scopes.append(parent)
                    at_import_time = False
            elif isinstance(parent, ast.ClassDef):
                if child in parent.body and at_import_time:
                    scopes.append(parent)
            elif isinstance(parent, _COMPREHENSIONS):
                scopes.append(parent)
            child, parent = parent, self.parents.get(parent)
        return scopes, at_import_time

    def hidden(self, name: str, node: ast.AST) -> bool:
        scopes, _ = self.site(node)
        for scope in scopes:
            if isinstance(scope, _COMPREHENSIONS):
                if name in {n for gen in scope.generators for t in ast.walk(gen.target) for n in _binding_names(t)}:
                    return True
            elif self.bindings_of(scope)[name]:
                return True
        return False

    def usable(self, name: str, defined_line: int, node: ast.AST) -> bool:
        """Can ``name`` (bound at module level on ``defined_line``) be used at ``node``?"""
        if defined_line <= self.last_star_import:
            return False  # a later ``from x import *`` may rebind it
        if self.hidden(name, node):
            return False
        _, at_import_time = self.site(node)
        return not at_import_time or defined_line < node.lineno

    def module_definition_line(self, name: str) -> int | None:
        """The line of the first module-level statement binding ``name``."""
        for statement in self.tree.body:
            nested = isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            for child in [statement] if nested else [statement, *_scope_children(statement)]:
                if not isinstance(child, ast.arg) and name in _binding_names(child):
                    return statement.lineno
        return None


# --------------------------------------------------------------------------- planning


def statement_groups(body: list[ast.stmt]) -> list[list[ast.stmt]]:
    """Statements as libcst groups them: ``a = 1; b = 2`` is one line, one element."""
    groups: list[list[ast.stmt]] = []
    for statement in body:
        if groups and statement.lineno == groups[-1][-1].end_lineno:
            groups[-1].append(statement)
        else:
            groups.append([statement])
    return groups


def _int_literals(nodes: Iterable[ast.AST]) -> list[ast.Constant]:
    """Int literals outside f-strings (their positions are unreliable before Python 3.12,
    and libcst's ranks must line up with these), in source order."""
    found = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Constant):
            if type(node.value) is int:
                found.append(node)
        elif not isinstance(node, ast.JoinedStr):
            stack.extend(ast.iter_child_nodes(node))
    found.sort(key=lambda node: (node.lineno, node.col_offset))
    return found


def _groups(statements: list[list[ast.stmt]], lines: list[str]) -> list[Group]:
    """Each group's text runs on over lines joined to its last one by a backslash (libcst
    cannot parse it without them), but never into the next group's first line."""
    groups, first, end = [], 0, 0
    for number, group in enumerate(statements):
        start, end = end + 1, group[-1].end_lineno
        if number + 1 < len(statements):
            following = statements[number + 1][0]
            limit = min([following.lineno, *(d.lineno for d in getattr(following, "decorator_list", ()))])
        else:
            limit = len(lines) + 1
        while end + 1 < limit and lines[end - 1].endswith("\\"):
            end += 1
        groups.append(Group(first, start, end))
        first += len(group)
    return groups


def fixable(finding: Finding) -> bool:
    replacement = finding.replacement
    if replacement is None:
        return False
    if finding.code == "WSC201":
        return replacement.constant_set is not None and replacement.member is not None
    return finding.code in ("WSC202", "WSC203") and replacement.local_name is not None


def classify(finding: Finding) -> str:
    """Why a finding with no usable replacement is left alone."""
    if finding.code.startswith("WSC1"):
        return ERROR_RULE
    if finding.code == "WSC202":
        return NO_CONSTANT
    return NO_NAME


class Planner:
    def __init__(self, tree: ast.Module, lines: list[str], suppressions: noqa.Suppressions) -> None:
        self.tree = tree
        self.lines = lines
        self.suppressions = suppressions
        self.facts = ModuleFacts(tree)
        self.statements = statement_groups(tree.body)
        self.plan = Plan(groups=_groups(self.statements, lines))
        self.ends = [group.end for group in self.plan.groups]
        #: Per group (as needed): (line, col) of each int literal -> (literal, rank in group).
        self.literals: dict[int, dict[tuple[int, int], tuple[ast.Constant, int]]] = {}
        #: (module, name) -> (local name, line after which it is bound) of an added import.
        self.added: dict[tuple[str, str | None], tuple[str, int]] = {}
        self.taken: set[str] = set(self.facts.identifiers)
        #: Why the last ``_expression`` gave up.
        self.why = UNSAFE_NAME

    def add(self, finding: Finding, replacement: Replacement | None = None) -> None:
        replacement = replacement or finding.replacement
        if self.suppressions.covers(finding.line, finding.code):
            self.plan.skipped[SUPPRESSED] += 1
            return
        group = bisect.bisect_left(self.ends, finding.line)
        if group < len(self.ends) and group not in self.literals:
            self.literals[group] = {(node.lineno, node.col_offset): (node, rank) for rank, node
                                    in enumerate(_int_literals(self.statements[group]))}
        position = self.literals.get(group, {}).get((finding.line, finding.col))
        if position is None or replacement is None:
            self.plan.skipped[UNSAFE_NAME if position is None else classify(finding)] += 1
            return
        node, group_rank = position
        if node.end_lineno != node.lineno:  # a literal split by a backslash: leave it
            self.plan.skipped[UNSAFE_NAME] += 1
            return
        self.why = UNSAFE_NAME
        expression = self._expression(replacement, node, BY_NAME.get(finding.library))
        if expression is None:
            self.plan.skipped[self.why] += 1
            return
        unit, unit_rank = self._unit(node)
        self.plan.edits.append(Edit(finding.line, finding.col, node.value, expression, finding.code,
                                    node.end_col_offset, group, group_rank, unit, unit_rank))

    def _unit(self, node: ast.Constant) -> tuple[tuple[int, int] | None, int]:
        """The simple statement line of a nested block holding ``node`` (libcst then parses
        that instead of the whole top-level statement), if it starts its line and does not
        run on with a backslash: ((first line, last line), rank of ``node`` in it)."""
        statement = self.facts.parents.get(node)
        while statement is not None and not isinstance(statement, ast.stmt):
            statement = self.facts.parents.get(statement)
        parent = self.facts.parents.get(statement) if statement is not None else None
        if parent is None or parent is self.tree:
            return None, -1
        for name in ("body", "orelse", "finalbody"):
            block = getattr(parent, name, None)
            if isinstance(block, list) and any(child is statement for child in block):
                break
        else:
            return None, -1
        line = next(group for group in statement_groups(block) if any(child is statement for child in group))
        first, last = line[0], line[-1]
        if any(hasattr(child, "body") for child in line) or first.col_offset == 0 \
                or self.lines[first.lineno - 1][:first.col_offset].strip(" \t\f") \
                or self.lines[last.end_lineno - 1].endswith("\\"):
            return None, -1
        rank = next(rank for rank, literal in enumerate(_int_literals(line)) if literal is node)
        return (first.lineno, last.end_lineno), rank

    # ---- choosing the expression

    def _expression(self, replacement: Replacement, node: ast.Constant, library) -> str | None:
        if replacement.local_name:
            root = replacement.local_name.partition(".")[0]
            if library is not None and library.requires_plain_int and "." in replacement.local_name \
                    and self._enum_class(root):
                self.why = NEEDS_INT  # autobahn and daphne refuse IntEnum members
                return None
            line = self.facts.module_definition_line(root)
            if line is None or not self.facts.usable(root, line, node):
                return None
            return replacement.local_name
        constant_set, member = replacement.constant_set, replacement.member
        if constant_set.style == "self":
            return self._receiver_member(node, member)
        reused = self._reuse(constant_set, member, node)
        if reused is HIDDEN:
            return None
        if reused:
            return reused
        return self._import(constant_set, member, node, library)

    def _enum_class(self, name: str) -> bool:
        for statement in self.tree.body:
            if isinstance(statement, ast.ClassDef) and statement.name == name:
                return any(
                    (base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")).endswith(("Enum", "Flag"))
                    for base in statement.bases
                )
        return True  # not a plain class statement: assume the worst

    def _receiver_member(self, node: ast.Constant, member: str) -> str | None:
        """``self.sendClose(1000)`` -> ``self.CLOSE_STATUS_CODE_NORMAL``: the constants are
        class attributes of the protocol the method is called on."""
        parent = self.facts.parents.get(node)
        if isinstance(parent, ast.keyword):
            parent = self.facts.parents.get(parent)
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) \
                and isinstance(parent.func.value, ast.Name):
            return f"{parent.func.value.id}.{member}"
        return None

    def _reuse(self, constant_set: ConstantSet, member: str, node: ast.AST) -> str | None:
        """An expression through an existing import; ``HIDDEN`` when the module has one
        but a local name hides it here (a second import of the same thing would be a
        duplicate, so the literal is left alone)."""
        containers = (constant_set.container, *constant_set.aliases,
                      *EQUIVALENT_CONTAINERS.get(constant_set.container, ()))
        # One attribute hop from the documented import module (``import aiohttp`` ->
        # ``aiohttp.WSCloseCode``); aliases may not exist in every version.
        hop_module, _, hop_name = constant_set.container.rpartition(".")
        hidden = False
        for binding in self.facts.bindings.values():
            expression = None
            for container in containers:
                if f"{container}.{member}" in binding.paths:
                    expression = binding.paths[f"{container}.{member}"]
                    break
            else:
                for container in containers:
                    if container in binding.paths:
                        expression = f"{binding.paths[container]}.{member}"
                        break
                else:
                    if constant_set.style == "container" and hop_module in binding.paths:
                        expression = f"{binding.paths[hop_module]}.{hop_name}.{member}"
            if expression is None:
                continue
            if self.facts.usable(binding.name, binding.line, node):
                return expression
            hidden = True
        return HIDDEN if hidden else None

    def _fresh(self, preferred: str) -> str:
        if preferred not in self.taken:
            return preferred
        for n in range(1, 100):
            candidate = f"ws_{preferred}" if n == 1 else f"ws_{preferred}_{n}"
            if candidate not in self.taken:
                return candidate
        raise PlanError(f"no free name for {preferred}")

    def _import(self, constant_set: ConstantSet, member: str, node: ast.AST, library) -> str | None:
        if constant_set.style == "module":
            if "." in constant_set.container:
                return None  # ``import a.b`` would bind ``a``; no such set exists today
            module, name, preferred = constant_set.container, None, constant_set.container
        elif constant_set.style == "member":
            module, name, preferred = constant_set.container, member, member
        else:
            module, _, name = constant_set.container.rpartition(".")
            preferred = name
        key = (module, name)
        added = self.added.get(key)
        if added is None:
            where = self._anchor(module, library)
            if where is None:
                return None
            block, anchor, merge = where
            local = self._fresh(preferred)
            line = self._anchor_line(block, anchor)
            if not self.facts.usable(local, line, node):
                return None  # the import would come after the literal runs
            added = self.added[key] = (local, line)
            self.taken.add(local)
            asname = None if local == preferred else local
            lines = (0, 0)
            if merge:
                statement = self.tree.body[anchor]
                lines = (statement.lineno, statement.end_lineno or statement.lineno)
            self.plan.imports.append(ImportEdit("merge" if merge else "insert", block, anchor, module, name, asname, lines))
        local, line = added
        if not self.facts.usable(local, line, node):
            return None
        return local if constant_set.style == "member" else f"{local}.{member}"

    def _anchor_line(self, block: int | None, anchor: int) -> int:
        body = self.tree.body if block is None else self.tree.body[block].body
        return body[anchor].end_lineno if anchor >= 0 else 0

    def _anchor(self, module: str, library) -> tuple[int | None, int, bool] | None:
        """Where the import of ``module`` goes: (block, statement index, merge?)."""
        root = module.partition(".")[0]
        library_roots = set(library.imports) if library else set()
        top = [(i, roots, s) for b, i, roots, s in self.facts.imports if b is None]
        for statement_index, _, statement in top:
            if (isinstance(statement, ast.ImportFrom) and statement.level == 0
                    and statement.module == module and all(a.name != "*" for a in statement.names)):
                return None, statement_index, True
        for wanted in ({root}, library_roots):
            matching = [i for i, roots, _ in top if roots & wanted]
            if matching:
                return None, self._line_end(self.tree.body, matching[-1]), False
        for wanted in ({root}, library_roots):
            matching = [(b, i) for b, i, roots, _ in self.facts.imports if b is not None and roots & wanted]
            if matching:
                block, index = matching[-1]
                return block, self._line_end(self.tree.body[block].body, index), False
        if self.facts.lazy_roots & ({root} | library_roots):
            # ``import x`` inside a function marks an optional dependency: a module-level
            # import would make the whole module fail without it.
            self.why = LAZY_IMPORT
            return None
        if top:
            return None, self._line_end(self.tree.body, top[-1][0]), False
        body = self.tree.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            return None, self._line_end(body, 0), False
        return None, -1, False

    @staticmethod
    def _line_end(body: list[ast.stmt], index: int) -> int:
        """Statements joined by ``;`` share a line: insert after the last of them."""
        while index + 1 < len(body) and body[index + 1].lineno == body[index].end_lineno:
            index += 1
        return index


def plan_module(tree: ast.Module, source: str, findings: Iterable[Finding],
                fallback=None) -> Plan:
    # Split as Python does (``str.splitlines`` also splits on form feeds and others).
    lines = re.split(r"\r\n|\r|\n", source)
    findings = list(findings)
    suppressions = noqa.Suppressions(source)
    if not any(fixable(f) or (fallback is not None and f.code in ("WSC202", "WSC203")) for f in findings):
        plan = Plan()  # nothing to rename: no need for the module facts
        for finding in findings:
            plan.skipped[SUPPRESSED if suppressions.covers(finding.line, finding.code) else classify(finding)] += 1
        return plan
    planner = Planner(tree, lines, suppressions)
    for finding in findings:
        named = fallback.replacement(finding) if fallback is not None and finding.code in (
            "WSC202", "WSC203") and not fixable(finding) else None
        if fixable(finding):
            planner.add(finding)
        elif named is not None:
            planner.add(finding, named)
        elif finding.code.startswith("WSC2") or finding.code.startswith("WSC1"):
            if suppressions.covers(finding.line, finding.code):
                planner.plan.skipped[SUPPRESSED] += 1
            else:
                planner.plan.skipped[classify(finding)] += 1
    return planner.plan
