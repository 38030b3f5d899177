"""How a literal close code is written as a name in one module: the fix a finding carries.

For a finding with a ``Replacement`` (a library constant or a name the module defines),
``Speller.spell`` chooses the expression that names it at the literal's spot and the
import it needs, or says why there is none.  It runs once per module, in finding order,
so that a second literal reuses the import the first one adds.  The detector attaches the
result to each finding (``Finding.fix`` / ``Finding.unfixable``); ``wscc-fix`` only
applies it, and ``wscc --format json`` reports it as ``fix.available``.

Everything here is conservative: when a name could mean something else at the literal's
site, the literal is left alone and the reason given.
"""

from __future__ import annotations

import ast
import functools
import os
from dataclasses import dataclass

from wscc.floors import newer_than_floor
from wscc.model import ModuleModel
from wscc.model.imports import (GUARD_FUNCTION, GUARD_IF, GUARD_MAIN, GUARD_OTHER, GUARD_TRY,
                                GUARD_TYPE_CHECKING, GUARD_WITH, statement_imports)
from wscc.spec import ConstantSet, Library

#: Why a finding is not rewritten.
ERROR_RULE = "error rules (fix by hand)"
NO_CONSTANT = "no constant in that library"
NO_NAME = "no named constant for the code"
UNSAFE_NAME = "name not safe at that spot"
LAZY_IMPORT = "library imported only inside functions"
TYPE_CHECKING_IMPORT = "library imported only under TYPE_CHECKING"
CONDITIONAL_IMPORT = "library imported only under an if"
WITH_IMPORT = "library imported only inside a with block"
MAIN_IMPORT = "library imported only in the __main__ block"
NESTED_IMPORT = "library imported only in a class body, loop or except/else/finally block"
OPTIONAL_IMPORT = "library imported only where a failed import is caught"
DOUBLE_IMPORT = "module already imported where it cannot be reused"
NEEDS_INT = "library needs a plain int"
LITERAL_TYPE = "parameter typed Literal[...]"
BACKPORT = "the module's back-port lacks that member"

#: The reason for the guards a library is imported under (the first that applies).
_GUARD_REASONS = (
    (GUARD_TYPE_CHECKING, TYPE_CHECKING_IMPORT),
    (GUARD_TRY, OPTIONAL_IMPORT),
    (GUARD_FUNCTION, LAZY_IMPORT),
    (GUARD_MAIN, MAIN_IMPORT),
    (GUARD_WITH, WITH_IMPORT),
    (GUARD_IF, CONDITIONAL_IMPORT),
    (GUARD_OTHER, NESTED_IMPORT),
)

#: How many ``ws_<name>_<n>`` spellings are tried for a new import's name.
_MAX_FRESH_NAMES = 100


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
class Fix:
    """What replaces a literal: a dotted name, and the import it needs (if any)."""

    expression: str
    import_edit: ImportEdit | None = None


