"""FastAPI: Starlette's WebSocket API under FastAPI's names."""

from wscc.libraries.starlette import CODE, STATUS_MEMBERS
from wscc.spec import RAISED, CallSend, ConstantSet, Library, MethodSend, ObjectKind, Route

#: ``from fastapi import status`` is ``starlette.status``; ``import fastapi.status`` fails
#: (there is no such module), so the codemod must write the ``from`` form.
STATUS = ConstantSet(
    container="fastapi.status",
    style="container",
    members=STATUS_MEMBERS,
    http_status_prefix="HTTP_",
    same_object_as=("starlette.status",),
    bound_by_parent=True,  # fastapi/__init__.py: ``from starlette import status as status``
    # Versions of fastapi, as the project's floor for fastapi is compared with them.  The
    # name: ``from starlette import status`` in fastapi/__init__.py from 0.51.0 on (every
    # release from 0.51.0 to 0.165.0 read).  The members are starlette's, so they depend
    # on the starlette installed: a member counts from the first fastapi release whose
    # own ``Requires-Dist`` lets in no starlette without it (tests/release_names.py).
    # 0.51.0 pins starlette 0.13.2, which has every listed name but the two that
    # starlette 0.19.1 introduced (``WS_1005_NO_STATUS_RCVD``, ``WS_1006_ABNORMAL_CLOSURE``);
    # fastapi 0.77.0 pins starlette 0.19.0, 0.77.1 pins 0.19.1.  The lowest starlette
    # each release allows never goes down (read for all 276 releases).  A project that
    # also declares a newer starlette floor is still judged by its fastapi floor.
    since="0.51.0",
    member_since={"WS_1005_NO_STATUS_RCVD": "0.77.1", "WS_1006_ABNORMAL_CLOSURE": "0.77.1"},
)

LIBRARY = Library(
    name="fastapi",
    imports=("fastapi",),
    kinds=(
        ObjectKind(
            "websocket",
            side="server",
            classes=("fastapi:WebSocket",),
            parameter_names=("websocket", "ws"),
            routes=(
                Route(parameter="websocket", decorator=".websocket"),
                Route(parameter=0, decorator=".websocket_route"),
                Route(parameter=0, registration=".add_api_websocket_route", handler_argument=1,
                      handler_keyword="endpoint",
                      signatures=("fastapi:FastAPI.add_api_websocket_route", "fastapi:APIRouter.add_api_websocket_route")),
                Route(parameter=0, registration=".add_websocket_route", handler_argument=1,
                      handler_keyword="endpoint", signatures=("fastapi:APIRouter.add_websocket_route",)),
            ),
        ),
    ),
    method_sends=(
        MethodSend("close", ("websocket",), CODE, signatures=("fastapi:WebSocket.close",)),
    ),
    call_sends=(
        CallSend(("fastapi:WebSocketException",), CODE, signatures=("fastapi:WebSocketException",),
                 delivered_by=(RAISED,)),
    ),
    constants=(STATUS,),
    constants_from=("fastapi",),
    runtime_note="no check (Starlette): the code goes to the ASGI server unchanged",
    peer_close_exceptions=("WebSocketDisconnect",),
)
