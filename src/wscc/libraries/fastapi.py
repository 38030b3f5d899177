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
    bound_by_parent=True,  # fastapi/__init__.py: ``from . import status as status``
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