class Speller:
    """Chooses each literal's name in one module; remembers the imports it adds."""

    def __init__(self, model: ModuleModel) -> None:
        self.model = model
        self.tree = model.tree
        #: (module, name) -> (local name, line after which it is bound, its import edit).
        self.added: dict[tuple[str, str | None], tuple[str, int, ImportEdit]] = {}
        self.taken: set[str] = set(model.identifiers)

    def spell(self, node: ast.expr | None, replacement, library: Library | None) -> Fix | str:
        """The fix for the literal ``node``, or the reason there is none."""
        if not self._is_plain_literal(node):
            return UNSAFE_NAME
        if self._literal_typed_default(node):
            return LITERAL_TYPE
        if replacement.local_name:
            return self._local(replacement.local_name, node, library)
        constant_set, member = replacement.constant_set, replacement.member
        too_new = self._too_new(constant_set, member, replacement.display, library)
        if too_new:
            return too_new
        if constant_set.style == "self":
            expression = self._receiver_member(node, member)
            return Fix(expression) if expression else UNSAFE_NAME
        reused = self._reuse(constant_set, member, node)
        if reused is not None:
            return reused
        return self._import(constant_set, member, node, library)

    def _too_new(self, constant_set: ConstantSet, member: str, display: str, library: Library | None) -> str | None:
        """"X needs lib>=N (the project allows M)" when the project's floor for the
        library is older than the first release with the constant."""
        late = newer_than_floor(self.model.settings.floors, constant_set, member, library)
        return f"{display} needs {late[0]}>={late[1]} (the project allows {late[2]})" if late else None

    def _is_plain_literal(self, node: ast.expr | None) -> bool:
        """An int literal on one line (not split by a backslash), outside f-strings
        (whose positions are unreliable before Python 3.12)."""
        if not (isinstance(node, ast.Constant) and type(node.value) is int) or node.end_lineno != node.lineno:
            return False
        parent = self.model.parents.get(node)
        while parent is not None:
            if isinstance(parent, ast.JoinedStr):
                return False
            parent = self.model.parents.get(parent)
        return True

    def _literal_typed_default(self, node: ast.expr) -> bool:
        """Is ``node`` the default of a parameter typed ``Literal[...]``?  A constant
        there is a new type error, even when it equals the literal."""
        arguments = self.model.parents.get(node)
        if not isinstance(arguments, ast.arguments):
            return False
        positional = [*arguments.posonlyargs, *arguments.args]
        pairs = [*zip(positional[len(positional) - len(arguments.defaults):], arguments.defaults),
                 *zip(arguments.kwonlyargs, arguments.kw_defaults)]
        for arg, default in pairs:
            if default is node and arg.annotation is not None:
                return any(isinstance(part, ast.Subscript) and (self.model.qualname(part.value, self.model.scope) or "")
                           .endswith(".Literal") for part in ast.walk(arg.annotation)) \
                    or "Literal[" in ast.unparse(arg.annotation)
        return False

    def _local(self, name: str, node: ast.expr, library: Library | None) -> Fix | str:
        root = name.partition(".")[0]
        if library is not None and library.requires_plain_int and "." in name and self._maybe_enum(root):
            return NEEDS_INT  # autobahn and daphne refuse IntEnum members
        line = self.model.module_definition_line(root)
        if line is not None and "." in name:
            # A class's name is bound when its body has run: ``Codes.X`` inside the class
            # statement (a method default, a class attribute) is a NameError.
            line = max((s.end_lineno or s.lineno for s in self.tree.body
                        if isinstance(s, ast.ClassDef) and s.name == root), default=line)
        if line is None or not self.model.usable(root, line, node):
            return UNSAFE_NAME
        return Fix(name)

    def _maybe_enum(self, name: str) -> bool:
        """Might the class ``name``'s members be something other than plain ints?  Only a
        class without bases (or with ``object`` alone) is a plain namespace."""
        for statement in self.tree.body:
            if isinstance(statement, ast.ClassDef) and statement.name == name:
                return not all(isinstance(base, ast.Name) and base.id == "object" for base in statement.bases)
        return True  # not a plain class statement: assume the worst

    def _receiver_member(self, node: ast.expr, member: str) -> str | None:
        """``self.sendClose(1000)`` -> ``self.CLOSE_STATUS_CODE_NORMAL``: the constants are
        class attributes of the protocol the method is called on."""
        parent = self.model.parents.get(node)
        if isinstance(parent, ast.keyword):
            parent = self.model.parents.get(parent)
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) \
                and isinstance(parent.func.value, ast.Name):
            return f"{parent.func.value.id}.{member}"
        return None

    def _reuse(self, constant_set: ConstantSet, member: str, node: ast.AST) -> Fix | str | None:
        """A fix through an existing import; ``UNSAFE_NAME`` when the module has one but a
        local name hides it here (a second import of the same thing would be a duplicate,
        so the literal is left alone); ``None`` when no import reaches the constant."""
        containers = (constant_set.container, *constant_set.aliases, *constant_set.same_object_as)
        hidden = False
        for binding in self.model.import_table.bindings.values():
            expression = _through(binding.paths, containers, constant_set, member)
            if expression is None:
                continue
            if binding.block is not None and not _backport_has(self.tree.body[binding.block], binding.name,
                                                               expression, member):
                return BACKPORT
            if self.model.usable(binding.name, binding.line, node):
                return Fix(expression)
            hidden = True
        return UNSAFE_NAME if hidden else None

    def _fresh(self, preferred: str, private: bool = False) -> str | None:
        if preferred not in self.taken and not private:
            return preferred
        prefix = "_ws_" if private else "ws_"
        for n in range(1, _MAX_FRESH_NAMES):
            candidate = f"{prefix}{preferred}" if n == 1 else f"{prefix}{preferred}_{n}"
            if candidate not in self.taken:
                return candidate
        return None

    def _import(self, constant_set: ConstantSet, member: str, node: ast.AST, library: Library | None) -> Fix | str:
        target = _import_target(constant_set, member)
        if target is None:
            return UNSAFE_NAME
        module, name, preferred = target
        added = self.added.get((module, name))
        if added is None:
            added = self._add_import(module, name, preferred, node, library, constant_set, member)
            if isinstance(added, str):
                return added
        local, line, edit = added
        if not self.model.usable(local, line, node):
            return UNSAFE_NAME
        return Fix(local if constant_set.style == "member" else f"{local}.{member}", edit)

    def _add_import(self, module: str, name: str | None, preferred: str, node: ast.AST,
                    library: Library | None, constant_set: ConstantSet, member: str) -> tuple[str, int, ImportEdit] | str:
        where = self._anchor(module, library)
        if isinstance(where, str):
            return where
        if _imported_elsewhere(self.model.import_table.imported_modules(), constant_set, member):
            return DOUBLE_IMPORT
        block, anchor, merge = where
        local = self._fresh(preferred)
        if local is not None and self._would_shadow(local):
            local = self._fresh(preferred, private=True)
        line = self._anchor_line(block, anchor)
        if local is None or not self.model.usable(local, line, node):
            return UNSAFE_NAME  # no free name, or the import would come after the literal runs
        self.taken.add(local)
        lines = (0, 0)
        if merge:
            statement = self.tree.body[anchor]
            lines = (statement.lineno, statement.end_lineno or statement.lineno)
        edit = ImportEdit("merge" if merge else "insert", block, anchor, module, name,
                          None if local == preferred else local, lines)
        added = self.added[(module, name)] = (local, line, edit)
        return added

    def _would_shadow(self, name: str) -> bool:
        """Would a new public ``name`` here replace something of the package: a sibling
        submodule (in an ``__init__.py``), or the package's own ``name`` (in a module
        the package re-exports with ``*`` and no ``__all__``)?"""
        path = self.model.settings.path
        if not path or name.startswith("_") or path == "-" or not path.endswith(".py"):
            return False
        folder, base = os.path.split(os.path.abspath(path))
        if base == "__init__.py":
            return os.path.exists(os.path.join(folder, f"{name}.py")) or os.path.isdir(os.path.join(folder, name))
        return "__all__" not in self.model.scope.assigned and base[:-3] in _star_exported(folder)

    def _anchor_line(self, block: int | None, anchor: int) -> int:
        body = self.tree.body if block is None else self.tree.body[block].body
        return body[anchor].end_lineno if anchor >= 0 else 0

    def _anchor(self, module: str, library: Library | None) -> tuple[int | None, int, bool] | str:
        """Where the import of ``module`` goes: (block, statement index, merge?), or why nowhere.

        Never where a failed import is swallowed, and never an unconditional import of a
        package the module imports only under a guard (``TYPE_CHECKING``, ``if``,
        ``with``, a function, the ``__main__`` block, a ``try`` catching ``ImportError``):
        the module would then need a dependency it treats as optional."""
        table = self.model.import_table
        roots = ({module.partition(".")[0]}, set(library.imports) if library else set())
        guarded = _guard_reason(table.guards_of(roots[0])) or _guard_reason(table.guards_of(roots[1]))
        if guarded:
            return guarded
        anchors = [record for record in table.anchors if not record.silent]
        top = [record for record in anchors if record.block_index is None]
        found = _merge_target(top, module) or self._after_import_of(top, anchors, roots)
        if found is not None:
            return found
        if top:
            return None, _line_end(self.tree.body, top[-1].top_index), False
        return None, self._after_docstring(), False

    def _after_import_of(self, top: list, anchors: list, roots: tuple[set, set]) -> tuple[int | None, int, bool] | None:
        """After the last import of the package (else of the library), at top level
        first, then inside a top-level ``try`` that is the only place importing it."""
        for wanted in roots:
            matching = [record.top_index for record in top if record.roots & wanted]
            if matching:
                return None, _line_end(self.tree.body, matching[-1]), False
        for wanted in roots:
            matching = [record for record in anchors if record.block_index is not None and record.roots & wanted]
            if matching:
                block, index = matching[-1].top_index, matching[-1].block_index
                return block, _line_end(self.tree.body[block].body, index), False
        return None

    def _after_docstring(self) -> int:
        body = self.tree.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            return _line_end(body, 0)
        return -1


