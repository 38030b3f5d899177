"""Per-module summaries kept between runs, so that checking one file of a large project
does not re-read the whole project.

``SummaryCache(root, version)`` stores, for each module file, one opaque payload (the
caller's summary, as bytes) with the key of the file's data it was computed from; ``get``
returns it only while the key still matches.  Keys come from ``key_for_bytes(data)`` (the
file's content) or ``key_for_stat(path)`` (size, mtime, ctime and inode: no read at all).

Layout on disk::

    <root>/.wscc_cache/
        .gitignore          "*": git never sees the cache (as ruff does)
        CACHEDIR.TAG        the standard tag backup tools skip
        ab/cdef0123...      one entry per module file: sha1 of its path relative to
                            <root> ("/"-separated; absolute when outside), sharded by the
                            first two hex digits

An entry is::

    b"wscc-summary-cache 1\\n"                                  magic and format
    json([version, relative path, data key, size, crc32]) b"\\n"  one line, ASCII
    payload                                                    ``size`` bytes

``get`` accepts an entry only if all of it checks out: magic, the cache's ``version``
(the caller's: wscc's version and its summary format), the path (two paths whose hashes
collide never share an entry), the key, the payload's size and CRC-32.  Anything else (a
truncated or corrupt file, another wscc version, another file's content) is a miss, and
the next ``put`` replaces it: the cache rebuilds itself silently.

Writes go to a temporary file in the entry's folder, then ``os.replace``: readers see the
old entry or the new one, never a part, so several processes (pre-commit's parallel
batches, ``flake8 -j``) can read and write the same entries at once.  The last writer
wins, and every entry a reader accepts is one some writer wrote whole.

Creating a file is the costly part (tens of microseconds on a laptop's disk, far more on
some virtual and network disks, against a few for a read): ``put`` of exactly the entry
already stored (parallel processes summarising the same module) writes nothing, and a
caller should store only summaries that cost more to recompute than that.

The cache never raises for the file system: a root that does not exist or cannot be
written, a file where the folder should be, a full disk, all make it a cache that misses
(``get`` is ``None``, ``put`` is ``False``), and the run goes on uncached.  With
``enabled=False`` it touches nothing.  One entry per module file keeps its size bounded
by the project's; entries of deleted files stay until the folder is removed
(``rm -rf .wscc_cache`` is always safe).
"""

from __future__ import annotations

import marshal
import os
import stat as stat_module
import time
import zlib
from pathlib import Path
from typing import Iterable

#: The cache folder, under the project root.
CACHE_DIR = ".wscc_cache"

#: The first line of every entry; a change of the on-disk format changes it.
MAGIC = b"wscc-summary-cache 1\n"

GITIGNORE = b"# Automatically created by wscc.\n*\n"
CACHEDIR_TAG = (b"Signature: 8a477f597d28d172789f06886806bc55\n"
                b"# This file is a cache directory tag created by wscc.\n"
                b"# For information about cache directory tags see https://bford.info/cachedir/\n")

#: A file modified less than this many seconds ago gets no stat key: a second write within
#: the file system's timestamp granularity could leave size, mtime and inode unchanged.
RACY_SECONDS = 2.0


def _sha1(data: bytes) -> str:
    """The SHA-1 hex digest of ``data``, from CPython's own ``_sha1`` when it has one:
    ``hashlib`` loads its OpenSSL binding first, 4-5 ms of a cold run (imported when
    needed, never on a clean run)."""
    try:
        from _sha1 import sha1
    except ImportError:  # another Python: the same digest through hashlib
        from hashlib import sha1
    return sha1(data).hexdigest()


def key_for_bytes(data: bytes) -> str:
    """The key of a file's content: ``"sha1:<hex>"``."""
    return "sha1:" + _sha1(data)


def key_for_text(text: str) -> str:
    """The key of a module's decoded text (what a summary depends on): ``"sha1:<hex>"``."""
    return key_for_bytes(text.encode("utf-8", "surrogatepass"))


