"""Laying out the edits of one file, before libcst is involved.

Each finding already carries its fix (``wscc.spelling``: the expression that replaces the
literal and the import it needs) or the reason it has none.  A plan places them: which
int literals (by their rank among the module's int literals in source order, per
top-level statement line) become which dotted names, and which imports are added or
extended.  ``rewrite`` applies it to the libcst tree; ``safety`` applies it to the
``ast`` and checks that both agree.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from wscc import noqa
from wscc.detector import Finding
from wscc.model import ModuleModel
from wscc.spelling import ERROR_RULE, LAZY_IMPORT, NEEDS_INT, NO_CONSTANT, NO_NAME, UNSAFE_NAME, ImportEdit

#: Why a finding was not rewritten (the keys of ``Plan.skipped``): ``wscc.spelling``'s
#: reasons, and these.
SUPPRESSED = "noqa"

__all__ = [
    "ERROR_RULE", "LAZY_IMPORT", "NEEDS_INT", "NO_CONSTANT", "NO_NAME", "SUPPRESSED", "UNSAFE_NAME",
    "Edit", "Group", "ImportEdit", "Plan", "PlanError", "int_literals", "plan_module", "statement_groups",
]


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


def int_literals(nodes: Iterable[ast.AST]) -> list[ast.Constant]:
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


def _skip_reason(finding: Finding) -> str:
    return finding.unfixable or UNSAFE_NAME


class Planner:
    def __init__(self, model: ModuleModel, lines: list[str], suppressions: noqa.Suppressions) -> None:
        self.model = model
        self.tree = model.tree
        self.lines = lines
        self.suppressions = suppressions
        self.statements = statement_groups(self.tree.body)
        self.plan = Plan(groups=_groups(self.statements, lines))
        self.ends = [group.end for group in self.plan.groups]
        #: Per group (as needed): id of each int literal -> its rank in the group.
        self.ranks: dict[int, dict[int, int]] = {}

    def add(self, finding: Finding) -> None:
        if self.suppressions.covers(finding.line, finding.code):
            self.plan.skipped[SUPPRESSED] += 1
            return
        if finding.fix is None:
            self.plan.skipped[_skip_reason(finding)] += 1
            return
        node = finding.node
        group = bisect.bisect_left(self.ends, node.lineno)
        group_rank = self._rank(group, node)
        if group_rank is None:
            self.plan.skipped[UNSAFE_NAME] += 1
            return
        unit, unit_rank = self._unit(node)
        self.plan.edits.append(Edit(node.lineno, node.col_offset, node.value, finding.fix.expression, finding.code,
                                    node.end_col_offset, group, group_rank, unit, unit_rank))
        import_edit = finding.fix.import_edit
        if import_edit is not None and import_edit not in self.plan.imports:
            self.plan.imports.append(import_edit)

    def _rank(self, group: int, node: ast.Constant) -> int | None:
        """The literal's rank among its top-level statement line's int literals."""
        if group >= len(self.ends):
            return None
        if group not in self.ranks:
            self.ranks[group] = {id(literal): rank for rank, literal in enumerate(int_literals(self.statements[group]))}
        return self.ranks[group].get(id(node))

    def _unit(self, node: ast.Constant) -> tuple[tuple[int, int] | None, int]:
        """The simple statement line of a nested block holding ``node`` (libcst then parses
        that instead of the whole top-level statement), if it starts its line and does not
        run on with a backslash: ((first line, last line), rank of ``node`` in it)."""
        parents = self.model.parents
        statement = parents.get(node)
        while statement is not None and not isinstance(statement, ast.stmt):
            statement = parents.get(statement)
        parent = parents.get(statement) if statement is not None else None
        if parent is None or parent is self.tree:
            return None, -1
        block = _block_holding(parent, statement)
        if block is None:
            return None, -1
        line = next(group for group in statement_groups(block) if any(child is statement for child in group))
        first, last = line[0], line[-1]
        if any(hasattr(child, "body") for child in line) or first.col_offset == 0 \
                or self.lines[first.lineno - 1][:first.col_offset].strip(" \t\f") \
                or self.lines[last.end_lineno - 1].endswith("\\"):
            return None, -1
        rank = next(rank for rank, literal in enumerate(int_literals(line)) if literal is node)
        return (first.lineno, last.end_lineno), rank


def _block_holding(parent: ast.AST, statement: ast.stmt) -> list[ast.stmt] | None:
    for name in ("body", "orelse", "finalbody"):
        block = getattr(parent, name, None)
        if isinstance(block, list) and any(child is statement for child in block):
            return block
    return None


def plan_module(model: ModuleModel, source: str, findings: Iterable[Finding]) -> Plan:
    """Place the fixes the findings carry; count the findings left alone, by reason."""
    # Split as Python does (``str.splitlines`` also splits on form feeds and others).
    lines = re.split(r"\r\n|\r|\n", source)
    findings = list(findings)
    suppressions = noqa.Suppressions(source)
    if not any(finding.fix is not None for finding in findings):
        plan = Plan()  # nothing to rename: no need for the statement layout
        for finding in findings:
            plan.skipped[SUPPRESSED if suppressions.covers(finding.line, finding.code) else _skip_reason(finding)] += 1
        return plan
    planner = Planner(model, lines, suppressions)
    for finding in findings:
        planner.add(finding)
    return planner.plan
