"""Finding the Python files to check, and reading them safely.

Shared by ``wscc`` and ``wscc-fix`` so that both see exactly the same files.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

#: Folders never worth descending into.
SKIPPED_FOLDERS = frozenset({
    ".git", ".hg", ".svn", ".bzr", ".tox", ".nox", ".venv", "venv", ".direnv",
    "__pycache__", "__pypackages__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".wscc_cache",
    ".hypothesis", ".eggs", "build", "dist", "node_modules", "site-packages", "_build",
    "buck-out",
})


@dataclass(frozen=True)
class PathProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


#: A folder holding this file is a virtual environment: never checked.
VIRTUALENV_MARKER = "pyvenv.cfg"


class Listings:
    """What each folder holds, listed once per run: (name, is a folder, is a symbolic
    link) per entry, sorted by name, keyed by the folder's absolute path.

    The walk of the files to check and the project layout (``wscc.project.layout``) both
    list every folder of a tree; sharing one ``Listings`` makes the second pass free of
    system calls.  A snapshot: make one per run."""

    def __init__(self, stamp_folders: bool = False) -> None:
        self._folders: dict[str, tuple[list[tuple[str, bool, bool]], frozenset[str]] | OSError] = {}
        #: With ``stamp_folders``: each listed folder's modification time, taken just before
        #: it was listed (a folder whose entries change gets a new one).
        self.stamps: dict[str, int] | None = {} if stamp_folders else None
        #: Folders known to be exactly as when last walked (``TreeSnapshot``): a walk of
        #: one of them was remembered, not made; and which folders under them hold a
        #: project's root marker (the only ones a look-up of roots needs to know of).
        self.unchanged: set[str] = set()
        self.marked: set[str] = set()
        #: (absolute top, exclusion test) -> the absolute paths of every file a walk of
        #: that whole folder yielded (``iter_python_files`` of that one folder).
        self._walks: dict[tuple[str, Callable[[str], bool]], list[str]] = {}

    def under_unchanged(self, folder: str) -> bool:
        """Is ``folder`` (absolute) in a tree whose walk was remembered?"""
        return any(folder == top or folder.startswith(top + os.sep) for top in self.unchanged)

    def remember_walk(self, top: str, is_excluded: Callable[[str], bool], files: list[str]) -> None:
        """What a walk of ``top`` (absolute) found, as absolute paths (see ``walk_of``)."""
        self._walks[(top, is_excluded)] = files

    def walk_of(self, top: str, is_excluded: Callable[[str], bool]) -> list[str] | None:
        """The files a finished walk of ``top`` (absolute) with this very exclusion test
        yielded this run, as absolute paths; ``None`` if there was none."""
        return self._walks.get((top, is_excluded))

    def entries(self, folder: str) -> list[tuple[str, bool, bool]]:
        """The entries of ``folder`` (an absolute path); raises the ``OSError`` of listing it."""
        return self._listing(folder)[0]

    def names(self, folder: str) -> frozenset[str]:
        """The names in ``folder``; raises the ``OSError`` of listing it."""
        return self._listing(folder)[1]

    def holds(self, folder: str, names: Iterable[str]) -> bool:
        """Does ``folder`` hold one of ``names``?  (``False`` if it cannot be listed.)"""
        try:
            held = self._listing(folder)[1]
        except OSError:
            return False
        return any(name in held for name in names)

    def _listing(self, folder: str) -> tuple[list[tuple[str, bool, bool]], frozenset[str]]:
        found = self._folders.get(folder)
        if found is None:
            try:
                if self.stamps is not None:
                    self.stamps[folder] = os.stat(folder).st_mtime_ns
                with os.scandir(folder) as listing:
                    scanned = list(listing)
                # List comprehensions, not one generator: this runs for every entry of a tree.
                names = [entry.name for entry in scanned]
                try:
                    folders = [entry.is_dir(follow_symlinks=False) for entry in scanned]
                except OSError:  # an entry that vanished, on a file system without d_type
                    folders = [_is_folder(entry) for entry in scanned]
                links = [entry.is_symlink() for entry in scanned]
                found = (sorted(zip(names, folders, links)), frozenset(names))
            except OSError as error:
                found = error
            self._folders[folder] = found
        if isinstance(found, OSError):
            raise found
        return found


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def iter_python_files(
    paths: Iterable[str], is_excluded: Callable[[str], bool] = lambda path: False,
    explicit_excluded: Callable[[str], bool] | None = None, listings: Listings | None = None,
) -> Iterator[str | PathProblem]:
    """Yield each ``.py`` file under ``paths`` (sorted, no duplicates), or a
    ``PathProblem`` for a path that does not exist or cannot be listed.

    ``is_excluded`` decides for what the walk finds; ``explicit_excluded`` for the
    paths named themselves (by default ``is_excluded`` too; the front ends exclude a
    named path only with ``--force-exclude``).  Symlinked folders are not followed.
    ``listings``: the run's folder listings, shared with the project layout."""
    if explicit_excluded is None:
        explicit_excluded = is_excluded
    if listings is None:
        listings = Listings()
    paths = list(paths)
    seen: set[str] = set()
    for path in paths:
        if path == "-":
            yield path
            continue
        if os.path.isdir(path):
            if not explicit_excluded(path):
                if len(paths) > 1:
                    yield from _walk(path, is_excluded, seen, listings)
                    continue
                # One folder: what it holds is remembered, for the project layout's own walk.
                found, top = [], os.path.abspath(path)
                prefix = len(path)
                for item in _walk(path, is_excluded, seen, listings):
                    if isinstance(item, str):
                        found.append(top + os.sep + item[prefix:].lstrip(os.sep) if item[prefix:] else top)
                    yield item
                listings.remember_walk(top, is_excluded, found)
        elif os.path.isfile(path):
            real = os.path.realpath(path)
            if real not in seen and not explicit_excluded(path):
                seen.add(real)
                yield path
        elif os.path.islink(path):
            yield PathProblem(path, "broken symbolic link")
        else:
            yield PathProblem(path, "no such file or directory")