def key_for_stat(path: str | os.PathLike[str] | os.stat_result, now: float | None = None) -> str | None:
    """The key of a file from its metadata alone: ``"stat:<size>:<mtime_ns>:<ctime_ns>:<inode>"``.

    ``None`` when there is no trustworthy one: the file cannot be stat'ed or is not a
    regular file, or it was modified less than ``RACY_SECONDS`` before ``now`` (default:
    the current time), when a later write could go unnoticed.  Then read the file and
    use ``key_for_bytes``.  Take the key *before* reading the file the summary comes
    from, so that a write in between makes the stored key stale, not the summary."""
    info = trusted_stat(path, now)
    return None if info is None else f"stat:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"


def trusted_stat(path: str | os.PathLike[str] | os.stat_result, now: float | None = None) -> os.stat_result | None:
    """The file's metadata, if it can identify the file's content: ``None`` when it cannot
    be stat'ed, is not a regular file, or was modified less than ``RACY_SECONDS`` before
    ``now`` (default: the current time)."""
    if isinstance(path, os.stat_result):
        info = path
    else:
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return None
    if not stat_module.S_ISREG(info.st_mode):
        return None
    if (time.time() if now is None else now) - info.st_mtime < RACY_SECONDS:
        return None
    return info


def stamp_of(path: str | os.stat_result, now: float) -> list[int] | None:
    """A manifest's stamp of a file: [size, mtime, inode] of ``trusted_stat``, or ``None``."""
    info = trusted_stat(path, now)
    return None if info is None else [info.st_size, info.st_mtime_ns, info.st_ino]


