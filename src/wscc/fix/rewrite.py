"""Applying a ``Plan`` with libcst (the only module that imports libcst).

Only the statement lines that change are parsed, each on its own, and their regenerated
code replaces their lines in the text.  Literals are found by rank: libcst visits nodes
in source order, so the n-th ``Integer`` outside f-strings in a statement line is the
n-th int ``Constant`` the planner saw there.  Each hit is checked against the value the
planner expects, so a mismatch aborts instead of renaming the wrong literal.  No
position metadata is computed.
"""

from __future__ import annotations

import ast
import dataclasses
import re

import libcst as cst

from wscc.files import lines_with_endings
from wscc.fix.plan import Edit, ImportEdit, Plan

_NEWLINE = re.compile(r"\r\n|\r|\n")


class RewriteError(Exception):
    """The libcst tree does not line up with the plan; one-line message."""


def _dotted(expression: str) -> cst.BaseExpression:
    parts = expression.split(".")
    node: cst.BaseExpression = cst.Name(parts[0])
    for part in parts[1:]:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


class _Renamer(cst.CSTTransformer):
    def __init__(self, by_rank: dict[int, Edit]) -> None:
        super().__init__()
        self.by_rank = by_rank
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
            raise RewriteError(f"the literal at line {edit.line} is {original.value}, expected {edit.value}")
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


def _new_statement(edit: ImportEdit, newline: str) -> cst.SimpleStatementLine:
    statement = cst.parse_statement(edit.statement)
    # The module's newline, spelled out: the parsed text is only part of the module.
    return statement.with_changes(trailing_whitespace=cst.TrailingWhitespace(newline=cst.Newline(newline)))


def _merge(statement: cst.ImportFrom, edit: ImportEdit, newline: str) -> cst.ImportFrom:
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
                whitespace_after=space.with_changes(first_line=cst.TrailingWhitespace(newline=cst.Newline(newline))))))
        else:
            names[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            names.append(alias.with_changes(comma=last.comma))
    else:
        names[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        names.append(alias)
    return statement.with_changes(names=names)


def _apply_imports(body: list, edits: list[ImportEdit], newline: str) -> list:
    body = list(body)
    inserts: dict[int, list[cst.SimpleStatementLine]] = {}
    for edit in edits:
        if edit.kind == "merge":
            position, small = _locate(body, edit.anchor)
            line = body[position]
            if not isinstance(line, cst.SimpleStatementLine) or not isinstance(line.body[small], cst.ImportFrom):
                raise RewriteError("merge target is not a from-import")
            smalls = list(line.body)
            smalls[small] = _merge(smalls[small], edit, newline)
            body[position] = line.with_changes(body=smalls)
        else:
            position = _locate(body, edit.anchor)[0] if edit.anchor >= 0 else -1
            inserts.setdefault(position, []).append(_new_statement(edit, newline))
    for position in sorted(inserts, reverse=True):
        body[position + 1:position + 1] = inserts[position]
    return body


def apply(statement: cst.Module, by_rank: dict[int, Edit], imports: list[ImportEdit], newline: str) -> cst.Module:
    """One statement line (parsed alone) with its edits: literals by their rank in it, and
    imports whose statement indices count from its first statement."""
    if len(statement.body) != 1:
        raise RewriteError(f"libcst sees {len(statement.body)} statements where ast sees one line")
    body = list(statement.body)
    if by_rank:
        renamer = _Renamer(by_rank)
        body[0] = body[0].visit(renamer)
        if renamer.done != len(by_rank):
            raise RewriteError(f"found {renamer.done} of {len(by_rank)} literals")
    nested = [edit for edit in imports if edit.block is not None]
    if nested:
        compound = body[0]
        if not isinstance(compound, cst.Try) or not isinstance(compound.body, cst.IndentedBlock):
            raise RewriteError("import block is not an indented try body")
        inner = _apply_imports(compound.body.body, nested, newline)
        body[0] = compound.with_changes(body=compound.body.with_changes(body=inner))
    # Indices refer to the original statements; nested edits replaced, never inserted.
    body = _apply_imports(body, [edit for edit in imports if edit.block is None], newline)
    return statement.with_changes(body=body)


def _regenerate(text: str, by_rank: dict[int, Edit], imports: list[ImportEdit], newline: str) -> str:
    """``text`` (whole lines holding one statement line, not indented) with its edits."""
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        raise RewriteError(f"libcst cannot parse it: {str(error).splitlines()[0]}") from None
    module = apply(module, by_rank, imports, newline)
    if text.endswith(("\r", "\n")):
        # libcst drops a final lone "\r" (old Mac line ends); this is not the end anyway.
        module = module.with_changes(has_trailing_newline=True)
    return module.code


def rewrite_text(text: str, plan: Plan) -> str:
    """Parse and regenerate with libcst only the statement lines that change, each alone
    (libcst reproduces the rest byte for byte anyway, at a cost proportional to it): the
    simple statement line holding a literal, or the top-level statement line when that
    cannot be parsed alone or an import changes there."""
    lines = lines_with_endings(text)
    found = _NEWLINE.search(text)
    newline = found.group() if found else "\n"  # libcst's default: the first line ending
    pieces = []  # (first line, last line, new text), in order
    for number, (edits, imports) in sorted(plan.by_group().items()):
        group = plan.groups[number]
        if imports or any(edit.unit is None for edit in edits):
            first = group.first  # statement indices in the group's own text count from here
            imports = [
                dataclasses.replace(edit, anchor=edit.anchor - first if edit.anchor >= 0 else -1)
                if edit.block is None else dataclasses.replace(edit, block=edit.block - first)
                for edit in imports
            ]
            segment = "".join(lines[group.start - 1:group.end])
            code = _regenerate(segment, {edit.group_rank: edit for edit in edits}, imports, newline)
            pieces.append((group.start, group.end, code))
            continue
        units: dict[tuple[int, int], dict[int, Edit]] = {}
        for edit in edits:
            units.setdefault(edit.unit, {})[edit.unit_rank] = edit
        for (start, end), by_rank in sorted(units.items()):
            segment = "".join(lines[start - 1:end])
            body = segment.lstrip(" \t\f")
            indent = segment[:len(segment) - len(body)]
            pieces.append((start, end, indent + _regenerate(body, by_rank, [], newline)))
    parts, done = [], 0
    for start, end, code in pieces:
        parts += [*lines[done:start - 1], code]
        done = end
    parts += lines[done:]
    return "".join(parts)
