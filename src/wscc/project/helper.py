"""A second process for the index build's first read of a large project.

A cold ``wscc .`` on a large tree spends most of its index build reading, decoding and
gating every file.  A process pool cannot share that work: the screen for callers
(``wscc.project.index.Screen``) needs every text again once the gated modules are
summarized, and sending ten thousand texts back costs what the second core saved.  So
one forked helper and the build take chunks of the files from a shared queue until none
is left (a pipe filled before the fork: each read of it takes one chunk's number), so
that both finish together whatever the files weigh.  The helper sends back what the
manifest and the index need of each file of its chunks (texts only of the files that
pass the gate, and of package ``__init__`` files), keeps the rest, and screens them each
time the build screens its own: which of its texts pass, with those texts.

Only where ``os.fork`` is the platform's way of starting processes (Linux): the helper
inherits the builder as it is, and runs nothing but the reads and the screens.  A helper
that fails (it cannot start, it dies, an answer does not arrive whole) is no problem:
the build reads its chunks itself (``RemoteShare.failed``).
"""

from __future__ import annotations

import marshal
import os
import sys
from typing import Callable, Sequence

#: A project with fewer modules is read in one process (a fork and the answers cost more).
FORK_FROM = 1000

#: Files per chunk: small enough that the two finish within a chunk of each other, large
#: enough that taking one costs nothing.  At most ``_MOST_CHUNKS`` chunks (their numbers
#: must fit in the pipe before the fork: 16 KB).
CHUNK = 64
_MOST_CHUNKS = 4096

_LENGTH = 8  # bytes of the length before each message
_NUMBER = 4  # bytes of a chunk's number in the queue


def can_fork() -> bool:
    """Does ``os.fork`` start processes here (the helper inherits the builder)?"""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class RemoteShare:
    """The files a helper process shares the reading of (``start``), and its answers."""

    def __init__(self, files: Sequence[tuple[str, str]],
                 read: Callable[[list[tuple[str, str]]], tuple[object, dict[str, str]]]) -> None:
        size = max(CHUNK, -(-len(files) // _MOST_CHUNKS))
        #: The (module, path) of every file, in chunks, in order.
        self.chunks = [list(files[start:start + size]) for start in range(0, len(files), size)]
        #: Run in the helper on each chunk it takes: (the answer sent back, module -> the
        #: texts it keeps for the screens).  The answer holds only what ``marshal`` can write.
        self.read = read
        self.failed = False
        self._pid = 0
        self._queue = self._to_helper = self._from_helper = -1

    def start(self) -> bool:
        """Fill the queue and fork the helper; ``False`` (and nothing started) when it cannot be."""
        made: list[int] = []
        try:
            queue = os.pipe()
            made += queue
            os.write(queue[1], b"".join(number.to_bytes(_NUMBER, "little") for number in range(len(self.chunks))))
            os.close(queue[1])
            made.remove(queue[1])
            to_helper = os.pipe()
            made += to_helper
            from_helper = os.pipe()
            made += from_helper
            pid = os.fork()
        except OSError:
            for descriptor in made:
                os.close(descriptor)
            self.failed = True
            return False
        if pid == 0:  # the helper: never returns
            os.close(to_helper[1])
            os.close(from_helper[0])
            self._queue = queue[0]
            _serve(self, to_helper[0], from_helper[1])
        os.close(to_helper[0])
        os.close(from_helper[1])
        self._pid, self._queue, self._to_helper, self._from_helper = pid, queue[0], to_helper[1], from_helper[0]
        return True

    def next_chunk(self) -> int | None:
        """The number of a chunk no process has taken yet (in either process), or ``None``."""
        if self._queue < 0:
            return None
        data = os.read(self._queue, _NUMBER)  # a pipe hands each read its own bytes
        if len(data) < _NUMBER:
            os.close(self._queue)
            self._queue = -1
            return None
        return int.from_bytes(data, "little")

    def results(self) -> dict[int, object] | None:
        """Chunk number -> what ``read`` answered for it, for every chunk the helper
        took; ``None`` if the helper failed (then its chunks are unknown: read them)."""
        return self._receive()

    def ask_screen(self, words: frozenset[str]) -> None:
        """Have the helper screen the texts it holds against ``Screen(words)`` while this
        process screens its own; ``screened`` has the answer."""
        if self.failed:
            return
        try:
            _send(self._to_helper, sorted(words))
        except OSError:
            self._fail()

    def screened(self) -> dict[str, str] | None:
        """Module -> text of those that pass (the helper holds them no more: every other
        module of the share has failed every screen so far); ``None`` if it failed."""
        return self._receive()

    def close(self) -> None:
        """Let the helper go (it exits when its pipe closes) and reap it."""
        for descriptor in (self._queue, self._to_helper, self._from_helper):
            if descriptor >= 0:
                try:
                    os.close(descriptor)
                except OSError:
                    pass
        self._queue = self._to_helper = self._from_helper = -1
        if self._pid:
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
            self._pid = 0

    def _receive(self):
        if self.failed:
            return None
        try:
            return _receive(self._from_helper)
        except (OSError, EOFError, ValueError, TypeError):
            self._fail()
            return None

    def _fail(self) -> None:
        self.failed = True
        self.close()


def _serve(share: RemoteShare, commands: int, answers: int) -> None:
    """The helper's life: read the share, answer screens until the build closes the pipe."""
    status = 0
    try:
        from wscc.project.index import Screen

        answered: dict[int, object] = {}
        held: dict[str, str] = {}  # the texts not sent, for the screens
        for number in iter(share.next_chunk, None):
            answered[number], kept = share.read(share.chunks[number])
            held.update(kept)
        _send(answers, answered)
        del answered
        while True:
            try:
                words = _receive(commands)
            except EOFError:
                break
            modules = list(held)
            passing = [modules[number] for number in Screen(words).passing(list(held.values()))]
            _send(answers, {module: held.pop(module) for module in passing})
    except BaseException:  # anything at all: the build sees the pipe close, and reads itself
        status = 1
    finally:
        os._exit(status)  # no atexit handlers, no flushing of buffers the parent owns


def _send(descriptor: int, message) -> None:
    data = marshal.dumps(message)
    view = memoryview(len(data).to_bytes(_LENGTH, "little") + data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _receive(descriptor: int):
    size = int.from_bytes(_read_exactly(descriptor, _LENGTH), "little")
    return marshal.loads(_read_exactly(descriptor, size))


def _read_exactly(descriptor: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(descriptor, min(size, 1 << 20))
        if not chunk:
            raise EOFError("the helper process closed its pipe")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
