"""Django Channels consumers: ``close(code)``, ``send(close=code)``, ``send_json(close=code)``."""

from wscc.spec import CodeParameter, Library, MethodSend, ObjectKind

_CONSUMERS = (
    "channels:WebsocketConsumer",
    "channels:AsyncWebsocketConsumer",
    "channels:JsonWebsocketConsumer",
    "channels:AsyncJsonWebsocketConsumer",
)

LIBRARY = Library(
    name="channels",
    imports=("channels",),
    kinds=(ObjectKind("consumer", side="server", classes=_CONSUMERS, self_in_subclass=True),),
    method_sends=(
        MethodSend(
            "close",
            ("consumer",),
            # ``close(True)`` is treated like ``close()``: no code key.
            CodeParameter("code", 0, reason_keyword="reason", reason_position=1, not_a_code=(None, True)),
            signatures=("channels.generic.websocket:WebsocketConsumer.close",
                        "channels.generic.websocket:AsyncWebsocketConsumer.close"),
        ),
        MethodSend(
            "send",
            ("consumer",),
            # ``close=True`` closes without a code; ``close=False`` or ``0`` does not close (``if close:``).
            CodeParameter("close", 2, not_a_code=(None, True, False, 0)),
            signatures=("channels.generic.websocket:WebsocketConsumer.send",
                        "channels.generic.websocket:AsyncWebsocketConsumer.send"),
        ),
        MethodSend(
            "send_json",
            ("consumer",),
            CodeParameter("close", 1, not_a_code=(None, True, False, 0)),
            signatures=("channels.generic.websocket:JsonWebsocketConsumer.send_json",
                        "channels.generic.websocket:AsyncJsonWebsocketConsumer.send_json"),
        ),
    ),
    # No constants of its own; daphne (an optional extra) is autobahn underneath and
    # refuses IntEnum members, so another library's enum is no safe substitute.
    runtime_accepts=((1000, 1000), (3000, 4999)),
    # daphne hands the code to autobahn's sendClose, which checks ``type(code) is int``.
    requires_plain_int=True,
    plain_int_refusal="daphne hands it to autobahn's sendClose, which refuses anything but a plain int",
    runtime_refusal="daphne, Channels' reference server, sends a close through autobahn, which accepts only 1000 and 3000–4999",
    runtime_note="no check in Channels; under daphne only 1000 and 3000–4999 are sent, anything else raises in send()",
)
