"""Direct tests of the module model (``wscc.model``): names, guards, scopes, inference."""

from __future__ import annotations

import ast
import textwrap

import pytest

from wscc.libraries import BY_NAME
from wscc.detector import analyse
from wscc.model import INT_ENUM, PLAIN_ENUM, EnumMember, ModuleModel
from wscc.model.imports import GUARD_FUNCTION, GUARD_IF, GUARD_MAIN, GUARD_OTHER, GUARD_TRY, GUARD_TYPE_CHECKING, GUARD_WITH
from wscc.settings import Settings
from wscc.spec import Library, MethodSend, ObjectKind, CodeParameter


def model_of(source: str, **kwargs) -> ModuleModel:
    return ModuleModel(ast.parse(textwrap.dedent(source)), **kwargs)


def node_at(model: ModuleModel, text: str, kind: type = ast.expr) -> ast.AST:
    """The first node of ``kind`` whose source is ``text``."""
    for node in ast.walk(model.tree):
        if isinstance(node, kind) and ast.unparse(node) == text:
            return node
    raise LookupError(text)


def scope_at(model: ModuleModel, function: str):
    for node, scope in model.scopes.items():
        if getattr(node, "name", None) == function:
            return scope
    raise LookupError(function)


# --------------------------------------------------------------------------- names


def test_qualname_follows_imports_and_aliases():
    model = model_of("""
        import starlette.status as st
        from fastapi import WebSocket as WS
        import aiohttp.web
    """)
    scope = model.scope
    assert model.qualname(ast.parse("st.WS_1008", mode="eval").body, scope) == "starlette.status.WS_1008"
    assert model.qualname(ast.parse("WS", mode="eval").body, scope) == "fastapi.WebSocket"
    assert model.qualname(ast.parse("aiohttp.web.WebSocketResponse", mode="eval").body, scope) == \
        "aiohttp.web.WebSocketResponse"
    assert model.qualname(ast.parse("unknown.thing", mode="eval").body, scope) is None


def test_a_local_name_shadows_an_import():
    model = model_of("""
        from fastapi import WebSocket

        def f(WebSocket):
            return WebSocket
    """)
    inner = scope_at(model, "f")
    assert model.qualname(ast.Name(id="WebSocket"), inner) is None
    assert model.qualname(ast.Name(id="WebSocket"), model.scope) == "fastapi.WebSocket"


def test_an_optional_import_with_a_none_fallback_is_still_the_import():
    model = model_of("""
        try:
            from aiohttp import web
        except ImportError:
            web = None
    """)
    assert model.is_optional_import("web")
    assert model.qualname(ast.parse("web.WSCloseCode", mode="eval").body, model.scope) == "aiohttp.web.WSCloseCode"


def test_module_classes_are_named_with_a_leading_dot():
    model = model_of("class Hub:\n    pass\n")
    assert model.qualname(ast.Name(id="Hub"), model.scope) == ".Hub"


def test_annotation_types_see_through_optional_unions_strings_and_aliases():
    model = model_of("""
        from typing import Optional
        from fastapi import WebSocket
        WS = WebSocket
    """)
    annotation = ast.parse("Optional['WS | None']", mode="eval").body
    names = [ast.unparse(node) for node in model.annotation_types(annotation)]
    assert names == ["Optional", "WebSocket", "None"]


def test_argument_by_keyword_then_position_never_past_a_star():
    call = ast.parse("f(1, 2, code=3)", mode="eval").body
    assert ast.unparse(ModuleModel.argument(call, 0, "code")) == "3"
    assert ast.unparse(ModuleModel.argument(call, 1, "other")) == "2"
    assert ModuleModel.argument(call, 5, None) is None
    starred = ast.parse("f(*args, 2)", mode="eval").body
    assert ModuleModel.argument(starred, 1, None) is None


# --------------------------------------------------------------------------- imports and guards


def test_every_import_knows_its_guard():
    model = model_of("""
        import os
        from typing import TYPE_CHECKING
        try:
            import websockets
        except ImportError:
            import json
        if TYPE_CHECKING:
            from aiohttp import web
        if HAS_TORNADO:
            import tornado
        with suppress(ImportError):
            import wsproto
        def late():
            import starlette
        if __name__ == "__main__":
            import fastapi
    """)
    guards = {alias.name: record.guard for record in model.import_table.records for alias in record.node.names}
    assert guards == {
        "os": None, "TYPE_CHECKING": None, "websockets": GUARD_TRY, "json": GUARD_OTHER,
        "web": GUARD_TYPE_CHECKING, "tornado": GUARD_IF, "wsproto": GUARD_WITH,
        "starlette": GUARD_FUNCTION, "fastapi": GUARD_MAIN,
    }