def _walk(top: str, is_excluded: Callable[[str], bool], seen: set[str],
          listings: Listings) -> Iterator[str | PathProblem]:
    """Depth first, each folder's files (sorted) before its subfolders (sorted), as
    ``os.walk`` would.  ``os.scandir`` entries answer "symlink?" and "folder?" without a
    ``stat`` per path, which matters in trees of many small folders (Django's locales)."""
    problems: list[PathProblem] = []
    # Symlinked folders are never entered, so a folder's real path is the top's real
    # path plus the same tail: one ``realpath`` per walk, not one per file.  The same
    # holds for the absolute path the listings are keyed by.
    real_top, absolute_top = os.path.realpath(top), os.path.abspath(top)
    pending = [top]
    while pending:
        folder = pending.pop()
        tail = "" if folder is top else os.sep + folder[len(top):].lstrip(os.sep)
        try:
            entries = listings.entries(absolute_top + tail)
        except OSError as error:
            problems.append(PathProblem(folder, f"cannot list folder: {error.strerror}"))
            continue
        if folder is not top and VIRTUALENV_MARKER in listings.names(absolute_top + tail):
            continue  # a virtualenv, seen from inside: no extra stat for every other folder
        real_folder = real_top + tail
        prefix = folder if folder.endswith(os.sep) else folder + os.sep
        subfolders = []
        for name, is_folder, is_link in entries:
            if is_folder:
                if name not in SKIPPED_FOLDERS and not name.endswith(".egg-info") and not is_excluded(prefix + name):
                    subfolders.append(prefix + name)
            elif name.endswith(".py"):
                path = prefix + name
                if is_link:
                    if os.path.isdir(path):
                        continue  # a symlinked folder named like a module: not entered
                    real = os.path.realpath(path)  # a broken link is yielded, and reported when read
                else:
                    real = real_folder + os.sep + name
                if real not in seen and not is_excluded(path):
                    seen.add(real)
                    yield path
        pending.extend(reversed(subfolders))
    yield from problems


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def lines_with_endings(text: str) -> list[str]:
    """The lines as Python numbers them, each with its own line ending (``str.splitlines``
    would also split on form feeds and other separators)."""
    return _LINE.findall(text)


class SourceError(Exception):
    """A file that cannot be read or decoded; the message is one line."""


#: A coding cookie can only be on the first two lines (PEP 263).
_MAYBE_COOKIE = re.compile(rb"\A(?:[^\r\n]*(?:\r\n|\r|\n))?[ \t\f]*#[^\r\n]*coding[:=]")


def decode(data: bytes, path: str = "<stdin>") -> tuple[str, str]:
    """Bytes to text the way Python itself would read the file: (text, encoding).

    Honours a BOM and a coding cookie; newlines are kept as they are.  The usual file
    (UTF-8, no BOM, no cookie) skips ``tokenize.detect_encoding``: a third of the cost of
    reading a tree of small files."""
    if not data.startswith(b"\xef\xbb\xbf") and not _MAYBE_COOKIE.match(data):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass  # the full path below says why, in Python's words
        else:
            if "\x00" in text:
                raise SourceError(f"{path}: contains NUL bytes (a binary file?)")
            return text, "utf-8"
    import io
    import tokenize  # only for a BOM or a coding cookie: a clean run never needs it

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        raise SourceError(f"{path}: {error.msg if hasattr(error, 'msg') else error}") from None
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise SourceError(f"{path}: cannot decode as {encoding}: {error.reason if hasattr(error, 'reason') else error}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise SourceError(f"{path}: contains NUL bytes (a binary file?)")
    return text, encoding


#: ``os.open`` flags for reading a source file (binary on Windows; not inherited by children).
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def read_bytes(path: str) -> tuple[bytes, os.stat_result]:
    """The file's bytes, and its metadata taken just before they were read (a write in
    between makes the metadata stale, never the bytes).  One descriptor, one ``fstat``
    and (for a file that does not grow) one ``read``: no file object, and the metadata
    a cache stamp needs costs no second look-up of the path.  Raises ``OSError``."""
    descriptor = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(descriptor)
        # One byte more than its size: a file that grew since is read to its end.
        chunks = [os.read(descriptor, info.st_size + 1 if info.st_size else 1 << 16)]
        while chunks[-1] and (len(chunks) > 1 or len(chunks[0]) > info.st_size):
            chunks.append(os.read(descriptor, 1 << 16))
    finally:
        os.close(descriptor)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks), info


def read_source(path: str) -> tuple[bytes, str]:
    """The raw bytes and decoded text of a file; raises ``SourceError``."""
    try:
        data = read_bytes(path)[0]
    except OSError as error:
        raise SourceError(f"{path}: cannot read: {error.strerror or error}") from None
    return data, decode(data, path)[0]
