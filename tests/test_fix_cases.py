"""wscc-fix before/after pairs (tests/fix_cases): one per library and per import layout.

Each pair is checked three ways: the fixer turns ``before`` into exactly ``after``;
``after`` is a fixed point (idempotence); and ``after`` is executed with the real
libraries installed, every new expression evaluating equal to the literal it replaced.
"""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from wscc.config import Config
from wscc.fix import fix_bytes

CASES = Path(__file__).parent / "fix_cases"
PAIRS = sorted(path.name[: -len(".before.py")] for path in CASES.glob("*.before.py"))
SETTINGS = Config().settings_for(None)

#: Pairs where some finding must be left alone, and why (checked against the summary).
EXPECTED_SKIPS = {
    "autobahn_self": {"no named constant for the code": 1},
    "autobahn_local_constants": {"library needs a plain int": 1},
    "falcon_resource": {"no constant in that library": 1},
    "layout_conditional_library": {"library imported only where a failed import is caught": 1},
    "layout_type_checking": {"library imported only under TYPE_CHECKING": 1},
    "layout_local_constants": {"no named constant for the code": 1, "name not safe at that spot": 1},
    "layout_module_level_order": {"name not safe at that spot": 1},
    "layout_noqa": {"noqa": 2, "error rules (fix by hand)": 1},
    "layout_shadowed_binding": {"name not safe at that spot": 1},
}


def _fix(name: str, data: bytes):
    result = fix_bytes(data, f"{name}.py", SETTINGS)
    assert result.problem is None, result.problem
    return result


def test_there_are_pairs_for_every_library_with_constants():
    covered = {name.partition("_")[0] for name in PAIRS}
    assert {"fastapi", "starlette", "aiohttp", "websockets", "wsproto", "websocket", "litestar",
            "autobahn", "picows", "falcon", "simple", "trio", "httpx", "sanic", "layout",
            "curl", "lomond", "lilya", "panther", "pywebsocket3", "websocket"} <= covered
    assert all((CASES / f"{name}.after.py").is_file() for name in PAIRS)


@pytest.mark.parametrize("name", PAIRS)
def test_before_becomes_after(name):
    before = (CASES / f"{name}.before.py").read_bytes()
    after = (CASES / f"{name}.after.py").read_bytes()
    result = _fix(name, before)
    assert (result.new if result.changed else before).decode() == after.decode()
    assert dict(result.skipped) == EXPECTED_SKIPS.get(name, {})


@pytest.mark.parametrize("name", PAIRS)
def test_after_is_a_fixed_point(name):
    after = (CASES / f"{name}.after.py").read_bytes()
    result = _fix(name, after)
    assert not result.changed


@pytest.mark.parametrize("name", PAIRS)
def test_new_names_equal_the_old_literals_with_the_real_libraries(name):
    before = (CASES / f"{name}.before.py").read_bytes()
    result = _fix(name, before)
    if not result.renamed:
        assert name in EXPECTED_SKIPS  # a pair that exists to show a literal left alone
        return
    module = types.ModuleType(f"wscc_fix_case_{name}")
    exec(compile(result.new, f"{name}.after.py", "exec"), module.__dict__)
    from autobahn.websocket.protocol import WebSocketProtocol

    for old, expression in result.renamed:
        # ``self.X`` in autobahn protocols: class attributes, the same on the class.
        new = eval(expression, module.__dict__, {"self": WebSocketProtocol})
        assert new == old and int(new) == old, (expression, new, old)
        if expression.startswith("self."):
            assert type(new) is int  # autobahn refuses IntEnum members