def test_import_bindings_reach_submodules_only_when_imported():
    model = model_of("""
        import starlette.websockets
        from fastapi import status
    """)
    bindings = model.import_table.bindings
    assert set(bindings["starlette"].paths) == {"starlette", "starlette.websockets"}
    assert bindings["status"].paths == {"fastapi.status": "status"}


def test_a_name_bound_twice_is_no_reusable_import_binding():
    model = model_of("""
        from fastapi import status
        status = 3
    """)
    assert "status" not in model.import_table.bindings


# --------------------------------------------------------------------------- scopes


def test_method_parameters_skip_self_and_lookup_skips_class_bodies():
    model = model_of("""
        code = 1
        class C:
            code = 2
            def m(self, ws, *, code=3):
                return code
            @staticmethod
            def s(ws):
                pass
    """)
    method = scope_at(model, "m")
    assert method.self_name == "self" and method.params["ws"][0] == 0 and method.params["code"][0] == -1
    assert scope_at(model, "s").params["ws"][0] == 0
    nested = scope_at(model, "m")
    assert nested.lookup("code") is nested
    assert model.scope.lookup("code") is model.scope


def test_candidates_are_recorded_with_their_scope():
    model = model_of("""
        def f(ws):
            ws.close(1000)
        send({"type": "websocket.close"})
    """)
    calls = [ast.unparse(call) for call in model.calls]
    assert calls == ["ws.close(1000)", "send({'type': 'websocket.close'})"]
    assert model.scope_of(model.calls[0]) is scope_at(model, "f")
    assert model.scope_of(model.calls[1]) is model.scope


# --------------------------------------------------------------------------- library objects


#: Expressions parsed for queries stay alive: the model caches answers by node identity.
_QUERIES: list[ast.expr] = []


def _kinds(model: ModuleModel, text: str, function: str) -> list[str]:
    scope = scope_at(model, function)
    _QUERIES.append(ast.parse(text, mode="eval").body)
    return [f"{library.name}:{kind.name}" for library, kind in model.receiver_kinds(_QUERIES[-1], scope)]


def test_receivers_by_annotation_route_name_and_settings():
    source = """
        from typing import Any
        from fastapi import FastAPI, WebSocket
        app = FastAPI()

        async def annotated(sock: WebSocket):
            pass

        @app.websocket("/x")
        async def routed(websocket):
            pass

        async def conventional(websocket):
            pass

        async def typed_otherwise(websocket: int, ws: Any):
            pass

        async def custom(peer):
            pass
    """
    model = model_of(source)
    assert _kinds(model, "sock", "annotated") == ["fastapi:websocket"]
    assert _kinds(model, "websocket", "routed")[0] == "fastapi:websocket"
    assert _kinds(model, "websocket", "conventional")
    assert _kinds(model, "websocket", "typed_otherwise") == []  # another type says otherwise
    assert _kinds(model, "ws", "typed_otherwise")  # ``Any`` says nothing
    assert _kinds(model, "peer", "custom") == []
    configured = model_of(source, settings=Settings(receiver_names=frozenset({"peer"})))
    assert _kinds(configured, "peer", "custom")


def test_receivers_from_factories_and_super():
    model = model_of("""
        import aiohttp
        import websockets

        async def client(session: aiohttp.ClientSession):
            ws = await session.ws_connect("ws://x")
            async with websockets.connect("ws://x") as conn:
                pass

        class Mine(aiohttp.web.WebSocketResponse):
            async def close(self, *, code=1000):
                return super().close(code=code)
    """)
    assert _kinds(model, "ws", "client") == ["aiohttp:client websocket"]
    assert [k.split(":")[0] for k in _kinds(model, "conn", "client")] == ["websockets"]
    assert _kinds(model, "super()", "close") == ["aiohttp:server websocket"]


FAKE = Library(
    name="fake",
    imports=("fakews",),
    kinds=(ObjectKind("socket", side="server", classes=("fakews:App",), subscript_keys=("wsgi.websocket",),
                      base_attributes={"fakews:App": ("ws",)}),),
    method_sends=(MethodSend("close", ("socket",), CodeParameter("code", 0)),),
)