class SummaryCache:
    """Payloads per module file under ``<root>/.wscc_cache/`` (see the module docstring).

    ``version`` names what the payloads mean (wscc's version and its summary format):
    entries written under another version are misses.  ``enabled=False`` (``--no-cache``)
    makes every ``get`` a miss and every ``put`` a no-op without touching the disk."""

    def __init__(self, root: str | os.PathLike[str], version: str, enabled: bool = True) -> None:
        self.root = Path(os.path.abspath(root))
        self.version = version
        self.enabled = enabled
        self.directory = self.root / CACHE_DIR
        self._directory = str(self.directory)
        self._prefix = str(self.root).rstrip(os.sep) + os.sep
        self._writable: bool | None = None  # not tried yet
        self._shards: set[str] = set()

    def _entry(self, path: str | os.PathLike[str]) -> tuple[str, str]:
        """(the path as stored in the entry, the entry's file)."""
        absolute = os.path.abspath(path)
        if absolute.startswith(self._prefix):
            relative = absolute[len(self._prefix):]
        else:
            relative = absolute  # outside the root: stored by its absolute path
        name = relative.replace(os.sep, "/")
        digest = _sha1(name.encode("utf-8", "surrogateescape"))
        return name, os.path.join(self._directory, digest[:2], digest[2:])

    def get(self, path: str | os.PathLike[str], data_key: str) -> bytes | None:
        """The payload stored for ``path`` under ``data_key``, or ``None``."""
        if not self.enabled:
            return None
        name, entry = self._entry(path)
        try:
            with open(entry, "rb") as handle:
                data = handle.read()
        except (OSError, ValueError):
            return None
        return self._decode(data, name, data_key)

    def _decode(self, data: bytes, name: str, data_key: str) -> bytes | None:
        if not data.startswith(MAGIC):
            return None
        end = data.find(b"\n", len(MAGIC))
        if end < 0:
            return None
        try:
            import json  # a cached summary's header: only for a module that can send

            header = json.loads(data[len(MAGIC):end])
        except ValueError:  # also UnicodeDecodeError
            return None
        if not isinstance(header, list) or len(header) != 5:
            return None
        version, stored_name, stored_key, size, crc = header
        if version != self.version or stored_name != name or stored_key != data_key:
            return None
        payload = data[end + 1:]
        if len(payload) != size or zlib.crc32(payload) != crc:
            return None
        return payload

    def put(self, path: str | os.PathLike[str], data_key: str, payload: bytes) -> bool:
        """Store ``payload`` for ``path`` under ``data_key``, replacing what was there;
        ``False`` if it could not be stored (disabled, or the folder is not writable)."""
        if not self.enabled or not self._prepare():
            return False
        name, entry = self._entry(path)
        import json

        header = json.dumps([self.version, name, data_key, len(payload), zlib.crc32(payload)]).encode("ascii")
        blob = b"".join([MAGIC, header, b"\n", payload])
        try:
            with open(entry, "rb") as handle:
                if handle.read(len(blob) + 1) == blob:
                    return True  # another process stored the same: creating a file costs more than a read
        except (OSError, ValueError):
            pass
        shard = os.path.dirname(entry)
        if shard not in self._shards:
            try:
                os.mkdir(shard)
            except FileExistsError:
                pass
            except OSError:
                return False
            self._shards.add(shard)
        return self._write(entry, [blob])

    def store(self, path: str, parts: list[bytes]) -> bool:
        """Write a whole file of the cache folder (a manifest, a tree snapshot) atomically;
        ``False`` if the cache is off or its folder cannot be written."""
        return self.enabled and self._prepare() and self._write(path, parts)

    def _prepare(self) -> bool:
        """Create the cache folder (never the root) with its ``.gitignore`` and tag, once."""
        if self._writable is None:
            self._writable = False
            try:
                os.mkdir(self._directory)
            except FileExistsError:
                pass
            except OSError:
                return False
            if not os.path.isdir(self._directory):
                return False  # a file where the folder should be
            self._writable = True
            for name, content in ((".gitignore", GITIGNORE), ("CACHEDIR.TAG", CACHEDIR_TAG)):
                target = os.path.join(self._directory, name)
                if not os.path.exists(target) and not self._write(target, [content]):
                    break
        return self._writable

    def _write(self, target: str, parts: list[bytes]) -> bool:
        """Write ``parts`` to ``target`` through a temporary file and ``os.replace``.  A
        folder that refuses new files turns the cache off for the rest of the run; a refused
        replace (Windows, while a reader holds the file) loses only this write."""
        import tempfile

        folder = os.path.dirname(target)
        try:
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        except OSError:
            self._writable = False
            return False
        try:
            with os.fdopen(handle, "wb") as stream:
                for part in parts:
                    stream.write(part)
        except OSError:
            self._writable = False
            _remove(temporary)
            return False
        try:
            os.replace(temporary, target)
        except OSError:
            _remove(temporary)
            return False
        return True


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _document(magic: bytes, version: str, extra: list, content) -> list[bytes]:
    """A one-file cache document: the ``magic`` line, then, in ``marshal``'s format,
    ``[version, crc32 of the body, *extra, body]``, the body being ``content`` marshalled
    (plain lists, dicts, strings and numbers: ten times faster than JSON for a manifest of
    ten thousand modules, and no ``json`` import on a warm run).  The version names the
    encoding too (``_BODY_FORMAT``)."""
    body = marshal.dumps(content)
    return [magic, marshal.dumps([f"{version}; {_BODY_FORMAT}", zlib.crc32(body), *extra, body])]


#: What every cache document's version names about its encoding.
_BODY_FORMAT = f"marshal {marshal.version}"


