"""websocket-server (Pithikos): ``send_close(status, reason)`` and the server's graceful closes."""

from wscc.spec import CodeParameter, ConstantSet, Library, MethodSend, ObjectKind

#: The only named code (a plain int, re-exported at the top level).
CONSTANTS = ConstantSet(
    container="websocket_server",
    style="member",
    aliases=("websocket_server.websocket_server",),
    members={"CLOSE_STATUS_NORMAL": 1000},
    # The package is older (0.4); its one named code came in 0.5.4.
    since="0.4",
    member_since={"CLOSE_STATUS_NORMAL": "0.5.4"},
    alias_since={"websocket_server.websocket_server": "0.4"},
)

#: The reason is bytes (a str raises TypeError).
STATUS = CodeParameter("status", 0, reason_keyword="reason", reason_position=1)

LIBRARY = Library(
    name="websocket-server",
    imports=("websocket_server",),
    kinds=(
        # ``client["handler"]`` in the callbacks set with ``set_fn_new_client(fn(client, server))``.
        ObjectKind("handler", side="server", classes=("websocket_server:WebSocketHandler",),
                   subscript_keys=("handler",)),
        ObjectKind(
            "server",
            side="server",
            classes=("websocket_server:WebsocketServer",),
            factories=("websocket_server:WebsocketServer",),
            parameter_names=("server",),
        ),
    ),
    method_sends=(
        MethodSend("send_close", ("handler",), STATUS,
                   signatures=("websocket_server:WebSocketHandler.send_close",)),
        MethodSend("shutdown_gracefully", ("server",), STATUS,
                   signatures=("websocket_server:WebsocketServer.shutdown_gracefully",)),
        MethodSend("disconnect_clients_gracefully", ("server",), STATUS,
                   signatures=("websocket_server:WebsocketServer.disconnect_clients_gracefully",)),
        MethodSend("deny_new_connections", ("server",), STATUS,
                   signatures=("websocket_server:WebsocketServer.deny_new_connections",)),
    ),
    constants=(CONSTANTS,),
    constants_from=("websocket-server",),
    runtime_accepts=((1000, 1015),),
    runtime_refusal="websocket-server raises Exception(\"CLOSE status must be between 1000 and 1015\") "
    "and sends nothing: no 3000–4999 code can be sent",
    runtime_note="accepts only 1000–1015 (so 1004/1005/1006/1015 are sent); 3000–4999 raise",
)