def test_spec_extensions_subscript_keys_and_base_class_attributes():
    model = model_of("""
        import fakews

        def app(environ, start_response):
            ws = environ["wsgi.websocket"]
            other = environ["PATH_INFO"]

        class Echo(fakews.App):
            def on_message(self, message):
                self.ws.close(1000)
                self.other.close(1000)
    """, libraries=(FAKE,))
    assert _kinds(model, "ws", "app") == ["fake:socket"]
    assert _kinds(model, "other", "app") == []
    assert _kinds(model, "self.ws", "on_message") == ["fake:socket"]
    assert _kinds(model, "self.other", "on_message") == []


def test_the_real_libraries_are_the_default():
    model = model_of("import fakews\n")
    assert model.libraries == set() and model.library_order == []
    assert "fastapi" in {library.name for library in model_of("import fastapi\n").library_order}
    assert BY_NAME["fastapi"] in model_of("import fastapi\n").libraries


# --------------------------------------------------------------------------- module classes


def test_classes_of_construction_annotation_self_and_protocol():
    model = model_of("""
        from typing import Protocol

        class Closer(Protocol):
            async def stop(self, code: int) -> None: ...

        class Hub:
            async def stop(self, code=1000):
                pass

        class Other:
            pass

        async def run(closer: Closer, other: "Other"):
            hub = Hub()
            await hub.stop(4000)
            await closer.stop(4001)
    """)
    run = scope_at(model, "run")
    names = lambda text: [cls.name for cls in model.classes_of(ast.parse(text, mode="eval").body, run)]
    assert names("hub") == ["Hub"]
    assert names("closer") == ["Hub"]  # structural: Hub implements every method of Closer
    assert names("other") == ["Other"]
    calls = {ast.unparse(call): model.callee(call, run) for call in model.calls if model.scope_of(call) is run}
    assert calls["hub.stop(4000)"].name == "stop" and calls["closer.stop(4001)"].name == "stop"
    assert calls["Hub()"] is None


def test_asyncio_protocol_is_not_a_typing_protocol():
    model = model_of("""
        import asyncio
        class P(asyncio.Protocol):
            def close(self): ...
    """)
    assert not model.is_protocol(model.classes["P"])


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(("expression", "value"), [
    ("1000", 1000),
    ("-5", -5),
    ("1000 + 6", 1006),
    ("2 ** 16", 65536),
    ("9 ** 9 ** 9", None),  # not folded: it would hang
    ("CODE", 4001),
    ("TWICE", None),  # bound twice: unknown
    ("Codes.AUTH", 4002),
    ("Codes.AUTH.value", 4002),
    ("status.WS_1008_POLICY_VIOLATION", 1008),
    ("status.HTTP_403_FORBIDDEN", 403),
    ("HTTPStatus.FORBIDDEN", 403),
    ("unknown_name", None),
])
def test_resolve(expression: str, value):
    model = model_of("""
        import enum
        from http import HTTPStatus
        from fastapi import status
        CODE = 4001
        TWICE = 1
        TWICE = 2
        class Codes(enum.IntEnum):
            AUTH = 4002
    """)
    found = model.resolve(ast.parse(expression, mode="eval").body, model.scope)
    assert (found.value if found else None) == value


def test_resolve_marks_http_statuses_int_enums_and_literals():
    model = model_of("""
        import enum
        from http import HTTPStatus
        class Codes(enum.IntEnum):
            AUTH = 4002
    """)
    resolve = lambda text: model.resolve(ast.parse(text, mode="eval").body, model.scope)
    assert resolve("HTTPStatus.FORBIDDEN").http_status
    assert resolve("Codes.AUTH").int_enum and not resolve("Codes.AUTH").literal
    assert resolve("4000").literal


def test_enum_kinds_and_plain_enum_members_are_not_ints():
    model = model_of("""
        import enum
        class Plain(enum.Enum):
            A = 4000
        class Int(enum.IntEnum):
            A = 4000
        class Mixed(int, enum.Enum):
            A = 4000
        class Derived(Int):
            pass
        class Namespace:
            A = 4000
        class Foreign(SomeEnum):
            A = 4000
    """)
    kinds = {name: model.enum_kind(cls) for name, cls in model.classes.items()}
    assert kinds == {"Plain": PLAIN_ENUM, "Int": INT_ENUM, "Mixed": INT_ENUM, "Derived": INT_ENUM,
                     "Namespace": None, "Foreign": None}
    assert model.is_enum_like(model.classes["Foreign"]) and not model.is_enum_like(model.classes["Namespace"])
    member = model.resolve(ast.parse("Plain.A", mode="eval").body, model.scope).value
    assert member == EnumMember("Plain", "A", 4000)