def _read_document(path: str, magic: bytes, version: str) -> tuple[list, object] | None:
    """(the extra fields, the content) of a ``_document`` written under ``version``;
    ``None`` for anything else (missing, damaged, another version)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    if not data.startswith(magic):
        return None
    try:
        # marshal checks every length against the data: a damaged file raises, never reads past it.
        fields = marshal.loads(data[len(magic):])
        if not isinstance(fields, list) or len(fields) < 3 or fields[0] != f"{version}; {_BODY_FORMAT}":
            return None
        body = fields[-1]
        if not isinstance(body, bytes) or zlib.crc32(body) != fields[1]:
            return None
        return fields[2:-1], marshal.loads(body)  # the checksum matched: what was written
    except (ValueError, TypeError, EOFError):
        return None


#: The first line of the manifest; a change of its format changes it.
MANIFEST_MAGIC = b"wscc-manifest 5\n"
MANIFEST_NAME = "manifest"


class Manifest:
    """What the last run saw of each module file of a project, so that an unchanged tree
    costs a ``stat`` per file instead of a read: for each file (by its path relative to
    the root), its size, mtime and inode when seen, whether it passed the text gate, its
    content key when it did (for the summary cache), and the modules its import lines
    read, when they were worth finding: a file whose imports are not recorded (``None``)
    passed no ``Screen`` of the words in ``screened`` (it imports nothing that a module of
    those names offers), so while the index's words are among them it needs no read.

    One file, ``<root>/.wscc_cache/manifest``: the magic line, then ``[version, crc32,
    complete, screened, sink modules, entries]`` (``_document``; ``complete``: a walk of
    the whole project wrote it, so it knows every module that can send; the sink modules
    define a class whose attribute a module that can send sends, ``ProjectIndex.sink_modules``:
    a run on such a module alone must index the project).  Anything that does not
    check out (another wscc version or gate, a truncated or corrupt file) is an empty
    manifest, and ``save`` replaces it whole (atomically, as every cache write).  A file
    modified within ``RACY_SECONDS`` of being seen is not recorded: a second write within
    the file system's timestamp granularity could leave size, mtime and inode unchanged."""

    def __init__(self, cache: SummaryCache, now: float | None = None) -> None:
        from wscc.gate import IMPORT_ROOTS, MESSAGE_TYPES

        self.cache = cache
        # Whether a file passed the gate depends on the gate's words as much as on wscc's version.
        self.version = f"{cache.version}; gate {zlib.crc32(' '.join([*sorted(IMPORT_ROOTS), *MESSAGE_TYPES]).encode())}"
        self.now = time.time() if now is None else now
        self.path = str(cache.directory / MANIFEST_NAME)
        self._prefix = str(cache.root).rstrip(os.sep) + os.sep
        #: Did a walk of the whole project write it (every module is in it)?
        self.complete = False
        #: The words every entry without imports was screened against (see above).
        self.screened: frozenset[str] = frozenset()
        #: The modules another module's sends reach through a class's attribute (see above).
        self.sink_modules: frozenset[str] = frozenset()
        self.entries: dict[str, list] = self._load() if cache.enabled else {}
        #: Did it hold anything to look up (a run before this one wrote it)?
        self.loaded = bool(self.entries)
        self._unseen: set[str] = set(self.entries)  # recorded before, not seen this run (yet)
        self._unrecorded = False  # a module seen this run that could not be recorded
        self._changed = False

    def _load(self) -> dict[str, list]:
        found = _read_document(self.path, MANIFEST_MAGIC, self.version)
        if found is None or len(found[0]) != 3 or not isinstance(found[1], dict) or not isinstance(
                found[0][1], list) or not isinstance(found[0][2], list):
            return {}
        self.complete = found[0][0] is True
        self.screened = frozenset(word for word in found[0][1] if isinstance(word, str))
        self.sink_modules = frozenset(module for module in found[0][2] if isinstance(module, str))
        return found[1]

    def _name(self, path: str) -> str:
        return path[len(self._prefix):] if path.startswith(self._prefix) else path

    def stamp(self, path: str | os.stat_result) -> list[int] | None:
        """(size, mtime, inode) of a file now (or of the metadata given, taken before its
        read), or ``None`` when it must not be trusted (cannot be stat'ed, not a regular
        file, or modified too recently)."""
        return stamp_of(path, self.now)

    def lookup(self, path: str, module: str) -> tuple[bool, str | None, list[str] | None] | None:
        """(passed the gate, content key, imported modules) as last seen, if the file is
        unchanged since (same size, mtime and inode) and still the same module (relative
        imports mean other modules when it is not); else ``None``: read it."""
        if not self.loaded:
            return None  # the first run: nothing to look up (what this run records is no answer)
        name = self._name(path)
        self._unseen.discard(name)
        entry = self.entries.get(name)
        if entry is None:
            return None
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return None
        if entry[:3] != [info.st_size, info.st_mtime_ns, info.st_ino] or entry[6] != module:
            return None
        return entry[3], entry[4], entry[5]

    def module_names(self) -> dict[str, str]:
        """Absolute path -> module name, of every file recorded."""
        return {self._prefix + name: entry[6] for name, entry in self.entries.items() if not os.path.isabs(name)}

    def known_senders(self) -> list[tuple[str, str]]:
        """(module, absolute path) of every file that passed the gate when last seen."""
        return [(entry[6], self._prefix + name if not os.path.isabs(name) else name)
                for name, entry in self.entries.items() if entry[3]]

    def record(self, path: str, module: str, stamp: list[int], gated: bool, key: str | None,
               imports: list[str] | None = None) -> None:
        self.entries[self._name(path)] = _entry(module, stamp, gated, key, imports)
        self._changed = True

    def unsent_entries(self, files: list[tuple[str, str]], stamps: list[list[int]]) -> dict[str, list]:
        """What ``record`` would keep of each (module, path) that did not pass the gate
        and was screened against nothing, by its stamp: for ``record_entries``."""
        return {self._name(path): _entry(module, stamp, False, None, None)
                for (module, path), stamp in zip(files, stamps)}

    def record_entries(self, entries: dict[str, list]) -> None:
        """Many ``record``s at once (``unsent_entries``)."""
        self.entries.update(entries)
        self._unseen.difference_update(entries)
        self._changed = True

    def sinks_in(self, modules: set[str]) -> None:
        """The modules that define a class whose attribute a sending module sends, now."""
        if frozenset(modules) != self.sink_modules:
            self.sink_modules, self._changed = frozenset(modules), True

    def screened_against(self, words: frozenset[str]) -> None:
        """Every entry without imports has now been screened against ``words``."""
        if words != self.screened:
            self.screened, self._changed = words, True

    def unrecorded(self, path: str) -> None:
        """A module this run saw but could not record (racy, or unreadable)."""
        self._unseen.discard(self._name(path))
        self._unrecorded = True

    def remember_imports(self, path: str, imports: list[str]) -> None:
        entry = self.entries.get(self._name(path))
        if entry is not None and entry[5] != imports:
            entry[5] = imports
            self._changed = True

    def save(self, whole: bool) -> bool:
        """Write the manifest if anything changed; ``False`` if nothing was written.
        ``whole``: this run saw every module of the project, so the files it did not see
        are gone (deleted, or excluded) and the manifest is complete."""
        gone = [name for name in self._unseen if name in self.entries] if whole else []
        for name in gone:
            del self.entries[name]
        if whole and self.complete != (not self._unrecorded):
            # Complete only when every module is in it: a racy file left out might send.
            self.complete, self._changed = not self._unrecorded, True
        if not (self._changed or gone):
            return False
        self._changed = False
        return self.cache.store(self.path, _document(MANIFEST_MAGIC, self.version,
                                                         [self.complete, sorted(self.screened),
                                                          sorted(self.sink_modules)], self.entries))


