"""Applying a ``Plan`` to the libcst tree (the only module that imports libcst).

Literals are found by rank: libcst visits nodes in source order, so the n-th
``Integer`` outside f-strings in a top-level statement is the n-th int ``Constant``
the planner saw there.  Each hit
is checked against the value the planner expects, so a mismatch aborts instead of
renaming the wrong literal.  No position metadata is computed.
"""

from __future__ import annotations

import ast

import libcst as cst

from wscc.fix.plan import ImportEdit, Plan


class RewriteError(Exception):
    """The libcst tree does not line up with the plan; one-line message."""


def _dotted(expression: str) -> cst.BaseExpression:
    parts = expression.split(".")
    node: cst.BaseExpression = cst.Name(parts[0])
    for part in parts[1:]:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


class _Renamer(cst.CSTTransformer):
    def __init__(self, edits: list) -> None:
        super().__init__()
        self.by_rank = {edit.group_rank: edit for edit in edits}
        self.rank = -1
        self.done = 0

    def visit_FormattedString(self, node: cst.FormattedString) -> bool:
        return False  # the planner does not count literals inside f-strings either

    def leave_Integer(self, original: cst.Integer, updated: cst.Integer) -> cst.BaseExpression:
        self.rank += 1
        edit = self.by_rank.get(self.rank)
        if edit is None:
            return updated
        if ast.literal_eval(original.value) != edit.value:
            raise RewriteError(f"literal {edit.rank} is {original.value}, expected {edit.value} (line {edit.line})")
        self.done += 1
        replacement = _dotted(edit.expression)
        return replacement.with_changes(lpar=original.lpar, rpar=original.rpar)


def _units(body) -> list[int]:
    """How many ``ast`` statements each libcst statement of a block stands for."""
    return [len(s.body) if isinstance(s, cst.SimpleStatementLine) else 1 for s in body]


def _locate(body, index: int) -> tuple[int, int]:
    """(libcst statement, small statement within it) for the ``ast`` statement ``index``."""
    seen = 0
    for position, count in enumerate(_units(body)):
        if index < seen + count:
            return position, index - seen
        seen += count
    raise RewriteError(f"statement {index} not found")


def _new_statement(edit: ImportEdit) -> cst.SimpleStatementLine:
    return cst.parse_statement(edit.statement)  # type: ignore[return-value]


def _merge(statement: cst.ImportFrom, edit: ImportEdit) -> cst.ImportFrom:
    if isinstance(statement.names, cst.ImportStar):
        raise RewriteError("cannot merge into a star import")
    names = list(statement.names)
    alias = cst.ImportAlias(
        name=cst.Name(edit.name),
        asname=cst.AsName(name=cst.Name(edit.asname)) if edit.asname else None,
    )
    last = names[-1]
    if isinstance(last.comma, cst.Comma):
        # A trailing comma: the new name goes after it, laid out the same way (one per
        # line stays one per line) but without the comment that belongs to the old name.
        space = last.comma.whitespace_after
        if isinstance(space, cst.ParenthesizedWhitespace):
            # The old last name now needs the line break and indent found between
            # earlier names (or after the opening parenthesis); it keeps its comment.
            template = None
            if len(names) > 1 and isinstance(names[-2].comma, cst.Comma):
                template = names[-2].comma.whitespace_after
            if not isinstance(template, cst.ParenthesizedWhitespace) and statement.lpar is not None:
                template = statement.lpar.whitespace_after
            if isinstance(template, cst.ParenthesizedWhitespace):
                indent, last_line = template.indent, template.last_line
            else:
                indent, last_line = True, cst.SimpleWhitespace("    ")
            names[-1] = last.with_changes(comma=last.comma.with_changes(
                whitespace_after=space.with_changes(empty_lines=(), indent=indent, last_line=last_line)))
            names.append(alias.with_changes(comma=last.comma.with_changes(
                whitespace_after=space.with_changes(first_line=cst.TrailingWhitespace()))))
        else:
            names[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            names.append(alias.with_changes(comma=last.comma))
    else:
        names[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        names.append(alias)
    return statement.with_changes(names=names)


def _apply_imports(body: list, edits: list[ImportEdit]) -> list:
    body = list(body)
    inserts: dict[int, list[cst.SimpleStatementLine]] = {}
    for edit in edits:
        if edit.kind == "merge":
            position, small = _locate(body, edit.anchor)
            line = body[position]
            if not isinstance(line, cst.SimpleStatementLine) or not isinstance(line.body[small], cst.ImportFrom):
                raise RewriteError("merge target is not a from-import")
            smalls = list(line.body)
            smalls[small] = _merge(smalls[small], edit)
            body[position] = line.with_changes(body=smalls)
        else:
            position = _locate(body, edit.anchor)[0] if edit.anchor >= 0 else -1
            inserts.setdefault(position, []).append(_new_statement(edit))
    for position in sorted(inserts, reverse=True):
        body[position + 1:position + 1] = inserts[position]
    return body


def apply(module: cst.Module, plan: Plan) -> cst.Module:
    if len(module.body) != plan.groups:
        raise RewriteError(f"libcst sees {len(module.body)} top-level statements, ast {plan.groups}")
    by_group: dict[int, list] = {}
    for edit in plan.edits:
        by_group.setdefault(edit.group, []).append(edit)
    body = list(module.body)
    done = 0
    # Only the statements holding a literal are walked (libcst's visit rebuilds every
    # node it passes, the bulk of the cost in a large module).
    for group, edits in by_group.items():
        renamer = _Renamer(edits)
        body[group] = body[group].visit(renamer)
        done += renamer.done
    if done != len(plan.edits):
        raise RewriteError(f"found {done} of {len(plan.edits)} literals")
    module = module.with_changes(body=body)
    top = [edit for edit in plan.imports if edit.block is None]
    nested: dict[int, list[ImportEdit]] = {}
    for edit in plan.imports:
        if edit.block is not None:
            nested.setdefault(edit.block, []).append(edit)
    body = list(module.body)
    for block, edits in nested.items():
        position, _ = _locate(body, block)
        statement = body[position]
        if not isinstance(statement, cst.Try) or not isinstance(statement.body, cst.IndentedBlock):
            raise RewriteError("import block is not an indented try body")
        inner = _apply_imports(statement.body.body, edits)
        body[position] = statement.with_changes(body=statement.body.with_changes(body=inner))
    # Top-level indices refer to the original body; nested edits replaced, never inserted.
    body = _apply_imports(body, top)
    return module.with_changes(body=body)


def rewrite_text(text: str, plan: Plan) -> str:
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        raise RewriteError(f"libcst cannot parse it: {str(error).splitlines()[0]}") from None
    code = apply(module, plan).code
    # libcst drops a final newline that is a lone "\r" (old Mac line ends); put it back.
    ending = "\r\n" if text.endswith("\r\n") else text[-1:] if text.endswith(("\r", "\n")) else ""
    if ending and not code.endswith(ending):
        code += ending
    return code
