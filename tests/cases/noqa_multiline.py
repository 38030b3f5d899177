"""``# noqa`` where flake8 looks for it: the finding's physical line, or any line of a
token that spans several (a triple-quoted string, a backslash continuation)."""

from starlette.websockets import WebSocket


async def endpoint(websocket: WebSocket) -> None:
    # A backslash joins the lines: the comment on the last one covers the first.
    await websocket.close(1006, \
                          "bye")  # noqa: WSC101
    # A multi-line string joins its lines too.
    await websocket.close(code=1006, reason="""gone
    """)  # noqa: WSC101
    # Inside brackets each line stands alone: the comment does not reach line 16.
    await websocket.close(
        code=1006,  # expect: WSC101:14
        reason="bye",
    )  # noqa: WSC101
    await websocket.close(  # noqa: WSC101
        code=1006,  # expect: WSC101:14
    )
