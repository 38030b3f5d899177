"""Safe mode: the rewritten source must parse to exactly the tree the plan predicts.

The plan is applied a second time, independently, to the input's ``ast`` (literals
replaced by the planned names, imports added or extended); the result must equal the
``ast`` of the rewritten text, positions ignored.  Anything else libcst changed, or a
literal renamed in the wrong place, makes the trees differ.  (Top-level statements the
plan does not touch are compared by their text, which is stricter and much cheaper.)
"""

from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass

from wscc.files import lines_with_endings
from wscc.fix.plan import ImportEdit, Plan, int_literals, statement_groups


class UnsafeRewrite(Exception):
    """The rewrite changed more than intended; one-line message."""


def _expected(tree: ast.Module, plan: Plan) -> tuple[ast.Module, set[int]]:
    """The planned tree, and the ids of its top-level statements the plan touches (edited,
    extended or added); the others are the input's own, unchanged."""
    groups = statement_groups(tree.body)
    touched = plan.by_group()
    replacements = {}
    for number, (edits, _) in touched.items():
        literals = int_literals(groups[number])
        replacements.update({id(literals[edit.group_rank]): edit.expression for edit in edits})

    class Replace(ast.NodeTransformer):
        def visit_Constant(self, node: ast.Constant) -> ast.AST:
            expression = replacements.get(id(node))
            if expression is None:
                return node
            return ast.parse(expression, mode="eval").body

    replace, ids = Replace(), set()
    for number in touched:
        for statement in groups[number]:
            replace.visit(statement)
            ids.add(id(statement))

    def apply(body: list[ast.stmt], edits: list[ImportEdit]) -> None:
        inserts: dict[int, list[ast.stmt]] = {}
        for edit in edits:
            if edit.kind == "merge":
                body[edit.anchor].names.append(ast.alias(edit.name, edit.asname))
            else:
                inserts.setdefault(edit.anchor, []).append(ast.parse(edit.statement).body[0])
                ids.add(id(inserts[edit.anchor][-1]))
        for anchor in sorted(inserts, reverse=True):
            body[anchor + 1:anchor + 1] = inserts[anchor]

    for block in {edit.block for edit in plan.imports if edit.block is not None}:
        apply(tree.body[block].body, [edit for edit in plan.imports if edit.block == block])
    apply(tree.body, [edit for edit in plan.imports if edit.block is None])
    return tree, ids


def _first_line(statement: ast.stmt) -> int:
    return min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", ()))])


def _same_text(old: ast.stmt, old_lines: list[str], new: ast.stmt, new_lines: list[str]) -> bool:
    """Whether ``new`` is ``old`` written identically, at the same place on its lines:
    the same text parses to the same tree, and comparing text is much cheaper."""
    old_first, new_first = _first_line(old), _first_line(new)
    return (type(old) is type(new) and old.col_offset == new.col_offset
            and old.end_col_offset == new.end_col_offset
            and old.end_lineno - old_first == new.end_lineno - new_first
            and old_lines[old_first - 1:old.end_lineno] == new_lines[new_first - 1:new.end_lineno])


def check(original: ast.Module, old_text: str, new_text: str, plan: Plan) -> None:
    """Raise ``UnsafeRewrite`` unless ``new_text`` is ``original`` plus the plan.

    The top-level statements the plan touches are compared as trees; every other one must
    read as it did.  ``original`` (parsed from ``old_text``) is consumed (edited in place)."""
    try:
        new_tree = ast.parse(new_text)
    except SyntaxError as error:
        raise UnsafeRewrite(f"the rewritten code does not parse: {error.msg} (line {error.lineno})") from None
    expected, touched = _expected(original, plan)
    if len(expected.body) != len(new_tree.body):
        raise UnsafeRewrite("the rewritten code differs from the planned edits")
    old_lines, new_lines = lines_with_endings(old_text), lines_with_endings(new_text)
    for old, new in zip(expected.body, new_tree.body):
        if id(old) in touched:
            same = ast.dump(old) == ast.dump(new)
        else:
            same = _same_text(old, old_lines, new, new_lines)
        if not same:
            raise UnsafeRewrite("the rewritten code differs from the planned edits")