@functools.lru_cache(maxsize=256)
def _star_exported(folder: str) -> frozenset[str]:
    """The sibling modules a package's ``__init__.py`` re-exports with ``*``."""
    try:
        with open(os.path.join(folder, "__init__.py"), "rb") as stream:
            tree = ast.parse(stream.read())
    except (OSError, SyntaxError, ValueError):
        return frozenset()
    package = os.path.basename(folder)
    found = set()
    for node in statement_imports(tree):
        if isinstance(node, ast.ImportFrom) and node.module and any(a.name == "*" for a in node.names):
            head, _, last = node.module.rpartition(".")
            if node.level == 1 and not head or node.level == 0 and head.rpartition(".")[2] == package:
                found.add(last)
    return frozenset(found)


def _backport_has(statement: ast.stmt, name: str, expression: str, member: str) -> bool:
    """``try: from lib import Codes`` / ``except ImportError: class Codes: ...``: does the
    module's own stand-in for ``name`` (if it has one) define what the fix would use?"""
    if expression.partition(".")[0] != name:
        return True
    for handler in getattr(statement, "handlers", ()):
        for child in ast.walk(handler):
            if isinstance(child, ast.ClassDef) and child.name == name:
                return member in {n for s in child.body for n in _assigned_names(s)}
            if isinstance(child, (ast.Assign, ast.AnnAssign, ast.Import, ast.ImportFrom)) and name in _assigned_names(child):
                # ``Codes = None``: the code using it fails anyway without the library;
                # any other stand-in is unknown.
                value = getattr(child, "value", None)
                return isinstance(value, ast.Constant) and value.value is None
    return True


