"""playwright WebSocketRoute.close(*, code): the page side is a mock (any code reaches the
page); the server side goes through the browser, which drops all but 1000/3000–4999 (WSC108)."""

from playwright.async_api import Page, WebSocketRoute


async def mock(page: Page):
    async def handler(ws: WebSocketRoute):
        await ws.close(code=1008, reason="policy")  # expect: WSC202:29
        server = ws.connect_to_server()
        await server.close(code=1001)  # expect: WSC108:33
        await server.close(code=4000)  # expect: WSC203:33
        await server.close()
        ws.on_close(lambda code, reason: print(code == 1006))

    await page.route_web_socket("/ws", handler)


async def route_parameter(page: Page):
    def on_route(route):
        route.close(code=1005)  # expect: WSC101:26

    await page.route_web_socket("/chat", on_route)
