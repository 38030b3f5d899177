"""Safe mode: the rewritten source must parse to exactly the tree the plan predicts.

The plan is applied a second time, independently, to the input's ``ast`` (literals
replaced by the planned names, imports added or extended); the result must equal the
``ast`` of the rewritten text, positions ignored.  Anything else libcst changed, or a
literal renamed in the wrong place, makes the trees differ.
"""

from __future__ import annotations

import ast

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
