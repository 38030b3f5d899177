"""Structure: a library subclass that overrides close() is called through the override;
a variable built from a class is that class, whatever protocol it also satisfies."""

from typing import Protocol

from starlette.websockets import WebSocket


class SafeWebSocket(WebSocket):
    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        if code in (1005, 1006, 1015):
            code = 1011
        await super().close(code, reason)


class Forwarding(WebSocket):
    async def close(self, code: int = 1000, reason: str | None = None) -> None:  # expect: WSC201:39
        await super().close(code, reason)


async def endpoint(websocket: SafeWebSocket, other: Forwarding):
    await websocket.close(1006)  # the override maps it to 1011
    await other.close(1006)  # expect: WSC101:23


class Stoppable(Protocol):
    async def close(self, code: int) -> None: ...


class Worker:
    def __init__(self, proc):
        self.proc = proc

    async def close(self, code: int) -> None:
        self.proc.terminate()


class Connection:
    def __init__(self, websocket: WebSocket):
        self.websocket = websocket

    async def close(self, code: int) -> None:
        await self.websocket.close(code)


async def stop(proc):
    worker: Stoppable = Worker(proc)
    await worker.close(1006)
