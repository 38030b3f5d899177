"""Raw ASGI: ``await send({"type": "websocket.close", "code": ...})``.

No import is needed for this shape; the detector recognises the dict itself.
"""

from wscc.spec import Library, MessageSend

#: The ``type`` of the message that closes a WebSocket, and its keys.
CLOSE_MESSAGE_TYPE = "websocket.close"
CODE_KEY = "code"
REASON_KEY = "reason"

LIBRARY = Library(
    name="asgi",
    imports=(),
    # A message is recognised by its shape wherever it is written: raw ASGI apps import
    # nothing to send it.
    message_sends=(MessageSend(CLOSE_MESSAGE_TYPE, code_key=CODE_KEY, reason_key=REASON_KEY),),
    runtime_note="depends on the ASGI server (uvicorn raises, hypercorn rewrites, granian sends anything)",
)
