"""Direct tests of ``wscc.following`` on the module model: wrappers, receivers."""

from __future__ import annotations

import ast
import textwrap

from wscc import following
from wscc.model import ModuleModel
from wscc.sends import find_sends


def analysed(source: str) -> tuple[ModuleModel, list]:
    model = ModuleModel(ast.parse(textwrap.dedent(source)))
    return model, [send for send in find_sends(model) if send.code_node is not None]


def codes(sends) -> list[str]:
    return sorted(ast.unparse(send.code_node) for send in sends)


WRAPPERS = """
    from fastapi import WebSocket

    class Session:
        def __init__(self, websocket: WebSocket):
            self.websocket = websocket

        async def close(self, code=1000, *, reason=""):
            await self.websocket.close(code=code, reason=reason)

        async def kick(self, why, code=4001):
            await self.close(code)

    async def handler(websocket: WebSocket, ok: bool):
        session = Session(websocket)
        await session.close(1006)
        await session.kick("spam")
        await session.kick("spam", code=4002)
        await session.close(1000 if ok else 1011)
"""


def test_wrapper_for_a_forwarded_parameter():
    model, sends = analysed(WRAPPERS)
    (send,) = sends
    wrapper = following.wrapper_for(send, send.code_node, send.scope)
    assert wrapper.function.name == "close" and wrapper.parameter == "code" and wrapper.position == 0
    assert ast.unparse(wrapper.default) == "1000"


def test_wrapper_sends_reach_defaults_callers_and_wrappers_of_wrappers():
    model, sends = analysed(WRAPPERS)
    found = following.wrapper_sends(model, sends)
    assert codes(found) == ["1000", "1000", "1006", "1011", "4001", "4002"]
    assert {send.library.name for send in found} == {"fastapi"}
    assert all(send.reason_node is None for send in found)  # the wrapper's reason is not judged again


def test_a_reassigned_parameter_is_not_forwarded():
    model, sends = analysed("""
        from fastapi import WebSocket

        async def close(websocket: WebSocket, code=1000):
            code = normalise(code)
            await websocket.close(code=code)

        async def handler(websocket: WebSocket):
            await close(websocket, 1006)
    """)
    assert following.wrapper_sends(model, sends) == []


def test_an_override_in_a_library_subclass_is_a_wrapper():
    model, sends = analysed("""
        import aiohttp

        class Resilient(aiohttp.ClientWebSocketResponse):
            async def close(self, *, code=1000, message=b""):
                return await super().close(code=code, message=message)

        async def stop(ws: Resilient):
            await ws.close(code=4000)
    """)
    assert codes(sends) == ["code"]  # ``super()`` in a library subclass: the model's own evidence
    # ``ws.close`` is the module's override: a wrapper, judged at its callers.
    assert following.receiver_sends(model, sends) == []
    assert codes(following.wrapper_sends(model, sends)) == ["1000", "4000"]


def test_receiver_sends_on_subclass_instances():
    model, sends = analysed("""
        import aiohttp

        class Plain(aiohttp.ClientWebSocketResponse):
            pass

        async def stop(ws: Plain, built):
            await ws.close(code=4000)
            other = Plain(built)
            await other.close(code=4001)
    """)
    assert codes(following.receiver_sends(model, sends)) == ["4000", "4001"]


def test_a_shadowed_super_is_not_the_builtin():
    model, sends = analysed("""
        import aiohttp

        class Resilient(aiohttp.ClientWebSocketResponse):
            async def close(self, *, code=1000, message=b""):
                super = lambda: other
                return await super().close(code=code)
    """)
    assert sends == [] and following.receiver_sends(model, sends) == []


def test_a_websocket_passed_to_a_module_function():
    model, sends = analysed("""
        import tornado.websocket

        def abort(handler, code):
            handler.close(code, "bye")

        class Echo(tornado.websocket.WebSocketHandler):
            def on_message(self, message):
                abort(self, 1006)
    """)
    assert codes(sends) == ["code"]  # the model knows what the module's callers pass
    assert following.receiver_sends(model, sends) == []
    assert codes(following.wrapper_sends(model, sends)) == ["1006"]