def _entry(module: str, stamp: list[int], gated: bool, key: str | None, imports: list[str] | None) -> list:
    """A manifest entry: ``[size, mtime, inode, gated, key, imports, module]`` (``lookup``
    reads it by position)."""
    return [*stamp, gated, key, imports, module]


#: The first line of the tree snapshot; a change of its format changes it.
TREE_MAGIC = b"wscc-tree 3\n"
TREE_NAME = "tree"
#: The snapshot of the index build's own walk of a project (the flake8 plugin's: it is
#: given one file at a time, so no front end walks for it); apart from ``TREE_NAME``, whose
#: walks obey ``wscc``'s exclusions.
INDEX_TREE_NAME = "tree-index"


class TreeSnapshot:
    """The files a walk of one folder found last time, and the modification time of every
    folder it listed, so that a run on an unchanged tree costs a ``stat`` per folder
    instead of listing it: adding, removing or renaming an entry changes the modification
    time of the folder that holds it, so while no listed folder's time has changed, the
    walk would find the same files in the same order.

    One file, ``<root>/.wscc_cache/tree``: the magic line, then ``[version, crc32, walks]``
    (``_document``), the walks ``{folder walked: [{listed folder: mtime}, [files], [marked]]}`` (all
    relative to the root).  ``version`` names wscc's version and what exclusions the walk
    obeyed.  A folder changed within ``RACY_SECONDS`` of the walk is no ground for a
    snapshot (nothing is stored); anything that does not check out is no snapshot."""

    def __init__(self, cache: SummaryCache, version: str, now: float | None = None, name: str = TREE_NAME) -> None:
        self.cache = cache
        self.version = version
        self.now = time.time() if now is None else now
        self.path = str(cache.directory / name)
        self._prefix = str(cache.root).rstrip(os.sep) + os.sep
        self.walks: dict[str, list] = self._load() if cache.enabled else {}

    def _load(self) -> dict[str, list]:
        found = _read_document(self.path, TREE_MAGIC, self.version)
        return found[1] if found is not None and isinstance(found[1], dict) else {}

    def _relative(self, path: str) -> str | None:
        if path.startswith(self._prefix):
            return path[len(self._prefix):]
        return "" if path + os.sep == self._prefix else None

    def files(self, top: str) -> list[str] | None:
        """The absolute paths of the files the last walk of ``top`` (absolute) found, if no
        folder it listed has changed since; else ``None``: walk."""
        name = self._relative(top)
        walk = self.walks.get(name) if name is not None else None
        if not isinstance(walk, list) or len(walk) != 3:
            return None
        stamps, files, _marked = walk
        root = self._prefix
        try:
            for folder, mtime in stamps.items():
                if os.stat(root + folder if folder else root.rstrip(os.sep)).st_mtime_ns != mtime:
                    return None
        except (OSError, ValueError, TypeError, AttributeError):
            return None
        return [root + file for file in files]

    def marked(self, top: str) -> set[str]:
        """The absolute paths of the folders of the last walk of ``top`` that hold a file
        marking a project root (``pyproject.toml``, ...): call after ``files`` said yes."""
        walk = self.walks.get(self._relative(top) or "")
        return {self._prefix + folder if folder else self._prefix.rstrip(os.sep) for folder in walk[2]} if walk else set()

    def restore(self, top: str, listings, is_excluded) -> list[str] | None:
        """``files(top)``, and when the tree is unchanged, hand that walk to the run's
        ``wscc.files.Listings`` as made with ``is_excluded`` (with which folders hold a root
        marker), so that nothing under ``top`` is listed."""
        files = self.files(top)
        if files is not None:
            listings.remember_walk(top, is_excluded, files)
            listings.unchanged.add(top)
            listings.marked |= self.marked(top)
        return files

    def record_walk(self, top: str, listings, is_excluded) -> bool:
        """``record`` the walk of ``top`` the run's listings remember for ``is_excluded``,
        with the listed folders' times (``Listings(stamp_folders=True)``)."""
        from wscc.project.layout import ROOT_MARKERS

        walked = listings.walk_of(top, is_excluded)
        stamps = listings.stamps
        if walked is None or not stamps:
            return False
        return self.record(top, walked, stamps, [folder for folder in stamps if listings.holds(folder, ROOT_MARKERS)])

    def record(self, top: str, files: list[str], stamps: dict[str, int], marked: Iterable[str] = ()) -> bool:
        """Remember a finished walk of ``top`` (absolute paths throughout) and which of its
        folders hold a root marker; ``False`` when it is no ground for a snapshot (a folder
        changed moments ago, a path outside)."""
        name = self._relative(top)
        if name is None or not self.cache.enabled or any(
                self.now - mtime / 1e9 < RACY_SECONDS for mtime in stamps.values()):
            return False
        relative_stamps, relative_files = {}, []
        for folder, mtime in stamps.items():
            relative = self._relative(folder)
            if relative is None:
                continue  # a folder above the root, looked at for its markers: not the walk's
            relative_stamps[relative] = mtime
        for file in files:
            relative = self._relative(file)
            if not relative:
                return False
            relative_files.append(relative)
        marked_relative = [relative for relative in map(self._relative, marked) if relative is not None]
        self.walks[name] = [relative_stamps, relative_files, marked_relative]
        return self.cache.store(self.path, _document(TREE_MAGIC, self.version, [], self.walks))
