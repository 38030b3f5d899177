"""Safe mode: the rewritten source must parse to exactly the tree the plan predicts.

The plan is applied a second time, independently, to the input's ``ast`` (literals
replaced by the planned names, imports added or extended); the result must equal the
``ast`` of the rewritten text, positions ignored.  Anything else libcst changed, or a
literal renamed in the wrong place, makes the trees differ.
"""

from __future__ import annotations

import ast
import difflib
import re

from wscc.fix.plan import ImportEdit, Plan, _literals


class UnsafeRewrite(Exception):
    """The rewrite changed more than intended; one-line message."""


def _expected(tree: ast.Module, plan: Plan) -> ast.Module:
    literals = _literals(tree)
    replacements = {id(literals[edit.rank]): edit.expression for edit in plan.edits}

    class Replace(ast.NodeTransformer):
        def visit_Constant(self, node: ast.Constant) -> ast.AST:
            expression = replacements.get(id(node))
            if expression is None:
                return node
            return ast.parse(expression, mode="eval").body

    tree = Replace().visit(tree)

    def apply(body: list[ast.stmt], edits: list[ImportEdit]) -> None:
        inserts: dict[int, list[ast.stmt]] = {}
        for edit in edits:
            if edit.kind == "merge":
                body[edit.anchor].names.append(ast.alias(edit.name, edit.asname))
            else:
                inserts.setdefault(edit.anchor, []).append(ast.parse(edit.statement).body[0])
        for anchor in sorted(inserts, reverse=True):
            body[anchor + 1:anchor + 1] = inserts[anchor]

    for block in {edit.block for edit in plan.imports if edit.block is not None}:
        apply(tree.body[block].body, [edit for edit in plan.imports if edit.block == block])
    apply(tree.body, [edit for edit in plan.imports if edit.block is None])
    return tree


def check(original: ast.Module, new_text: str, plan: Plan) -> None:
    """Raise ``UnsafeRewrite`` unless ``new_text`` is ``original`` plus the plan.

    ``original`` is consumed (it is edited in place)."""
    try:
        new_tree = ast.parse(new_text)
    except SyntaxError as error:
        raise UnsafeRewrite(f"the rewritten code does not parse: {error.msg} (line {error.lineno})") from None
    expected = _expected(original, plan)
    if ast.dump(expected) != ast.dump(new_tree):
        raise UnsafeRewrite("the rewritten code differs from the planned edits")


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)


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


def check_layout(old_text: str, new_text: str, plan: Plan) -> None:
    """Line by line, with line endings: a line with a literal reads exactly as before
    but for the name, other lines are kept as they were, and every added line is a
    planned import.  (The AST comparison cannot see newlines, indentation or comments.)"""
    old_lines, new_lines = _lines(old_text), _lines(new_text)
    expected = _expected_lines(old_lines, plan)
    merge_lines: set[int] = set()
    for edit in plan.imports:
        if edit.kind == "merge":
            merge_lines.update(range(edit.lines[0], edit.lines[1] + 1))
    new_imports = {edit.statement for edit in plan.imports if edit.kind == "insert"}
    merged_names = [edit.asname or edit.name for edit in plan.imports if edit.kind == "merge"]
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changed = new_lines[j1:j2]
        for number in range(i1 + 1, i2 + 1):
            if number in expected:
                if expected[number] not in changed:
                    raise UnsafeRewrite(f"line {number} changed more than its literal")
            elif number not in merge_lines:
                raise UnsafeRewrite(f"line {number} changed although no edit was planned there")
        wanted = {expected[n] for n in range(i1 + 1, i2 + 1) if n in expected}
        for line in changed:
            if line in wanted or line.strip() in new_imports:
                continue
            # (an inserted line sits between lines i1 and i1 + 1)
            if any(n in merge_lines for n in range(i1, i2 + 2)) and any(
                    re.search(rf"\b{re.escape(name)}\b", line) for name in merged_names):
                continue
            raise UnsafeRewrite(f"unexpected new line {line.strip()[:60]!r}")
