"""SimpleWebSocketServer (dpallot): self.close(status, reason) in WebSocket subclasses."""

from SimpleWebSocketServer import SimpleWebSocketServer, WebSocket


class Echo(WebSocket):
    def handleMessage(self):
        if self.data == "quit":
            self.close(1006, "bye")  # expect: WSC101:24
        self.close(status=4000)  # expect: WSC203:27
        self.close()

    def handleClose(self):
        print(self.address)


SimpleWebSocketServer("", 8000, Echo).serveforever()