def _expected_lines(old_lines: list[str], plan: Plan) -> dict[int, str]:
    """Each edited line as it must read afterwards: the literal's bytes (``ast`` columns
    are UTF-8 offsets) swapped for the name, everything else identical."""
    expected: dict[int, bytes] = {}
    for edit in sorted(plan.edits, key=lambda e: -e.col):
        line = expected.get(edit.line)
        if line is None:
            line = old_lines[edit.line - 1].encode("utf-8", "surrogatepass")
        expected[edit.line] = line[:edit.col] + edit.expression.encode() + line[edit.end_col:]
    return {number: line.decode("utf-8", "surrogatepass") for number, line in expected.items()}


@dataclass(frozen=True)
class _Allowed:
    """What the plan lets a changed stretch of lines hold, gathered once per file."""

    expected: dict[int, str]  # edited line number -> how it must read afterwards
    merge_lines: frozenset[int]  # lines of the imports the plan extends with a name
    new_imports: frozenset[str]  # the import statements the plan inserts
    merged_names: tuple[str, ...]  # the names those extended imports gain

    @classmethod
    def of(cls, old_lines: list[str], plan: Plan) -> _Allowed:
        merges = [edit for edit in plan.imports if edit.kind == "merge"]
        return cls(
            expected=_expected_lines(old_lines, plan),
            merge_lines=frozenset(n for edit in merges for n in range(edit.lines[0], edit.lines[1] + 1)),
            new_imports=frozenset(edit.statement for edit in plan.imports if edit.kind == "insert"),
            merged_names=tuple(edit.asname or edit.name for edit in merges),
        )


def _check_old_lines(allowed: _Allowed, numbers: range, changed: list[str]) -> None:
    """Each replaced line must be an edited line whose expected text is among the new
    lines, or part of an import the plan extends (checked on the new side)."""
    for number in numbers:
        if number in allowed.expected:
            if allowed.expected[number] not in changed:
                raise UnsafeRewrite(f"line {number} changed more than its literal")
        elif number not in allowed.merge_lines:
            raise UnsafeRewrite(f"line {number} changed although no edit was planned there")


def _names_a_merge(line: str, allowed: _Allowed) -> bool:
    # a line of an extended import that changed must name one of the names it gained
    return any(re.search(rf"\b{re.escape(name)}\b", line) for name in allowed.merged_names)


def _check_new_lines(allowed: _Allowed, numbers: range, changed: list[str]) -> None:
    """Each new line must be an edited line as expected, an inserted import, or, next to
    an extended import, a line naming one of the merged names."""
    wanted = {allowed.expected[n] for n in numbers if n in allowed.expected}
    # an inserted line sits between lines i1 and i1 + 1, so look one line either side
    near_merge = any(n in allowed.merge_lines for n in range(numbers.start - 1, numbers.stop + 1))
    for line in changed:
        if line in wanted or line.strip() in allowed.new_imports:
            continue
        if near_merge and _names_a_merge(line, allowed):
            continue
        raise UnsafeRewrite(f"unexpected new line {line.strip()[:60]!r}")


def check_layout(old_text: str, new_text: str, plan: Plan) -> None:
    """Line by line, with line endings: a line with a literal reads exactly as before
    but for the name, other lines are kept as they were, and every added line is a
    planned import.  (The AST comparison cannot see newlines, indentation or comments.)"""
    old_lines, new_lines = lines_with_endings(old_text), lines_with_endings(new_text)
    allowed = _Allowed.of(old_lines, plan)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        numbers = range(i1 + 1, i2 + 1)  # 1-based numbers of the old lines replaced
        changed = new_lines[j1:j2]
        _check_old_lines(allowed, numbers, changed)
        _check_new_lines(allowed, numbers, changed)