def test_self_class_attributes_unless_a_method_assigns_them():
    model = model_of("""
        class Handler:
            CODE = 4001
            OTHER = 4002
            def set(self):
                self.OTHER = 1
            def use(self):
                return self.CODE, self.OTHER
    """)
    use = scope_at(model, "use")
    assert model.resolve(ast.parse("self.CODE", mode="eval").body, use).value == 4001
    assert model.resolve(ast.parse("self.OTHER", mode="eval").body, use) is None


def test_alternatives_follow_a_name_bound_to_a_conditional():
    model = model_of("""
        def f(ok):
            code = 1000 if ok else 1006
            return code
    """)
    scope = scope_at(model, "f")
    found = [ast.unparse(node) for node, _scope, _named in model.alternatives(ast.Name(id="code"), scope)]
    assert found == ["1000", "1006"]
    nested = ast.parse("a if c else (b if d else e)", mode="eval").body
    assert [ast.unparse(node) for node, _scope, _named in model.alternatives(nested, scope)] == ["a", "b", "e"]


def test_alternatives_of_reassigned_names_tuples_and_dicts():
    model = model_of("""
        CODES = {"crash": 1006}
        LAST = 1006
        LAST = 1000

        def f(ok):
            code = 1000
            try:
                pass
            except Exception:
                code = 1006
            number, reason = 1011, "x"
            straight = 1006
            straight = 1000
            return code, number, CODES["crash"], LAST, straight
    """)
    scope = scope_at(model, "f")
    found = {
        name: [(ast.unparse(node), named) for node, _scope, named in model.alternatives(ast.parse(name, mode="eval").body, scope)]
        for name in ("code", "number", 'CODES["crash"]', "LAST", "straight")
    }
    assert found == {
        "code": [("1000", False), ("1006", False)],
        "number": [("1011", False)],
        'CODES["crash"]': [("1006", True)],
        "LAST": [("LAST", False)],  # one block: only the last is seen, and it is not guessed
        "straight": [("straight", False)],
    }


def test_local_constant_for_a_value():
    source = """
        import enum
        import websockets
        AUTH_FAILED = 4001
        lower = 4002
        class Codes:
            KICKED = 4003
        class Plain(enum.Enum):
            GONE = 4004
        UNUSED = 4005
        async def kick(ws: websockets.ServerConnection, why):
            await ws.close(AUTH_FAILED if why else lower)
            await ws.close(Codes.KICKED)
            await ws.close(Plain.GONE)
    """
    model, _ = analyse(ast.parse(textwrap.dedent(source)))
    assert model.close_code_names == {"AUTH_FAILED", "lower", "Codes.KICKED", "Plain.GONE"}
    assert model.local_constant_for(4001) == "AUTH_FAILED"
    assert model.local_constant_for(4002) == "lower"  # sent as a close code, whatever its case
    assert model.local_constant_for(4003) == "Codes.KICKED"
    assert model.local_constant_for(4004) is None  # a plain Enum's member is not an int
    assert model.local_constant_for(4005) is None  # never sent as a close code


# --------------------------------------------------------------------------- for the fixer


def test_usable_hidden_and_definition_lines():
    model = model_of("""
        from fastapi import status

        def f():
            return 1

        def g(status):
            return 2

        x = [status for status in range(3)]
        late = 3
        LATE_NAME = 4
    """)
    returns = [node for node in ast.walk(model.tree) if isinstance(node, ast.Return)]
    in_f, in_g = returns[0].value, returns[1].value
    assert model.usable("status", 2, in_f)
    assert model.hidden("status", in_g) and not model.usable("status", 2, in_g)
    assert model.module_definition_line("LATE_NAME") == 12
    late_value = node_at(model, "3", ast.Constant)
    assert not model.usable("LATE_NAME", 12, late_value)  # runs at import time, before the binding
    assert model.parents[in_f] is returns[0]
    assert {"status", "f", "g", "x", "late", "LATE_NAME", "range"} <= model.identifiers
