"""Django Channels consumer for the notification stream (served by daphne)."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

NOT_SUBSCRIBED = 4404


class NotificationConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        await self.accept()

    async def receive_json(self, content):
        if "topic" not in content:
            await self.send_json({"error": "no topic"}, close=NOT_SUBSCRIBED)
        elif content["topic"] == "maintenance":
            # daphne sends closes through autobahn, which refuses 1001.
            await self.close(code=1001)
        else:
            await self.send_json({"ok": True})

    async def disconnect(self, code):
        # A received code, not a sent one: nothing to check here.
        if code == 1006:
            pass
