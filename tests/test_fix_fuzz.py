"""wscc-fix on generated programs: whatever surrounds a fixable send (f-strings, numbers
in odd places, any statement layout), the literal is found by rank and renamed, or the
file is left alone with a one-line problem; never a crash, never a silent wrong edit."""

from __future__ import annotations

import ast

import hypothesmith
from hypothesis import HealthCheck, given, settings

from wscc.config import Config
from wscc.fix import fix_bytes

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
