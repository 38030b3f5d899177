"""wscc-fix on generated programs: whatever surrounds a fixable send (f-strings, numbers
in odd places, any statement layout), the literal is found by rank and renamed, or the
file is left alone with a one-line problem; never a crash, never a silent wrong edit."""

from __future__ import annotations

import ast

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings

from wscc.config import Config
from wscc.detector import detect_source
from wscc.fix import fix_bytes

#: Generated programs: seconds per property, so out of the inner loop.
pytestmark = pytest.mark.slow

SETTINGS = Config().settings_for(None)
HEADER = "from fastapi import WebSocket\n"
SEND = "\nasync def __endpoint(websocket: WebSocket):\n    await websocket.close(1008)\n"


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_generated_code_around_a_send(program):
    source = HEADER + program + ("\n" if program and not program.endswith("\n") else "") + SEND
    try:
        ast.parse(source)
    except (SyntaxError, ValueError):
        return  # e.g. a ``from __future__`` import that is no longer first
    result = fix_bytes(source.encode("utf-8", "surrogatepass"), "generated.py", SETTINGS)
    if result.problem is not None:
        assert "\n" not in result.problem and not result.changed
        return
    if result.changed:
        new = result.new.decode("utf-8", "surrogatepass")
        assert "    await websocket.close(" in new
        assert new.count("WS_1008_POLICY_VIOLATION") >= 1
        again = fix_bytes(result.new, "generated.py", SETTINGS)
        assert not again.changed
    else:
        # Never silently unchanged: the generated code made the send something else
        # (e.g. it rebinds WebSocket), or the fixer counts why it declined.
        assert result.skipped or "WSC201" not in {f.code for f in detect_source(source)}, source


def _libcst_integers(source: str) -> list[int]:
    import libcst as cst

    class Collect(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.values: list[int] = []

        def visit_FormattedString(self, node) -> bool:
            return False

        def visit_Integer(self, node) -> None:
            self.values.append(ast.literal_eval(node.value))

    collector = Collect()
    cst.parse_module(source).visit(collector)
    return collector.values


HAND_WRITTEN = [
    "x = (1 if 2 else 3)\ny = [4 for _ in range(5) if 6]\nz = {7: 8 for _ in 9}\n",
    "@d(1)\nclass C(B, m=2):\n    a: 3 = 4\n    def f(self, x=5, *, y=6) -> 7: return lambda q=8: 9\n",
    "f(x=1, *a, **{3: 4}); g(2)\na[5:6:7], b[8, 9]\nprint(f'{10}', 11, f'{12:{13}}')\n",
    "match x:\n    case 1 | [2, *_] if 3: pass\n    case {4: 5}: pass\n",
    "x = 1 + -2 ** 3 < 4 == 5\ndel a[6]\nassert 7, 8\nglobal_ = (yield 9) if 0 else 10\n",
]


def _literals(tree: ast.Module) -> list[ast.Constant]:
    from wscc.fix.plan import int_literals, statement_groups

    return [node for group in statement_groups(tree.body) for node in int_literals(group)]


def test_libcst_visits_int_literals_in_the_order_of_their_ast_positions_hand_written():
    for source in HAND_WRITTEN:
        assert [node.value for node in _literals(ast.parse(source))] == _libcst_integers(source), source


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_libcst_visits_int_literals_in_the_order_of_their_ast_positions(program):
    import libcst as cst

    try:
        tree = ast.parse(program)
        cst.parse_module(program)
    except (SyntaxError, ValueError, cst.ParserSyntaxError):
        return  # the fixer reports such files as problems (tested elsewhere)
    assert [node.value for node in _literals(tree)] == _libcst_integers(program)