def _assigned_names(statement: ast.stmt) -> set[str]:
    if isinstance(statement, ast.Assign):
        return {t.id for t in statement.targets if isinstance(t, ast.Name)}
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return {statement.target.id}
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return {alias.asname or alias.name.partition(".")[0] for alias in statement.names}
    return set()


def _guard_reason(guards: set[str | None]) -> str | None:
    """Why no new import may be added for a package imported under these guards only."""
    if not guards or None in guards:
        return None
    for guard, reason in _GUARD_REASONS:
        if guard in guards:
            return reason
    return CONDITIONAL_IMPORT


def _merge_target(top: list, module: str) -> tuple[None, int, bool] | None:
    """A top-level ``from <module> import ...`` (not ``*``) to add the name to."""
    for record in top:
        statement = record.node
        if (isinstance(statement, ast.ImportFrom) and statement.level == 0
                and statement.module == module and all(a.name != "*" for a in statement.names)):
            return None, record.top_index, True
    return None


def _through(paths: dict, containers: tuple[str, ...], constant_set: ConstantSet, member: str) -> str | None:
    """The expression reaching ``member`` through one import binding's paths, if any."""
    for container in containers:
        if f"{container}.{member}" in paths:
            return paths[f"{container}.{member}"]
    for container in containers:
        if container in paths:
            return f"{paths[container]}.{member}"
    # One attribute hop from the documented import module (``import aiohttp`` ->
    # ``aiohttp.WSCloseCode``); aliases may not exist in every version.
    # A submodule is never reachable that way (``import starlette.websockets`` does not
    # make ``starlette.status`` an attribute of ``starlette``).
    hop_module, _, hop_name = constant_set.container.rpartition(".")
    if constant_set.style == "container" and constant_set.reachable_from_parent and hop_module in paths:
        return f"{paths[hop_module]}.{hop_name}.{member}"
    return None


def _imported_elsewhere(imported: set[str], constant_set: ConstantSet, member: str) -> bool:
    """Does some import (one that cannot be reused here) already name what the new
    import would bind?  A second import of it under another name is not added."""
    containers = (constant_set.container, *constant_set.aliases, *constant_set.same_object_as)
    if constant_set.style == "member":
        return any(f"{container}.{member}" in imported for container in containers)
    return any(container in imported for container in containers)


def _import_target(constant_set: ConstantSet, member: str) -> tuple[str, str | None, str] | None:
    """(module, imported name or ``None``, preferred local name) of the import a constant needs."""
    if constant_set.style == "module":
        if "." in constant_set.container:
            return None  # ``import a.b`` would bind ``a``; no such set exists today
        return constant_set.container, None, constant_set.container
    if constant_set.style == "member":
        return constant_set.container, member, member
    module, _, name = constant_set.container.rpartition(".")
    return module, name, name


def _line_end(body: list[ast.stmt], index: int) -> int:
    """Statements joined by ``;`` share a line: insert after the last of them."""
    while index + 1 < len(body) and body[index + 1].lineno == body[index].end_lineno:
        index += 1
    return index
